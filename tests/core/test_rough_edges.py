"""Rough edges found in the trial (issue 14): the export wizard offers what
the user may export and logs refusals, xlsx downloads log nothing, lists,
calendar, labels, settings and the CSO form read as a new user expects."""

import json

from lxml import etree

from odoo.exceptions import AccessError, ValidationError

from tests.common import NpmHttpCase, call_kw_answer
from tests.core.export_common import ExportCase
from tests.core.visit_common import NpmVisitCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _arch(env, xmlid, view_type="form", model=None):
    view = env.ref(xmlid)
    arch = env[model or view.model].get_view(view.id, view_type)["arch"]
    return etree.fromstring(arch)


class TestExportWizardChoices(ExportCase):
    def _offered(self, user):
        Wizard = self.env["npm.cso.export.wizard"].with_user(user)
        offered = dict(Wizard._fields["report_type"]._description_selection(Wizard.env))
        selection = Wizard.fields_get(["report_type"])["report_type"]["selection"]
        self.assertEqual(dict(selection), offered)
        return offered

    def test_registers_offered_per_role(self):
        every = set(self.env["npm.cso.export.wizard"]._get_registers())
        for user in (self.officer, self.cleared):
            with self.subTest(user=user.login):
                offered = self._offered(user)
                self.assertNotIn("releases", offered)
                self.assertEqual(set(offered), every - {"releases"})
                self.assertEqual(offered["findings"], "Visit Findings")
        offered = self._offered(self.manager)
        self.assertEqual(set(offered), every)
        self.assertEqual(offered["releases"], "Information Releases")
        # nothing for users outside the app
        for user in (self.employee, self.portal_expert):
            with self.subTest(user=user.login):
                self.assertEqual(self._offered(user), {})

    def test_state_filter_lists_the_states_of_the_chosen_register(self):
        Wizard = self.env["npm.cso.export.wizard"].with_user(self.officer)
        registers = Wizard._get_registers()
        for report_type, register in registers.items():
            with self.subTest(register=report_type):
                wizard = Wizard.new({"report_type": report_type})
                if not register.state_field:
                    self.assertFalse(wizard.state_options)
                    self.assertFalse(wizard.has_state_filter)
                    continue
                field = self.env[register.model]._fields[register.state_field]
                self.assertEqual(
                    wizard.state_options,
                    [value for value, _label in field._description_selection(self.env)],
                )
        agreements = Wizard.new({"report_type": "agreements"})
        self.assertIn("signed", agreements.state_options)
        self.assertNotIn("negotiation", agreements.state_options)
        findings = Wizard.new({"report_type": "findings"})
        self.assertEqual(findings.state_options, ["open", "in_progress", "resolved"])
        # the form filters the selection on them
        arch = _arch(self.env, "npm_cso_cooperation.npm_cso_export_wizard_view_form")
        state = arch.xpath("//field[@name='state']")[0]
        self.assertEqual(state.get("widget"), "filterable_selection")
        self.assertIn("'whitelist_fname': 'state_options'", state.get("options"))
        self.assertTrue(arch.xpath("//field[@name='state_options']"))

    def test_refused_attempt_is_logged_without_data(self):
        Log = self.env["npm.cso.export.log"]
        before = Log.search([])
        with self.assertRaisesRegex(AccessError, "Information Releases"):
            self._export(self.officer, "releases")
        line = Log.search([]) - before
        self.assertEqual(len(line), 1)
        self.assertEqual(line.outcome, "refused")
        self.assertEqual(line.user_id, self.officer)
        self.assertEqual(line.report_type, "releases")
        self.assertEqual(line.row_count, 0)
        self.assertFalse(line.filename or line.columns or line.file_sha256)
        self.assertFalse(line.filters)
        # a successful export says so
        self._export(self.officer, "partners")
        done = Log.search([], limit=1)
        self.assertEqual(done.outcome, "exported")
        # managers see the refusal, the officer does not read the log
        refused = Log.with_user(self.manager).search([("outcome", "=", "refused")])
        self.assertIn(line, refused)
        with self.assertRaises(AccessError):
            Log.with_user(self.officer).search([])


class TestExportHttp(NpmHttpCase):
    """Over HTTP: the download logs nothing; a refusal outlives the rollback
    of the request that raised it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = cls._user("t_http_officer", "npm_cso_cooperation.group_npm_user")

    @classmethod
    def _user(cls, login, group):
        from odoo.tests import new_test_user

        return new_test_user(cls.env, login=login, groups=group)

    def test_xlsx_download_logs_no_warning(self):
        self.authenticate(self.officer.login, self.officer.login)
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "partners"})
        )
        action = wizard.action_export()
        self.assertIn(f"mimetype={XLSX}", action["url"])
        with self.assertNoLogs("odoo", "WARNING"):
            response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertTrue(response.content.startswith(b"PK"))
        self.assertIn(wizard.filename, response.headers["Content-Disposition"])

    def test_refused_attempt_survives_the_rollback(self):
        Log = self.env["npm.cso.export.log"]
        before = Log.search([])
        self.authenticate(self.officer.login, self.officer.login)
        wizard_id, error = call_kw_answer(
            self, "npm.cso.export.wizard", "create", [{"report_type": "releases"}]
        )
        self.assertFalse(error)
        _result, error = call_kw_answer(
            self, "npm.cso.export.wizard", "action_export", [[wizard_id]]
        )
        self.assertIn("Information Releases", error["data"]["message"])
        line = Log.search([]) - before
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.user_id, line.report_type, line.outcome),
            (self.officer, "releases", "refused"),
        )


class TestListsAndLabels(NpmVisitCase):
    def test_last_visit_is_the_last_visit_done(self):
        place = self.env["npm.detention.place"].create(
            {"name": "Remand Centre", "place_type": "pretrial"}
        )
        self.assertFalse(place.last_visit_date)
        earlier = self._confirmed_visit(start=-40, place_id=place.id)
        earlier.action_done()
        last_done = self._confirmed_visit(start=-20, place_id=place.id)
        last_done.action_done()
        last_done.action_report()
        self._confirmed_visit(start=-5, place_id=place.id)  # not done yet
        self._visit(start=30, place_id=place.id)  # planned
        self._visit(start=-1, place_id=place.id).action_cancel()
        place.invalidate_recordset()
        self.assertEqual(place.visit_count, 4)
        self.assertEqual(place.last_visit_date, last_done.date_start)
        self.assertEqual(
            place.with_user(self.officer).last_visit_date, last_done.date_start
        )
        last_done.action_close()
        place.invalidate_recordset()
        self.assertEqual(place.last_visit_date, last_done.date_start)
        self.assertEqual(
            place._fields["last_visit_date"]._description_string(self.env),
            "Last Visit",
        )

    def test_date_fields_are_start_and_end_date(self):
        for model in ("npm.cso.agreement", "npm.cso.partnership"):
            fields_ = self.env[model]._fields
            with self.subTest(model=model):
                self.assertEqual(
                    fields_["date_start"]._description_string(self.env), "Start Date"
                )
                self.assertEqual(
                    fields_["date_end"]._description_string(self.env), "End Date"
                )

    def test_messages_show_dates_in_the_users_format(self):
        lang = self.env["res.lang"]._activate_lang("fr_FR")
        lang.date_format = "%d/%m/%Y"
        Partnership = self.env["npm.cso.partnership"].with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as caught:
            Partnership.create(
                {
                    "name": "Backwards",
                    "partner_id": self.cso.id,
                    "date_start": "2026-03-31",
                    "date_end": "2026-03-01",
                }
            )
        message = str(caught.exception)
        self.assertIn("31/03/2026", message)
        self.assertNotIn("2026-03-31", message)

    def test_reference_columns_are_never_truncated(self):
        for xmlid, field in (
            ("npm_cso_cooperation.npm_cso_agreement_view_list", "reference"),
            ("npm_cso_cooperation.npm_joint_visit_view_list", "name"),
            ("npm_cso_cooperation.npm_info_use_request_view_list", "name"),
            ("npm_cso_cooperation.npm_visit_finding_view_list", "visit_id"),
            ("npm_cso_cooperation.npm_visit_document_view_list", "visit_id"),
        ):
            with self.subTest(view=xmlid):
                arch = _arch(self.env, xmlid, "list")
                node = arch.xpath(f"//list/field[@name='{field}']")[0]
                self.assertEqual(node.get("width"), "120px")

    def test_calendar_shows_place_and_cso(self):
        visit = self._visit(start=12)
        arch = _arch(
            self.env, "npm_cso_cooperation.npm_joint_visit_view_calendar", "calendar"
        )
        self.assertEqual(arch.get("create_name_field"), "calendar_title")
        title = visit.with_user(self.officer).calendar_title
        self.assertIn(visit.name, title)
        self.assertIn(self.place.name, title)
        self.assertIn(self.cso.name, title)
        # dragging an event sends its title back with the new dates
        visit.with_user(self.officer).write(
            {
                "calendar_title": title,
                "date_start": self._days(13),
                "date_end": self._days(13),
            }
        )
        self.assertEqual(visit.date_start, self._days(13))
        self.assertEqual(visit.calendar_title, title)

    def test_settings_give_their_unit(self):
        arch = etree.tostring(
            _arch(
                self.env,
                "base.res_config_settings_view_form",
                model="res.config.settings",
            )
        ).decode()
        self.assertIn("days before the end date", arch)
        root = _arch(
            self.env, "base.res_config_settings_view_form", model="res.config.settings"
        )
        unit = root.xpath("//span[@name='npm_agreement_renewal_days_unit']")
        self.assertTrue(unit)
        self.assertIn("days", unit[0].text)

    def test_forms_show_no_technical_field_and_explain_orange(self):
        agreement = _arch(self.env, "npm_cso_cooperation.npm_cso_agreement_view_form")
        self.assertFalse(agreement.xpath("//field[@name='is_renewal_scheduled']"))
        self.assertIn("is_renewal_scheduled", self.env["npm.cso.agreement"]._fields)
        visit = _arch(self.env, "npm_cso_cooperation.npm_joint_visit_view_form")
        team = visit.xpath("//field[@name='member_ids']/list")[0]
        self.assertIn("not is_covered", team.get("decoration-warning"))
        legend = visit.xpath("//div[@name='coverage_legend']")
        self.assertTrue(legend)
        self.assertIn("Orange rows", "".join(legend[0].itertext()))

    def test_cso_form(self):
        form = _arch(self.env, "base.view_partner_form")
        pages = form.xpath("//notebook/page")
        cooperation = form.xpath("//page[@name='npm_cso_cooperation']")[0]
        # the Cooperation page comes first and takes the focus; other
        # contacts fall back to their first visible page
        self.assertIs(pages[0], cooperation)
        self.assertEqual(cooperation.get("autofocus"), "autofocus")
        self.assertEqual(
            [page.get("name") for page in pages if page.get("autofocus")],
            ["npm_cso_cooperation"],
        )
        # a person added to a CSO is a contact
        children = form.xpath("//field[@name='child_ids']")[0]
        self.assertIn(
            "'default_type': 'contact' if is_cso else 'other'", children.get("context")
        )
        # no "e.g. Lumber Inc" on a CSO
        names = form.xpath("//field[@name='name'][@placeholder]")
        lumber = [n for n in names if "Lumber" in n.get("placeholder")]
        ours = [n for n in names if n.get("id") == "cso_name"]
        self.assertEqual(len(ours), 1)
        self.assertNotIn("Lumber", ours[0].get("placeholder"))
        self.assertIn("not is_cso", ours[0].get("invisible"))
        for node in lumber:
            self.assertIn("is_cso", node.get("invisible"))


class TestExportWizardInTheBrowser(NpmHttpCase):
    """The form as an officer sees it: no release register, and the state
    filter of the agreements lists the agreements' states only."""

    allow_end_on_form = True  # the test ends on the wizard, never saved

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from odoo.tests import new_test_user

        cls.officer = new_test_user(
            cls.env, login="t_ui_officer", groups="npm_cso_cooperation.group_npm_user"
        )

    def test_officer_form_offers_what_they_may_export(self):
        code = """
        (async () => {
            const wait = async (selector) => {
                for (let i = 0; i < 150; i++) {
                    const el = document.querySelector(selector);
                    if (el) { return el; }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                throw new Error("not found: " + selector);
            };
            const radios = ".o_field_widget[name=report_type] input";
            await wait(radios + "[data-value=partners]");
            const offered = [...document.querySelectorAll(radios)].map(
                (input) => input.dataset.value
            );
            if (offered.includes("releases")) {
                throw new Error("releases offered: " + offered);
            }
            (await wait(radios + "[data-value=agreements]")).click();
            const select = await wait(".o_field_widget[name=state] select");
            const states = [...select.options].map((o) => o.value).filter(
                (v) => v && v !== "false"
            );
            const expected = EXPECTED;
            if (JSON.stringify(states.sort()) !== JSON.stringify(expected.sort())) {
                throw new Error("states offered: " + states);
            }
            console.log("test successful");
        })().catch((error) => console.error(error.message));
        """
        field = self.env["npm.cso.agreement"]._fields["state"]
        expected = [json.dumps(value) for value in field.get_values(self.env)]
        code = code.replace("EXPECTED", json.dumps(expected))
        self.browser_js(
            "/odoo/action-npm_cso_cooperation.npm_cso_export_wizard_action",
            code,
            ready="odoo.isReady",
            login=self.officer.login,
        )
