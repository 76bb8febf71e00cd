from tests.common import NpmCase


class TestGroups(NpmCase):
    def test_groups_form_a_chain_in_their_own_category(self):
        user = self.env.ref("npm_cso_cooperation.group_npm_user")
        confidential = self.env.ref("npm_cso_cooperation.group_npm_confidential")
        manager = self.env.ref("npm_cso_cooperation.group_npm_manager")
        category = self.env.ref(
            "npm_cso_cooperation.module_category_npm_cso_cooperation"
        )
        self.assertEqual(category.name, "NPM–CSO Cooperation")
        self.assertEqual((user | confidential | manager).category_id, category)
        self.assertIn(self.env.ref("base.group_user"), user.implied_ids)
        self.assertEqual(confidential.implied_ids, user)
        self.assertEqual(
            manager.implied_ids, confidential | self.env.ref("base.group_allow_export")
        )

    def test_manager_has_every_npm_role(self):
        self.assertTrue(self.manager.has_group("npm_cso_cooperation.group_npm_user"))
        self.assertTrue(
            self.manager.has_group("npm_cso_cooperation.group_npm_confidential")
        )
        self.assertTrue(self.manager.has_group("base.group_user"))

    def test_cleared_officer_is_not_manager(self):
        self.assertTrue(self.cleared.has_group("npm_cso_cooperation.group_npm_user"))
        self.assertFalse(
            self.cleared.has_group("npm_cso_cooperation.group_npm_manager")
        )

    def test_officer_is_neither_cleared_nor_manager(self):
        self.assertTrue(self.officer.has_group("base.group_user"))
        self.assertFalse(
            self.officer.has_group("npm_cso_cooperation.group_npm_confidential")
        )
        self.assertFalse(
            self.officer.has_group("npm_cso_cooperation.group_npm_manager")
        )

    def test_portal_expert_has_no_npm_role(self):
        for xmlid in (
            "npm_cso_cooperation.group_npm_user",
            "npm_cso_cooperation.group_npm_confidential",
            "npm_cso_cooperation.group_npm_manager",
            "base.group_user",
        ):
            self.assertFalse(self.portal_expert.has_group(xmlid), xmlid)
        self.assertTrue(self.portal_expert.has_group("base.group_portal"))

    def test_admin_is_manager(self):
        self.assertTrue(
            self.env.ref("base.user_admin").has_group(
                "npm_cso_cooperation.group_npm_manager"
            )
        )

    def test_officer_may_register_contacts(self):
        self.assertTrue(self.officer.has_group("base.group_partner_manager"))
