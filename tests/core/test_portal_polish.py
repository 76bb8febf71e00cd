"""Rough edges of the trial (issue 14): the portal's words, the refusal
message, the demo data, references without gaps, the URL ``scripts/serve``
prints.

The portal pages are fetched over HTTP as the CSO expert (as in
test_portal_pages.py); the refusals are asked of the ORM and of
``/web/dataset/call_kw`` as the portal expert, an officer on a strictly
confidential record and an employee outside the app.
"""

import html
import re
import subprocess
from datetime import timedelta
from pathlib import Path

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase
from odoo.tools import format_date, mute_logger

from tests.agreement_common import AgreementCase
from tests.common import call_kw_answer
from tests.core.test_portal_pages import NpmPortalCase
from tests.core.visit_common import NpmVisitCase

ROOT = Path(__file__).resolve().parents[2]
SOBER = {
    "read": "You may not read this record, or it no longer exists. Ask the NPM "
    "if you think you should have access to it.",
    "write": "You may not change this record, or it no longer exists. Ask the "
    "NPM if you think you should have access to it.",
}
STOCK = ("Uh-oh", "top-secret", "cookies", "Blame the following rules")


def _texts(page, css_class):
    """The text of every element whose class list holds ``css_class``."""
    pattern = rf'<(\w+)[^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>'
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
        for _tag, body in re.findall(pattern, page, flags=re.DOTALL)
    ]


class TestPortalUndertakingWords(NpmPortalCase):
    """The undertakings say what the expert must do and until when they hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A visit the expert may not read yet: its undertaking waits for them.
        cls.coming_visit = cls._visit(start=20, end=22)
        cls.coming_undertaking = cls.env["npm.confidentiality.undertaking"].create(
            {
                "partner_id": cls.cso_expert.id,
                "scope": "visit",
                "visit_id": cls.coming_visit.id,
            }
        )
        cls.draft_undertaking.date_expiry = cls._days(200)

    def _date(self, day):
        return format_date(self.env, day)

    def test_a_draft_awaits_your_signature(self):
        page = self._get("/my/undertakings").text
        badges = _texts(page, "o_npm_state")
        self.assertEqual(badges.count("Awaiting your signature"), 2, badges)
        self.assertNotIn("Draft", badges)
        self.assertIn("Signed", badges)
        detail = self._get(self.draft_undertaking.access_url).text
        self.assertEqual(_texts(detail, "o_npm_state"), ["Awaiting your signature"])
        signed = self._get(self.own_undertaking.access_url).text
        self.assertEqual(_texts(signed, "o_npm_state"), ["Signed"])

    def test_valid_until_the_visit_or_the_expiry_date(self):
        page = self._get("/my/undertakings").text
        valid_until = _texts(page, "o_npm_valid_until")
        # newest first: the coming visit's, the general draft, the signed one
        self.assertEqual(
            valid_until,
            [
                self._date(self.coming_visit.date_end),
                self._date(self.draft_undertaking.date_expiry),
                self._date(self.visit.date_end),
            ],
        )
        # The visit itself stays closed to the expert until they are covered.
        self.assertFalse(
            self.coming_visit.with_user(self.portal_expert).has_access("read")
        )
        detail = self._get(self.coming_undertaking.access_url).text
        self.assertIn(
            self._date(self.coming_visit.date_end),
            _texts(detail, "o_npm_valid_until")[0],
        )
        self.assertIn("the last day of the visit", detail)

    def test_singular_and_plural(self):
        home = self._get("/my").text
        self.assertEqual(
            _texts(home, "o_npm_to_sign"), ["2 confidentiality undertakings to sign"]
        )
        listing = _texts(self._get("/my/undertakings").text, "o_npm_to_sign")
        self.assertIn("2 undertakings await your signature.", listing[0])
        self.coming_undertaking.unlink()
        home = self._get("/my").text
        self.assertEqual(
            _texts(home, "o_npm_to_sign"), ["1 confidentiality undertaking to sign"]
        )
        listing = _texts(self._get("/my/undertakings").text, "o_npm_to_sign")
        self.assertIn("1 undertaking awaits your signature.", listing[0])
        self.draft_undertaking.unlink()
        self.assertFalse(_texts(self._get("/my").text, "o_npm_to_sign"))

    def test_the_count_is_the_experts_own(self):
        # Another expert's undertakings to sign are not counted for this one.
        self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.other_expert.id, "scope": "general"}
        )
        home = self._get("/my").text
        self.assertEqual(
            _texts(home, "o_npm_to_sign"), ["2 confidentiality undertakings to sign"]
        )


class TestPortalVisitHead(NpmPortalCase):
    """The page of a coming visit names the head of delegation and how to
    reach them; once the visit is over, the NPM. The list says the expert's
    role on each visit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head = cls.cleared.partner_id
        cls.head.phone = "+1 555 0142"
        cls.coming = cls._confirmed_visit(start=2, end=3)
        cls.urgent = cls._finding(
            cls.coming, shared=True, is_urgent=True, name="Detainee without care"
        )
        cls.npm = cls.env.company.partner_id
        cls.npm.write({"email": "npm@example.org", "phone": "+1 555 0100"})

    def test_coming_visit_names_the_head_and_their_contact(self):
        page = self._get(self.coming.access_url).text
        head = _texts(page, "o_npm_visit_head")
        self.assertEqual(
            head, [f"{self.head.name} — t_cleared@example.org — +1 555 0142"]
        )
        self.assertIn('href="mailto:t_cleared@example.org"', page)
        self.assertIn('href="tel:+1 555 0142"', page)
        contact = _texts(page, "o_npm_urgent_contact")
        self.assertEqual(len(contact), 1)
        self.assertIn("Tell the head of delegation at once", contact[0])
        self.assertIn(self.head.name, contact[0])
        # Nothing else of the team: not the officer who is a member.
        self.assertNotIn(self.officer.name, page)
        self.assertNotIn("t_officer@example.org", page)

    def test_urgent_finding_page_names_the_head(self):
        page = self._get(f"/my/findings/{self.urgent.id}").text
        contact = _texts(page, "o_npm_urgent_contact")
        self.assertEqual(len(contact), 1)
        self.assertIn("t_cleared@example.org", contact[0])

    def test_once_the_visit_is_over_the_npm(self):
        page = self._get(self.visit.access_url).text
        self.assertFalse(_texts(page, "o_npm_visit_head"))
        self.assertFalse(_texts(page, "o_npm_urgent_contact"))
        self.assertNotIn(self.head.name, page)
        self.assertNotIn("t_cleared@example.org", page)
        contact = _texts(page, "o_npm_visit_contact")
        self.assertEqual(len(contact), 1)
        self.assertIn(f"{self.npm.name} — npm@example.org — +1 555 0100", contact[0])

    def test_the_expert_still_may_not_read_the_head(self):
        with self.assertRaises(AccessError):
            self.head.with_user(self.portal_expert).read(["email"])
        self._get(self.other_visit.access_url, status=404)

    def test_visit_list_shows_the_role(self):
        page = self._get("/my/visits").text
        self.assertIn("Your role", page)
        self.assertEqual(
            _texts(page, "o_npm_visit_role"), ["Legal Expert", "Legal Expert"]
        )
        line = self.coming.member_ids.filtered(
            lambda m: m.partner_id == self.cso_expert
        )
        self.env.cr.execute(
            "UPDATE npm_joint_visit_member SET role = 'interpreter' WHERE id = %s",
            [line.id],
        )
        line.invalidate_recordset()
        page = self._get("/my/visits").text
        self.assertEqual(
            _texts(page, "o_npm_visit_role"), ["Interpreter", "Legal Expert"]
        )

    def test_visit_without_head_says_so(self):
        # A draft visit whose team has no head yet (terms cannot be agreed
        # without one), which the expert may read once covered.
        visit = self._visit(start=3)
        visit.member_ids.filtered(lambda m: m.role == "head").write({"role": "member"})
        self._undertaking(self.cso_expert, signed=-1, visit=visit)
        self.assertTrue(visit.with_user(self.portal_expert).has_access("read"))
        page = self._get(visit.access_url).text
        self.assertEqual(
            _texts(page, "o_npm_visit_head"), ["Not named yet: ask the NPM."]
        )
        self.assertFalse(_texts(page, "o_npm_urgent_contact"))


class TestSoberRefusal(NpmVisitCase, HttpCase):
    """A refusal on the app's models names no model and no record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-3)
        cls.hidden_visit = cls._confirmed_visit(
            start=-3, partnership=cls.other_partnership
        )
        cls.strict = cls._finding(
            cls.visit, "strictly_confidential", name="Beatings by night staff"
        )

    def _assert_sober(self, message, operation, *names):
        self.assertEqual(message, SOBER[operation])
        for text in (*STOCK, *names):
            self.assertNotIn(text, message)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_orm_refusals(self):
        cases = (
            (self.portal_expert, self.hidden_visit, "read"),
            (self.officer, self.strict, "read"),
            (self.officer, self.strict, "write"),
            (self.employee, self.visit, "read"),
            (self.employee, self.strict, "write"),
        )
        for user, record, operation in cases:
            # In debug mode too, where Odoo would list the refused records.
            user.groups_id = [(4, self.env.ref("base.group_no_one").id)]
            with (
                self.subTest(user=user.login, model=record._name, op=operation),
                self.assertRaises(AccessError) as caught,
            ):
                as_user = record.with_user(user)
                if operation == "read":
                    as_user.read(["name"])
                else:
                    as_user.write({"name": "Changed"})
            self._assert_sober(
                str(caught.exception),
                operation,
                record.sudo().display_name,
                record._description,
                record._name,
                user.name,
            )

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.http", "odoo.models")
    def test_json_rpc_refusals(self):
        cases = (
            ("t_portal", self.hidden_visit),
            ("t_officer", self.strict),
            ("t_employee", self.visit),
        )
        for login, record in cases:
            with self.subTest(login=login, model=record._name):
                self.authenticate(login, login)
                result, error = call_kw_answer(
                    self,
                    record._name,
                    "web_read",
                    [record.ids],
                    {"specification": {"display_name": {}}},
                )
                self.assertIsNone(result)
                self.assertEqual(
                    error["data"]["name"], "odoo.exceptions.AccessError", error
                )
                self._assert_sober(
                    error["data"]["message"],
                    "read",
                    record.sudo().display_name,
                    record._description,
                )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_other_models_keep_odoos_message(self):
        # Outside the app nothing changes (the control).
        with self.assertRaises(AccessError) as caught:
            self.other_expert.with_user(self.portal_expert).read(["name"])
        self.assertNotIn(SOBER["read"], str(caught.exception))


class TestNoGapReferences(AgreementCase):
    """A save that fails gives its reference back."""

    def _number(self, reference):
        return int(reference.rsplit("/", 1)[1])

    def test_sequences_are_no_gap(self):
        for xmlid in (
            "seq_npm_cso_agreement",
            "seq_npm_joint_visit",
            "seq_npm_info_use_request",
        ):
            sequence = self.env.ref(f"npm_cso_cooperation.{xmlid}")
            self.assertEqual(sequence.implementation, "no_gap", xmlid)

    def test_a_refused_agreement_leaves_no_gap(self):
        partnership = self.safeguarded_partnership()
        first = self.make_agreement(partnership=partnership)
        with (
            self.assertRaises(ValidationError),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.make_agreement(
                partnership=partnership,
                date_start=self.today,
                date_end=self.today - timedelta(days=1),
            )
        second = self.make_agreement(partnership=partnership)
        self.assertEqual(
            self._number(second.reference), self._number(first.reference) + 1
        )
        self.assertEqual(second.reference.rsplit("/", 1)[0], f"AGR/{self.today.year}")

    def test_a_refused_visit_leaves_no_gap(self):
        Visit = self.env["npm.joint.visit"]
        place = self.env["npm.detention.place"].create(
            {"name": "North Remand", "place_type": "pretrial"}
        )
        partnership = self.make_partnership()
        values = {
            "place_id": place.id,
            "partnership_id": partnership.id,
            "date_start": self.today,
            "date_end": self.today,
        }
        # (create writes the reference it draws into the values it is given)
        first = Visit.with_user(self.officer).create(dict(values))
        with (
            self.assertRaises(ValidationError),
            self.env.cr.savepoint(),
        ):
            Visit.with_user(self.officer).create(
                dict(values, date_end=self.today - timedelta(days=1))
            )
        second = Visit.with_user(self.officer).create(dict(values))
        self.assertEqual(self._number(second.name), self._number(first.name) + 1)

    def test_switching_keeps_the_next_numbers(self):
        Sequence = self.env["ir.sequence"]
        plain = Sequence.create(
            {"name": "Plain", "code": "npm.test.plain", "implementation": "standard"}
        )
        ranged = Sequence.create(
            {
                "name": "Ranged",
                "code": "npm.test.ranged",
                "implementation": "standard",
                "use_date_range": True,
                "prefix": "R/%(range_year)s/",
                "padding": 2,
            }
        )
        for _i in range(3):
            plain.next_by_id()
            ranged.next_by_id()
        (plain | ranged)._npm_use_no_gap()
        self.assertEqual((plain | ranged).mapped("implementation"), ["no_gap"] * 2)
        self.assertEqual(plain.next_by_id(), "4")
        self.assertEqual(ranged.next_by_id(), f"R/{self.today.year}/04")
        # Already no-gap: nothing changes.
        (plain | ranged)._npm_use_no_gap()
        self.assertEqual(plain.next_by_id(), "5")


class TestDemoData(NpmVisitCase):
    """On the demo database (CI's): a real-looking NPM, whose demo users, not
    OdooBot, took the steps of the demo records."""

    def _demo(self, xmlid):
        record = self.env.ref(f"npm_cso_cooperation.{xmlid}", raise_if_not_found=False)
        self.assertTrue(record, f"{xmlid}: the suite runs on a demo database")
        return record

    def test_the_npm_has_a_name_and_an_address(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "National Preventive Mechanism of Arcadia")
        self.assertEqual(company.country_id, self._demo("demo_country_arcadia"))
        self.assertTrue(company.street and company.city and company.zip)
        self.assertFalse(company.state_id)

    def test_demo_steps_are_taken_by_demo_users(self):
        demo_users = (
            self._demo("demo_user_officer")
            | self._demo("demo_user_cleared")
            | self._demo("demo_user_manager")
            | self._demo("demo_user_expert")
        )
        bot = self.env.ref("base.partner_root")
        # The scheduled job (run once by the demo data, as it runs every
        # night) expires the pilot MoU and reminds the officer to renew the
        # other: those are OdooBot's, as they would be in real life.
        by_the_job = {
            self._demo("demo_agreement_watchdog_pilot_mou"),
            self._demo("demo_agreement_watchdog_mou"),
        }
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "npm_cso_cooperation"),
                ("model", "=like", "npm.%"),
                ("name", "=like", "demo_%"),
            ]
        )
        self.assertTrue(data)
        for model, rows in data.grouped("model").items():
            for record in self.env[model].browse(rows.mapped("res_id")):
                with self.subTest(record=record.display_name):
                    self.assertIn(record.create_uid, demo_users)
                    if "message_ids" not in record._fields or record in by_the_job:
                        continue
                    by_bot = record.message_ids.filtered(lambda m: m.author_id == bot)
                    self.assertFalse(by_bot.mapped("preview"))
        mou = self._demo("demo_agreement_watchdog_mou")

        def author(text):
            message = mou.message_ids.filtered(lambda m: text in (m.preview or ""))
            self.assertEqual(len(message), 1, text)
            return message.author_id

        self.assertEqual(
            author("Submitted for approval"),
            self._demo("demo_user_officer").partner_id,
        )
        self.assertEqual(
            author("Approved by"), self._demo("demo_user_manager").partner_id
        )

    def test_lists_show_the_apps_help_not_samples(self):
        for view in self.env["ir.ui.view"].search(
            [("model", "=like", "npm.%"), ("type", "in", ("list", "kanban"))]
        ):
            self.assertNotIn('sample="1"', view.arch_db or "", view.xml_id)
        actions = self.env["ir.actions.act_window"].search(
            [("res_model", "=like", "npm.%"), ("target", "!=", "new")]
        )
        self.assertTrue(actions)
        for action in actions:
            self.assertIn("o_view_nocontent", action.help or "", action.xml_id)


class TestServeUrl(NpmVisitCase):
    """``scripts/serve`` prints the URL Odoo will serve."""

    def _url(self, *args):
        quoted = " ".join(f"'{arg}'" for arg in args)
        return subprocess.run(
            ["bash", "-c", f"source scripts/lib.sh && serve_url {quoted}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    def test_serve_url_honours_the_port(self):
        self.assertEqual(self._url(), "http://localhost:8069")
        self.assertEqual(self._url("--http-port=9000"), "http://localhost:9000")
        self.assertEqual(self._url("--http-port", "9001"), "http://localhost:9001")
        self.assertEqual(self._url("-p", "8080", "--dev=all"), "http://localhost:8080")
        self.assertEqual(self._url("-p8081"), "http://localhost:8081")
        # Odoo keeps the last one given.
        self.assertEqual(self._url("-p", "1", "--http-port=2"), "http://localhost:2")
        self.assertEqual(
            self._url("--http-interface=127.0.0.1", "-p", "3"), "http://127.0.0.1:3"
        )

    def test_serve_prints_it(self):
        script = (ROOT / "scripts/serve").read_text()
        self.assertIn('$(serve_url "$@")', script)
        self.assertNotIn("starting on http://localhost:8069", script)
