"""Visit documents: the visit material beside findings (issue 4).

A document carries a sensitivity like a finding, may be shared with the
covered CSO members of its visit (written in the release register), and its
file is read exactly by those who read the document. What was released stays
what the register refers to.
"""

import base64

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from tests.core.test_portal_pages import NOT_FOUND, NpmPortalCase
from tests.core.visit_common import SIGNED_COPY, NpmVisitCase

SIGNED_COPY_RAW = base64.b64decode(SIGNED_COPY)


class TestVisitDocuments(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(
            start=-5, cso_partners=cls.cso_expert | cls.cso_colleague
        )
        cls.Release = cls.env["npm.information.release"]
        cls.Attachment = cls.env["ir.attachment"]

    def _lines(self, record):
        return self.Release.search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)]
        )

    def _file(self, document):
        return self.Attachment.search(
            [
                ("res_model", "=", document._name),
                ("res_id", "=", document.id),
                ("res_field", "=", "file"),
            ]
        )

    def test_sharing_writes_one_release_line_per_covered_member(self):
        document = self._document(
            self.visit, "confidential", name="Photographs of block C"
        ).with_user(self.officer)
        self.assertFalse(self._lines(document))
        document.document_type = "photograph"
        document.share_with_cso = True
        lines = self._lines(document)
        self.assertEqual(lines.partner_id, self.cso_expert | self.cso_colleague)
        for line in lines:
            self.assertEqual(line.release_type, "document_shared")
            self.assertEqual(line.released_by_id, self.officer)
            self.assertEqual(line.visit_id, self.visit)
            self.assertEqual(line.cso_id, self.cso)
            self.assertEqual(line.record_ref, document)
            self.assertEqual(
                line.description,
                "Document “Photographs of block C” (Photograph, Confidential) "
                "shared with the CSO.",
            )

    def test_strictly_confidential_document_is_never_shared(self):
        with self.assertRaisesRegex(ValidationError, "strictly confidential"):
            self._document(self.visit, "strictly_confidential", shared=True)
        document = self._document(self.visit, "confidential", shared=True)
        with self.assertRaisesRegex(ValidationError, "strictly confidential"):
            document.with_user(self.cleared).sensitivity = "strictly_confidential"

    def test_sharing_needs_a_covered_cso_member(self):
        draft = self._visit(start=20)  # nobody has signed an undertaking for it
        document = self._document(draft, "internal")
        with self.assertRaisesRegex(UserError, "no CSO member"):
            document.with_user(self.officer).share_with_cso = True
        self.assertFalse(self._lines(document))

    def test_file_of_a_shared_document_cannot_be_replaced(self):
        document = self._document(
            self.visit, "internal", shared=True, content=b"as given to the CSO"
        ).with_user(self.officer)
        for vals in (
            {"file": base64.b64encode(b"another file")},
            {"file_name": "other.pdf"},
            {"visit_id": self._confirmed_visit(start=-3).id},
        ):
            with (
                self.subTest(vals=list(vals)),
                self.assertRaisesRegex(UserError, "Add the new version"),
            ):
                document.write(vals)
        # even after unsharing: the register still refers to it
        document.share_with_cso = False
        with self.assertRaisesRegex(UserError, "Add the new version"):
            document.file = base64.b64encode(b"another file")
        # and not behind its back, through the attachment itself
        attachment = self._file(document).with_user(self.officer)
        with self.assertRaisesRegex(UserError, "Add the new version"):
            attachment.write({"raw": b"another file"})
        with self.assertRaisesRegex(UserError, "Add the new version"):
            attachment.unlink()
        self.assertEqual(base64.b64decode(document.file), b"as given to the CSO")
        # what is not the file may still be corrected
        document.write({"name": "Renamed", "description": "Corrected"})
        self.assertEqual(document.name, "Renamed")

    def test_file_of_an_unshared_document_can_be_replaced(self):
        document = self._document(self.visit, "internal").with_user(self.officer)
        document.file = base64.b64encode(b"second version")
        self.assertEqual(base64.b64decode(document.file), b"second version")
        self.assertEqual(len(self._file(document)), 1)

    def test_released_document_stays_on_record(self):
        document = self._document(self.visit, "internal", shared=True)
        document.share_with_cso = False
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            document.with_user(self.manager).unlink()
        self.assertTrue(document.exists())

    def test_unshared_document_is_deleted_with_its_file(self):
        document = self._document(self.visit, "confidential")
        attachment = self._file(document)
        self.assertTrue(attachment)
        document.with_user(self.officer).unlink()
        self.assertFalse(attachment.exists())

    def test_visit_with_documents_cannot_be_deleted(self):
        visit = self._visit(start=30)
        self._document(visit, "strictly_confidential")
        # the officer does not see the document, and still may not delete
        with self.assertRaisesRegex(UserError, "findings or documents"):
            visit.with_user(self.manager).unlink()
        self.assertTrue(visit.exists())

    def test_copy_starts_unshared_with_the_same_file(self):
        document = self._document(
            self.visit, "internal", shared=True, content=b"original"
        )
        copy = document.with_user(self.officer).copy()
        self.assertFalse(copy.share_with_cso)
        self.assertFalse(self._lines(copy))
        self.assertEqual(base64.b64decode(copy.file), b"original")

    def test_officer_neither_counts_nor_opens_strictly_confidential_material(self):
        strict = self._document(self.visit, "strictly_confidential")
        self._document(self.visit, "confidential")
        self.assertEqual(self.visit.with_user(self.officer).document_count, 1)
        self.assertEqual(self.visit.with_user(self.cleared).document_count, 2)
        attachment = self._file(strict)
        with self.assertRaises(AccessError):
            attachment.with_user(self.officer).read(["raw"])
        self.assertFalse(
            self.Attachment.with_user(self.officer).search([("id", "=", attachment.id)])
        )
        self.assertEqual(
            attachment.with_user(self.cleared).read(["raw"])[0]["raw"],
            b"strictly_confidential material",
        )

    def test_officer_adds_a_document_through_the_form(self):
        with Form(self.env["npm.visit.document"].with_user(self.officer)) as form:
            form.visit_id = self.visit
            form.file = base64.b64encode(b"%PDF-1.4 checklist")
            form.name = "Checklist of block C"
            form.document_type = "checklist"
        document = form.record
        self.assertEqual(document.sensitivity, "confidential")
        self.assertFalse(document.share_with_cso)
        self.assertEqual(document.place_id, self.place)
        self.assertEqual(document.cso_id, self.cso)

    def test_title_defaults_to_the_uploaded_file_name(self):
        # (the upload widget fills file_name, which the form keeps invisible)
        document = self.env["npm.visit.document"].new(
            {"file_name": "checklist-block-c.pdf"}
        )
        document._onchange_file_name()
        self.assertEqual(document.name, "checklist-block-c")
        document.file_name = "other.pdf"
        document._onchange_file_name()
        self.assertEqual(document.name, "checklist-block-c", "a title is kept")

    def test_visit_button_opens_its_documents(self):
        document = self._document(self.visit)
        action = self.visit.with_user(self.officer).action_view_documents()
        self.assertEqual(action["res_model"], "npm.visit.document")
        self.assertEqual(
            self.env["npm.visit.document"].search(action["domain"]), document
        )
        self.assertEqual(action["context"]["default_visit_id"], self.visit.id)

    def test_signed_undertaking_copy_cannot_be_replaced_through_its_attachment(self):
        undertaking = self._undertaking(self.cso_colleague)
        attachment = self.Attachment.search(
            [
                ("res_model", "=", undertaking._name),
                ("res_id", "=", undertaking.id),
                ("res_field", "=", "signed_copy"),
            ]
        ).with_user(self.officer)
        self.assertTrue(attachment)
        # (with the document store installed, its own guard may answer first)
        refused = "can no longer be changed|cannot be replaced"
        with self.assertRaisesRegex(UserError, refused):
            attachment.write({"raw": b"forged"})
        with self.assertRaises(UserError):  # or AccessError, from the store
            attachment.unlink()
        self.assertTrue(attachment.exists())
        self.assertEqual(base64.b64decode(undertaking.signed_copy), SIGNED_COPY_RAW)


class TestPortalVisitDocuments(NpmPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.shared_document = cls._document(
            cls.visit,
            "confidential",
            shared=True,
            name="Preliminary observations",
            content=b"%PDF-1.4 observations",
            file_name="observations.pdf",
            document_type="visit_report",
        )
        cls.unshared_document = cls._document(
            cls.visit, "internal", name="Admission register extract"
        )
        cls.strict_document = cls._document(
            cls.visit, "strictly_confidential", name="Sealed interview notes"
        )
        cls.other_document = cls._document(
            cls.other_visit, "confidential", shared=True, name="Other CSO report"
        )

    def _download_url(self, document):
        return f"/my/visit-documents/{document.id}/download"

    def test_visit_page_lists_the_shared_documents_only(self):
        page = self._get(self.visit.access_url).text
        self.assertIn("Preliminary observations", page)
        self.assertIn(self._download_url(self.shared_document), page)
        for hidden in (
            "Admission register extract",
            "Sealed interview notes",
            "Other CSO report",
        ):
            self.assertNotIn(hidden, page)

    def test_expert_downloads_a_shared_document(self):
        response = self._get(self._download_url(self.shared_document))
        self.assertEqual(response.content, b"%PDF-1.4 observations")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("observations.pdf", response.headers["Content-Disposition"])

    def test_other_documents_answer_not_found(self):
        for document in (
            self.unshared_document,
            self.strict_document,
            self.other_document,
        ):
            with self.subTest(document=document.name):
                response = self._get(self._download_url(document), NOT_FOUND)
                self.assertNotIn(b"material", response.content)
                response = self.url_open(
                    f"/web/content/npm.visit.document/{document.id}/file"
                )
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"material", response.content)

    def test_attachment_of_a_shared_document_is_not_served_by_id(self):
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "npm.visit.document"),
                ("res_id", "=", self.shared_document.id),
                ("res_field", "=", "file"),
            ]
        )
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"observations", response.content)

    def test_download_stops_the_day_the_undertaking_is_revoked(self):
        self.own_undertaking.action_revoke(reason="Left the monitoring team")
        self._get(self._download_url(self.shared_document), NOT_FOUND)

    def test_expert_of_another_cso_gets_their_own_only(self):
        self.authenticate("t_portal_other", "t_portal_other")
        self._get(self._download_url(self.shared_document), NOT_FOUND)
        response = self._get(self._download_url(self.other_document))
        self.assertEqual(response.content, b"confidential material")
