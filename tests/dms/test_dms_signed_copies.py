"""A filed signed copy keeps its legal weight: never deleted, replaced, moved
or archived, neither in the store nor through its attachment; a corrected
copy is added as a new version beside it (issue 8)."""

import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from .common import NpmDmsCase

SIGNED = b"%PDF-1.4 signed undertaking"


class TestDmsSignedCopies(NpmDmsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.undertaking = cls._undertaking(cls.cso_expert)
        cls.attachment = cls.signed_copy_attachment(cls.undertaking)
        cls.copy = cls.filed(cls.attachment)

    def _new_version(self, dms_file, content=b"%PDF-1.4 corrected", user=None):
        user = user or self.officer
        wizard = Form(
            self.env["npm.dms.file.version.wizard"]
            .with_user(user)
            .with_context(default_file_id=dms_file.id, default_filename="fixed.pdf")
        )
        wizard.content = base64.b64encode(content)
        action = wizard.save().action_add_version()
        return self.DmsFile.browse(action["res_id"])

    # --- refusals -------------------------------------------------------------

    def test_nobody_deletes_a_signed_copy_in_the_store(self):
        for user in (self.officer, self.manager):
            with self.assertRaises(UserError):
                self.copy.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "signed copy and cannot be deleted"):
            self.copy.unlink()
        self.assertTrue(self.copy.exists())
        self.assertTrue(self.attachment.exists())

    def test_nobody_deletes_the_attachment_behind_a_signed_copy(self):
        with self.assertRaisesRegex(UserError, "signed copy"):
            self.attachment.unlink()
        with self.assertRaises(UserError):
            self.attachment.with_user(self.manager).unlink()
        self.assertTrue(self.copy.exists())

    def test_signed_copy_content_is_never_replaced(self):
        with self.assertRaisesRegex(UserError, "new version"):
            self.copy.with_user(self.manager).write({"content": self.b64(b"forged")})
        with self.assertRaisesRegex(UserError, "new version"):
            self.copy.write({"content": self.b64(b"forged")})
        with self.assertRaisesRegex(UserError, "new version"):
            self.attachment.write({"raw": b"forged"})
        with self.assertRaisesRegex(UserError, "new version"):
            self.attachment.write({"datas": self.b64(b"forged")})
        with self.assertRaises(UserError):
            self.undertaking.write({"signed_copy": self.b64(b"forged")})
        self.assertEqual(base64.b64decode(self.copy.content), SIGNED)
        self.assertEqual(self.attachment.raw, SIGNED)

    def test_signed_copy_is_not_moved_relinked_or_archived(self):
        other = self._undertaking(self.cso_colleague)
        for vals in (
            {"directory_id": self.folder("record", other).id},
            {"active": False},
            {"attachment_id": self.signed_copy_attachment(other).id},
            {"npm_document_kind": "visit_document"},
        ):
            with self.assertRaises(UserError, msg=str(vals)):
                self.copy.write(vals)
        with self.assertRaises(UserError):
            self.attachment.write({"res_id": other.id})
        self.assertEqual(
            self.copy.directory_id, self.folder("record", self.undertaking)
        )
        self.assertTrue(self.copy.active)

    def test_storage_migration_rewriting_the_same_bytes_is_allowed(self):
        self.attachment._migrate()
        self.assertEqual(self.attachment.raw, SIGNED)
        self.copy.with_user(self.officer).name = "undertaking, signed.pdf"
        self.assertEqual(self.copy.name, "undertaking, signed.pdf")

    def test_a_visit_document_is_not_a_signed_copy(self):
        visit = self._visit(start=3)
        attachment = self.attach(visit, "draft plan.pdf")
        document = self.filed(attachment)
        attachment.write({"raw": b"%PDF-1.4 new plan"})
        document.invalidate_recordset(["content"])
        self.assertEqual(base64.b64decode(document.content), b"%PDF-1.4 new plan")
        self.assertEqual(document.checksum, attachment.checksum)
        visit.with_user(self.manager).unlink()
        self.assertFalse(document.exists())
        self.assertFalse(attachment.exists())

    # --- new versions ---------------------------------------------------------

    def test_officer_adds_a_new_version_beside_the_signed_copy(self):
        version = self._new_version(self.copy)
        self.assertEqual(version.name, "undertaking (v2).pdf")
        self.assertEqual(version.directory_id, self.copy.directory_id)
        self.assertEqual(version.npm_version, 2)
        self.assertEqual(version.npm_previous_version_id, self.copy)
        self.assertTrue(version.is_signed_copy)
        self.assertEqual(version.npm_document_kind, "signed_undertaking")
        self.assertEqual(base64.b64decode(version.content), b"%PDF-1.4 corrected")
        # the new copy is the record's attachment too, beside the signed one
        self.assertEqual(
            (version.attachment_id.res_model, version.attachment_id.res_id),
            (self.undertaking._name, self.undertaking.id),
        )
        # the signed copy is untouched, and marked superseded
        self.assertEqual(base64.b64decode(self.copy.content), SIGNED)
        self.assertTrue(self.copy.is_superseded)
        self.assertFalse(version.is_superseded)
        with self.assertRaises(UserError):
            version.unlink()

    def test_versions_chain_from_the_latest(self):
        second = self._new_version(self.copy)
        third = self._new_version(self.copy, content=b"%PDF-1.4 third")
        self.assertEqual(third.npm_version, 3)
        self.assertEqual(third.npm_previous_version_id, second)
        self.assertEqual(third.name, "undertaking (v3).pdf")

    def test_people_outside_the_record_cannot_add_a_version(self):
        with self.assertRaises(AccessError):
            self._new_version(self.copy, user=self.employee)
        with self.assertRaises(AccessError):
            self._new_version(self.copy, user=self.portal_expert)
        self.assertFalse(self.copy.npm_next_version_ids)

    def test_nobody_labels_a_document_a_signed_copy_by_hand(self):
        visit = self._visit(start=3)
        document = self.filed(self.attach(visit))
        with self.assertRaisesRegex(UserError, "not by hand"):
            document.with_user(self.manager).write(
                {"npm_document_kind": "signed_agreement"}
            )
        with self.assertRaisesRegex(UserError, "Add a New Version"):
            self.DmsFile.with_user(self.manager).create(
                {
                    "name": "forged.pdf",
                    "directory_id": document.directory_id.id,
                    "content": self.b64(),
                    "npm_document_kind": "signed_agreement",
                }
            )
        second = self._new_version(self.copy)
        with self.assertRaisesRegex(UserError, "Add a New Version"):
            # a second "v2" beside the real one
            self.DmsFile.with_user(self.manager).create(
                {
                    "name": "other v2.pdf",
                    "directory_id": second.directory_id.id,
                    "content": self.b64(),
                    "npm_document_kind": "signed_undertaking",
                    "npm_version": 2,
                    "npm_previous_version_id": self.copy.id,
                }
            )

    def test_only_signed_copies_get_versions(self):
        visit = self._visit(start=3)
        document = self.filed(self.attach(visit))
        with self.assertRaisesRegex(UserError, "not a filed signed copy"):
            self._new_version(document)
