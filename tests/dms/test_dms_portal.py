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

    def test_shared_document_reaches_the_expert_only_through_the_app(self):
        self.authenticate("t_portal", "t_portal")
        # the expert may read the document: the app's portal hands them its file
        response = self.url_open(
            f"/my/visit-documents/{self.shared_document.id}/download", timeout=30
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, SHARED_NOTES)
        # ... but the store gives them nothing of it, link or not
        dms_file = self.shared_document_file
        token = dms_file.sudo()._portal_ensure_token()
        folder = dms_file.directory_id
        folder_token = folder.sudo()._portal_ensure_token()
        for response in (
            self._download(dms_file),
            self._download(dms_file, token),
            self._download(dms_file, folder_token),
            self.url_open(f"/web/content/dms.file/{dms_file.id}/content", timeout=30),
            self.url_open(
                f"/web/content/dms.file/{dms_file.id}/content?access_token={token}",
                timeout=30,
            ),
        ):
            self.assertNotIn(b"%PDF", response.content, response.url)
        for url in (
            f"/my/dms/directory/{folder.id}",
            f"/my/dms/directory/{folder.id}?access_token={folder_token}",
            "/my/dms",
        ):
            page = self.url_open(url, timeout=30).text
            self.assertNotIn("shared notes.pdf", page, url)
            self.assertNotIn(f"/my/dms/file/{dms_file.id}/", page, url)
            self.assertNotIn(f">{folder.name}<", page, url)

    def test_folder_pages_list_only_what_the_user_may_read(self):
        visit_folder = self.folder("record", self.visit)
        strict_folder = self.strict_document.directory_id
        self.assertEqual(strict_folder.parent_id, visit_folder)
        # an officer who is not cleared reads the visit's folder, not the
        # strictly confidential finding's folder inside it
        self.authenticate("t_officer", "t_officer")
        response = self.url_open(f"/my/dms/directory/{visit_folder.id}", timeout=30)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.visit_document.name, response.text)
        self.assertNotIn(f"/my/dms/directory/{strict_folder.id}", response.text)
        self.assertNotIn(strict_folder.name, response.text)
        # a link to the visit's folder lists nothing as superuser
        token = visit_folder.sudo()._portal_ensure_token()
        response = self.url_open(
            f"/my/dms/directory/{visit_folder.id}?access_token={token}", timeout=30
        )
        self.assertNotIn(strict_folder.name, response.text)
        self.assertNotIn("medical file.pdf", response.text)
        response = self.url_open(f"/my/dms/directory/{strict_folder.id}", timeout=30)
        self.assertNotIn("medical file.pdf", response.text)
        # a portal expert (covered for the visit) and an anonymous visitor
        # open no folder of the visit, and learn none of its names
        for login in ("t_portal", None):
            self.authenticate(login, login)
            for folder in (visit_folder, strict_folder):
                response = self.url_open(
                    f"/my/dms/directory/{folder.id}?access_token=nonsense", timeout=30
                )
                page = response.text
                response = self.url_open(f"/my/dms/directory/{folder.id}", timeout=30)
                page += response.text
                for name in (folder.name, "minutes.pdf", "medical file.pdf"):
                    self.assertNotIn(name, page, f"{login} on {folder.name}")

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
