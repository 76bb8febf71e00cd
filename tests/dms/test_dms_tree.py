from odoo.exceptions import AccessError, UserError

from .common import NpmDmsCase


class TestDmsTree(NpmDmsCase):
    def test_partnership_gets_its_folder_and_sections_under_its_cso(self):
        cso_folder = self.cso_folder(self.cso)
        self.assertTrue(cso_folder.is_root_directory)
        self.assertEqual(cso_folder.storage_id, self.store)
        self.assertEqual(cso_folder.name, "Test Watch NGO")
        folder = self.folder("partnership", self.partnership)
        self.assertEqual(folder.parent_id, cso_folder)
        self.assertEqual(folder.name, "NPM – Test Watch")
        sections = folder.child_directory_ids
        self.assertEqual(
            sorted(sections.mapped("npm_folder_type")),
            ["agreements", "undertakings", "visits"],
        )
        self.assertEqual(
            sorted(sections.mapped("name")), ["Agreements", "Undertakings", "Visits"]
        )
        self.assertEqual(
            self.partnership.dms_directory_id,
            folder,
            "the partnership's folder is its own, linked to it",
        )

    def test_second_partnership_of_a_cso_shares_its_folder(self):
        second = self.env["npm.cso.partnership"].create(
            {"name": "NPM – Test Watch 2027", "partner_id": self.cso.id}
        )
        self.assertEqual(
            self.folder("partnership", second).parent_id,
            self.folder("partnership", self.partnership).parent_id,
        )
        self.assertEqual(
            len(self.Directory.search([("npm_cso_id", "=", self.cso.id)])), 1
        )

    def test_names_are_made_valid_and_unique(self):
        cso = self.env["res.partner"].create(
            {
                "name": "Watch/Detention Monitors",
                "is_company": True,
                "is_cso": True,
                "cso_type": "ngo",
            }
        )
        twin = self.env["res.partner"].create(
            {
                "name": "Watch/Detention Monitors",
                "is_company": True,
                "is_cso": True,
                "cso_type": "academic",
            }
        )
        self.Directory._npm_cso_folder(cso)
        self.Directory._npm_cso_folder(twin)
        self.assertEqual(self.cso_folder(cso).name, "Watch-Detention Monitors")
        self.assertEqual(self.cso_folder(twin).name, "Watch-Detention Monitors(1)")

    def test_folder_follows_renamed_and_moved_partnership(self):
        folder = self.folder("partnership", self.partnership)
        self.partnership.with_user(self.officer).name = "NPM – Test Watch 2026"
        self.assertEqual(folder.name, "NPM – Test Watch 2026")
        self.partnership.with_user(self.officer).partner_id = self.other_cso
        self.assertEqual(folder.parent_id, self.cso_folder(self.other_cso))
        self.assertEqual(len(folder.child_directory_ids), 3, "sections move along")

    def test_agreement_folder_opens_from_the_agreement(self):
        agreement = self.env["npm.cso.agreement"].create(
            {"name": "MoU 2026", "partnership_id": self.partnership.id}
        )
        self.assertFalse(self.folder("record", agreement))
        action = agreement.with_user(self.officer).action_open_dms_files()
        folder = self.folder("record", agreement)
        self.assertEqual(folder.parent_id.npm_folder_type, "agreements")
        self.assertEqual(
            folder.parent_id.parent_id, self.folder("partnership", self.partnership)
        )
        self.assertEqual(
            (folder.res_model, folder.res_id), (agreement._name, agreement.id)
        )
        self.assertEqual(action["res_model"], "dms.file")
        self.assertEqual(action["domain"], [("directory_id", "child_of", folder.id)])
        self.assertEqual(action["context"]["default_directory_id"], folder.id)
        self.assertEqual(agreement.with_user(self.officer).dms_directory_id, folder)

    def test_cooperation_folders_are_not_moved_or_deleted_by_hand(self):
        folder = self.folder("partnership", self.partnership)
        other = self.folder("partnership", self.other_partnership)
        section = folder.child_directory_ids[:1]
        with self.assertRaises(UserError):
            section.with_user(self.manager).parent_id = other
        with self.assertRaisesRegex(UserError, "still in use"):
            section.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "still in use"):
            section.unlink()
        with self.assertRaises(AccessError):
            section.with_user(self.officer).unlink()
        self.assertTrue(section.exists())

    def test_folders_go_with_their_deleted_record(self):
        partnership = self.env["npm.cso.partnership"].create(
            {"name": "Short-lived", "partner_id": self.cso.id}
        )
        folder = self.folder("partnership", partnership)
        sections = folder.child_directory_ids
        partnership.with_user(self.manager).unlink()
        self.assertFalse(folder.exists())
        self.assertFalse(sections.exists())
