from odoo.exceptions import ValidationError

from .common import NpmDmsCase


class TestDmsInstall(NpmDmsCase):
    def test_bridge_installs_itself_with_the_app_and_dms(self):
        modules = self.env["ir.module.module"].search(
            [("name", "in", ["npm_cso_cooperation", "dms", "npm_cso_cooperation_dms"])]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        bridge = modules.filtered(lambda m: m.name == "npm_cso_cooperation_dms")
        self.assertTrue(bridge.auto_install)
        self.assertEqual(
            set(bridge.dependencies_id.mapped("name")), {"npm_cso_cooperation", "dms"}
        )

    def test_store_mirrors_record_attachments_with_their_access(self):
        self.assertTrue(self.store.is_cooperation_store)
        self.assertEqual(self.store.save_type, "attachment")
        self.assertTrue(self.store.inherit_access_from_parent_record)
        self.assertFalse(self.store.company_id)
        self.assertEqual(
            set(self.store.model_ids.mapped("model")),
            {
                "npm.cso.agreement",
                "npm.confidentiality.undertaking",
                "npm.joint.visit",
                "npm.visit.finding",
                "npm.visit.document",
            },
        )

    def test_store_cannot_lose_inherited_access(self):
        with self.assertRaises(ValidationError):
            self.store.inherit_access_from_parent_record = False
        with self.assertRaises(ValidationError):
            self.store.save_type = "database"

    def test_npm_officers_are_document_users(self):
        for user in (self.officer, self.cleared, self.manager):
            self.assertTrue(user.has_group("dms.group_dms_user"), user.login)
        for user in (self.employee, self.portal_expert):
            self.assertFalse(user.has_group("dms.group_dms_user"), user.login)
