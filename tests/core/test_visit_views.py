from odoo.tests import Form

from tests.core.visit_common import NpmVisitCase

ACTIONS = (
    "npm_cso_cooperation.npm_joint_visit_action",
    "npm_cso_cooperation.npm_visit_finding_action",
    "npm_cso_cooperation.npm_visit_finding_action_urgent",
    "npm_cso_cooperation.npm_visit_document_action",
    "npm_cso_cooperation.npm_detention_place_action",
    "npm_cso_cooperation.npm_confidentiality_undertaking_action",
    "npm_cso_cooperation.npm_info_use_request_action",
)


class TestVisitViews(NpmVisitCase):
    def test_officer_renders_every_view_of_the_visit_menus(self):
        for xmlid in ACTIONS:
            action = self.env.ref(xmlid)
            view_types = action.view_mode.split(",")
            model = self.env[action.res_model].with_user(self.officer)
            result = model.get_views([(False, vt) for vt in [*view_types, "search"]])
            for view_type in [*view_types, "search"]:
                with self.subTest(action=xmlid, view_type=view_type):
                    self.assertTrue(result["views"][view_type]["arch"])

    def test_officer_form_hides_the_sensitive_personal_fields(self):
        Finding = self.env["npm.visit.finding"]
        officer_arch = Finding.with_user(self.officer).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        cleared_arch = Finding.with_user(self.cleared).get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        for field in ("reprisal_risk_notes",):
            self.assertNotIn(field, officer_arch)
            self.assertIn(field, cleared_arch)

    def test_kanban_groups_visits_by_state(self):
        arch = self.env["npm.joint.visit"].get_views([(False, "kanban")])["views"][
            "kanban"
        ]["arch"]
        self.assertIn('default_group_by="state"', arch)
        self._visit()
        groups = self.env["npm.joint.visit"].read_group([], ["state"], ["state"])
        self.assertEqual(
            [g["state"] for g in groups],
            [s for s, _label in self.env["npm.joint.visit"]._fields["state"].selection],
        )

    def test_officer_records_a_finding_through_the_form(self):
        visit = self._confirmed_visit()
        with Form(self.env["npm.visit.finding"].with_user(self.officer)) as form:
            form.visit_id = visit
            form.name = "Cells without light"
            form.sensitivity = "internal"
            form.share_with_cso = True
        finding = form.record
        self.assertTrue(finding.share_with_cso)
        self.assertEqual(finding.place_id, self.place)

    def test_officer_records_an_undertaking_through_the_form(self):
        with Form(
            self.env["npm.confidentiality.undertaking"].with_user(self.officer)
        ) as form:
            form.partner_id = self.cso_expert
            form.date_signed = self._days(-1)
        undertaking = form.record
        self.assertEqual(undertaking.cso_id, self.cso)
        self.assertEqual(undertaking.state, "draft")

    def test_manager_opens_the_register_and_settings(self):
        for xmlid in (
            "npm_cso_cooperation.npm_information_release_action",
            "npm_cso_cooperation.res_config_settings_action",
        ):
            action = self.env.ref(xmlid)
            user = (
                self.env.ref("base.user_admin")
                if action.res_model == "res.config.settings"
                else self.manager
            )
            model = self.env[action.res_model].with_user(user)
            views = [(False, vt) for vt in action.view_mode.split(",")]
            self.assertTrue(model.get_views(views)["views"])
