"""The store seen through HTTP: OCA's portal pages and download routes, and
share links (access tokens), which read as superuser."""

from odoo.tests import HttpCase

from .common import SIGNED_AGREEMENT, NpmDmsCase

SIGNED = b"%PDF-1.4 signed undertaking"
SHARED_NOTES = b"%PDF-1.4 notes shared with the CSO"


class TestDmsPortal(NpmDmsCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5, end=-4)  # portal expert covered
        own = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.cso_expert.id), ("visit_id", "=", cls.visit.id)]
        )
        colleague = cls._undertaking(cls.cso_colleague)
        cls.own_copy = cls.filed(cls.signed_copy_attachment(own))
        cls.colleague_copy = cls.filed(cls.signed_copy_attachment(colleague))
        cls.visit_document = cls.filed(cls.attach(cls.visit, "minutes.pdf"))
        cls.agreement_copy = cls.filed(
            cls.signed_copy_attachment(cls._signed_agreement(cls.partnership))
        )
        cls.other_agreement_copy = cls.filed(
            cls.signed_copy_attachment(cls._signed_agreement(cls.other_partnership))
        )
        cls.shared_document = cls._document(
            cls.visit,
            "confidential",
            shared=True,
            content=SHARED_NOTES,
            file_name="shared notes.pdf",
        )
        cls.shared_document_file = cls.filed(cls.file_attachment(cls.shared_document))
        strict = cls._finding(cls.visit, "strictly_confidential")
        cls.strict_document = cls.filed(
            cls.attach(strict, "medical file.pdf", content=b"%PDF-1.4 strict")
        )

    def _download(self, dms_file, token=None):
        url = f"/my/dms/file/{dms_file.id}/download"
        if token:
            url += f"?access_token={token}"
        return self.url_open(url, timeout=30)

    def test_expert_downloads_their_own_signed_undertaking(self):
        self.authenticate("t_portal", "t_portal")
        response = self._download(self.own_copy)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SIGNED)

    def test_expert_downloads_their_csos_signed_agreement(self):
        self.authenticate("t_portal", "t_portal")
        response = self._download(self.agreement_copy)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SIGNED_AGREEMENT)

    def test_expert_cannot_download_what_is_not_theirs(self):
        self.authenticate("t_portal", "t_portal")
        for dms_file in (
            self.colleague_copy,
            self.visit_document,
            self.strict_document,
            self.other_agreement_copy,
        ):
            response = self._download(dms_file)
            # refused: 403, or sent back to /my
            self.assertTrue(
                response.status_code == 403 or "/download" not in response.url,
                dms_file.name,
            )
            self.assertNotIn(b"%PDF", response.content, dms_file.name)

    def test_expert_portal_lists_only_their_own_folders(self):
        self.authenticate("t_portal", "t_portal")
        response = self.url_open("/my/dms", timeout=30)
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn(f"/my/dms/directory/{self.own_copy.directory_id.id}?", page)
        self.assertIn(f"/my/dms/directory/{self.agreement_copy.directory_id.id}?", page)
        for hidden in (
            self.cso_folder(self.cso),
            self.folder("partnership", self.partnership),
            self.colleague_copy.directory_id,
            self.visit_document.directory_id,
            self.other_agreement_copy.directory_id,
        ):
            self.assertNotIn(f"/my/dms/directory/{hidden.id}?", page)
            self.assertNotIn(f">{hidden.name}<", page)

    def test_share_link_does_not_widen_access(self):
        colleague_token = self.colleague_copy.sudo()._portal_ensure_token()
        strict_token = self.strict_document.sudo()._portal_ensure_token()
        folder_token = self.cso_folder(self.cso).sudo()._portal_ensure_token()
        # a portal expert holding the link of someone else's undertaking
        self.authenticate("t_portal", "t_portal")
        response = self._download(self.colleague_copy, colleague_token)
        self.assertNotIn(b"%PDF", response.content)
        response = self._download(self.colleague_copy, folder_token)
        self.assertNotIn(b"%PDF", response.content)
        # an officer who is not cleared, holding a strictly confidential link
        self.authenticate("t_officer", "t_officer")
        response = self._download(self.strict_document, strict_token)
        self.assertNotIn(b"%PDF", response.content)
        response = self.url_open(
            f"/web/content/dms.file/{self.strict_document.id}/content"
            f"?access_token={strict_token}",
            timeout=30,
        )
        self.assertNotIn(b"%PDF", response.content)
        # anonymous visitors
        self.authenticate(None, None)
        response = self._download(self.strict_document, folder_token)
        self.assertNotIn(b"%PDF", response.content)

    def test_cleared_officer_downloads_strictly_confidential_material(self):
        self.authenticate("t_cleared", "t_cleared")
        response = self.url_open(
            f"/web/content/dms.file/{self.strict_document.id}/content", timeout=30
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF-1.4 strict")
