"""Visit documents (npm.visit.document) in the store: their file and chatter
attachments are filed in a folder of their own inside the visit's folder, and
the store follows the document when its file is replaced or it moves."""

import base64

from odoo.exceptions import AccessError, UserError

from odoo.addons.npm_cso_cooperation_dms.hooks import post_init_hook

from .common import PDF, NpmDmsCase

# A 2×2 PNG, so that the store has a real image to make a thumbnail of.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAC0lEQVR4nGNgQAYAAA4AAamRc7EA"
    "AAAASUVORK5CYII="
)


class TestDmsVisitDocuments(NpmDmsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._visit(start=3)

    def store_files(self, document):
        """Every store file of the document (as superuser, archived too)."""
        return self.DmsFile.with_context(active_test=False).search(
            [("res_model", "=", document._name), ("res_id", "=", document.id)]
        )

    # --- filing -------------------------------------------------------------

    def test_file_is_filed_on_create_under_its_file_name(self):
        document = self._document(
            self.visit, file_name="cell block C.pdf", user=self.officer
        )
        attachment = self.file_attachment(document)
        self.assertEqual(len(attachment), 1)
        dms_file = self.store_files(document)
        self.assertEqual(len(dms_file), 1)
        self.assertEqual(dms_file.attachment_id, attachment, "not a copy")
        self.assertEqual(dms_file.name, "cell block C.pdf")
        self.assertEqual(dms_file.npm_document_kind, "visit_document")
        self.assertFalse(dms_file.is_signed_copy)
        self.assertEqual(dms_file.record_ref, document)
        self.assertEqual(base64.b64decode(dms_file.content), PDF)
        folder = dms_file.directory_id
        self.assertEqual(folder, self.folder("record", document))
        self.assertEqual(folder.name, document.name)
        self.assertEqual(folder.parent_id, self.folder("record", self.visit))
        document = document.with_user(self.officer)
        self.assertEqual(document.dms_directory_id, folder)
        self.assertEqual(document.dms_file_count, 1)
        action = document.action_open_dms_files()
        self.assertEqual(action["domain"], [("directory_id", "child_of", folder.id)])

    def test_file_without_a_file_name_is_named_after_the_document(self):
        document = self._document(self.visit, file_name=False, name="Cell plan")
        self.assertEqual(self.store_files(document).name, "Cell plan.pdf")

    def test_chatter_attachments_are_filed_beside_the_file(self):
        document = self._document(self.visit, user=self.officer)
        annex = self.filed(self.attach(document, "annex.pdf", user=self.officer))
        self.assertEqual(annex.directory_id, self.folder("record", document))
        self.assertEqual(annex.name, "annex.pdf")
        self.assertEqual(annex.npm_document_kind, "visit_document")
        photo = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create(
                {
                    "name": "photo.png",
                    "raw": PNG,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        document.with_user(self.officer).message_post(
            body="Photo of the yard", attachment_ids=photo.ids
        )
        self.assertEqual(
            self.filed(photo).directory_id, self.folder("record", document)
        )
        self.assertEqual(len(self.store_files(document)), 3)
        self.assertEqual(document.with_user(self.officer).dms_file_count, 3)

    def test_replaced_file_is_what_the_store_shows(self):
        document = self._document(self.visit, user=self.officer)
        before = self.store_files(document)
        document.with_user(self.officer).write(
            {"file": base64.b64encode(PNG), "file_name": "yard.png"}
        )
        self.env.invalidate_all()
        attachment = self.file_attachment(document)
        self.assertEqual(len(attachment), 1, "no orphan attachment")
        after = self.store_files(document)
        self.assertEqual(after, before, "the same store file, no duplicate")
        self.assertEqual(after.attachment_id, attachment)
        self.assertEqual(after.name, "yard.png")
        self.assertEqual(after.checksum, attachment.checksum)
        self.assertEqual(after.size, len(PNG))
        self.assertEqual(after.mimetype, "image/png")
        self.assertEqual(after.extension, "png")
        self.assertEqual(base64.b64decode(after.with_user(self.officer).content), PNG)

    def test_file_removed_then_added_again_is_filed_once(self):
        document = self._document(self.visit, user=self.officer)
        first = self.store_files(document)
        document.with_user(self.officer).file = False
        self.assertFalse(first.exists())
        self.assertFalse(self.store_files(document))
        document.with_user(self.officer).write(
            {"file": base64.b64encode(b"%PDF-1.4 second"), "file_name": "second.pdf"}
        )
        dms_file = self.store_files(document)
        self.assertEqual(len(dms_file), 1)
        self.assertEqual(dms_file.attachment_id, self.file_attachment(document))
        self.assertEqual(dms_file.name, "second.pdf")
        self.assertEqual(dms_file.directory_id, self.folder("record", document))
        self.assertEqual(base64.b64decode(dms_file.content), b"%PDF-1.4 second")

    def test_renamed_file_keeps_a_free_name_in_its_folder(self):
        document = self._document(self.visit, file_name="notes.pdf")
        self.attach(document, "minutes.pdf")
        document.file_name = "minutes.pdf"
        self.assertEqual(
            sorted(self.store_files(document).mapped("name")),
            ["minutes(1).pdf", "minutes.pdf"],
        )

    def test_document_moved_to_another_visit_takes_its_folder_along(self):
        other_visit = self._visit(start=5, partnership=self.other_partnership)
        document = self._document(self.visit, user=self.officer)
        folder = self.folder("record", document)
        dms_file = self.store_files(document)
        self.assertEqual(self.visit.with_user(self.officer).dms_file_count, 1)
        document.with_user(self.officer).visit_id = other_visit
        self.assertEqual(folder.parent_id, self.folder("record", other_visit))
        self.assertEqual(
            folder.parent_id.parent_id,
            self.Directory._npm_section_folder("visits", self.other_partnership),
        )
        self.assertEqual(self.store_files(document), dms_file)
        self.assertEqual(dms_file.directory_id, folder)
        self.env.invalidate_all()  # the counts of the visits, as a new request
        self.assertEqual(self.visit.with_user(self.officer).dms_file_count, 0)
        self.assertEqual(other_visit.with_user(self.officer).dms_file_count, 1)

    def test_shared_document_stays_where_the_register_says(self):
        visit = self._confirmed_visit(start=-5, end=-4)
        document = self._document(visit, "confidential", shared=True)
        folder = self.folder("record", document)
        with self.assertRaises(UserError):
            document.with_user(self.officer).visit_id = self.visit
        self.assertEqual(folder.parent_id, self.folder("record", visit))

    # --- access -------------------------------------------------------------

    def test_strictly_confidential_document_folder_is_hidden_from_officers(self):
        self._document(self.visit, "internal")
        strict = self._document(self.visit, "strictly_confidential")
        folder = self.folder("record", strict)
        dms_file = self.store_files(strict)
        self.assertTrue(folder)
        for model, record in ((self.Directory, folder), (self.DmsFile, dms_file)):
            self.assertFalse(
                model.with_user(self.officer).search([("id", "=", record.id)])
            )
            self.assertTrue(
                model.with_user(self.cleared).search([("id", "=", record.id)])
            )
            with self.assertRaises(AccessError):
                record.with_user(self.officer).read(["name"])
        self.assertEqual(self.visit.with_user(self.officer).dms_file_count, 1)
        self.assertEqual(self.visit.with_user(self.cleared).dms_file_count, 2)
        self.assertEqual(
            strict.with_user(self.cleared).dms_directory_id,
            folder,
        )

    def test_document_file_cannot_be_changed_in_the_store(self):
        document = self._document(self.visit, user=self.officer)
        dms_file = self.store_files(document).with_user(self.officer)
        visit_folder = self.folder("record", self.visit)
        refusals = {
            "delete": lambda: dms_file.unlink(),
            "replace": lambda: dms_file.write({"content": self.b64(b"%PDF forged")}),
            "archive": lambda: dms_file.write({"active": False}),
            "move": lambda: dms_file.write({"directory_id": visit_folder.id}),
        }
        for what, do in refusals.items():
            with self.subTest(what), self.assertRaisesRegex(UserError, "file of"):
                do()
        self.assertTrue(dms_file.exists())
        self.assertTrue(dms_file.active)
        self.assertEqual(dms_file.directory_id, self.folder("record", document))
        self.assertEqual(base64.b64decode(dms_file.content), PDF)
        self.assertEqual(base64.b64decode(document.file), PDF)
        # what is merely attached to the document is the store's to manage
        annex = self.filed(self.attach(document, "annex.pdf")).with_user(self.officer)
        annex.unlink()
        self.assertFalse(annex.exists())

    def test_deleting_the_document_leaves_nothing_behind(self):
        document = self._document(self.visit, user=self.officer)
        self.attach(document, "annex.pdf")
        folder = self.folder("record", document)
        files = self.store_files(document)
        attachments = files.attachment_id
        self.assertEqual(len(files), 2)
        document.with_user(self.officer).unlink()
        self.assertFalse(files.exists())
        self.assertFalse(attachments.exists())
        self.assertFalse(folder.exists())

    # --- installing into a database that already has documents ------------

    def test_installing_the_bridge_files_existing_documents(self):
        document = (
            self.env["npm.visit.document"]
            .with_context(dms_file=True)
            .create(
                {
                    "name": "Old report",
                    "visit_id": self.visit.id,
                    "file": self.b64(),
                    "file_name": "old report.pdf",
                }
            )
        )
        self.assertTrue(self.file_attachment(document))
        self.assertFalse(self.store_files(document))
        post_init_hook(self.env)
        dms_file = self.store_files(document)
        self.assertEqual(len(dms_file), 1)
        self.assertEqual(dms_file.name, "old report.pdf")
        self.assertEqual(dms_file.directory_id, self.folder("record", document))
        post_init_hook(self.env)
        self.assertEqual(len(self.store_files(document)), 1, "not twice")
