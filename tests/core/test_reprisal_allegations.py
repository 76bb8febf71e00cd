"""Allegations of reprisals (issue 15): strictly confidential, tried by each
role that would try to read them, and followed up by cleared staff.

- cleared officers and managers of the visit's company report, take up and
  close them; the managers get an activity; the allegation's chatter says
  so, the visit's says nothing; a closed allegation is frozen, none is ever
  deleted;
- an officer, a portal expert (also over JSON-RPC), an employee outside the
  app and a cleared officer of another NPM company read, write, create,
  search, count and group nothing, and find no message, notification,
  follower, activity or tracking row about one; the visit shows them no
  count, button or searchable trace;
- a CSO whose person (or itself) is concerned by an open allegation shows
  cleared staff a warning, computed with their own rights.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from odoo.addons.npm_cso_cooperation.exports.registers import REGISTERS
from odoo.addons.npm_cso_cooperation.tools import npm_managers

from tests.common import call_kw_answer
from tests.core.visit_common import NpmVisitCase

MODEL = "npm.reprisal.allegation"
ACTIVITY = "npm_cso_cooperation.mail_activity_type_reprisal_allegation"
MAIL_MODELS = {
    "mail.message": ("model", "res_id"),
    "mail.followers": ("res_model", "res_id"),
    "mail.activity": ("res_model", "res_id"),
    "mail.notification": ("mail_message_id.model", "mail_message_id.res_id"),
    "mail.tracking.value": ("mail_message_id.model", "mail_message_id.res_id"),
}


class ReprisalCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Regional NPM"})
        cls.b_cleared = cls._new_user(
            "t_b_cleared", "npm_cso_cooperation.group_npm_confidential"
        )
        cls.b_manager = cls._new_user(
            "t_b_manager", "npm_cso_cooperation.group_npm_manager"
        )
        (cls.b_cleared | cls.b_manager).write(
            {
                "company_ids": [Command.set(cls.company_b.ids)],
                "company_id": cls.company_b.id,
            }
        )
        cls.visit = cls._confirmed_visit(start=-10)
        # the cleared head of delegation records it, as in the app
        cls.allegation = cls._allegation(cls.cso_expert)

    @classmethod
    def _allegation(cls, partner=None, user=None, **vals):
        Allegation = cls.env[MODEL].with_user(user or cls.cleared)
        allegation = Allegation.create(
            {
                "visit_id": cls.visit.id,
                "partner_id": partner.id if partner else False,
                "description": "Refused entry to the prison since the visit.",
                **vals,
            }
        )
        return cls.env[MODEL].browse(allegation.id)

    def _mail_rows_as(self, user, record, model):
        model_field, res_id_field = MAIL_MODELS[model]
        domain = [(model_field, "=", record._name), (res_id_field, "=", record.id)]
        try:
            return self.env[model].with_user(user).search(domain)
        except AccessError:
            return self.env[model]

    def _mail_rows(self, record, model):
        return self._mail_rows_as(self.env.user, record, model).sudo()


class TestReprisalAllegations(ReprisalCase):
    # -- cleared officers and managers: the full flow --------------------

    def test_cleared_officer_reports_and_managers_get_the_activity(self):
        allegation = self.allegation
        self.assertTrue(allegation.name.startswith("RA/"))
        self.assertEqual(allegation.state, "reported")
        self.assertEqual(allegation.company_id, self.visit.company_id)
        activities = allegation.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ACTIVITY)
        )
        managers = npm_managers(allegation.company_id)
        self.assertIn(self.manager, managers)
        self.assertEqual(activities.user_id, managers)
        self.assertNotIn(self.b_manager, activities.user_id)
        self.assertNotIn(self.cleared, activities.user_id)
        # The activity is the manager's own to see.
        mine = (
            self.env["mail.activity"]
            .with_user(self.manager)
            .search([("res_model", "=", MODEL), ("res_id", "=", allegation.id)])
        )
        self.assertIn(self.manager, mine.user_id)
        # The allegation's chatter says it; the visit's says nothing.
        bodies = self._mail_rows(allegation, "mail.message").mapped("body")
        self.assertTrue(any("Allegation of reprisals reported" in b for b in bodies))
        visit_messages = self._mail_rows(self.visit, "mail.message")
        for message in visit_messages:
            self.assertNotIn(allegation.name, message.body or "")
            self.assertNotIn("reprisal", (message.body or "").lower())

    def test_manager_reports_too(self):
        allegation = self._allegation(self.cso, user=self.manager)
        self.assertEqual(allegation.create_uid, self.manager)
        self.assertTrue(allegation.activity_ids)

    def test_life_cycle_reported_in_progress_closed(self):
        allegation = self.allegation.with_user(self.cleared)
        allegation.action_start()
        self.assertEqual(allegation.state, "in_progress")
        with self.assertRaisesRegex(UserError, "Write the measures taken"):
            allegation.action_close()
        allegation.measures_taken = "Transfer of the person asked for."
        allegation.with_user(self.manager).action_close()
        self.assertEqual(allegation.state, "closed")
        self.assertEqual(allegation.closed_by_id, self.manager)
        self.assertTrue(allegation.closed_on)
        # the managers' follow-up activities are done
        self.assertFalse(
            allegation.activity_ids.filtered(
                lambda a: a.activity_type_id == self.env.ref(ACTIVITY)
            )
        )
        # frozen for everyone
        for user in (self.cleared, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "can no longer be changed"):
                    allegation.with_user(user).write({"description": "Rewritten"})
                with self.assertRaisesRegex(UserError, "can no longer be changed"):
                    allegation.with_user(user).write({"measures_taken": "Nothing"})
        with self.assertRaisesRegex(UserError, "Cannot"):
            allegation.action_start()
        self.assertEqual(allegation.description, self.allegation.description)

    def test_never_deleted(self):
        for allegation in (self.allegation, self._allegation(self.cso)):
            if allegation != self.allegation:
                allegation.with_user(self.cleared).action_start()
            for user in (self.cleared, self.manager):
                with (
                    self.subTest(state=allegation.state, user=user.login),
                    self.assertRaises(AccessError),
                    mute_logger("odoo.models"),
                ):
                    allegation.with_user(user).unlink()
            # not even as the superuser
            with self.assertRaisesRegex(UserError, "never deleted"):
                allegation.unlink()
            self.assertTrue(allegation.exists())

    def test_state_and_stamps_are_not_written_by_hand(self):
        allegation = self.allegation.with_user(self.cleared)
        for vals in (
            {"state": "closed"},
            {"closed_by_id": self.cleared.id},
            {"name": "RA/forged"},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                allegation.write(vals)
        self.assertEqual(self.allegation.state, "reported")

    def test_the_person_concerned_is_never_suggested_as_recipient(self):
        self.assertEqual(self.allegation._mail_get_partner_fields(), [])
        # a mention of the CSO expert notifies nobody who may not read it
        self.allegation.with_user(self.cleared).message_post(
            body="Ask the expert how she is.",
            partner_ids=(self.cso_expert | self.officer.partner_id).ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = self._mail_rows(self.allegation, "mail.notification").res_partner_id
        self.assertNotIn(self.cso_expert, notified)
        self.assertNotIn(self.officer.partner_id, notified)
        followers = self._mail_rows(self.allegation, "mail.followers").partner_id
        self.assertNotIn(self.cso_expert, followers)
        self.assertNotIn(self.officer.partner_id, followers)

    def test_no_register_exports_allegations(self):
        self.assertNotIn(MODEL, {register.model for register in REGISTERS.values()})

    # -- who may not read it ------------------------------------------------

    def _check_refused_everything(self, user):
        description = self.allegation.description
        count = self.env[MODEL].search_count([])
        allegation = self.allegation.with_user(user)
        Allegation = self.env[MODEL].with_user(user)
        with mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"):
            for name, call in (
                ("read", lambda: allegation.read(["name", "description"])),
                ("write", lambda: allegation.write({"description": "Changed"})),
                ("create", lambda: self._allegation(user=user)),
                ("search", lambda: Allegation.search([])),
                ("search_count", lambda: Allegation.search_count([])),
                (
                    "read_group",
                    lambda: Allegation.read_group([], ["state"], ["state"]),
                ),
                (
                    "action",
                    lambda: self.visit.with_user(
                        user
                    ).action_view_reprisal_allegations(),
                ),
            ):
                with (
                    self.subTest(user=user.login, call=name),
                    self.assertRaises(AccessError),
                ):
                    call()
        self.assertEqual(self.allegation.description, description)
        self.assertEqual(self.env[MODEL].search_count([]), count)

    def _check_no_mail_row(self, user):
        # a tracking row too: the move is tracked on the allegation
        self.allegation.with_user(self.cleared).with_context(
            tracking_disable=False
        ).action_start()
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is written before the commit
        self.assertTrue(self._mail_rows(self.allegation, "mail.tracking.value"))
        for model in MAIL_MODELS:
            with self.subTest(user=user.login, model=model):
                self.assertFalse(self._mail_rows_as(user, self.allegation, model))
        # nor by id
        for model in ("mail.message", "mail.activity", "mail.followers"):
            rows = self._mail_rows(self.allegation, model)
            self.assertTrue(rows, model)  # the control: they exist
            with (
                self.subTest(user=user.login, model=model, by="id"),
                self.assertRaises(AccessError),
                mute_logger("odoo.models"),
            ):
                rows.with_user(user).read(["id"])

    def test_officer_reads_nothing(self):
        self._check_refused_everything(self.officer)
        self._check_no_mail_row(self.officer)

    def test_portal_expert_reads_nothing(self):
        # the expert is the person concerned
        self.assertEqual(self.allegation.partner_id, self.portal_expert.partner_id)
        self._check_refused_everything(self.portal_expert)
        self._check_no_mail_row(self.portal_expert)

    def test_employee_outside_the_app_reads_nothing(self):
        self._check_refused_everything(self.employee)
        self._check_no_mail_row(self.employee)

    def test_cleared_officer_of_another_company_reads_nothing(self):
        user = self.b_cleared
        env = self.env(user=user, context={"allowed_company_ids": user.company_ids.ids})
        Allegation = env[MODEL]
        self.assertFalse(Allegation.search([]))
        self.assertEqual(Allegation.search_count([]), 0)
        self.assertFalse(Allegation.read_group([], ["state"], ["state"]))
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.allegation.with_env(env).read(["name"])
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.allegation.with_env(env).write({"description": "Changed"})
        for model in MAIL_MODELS:
            with self.subTest(model=model):
                self.assertFalse(
                    self._mail_rows_as(user, self.allegation, model).with_env(env)
                )
        # nor a warning on the CSO: computed with their own rights
        self.assertFalse(self.cso.with_env(env).npm_reprisal_alert)
        # and their managers are not asked
        self.assertNotIn(self.b_manager, self.allegation.activity_ids.user_id)

    def test_officer_on_the_visit_sees_no_trace(self):
        visit = self.visit.with_user(self.officer)
        with self.assertRaises(AccessError):
            visit.read(["reprisal_allegation_count"])
        values = visit.web_read({name: {} for name in ("name", "state")})
        self.assertNotIn("reprisal_allegation_count", values[0])
        arch = visit.get_views([(False, "form")])["views"]["form"]["arch"]
        # (the persons met show their own reprisal risk; no allegation shows)
        self.assertNotIn("reprisal_allegation", arch)
        self.assertNotIn("Reprisals", arch)
        self.assertNotIn("allegation", arch.lower())
        with self.assertRaises(AccessError):
            self.env["npm.joint.visit"].with_user(self.officer).search(
                [("reprisal_allegation_count", ">", 0)]
            )
        # the visit's chatter holds nothing about it, for anyone
        for message in self._mail_rows(self.visit, "mail.message"):
            self.assertNotIn(self.allegation.name, message.body or "")
        # control: cleared staff count it and find the button
        cleared_visit = self.visit.with_user(self.cleared)
        self.assertEqual(cleared_visit.reprisal_allegation_count, 1)
        arch = cleared_visit.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn("action_view_reprisal_allegations", arch)
        action = cleared_visit.action_view_reprisal_allegations()
        self.assertEqual(action["domain"], [("visit_id", "=", self.visit.id)])

    # -- menus -------------------------------------------------------------------

    def test_menu_for_cleared_staff_only(self):
        menu = self.env.ref("npm_cso_cooperation.menu_npm_reprisal_allegation")
        Menu = self.env["ir.ui.menu"]
        for user, shown in (
            (self.officer, False),
            (self.employee, False),
            (self.cleared, True),
            (self.manager, True),
        ):
            with self.subTest(user=user.login):
                menus = Menu.with_user(user).load_menus(False)
                self.assertEqual(menu.id in menus, shown)

    # -- the CSO at risk --------------------------------------------------------

    def test_cso_form_warns_cleared_staff(self):
        cso, expert = self.cso, self.cso_expert
        for user in (self.cleared, self.manager):
            with self.subTest(user=user.login):
                self.assertTrue(cso.with_user(user).npm_reprisal_alert)
                self.assertTrue(expert.with_user(user).npm_reprisal_alert)
                self.assertFalse(self.cso_colleague.with_user(user).npm_reprisal_alert)
                self.assertFalse(self.other_cso.with_user(user).npm_reprisal_alert)
                arch = cso.with_user(user).get_views([(False, "form")])["views"][
                    "form"
                ]["arch"]
                self.assertIn("At risk of reprisals", arch)
        # an allegation about the CSO itself
        other = self._allegation(self.other_cso)
        self.env.invalidate_all()  # (a form reads it afresh)
        self.assertTrue(self.other_cso.with_user(self.cleared).npm_reprisal_alert)
        # closed: no warning any more
        for allegation in (self.allegation, other):
            allegation.with_user(self.cleared).write({"measures_taken": "Done."})
            allegation.with_user(self.cleared).action_close()
        self.env.invalidate_all()
        self.assertFalse(cso.with_user(self.cleared).npm_reprisal_alert)
        self.assertFalse(self.other_cso.with_user(self.cleared).npm_reprisal_alert)

    def test_cso_warning_is_not_for_officers_or_portal(self):
        for user in (self.officer, self.portal_expert, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.cso_expert.with_user(user).read(["npm_reprisal_alert"])
        arch = self.cso.with_user(self.officer).get_views([(False, "form")])["views"][
            "form"
        ]["arch"]
        self.assertNotIn("npm_reprisal_alert", arch)
        self.assertNotIn("At risk of reprisals", arch)
        # nor searched: the search is refused outright, it tells nothing
        Partner = self.env["res.partner"].with_user(self.officer)
        for value in (True, False):
            with self.subTest(value=value), self.assertRaises(AccessError):
                Partner.search([("npm_reprisal_alert", "=", value)])

    def test_cleared_staff_search_the_contacts_at_risk(self):
        Partner = self.env["res.partner"].with_user(self.cleared)
        at_risk = Partner.search([("npm_reprisal_alert", "=", True)])
        self.assertIn(self.cso_expert, at_risk)
        self.assertIn(self.cso, at_risk)
        self.assertNotIn(self.cso_colleague, at_risk)
        self.assertNotIn(self.other_cso, at_risk)
        self.assertNotIn(
            self.cso_expert, Partner.search([("npm_reprisal_alert", "=", False)])
        )

    def test_deleting_the_person_concerned_names_nothing(self):
        with self.assertRaises(UserError) as caught:
            self.cso_expert.with_user(self.officer).unlink()
        message = str(caught.exception)
        self.assertIn("archive it instead", message)
        for word in ("reprisal", "allegation", self.allegation.name.lower()):
            self.assertNotIn(word, message.lower())
        self.assertTrue(self.cso_expert.exists())

    # -- demo -------------------------------------------------------------------

    def test_demo_allegation(self):
        demo = self.env.ref(
            "npm_cso_cooperation.demo_reprisal_allegation_gender_expert",
            raise_if_not_found=False,
        )
        if not demo:
            self.skipTest("no demo data")
        cleared = self.env.ref("npm_cso_cooperation.demo_user_cleared")
        self.assertEqual(demo.create_uid, cleared)
        self.assertTrue(demo.partner_id.cso_id)
        self.assertFalse(demo.partner_id.is_cso)
        self.assertIn(demo.state, ("reported", "in_progress"))
        self.assertTrue(demo.activity_ids.user_id)
        self.assertTrue(demo.partner_id.cso_id.with_user(cleared).npm_reprisal_alert)


class TestReprisalAllegationsHttp(ReprisalCase, HttpCase):
    """The portal expert (and the officer) over JSON-RPC, the door a script
    uses."""

    def _error(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http"):
            _result, error = call_kw_answer(self, model, method, args, kwargs)
        return error

    def test_portal_and_officer_over_json_rpc(self):
        allegation = self.allegation
        for login in ("t_portal", "t_officer"):
            self.authenticate(login, login)
            for method, args, kwargs in (
                ("read", [allegation.ids, ["name", "description"]], {}),
                ("search_read", [[], ["name"]], {}),
                ("web_search_read", [[], {"name": {}}], {}),
                ("search_count", [[]], {}),
                ("read_group", [[], ["__count"], ["state"]], {"lazy": False}),
                (
                    "create",
                    [{"visit_id": self.visit.id, "description": "Probe"}],
                    {},
                ),
                ("write", [allegation.ids, {"description": "Probe"}], {}),
            ):
                with self.subTest(login=login, method=method):
                    error = self._error(MODEL, method, args, kwargs)
                    self.assertTrue(error, "the call was expected to be refused")
                    self.assertEqual(
                        error["data"]["name"], "odoo.exceptions.AccessError"
                    )
                    self.assertNotIn(allegation.name, error["data"]["message"])
            # the mail tables answer nothing about it
            for model, (model_field, res_id_field) in MAIL_MODELS.items():
                with self.subTest(login=login, model=model):
                    with mute_logger("odoo.http"):
                        result, error = call_kw_answer(
                            self,
                            model,
                            "search_read",
                            [
                                [
                                    (model_field, "=", MODEL),
                                    (res_id_field, "=", allegation.id),
                                ],
                                ["id"],
                            ],
                        )
                    self.assertFalse(result)
            # nor the contact's warning
            with self.subTest(login=login, field="npm_reprisal_alert"):
                error = self._error(
                    "res.partner", "read", [self.cso_expert.ids, ["npm_reprisal_alert"]]
                )
                self.assertTrue(error)
                self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.allegation.description, allegation.description)

    def test_cleared_officer_over_json_rpc_control(self):
        self.authenticate("t_cleared", "t_cleared")
        result, error = call_kw_answer(
            self, MODEL, "search_read", [[("id", "=", self.allegation.id)], ["name"]]
        )
        self.assertFalse(error)
        self.assertEqual([row["name"] for row in result], [self.allegation.name])
        result, error = call_kw_answer(
            self, "res.partner", "read", [self.cso.ids, ["npm_reprisal_alert"]]
        )
        self.assertFalse(error)
        self.assertTrue(result[0]["npm_reprisal_alert"])

    def test_portal_pages_say_nothing(self):
        self.authenticate("t_portal", "t_portal")
        with mute_logger("odoo.http"):
            response = self.url_open(f"/my/visits/{self.visit.id}")
        self.assertNotIn(self.allegation.name, response.text)
        self.assertNotIn("reprisal", response.text.lower())
        with self.assertRaises(JsonRpcException), mute_logger("odoo.http"):
            self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{MODEL}/search",
                {"model": MODEL, "method": "search", "args": [[]], "kwargs": {}},
            )
