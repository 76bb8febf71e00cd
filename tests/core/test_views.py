from odoo.exceptions import AccessError
from odoo.tests import Form

from tests.common import NpmCase


class TestMenusAndViews(NpmCase):
    def _app_menus(self, user=None):
        """The app's menus a user sees (the manager by default)."""
        root = self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        return (
            self.env["ir.ui.menu"]
            .with_user(user or self.manager)
            .search([("id", "child_of", root.id)])
        )

    def test_every_menu_action_renders_all_its_views(self):
        menus = self._app_menus() | self._app_menus(self.env.ref("base.user_admin"))
        actions = [menu.sudo().action for menu in menus if menu.action]
        self.assertTrue(actions, "the app has no menu with an action")
        for action in actions:
            self.assertEqual(action._name, "ir.actions.act_window")
            model = self.env[action.res_model].with_user(self.manager)
            if action.res_model == "res.config.settings":
                # Settings: shown to administrators only (base.group_system)
                model = model.with_user(self.env.ref("base.user_admin"))
            view_types = action.view_mode.split(",")
            views = [(False, vt) for vt in view_types] + [(False, "search")]
            # the action's own views, as the web client asks for them
            for act_view in action.view_ids:
                views = [(act_view.view_id.id, act_view.view_mode)] + views
            result = model.get_views(views, {"action_id": action.id})
            for view_type in [*view_types, "search"]:
                with self.subTest(action=action.name, view_type=view_type):
                    self.assertIn(view_type, result["views"])
                    self.assertTrue(result["views"][view_type]["arch"])

    def test_officer_sees_the_app_and_registry_first(self):
        root = self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        registry = self.env.ref("npm_cso_cooperation.menu_npm_cso_registry")
        menus = self.env["ir.ui.menu"].with_user(self.officer).load_menus(False)
        self.assertIn(root.id, menus)
        self.assertEqual(menus[root.id]["children"][0], registry.id)

    def test_configuration_is_for_managers_only(self):
        config = self.env.ref("npm_cso_cooperation.menu_npm_cso_config")
        officer_menus = self.env["ir.ui.menu"].with_user(self.officer).load_menus(False)
        manager_menus = self.env["ir.ui.menu"].with_user(self.manager).load_menus(False)
        self.assertNotIn(config.id, officer_menus)
        self.assertIn(config.id, manager_menus)

    def test_app_hidden_from_employees_outside_the_app(self):
        root = self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        menus = self.env["ir.ui.menu"].with_user(self.employee).load_menus(False)
        self.assertNotIn(root.id, menus)

    def test_portal_user_gets_no_back_office_menu(self):
        with self.assertRaises(AccessError):
            self.env["ir.ui.menu"].with_user(self.portal_expert).load_menus(False)

    def test_cooperation_page_on_contact_form(self):
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"][
            "arch"
        ]
        self.assertIn('name="npm_cso_cooperation"', arch)
        self.assertIn('name="cso_expertise_ids"', arch)

    def test_contacts_search_has_cso_filters_and_groupbys(self):
        arch = self.env["res.partner"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        for name in ("is_cso", "cso_people", "group_cso_type", "group_cso_expertise"):
            self.assertIn(f'name="{name}"', arch)

    def test_group_by_expertise_and_type(self):
        legal = self.env.ref("npm_cso_cooperation.cso_expertise_legal")
        self.cso.cso_expertise_ids = legal
        groups = self.env["res.partner"].read_group(
            [("is_cso", "=", True)], ["cso_expertise_ids"], ["cso_expertise_ids"]
        )
        legal_group = [
            g
            for g in groups
            if g["cso_expertise_ids"] and g["cso_expertise_ids"][0] == legal.id
        ]
        self.assertTrue(legal_group)
        self.assertGreaterEqual(legal_group[0]["cso_expertise_ids_count"], 1)
        by_type = self.env["res.partner"].read_group(
            [("is_cso", "=", True)], ["cso_type"], ["cso_type"]
        )
        self.assertIn("ngo", [g["cso_type"] for g in by_type])

    def test_expertise_form(self):
        with Form(self.env["npm.cso.expertise"].with_user(self.manager)) as form:
            form.name = "Forensic anthropology"
        self.assertEqual(form.record.name, "Forensic anthropology")
