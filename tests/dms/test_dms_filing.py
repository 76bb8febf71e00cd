import base64

from odoo.addons.npm_cso_cooperation_dms.hooks import post_init_hook

from .common import PDF, SIGNED_AGREEMENT, NpmDmsCase


class TestDmsFiling(NpmDmsCase):
    """What is filed where, linked to what (issue 8)."""

    # --- signed agreements -------------------------------------------------

    def test_signed_agreement_copy_is_filed_when_signed(self):
        agreement = self._signed_agreement(self.partnership)
        attachment = self.signed_copy_attachment(agreement)
        dms_file = self.filed(attachment)
        self.assertEqual(len(dms_file), 1)
        folder = dms_file.directory_id
        self.assertEqual(folder, self.folder("record", agreement))
        self.assertEqual(folder.parent_id.npm_folder_type, "agreements")
        self.assertEqual(
            folder.parent_id.parent_id, self.folder("partnership", self.partnership)
        )
        self.assertEqual(dms_file.name, "agreement-signed.pdf")
        self.assertEqual(dms_file.npm_document_kind, "signed_agreement")
        self.assertTrue(dms_file.is_signed_copy)
        self.assertEqual(dms_file.record_ref, agreement)
        self.assertEqual(base64.b64decode(dms_file.content), SIGNED_AGREEMENT)

    def test_agreement_copy_waits_for_the_signature_and_drafts_stay_out(self):
        agreement = self.env["npm.cso.agreement"].create(
            {
                "name": "Data-sharing agreement",
                "agreement_type": "data_sharing",
                "partnership_id": self.partnership.id,
                "date_start": self.today,
                "terms": "<p>Public reports only.</p>",
                "signed_copy": self.b64(),
                "signed_copy_name": "scan.pdf",
            }
        )
        draft = self.attach(agreement, "draft v1.docx", user=self.officer)
        self.assertFalse(self.filed(self.signed_copy_attachment(agreement)))
        self.assertFalse(self.filed(draft))
        self.assertFalse(agreement.with_user(self.officer).dms_file_count)

    def test_terminated_agreement_keeps_its_filed_copy(self):
        agreement = self._signed_agreement(self.partnership)
        agreement.with_user(self.manager).action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertTrue(self.filed(self.signed_copy_attachment(agreement)))

    def test_agreement_and_partnership_forms_open_their_folders(self):
        agreement = self._signed_agreement(self.partnership)
        self.assertEqual(agreement.with_user(self.officer).dms_file_count, 1)
        action = agreement.with_user(self.officer).action_open_dms_files()
        self.assertEqual(
            action["domain"],
            [("directory_id", "child_of", self.folder("record", agreement).id)],
        )
        self._undertaking(self.cso_expert)
        partnership = self.partnership.with_user(self.officer)
        self.assertEqual(partnership.dms_file_count, 2)
        action = partnership.action_open_dms_files()
        self.assertEqual(
            self.DmsFile.with_user(self.officer).search_count(action["domain"]), 2
        )

    # --- signed undertakings ---------------------------------------------

    def test_signed_undertaking_copy_is_filed_in_its_partnership(self):
        visit = self._visit(start=10)
        undertaking = self._undertaking(self.cso_expert, visit=visit)
        attachment = self.signed_copy_attachment(undertaking)
        dms_file = self.filed(attachment)
        self.assertEqual(len(dms_file), 1)
        folder = dms_file.directory_id
        self.assertEqual(folder, self.folder("record", undertaking))
        self.assertEqual(folder.parent_id.npm_folder_type, "undertakings")
        self.assertEqual(
            folder.parent_id.parent_id, self.folder("partnership", self.partnership)
        )
        self.assertEqual(
            folder.parent_id.parent_id.parent_id, self.cso_folder(self.cso)
        )
        self.assertEqual(dms_file.name, "undertaking.pdf")
        self.assertEqual(dms_file.npm_document_kind, "signed_undertaking")
        self.assertTrue(dms_file.is_signed_copy)

    def test_filed_copy_is_the_record_attachment_not_a_copy(self):
        undertaking = self._undertaking(self.cso_expert)
        attachment = self.signed_copy_attachment(undertaking)
        dms_file = self.filed(attachment)
        self.assertEqual(dms_file.attachment_id, attachment)
        self.assertEqual(
            (dms_file.res_model, dms_file.res_id), (undertaking._name, undertaking.id)
        )
        self.assertEqual(dms_file.record_ref, undertaking)
        self.assertFalse(dms_file.content_file)
        self.assertFalse(dms_file.content_binary)
        self.assertEqual(
            base64.b64decode(dms_file.content), b"%PDF-1.4 signed undertaking"
        )
        self.assertEqual(dms_file.checksum, attachment.checksum)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [
                    ("checksum", "=", attachment.checksum),
                    "|",
                    ("res_field", "=", False),
                    ("res_field", "!=", False),
                ]
            ),
            1,
            "the content is stored once",
        )

    def test_draft_undertaking_copy_waits_until_signed(self):
        undertaking = self._undertaking(self.cso_expert, sign=False)
        attachment = self.signed_copy_attachment(undertaking)
        self.assertTrue(attachment)
        self.assertFalse(self.filed(attachment))
        # still a draft: the copy may be corrected before signing
        undertaking.signed_copy = self.b64(b"%PDF-1.4 corrected scan")
        undertaking.with_user(self.officer).action_sign()
        dms_file = self.filed(self.signed_copy_attachment(undertaking))
        self.assertTrue(dms_file.is_signed_copy)
        self.assertEqual(base64.b64decode(dms_file.content), b"%PDF-1.4 corrected scan")

    def test_undertaking_of_a_cso_with_one_open_partnership_goes_there(self):
        undertaking = self._undertaking(self.cso_expert)  # general scope
        self.assertEqual(
            self.folder("record", undertaking).parent_id,
            self.Directory._npm_section_folder("undertakings", self.partnership),
        )

    def test_undertaking_of_a_cso_with_several_partnerships_goes_to_the_cso(self):
        self.env["npm.cso.partnership"].create(
            {"name": "NPM – Test Watch, medical", "partner_id": self.cso.id}
        )
        undertaking = self._undertaking(self.cso_expert)
        self.assertEqual(
            self.folder("record", undertaking).parent_id, self.cso_folder(self.cso)
        )

    def test_attachments_of_an_undertaking_other_than_its_copy_stay_out(self):
        undertaking = self._undertaking(self.cso_expert)
        note = self.attach(undertaking, "cover-letter.pdf")
        self.assertFalse(self.filed(note))

    # --- visit documents --------------------------------------------------

    def test_visit_document_is_filed_in_the_visit_folder(self):
        visit = self._visit(start=3)
        attachment = self.attach(visit, "floor plan.pdf", user=self.officer)
        dms_file = self.filed(attachment)
        self.assertEqual(dms_file.npm_document_kind, "visit_document")
        self.assertFalse(dms_file.is_signed_copy)
        folder = dms_file.directory_id
        self.assertEqual(folder, self.folder("record", visit))
        self.assertEqual(folder.name, visit.name.replace("/", "-"))
        self.assertEqual(folder.parent_id.npm_folder_type, "visits")
        self.assertEqual(dms_file.record_ref, visit)

    def test_documents_posted_in_the_chatter_are_filed(self):
        visit = self._visit(start=3)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create(
                {
                    "name": "photo.pdf",
                    "raw": PDF,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                }
            )
        )
        self.assertFalse(self.filed(attachment))
        visit.with_user(self.officer).message_post(
            body="Photos of block C", attachment_ids=attachment.ids
        )
        self.assertEqual(
            self.filed(attachment).directory_id, self.folder("record", visit)
        )

    def test_same_name_twice_gets_a_free_name(self):
        visit = self._visit(start=3)
        first = self.filed(self.attach(visit, "report.pdf"))
        second = self.filed(self.attach(visit, "report.pdf"))
        self.assertEqual(first.name, "report.pdf")
        self.assertEqual(second.name, "report(1).pdf")
        odd = self.filed(self.attach(visit, "block C/cell 4.pdf"))
        self.assertEqual(odd.name, "block C-cell 4.pdf")

    def test_finding_documents_have_a_folder_inside_the_visit_folder(self):
        visit = self._visit(start=3)
        finding = self._finding(visit, "strictly_confidential")
        dms_file = self.filed(self.attach(finding, "medical record.pdf"))
        folder = dms_file.directory_id
        self.assertEqual(folder, self.folder("record", finding))
        self.assertEqual(folder.parent_id, self.folder("record", visit))
        self.assertEqual(dms_file.npm_document_kind, "visit_document")

    def test_visit_folder_follows_its_visit_while_draft(self):
        visit = self._visit(start=3)
        self.attach(visit)
        medical = self.env["npm.cso.partnership"].create(
            {"name": "NPM – Test Watch, medical", "partner_id": self.cso.id}
        )
        visit.with_user(self.officer).partnership_id = medical
        self.assertEqual(
            self.folder("record", visit).parent_id,
            self.Directory._npm_section_folder("visits", medical),
        )

    def test_documents_button_counts_what_the_user_may_read(self):
        visit = self._visit(start=3)
        self.attach(visit)
        self.attach(self._finding(visit, "confidential"))
        self.attach(self._finding(visit, "strictly_confidential"))
        self.assertEqual(visit.with_user(self.cleared).dms_file_count, 3)
        self.assertEqual(visit.with_user(self.officer).dms_file_count, 2)
        action = visit.with_user(self.officer).action_open_dms_files()
        folder = self.folder("record", visit)
        self.assertEqual(action["domain"], [("directory_id", "child_of", folder.id)])
        self.assertEqual(
            self.DmsFile.with_user(self.officer).search_count(action["domain"]), 2
        )

    def test_uploading_in_the_store_attaches_to_the_record(self):
        visit = self._visit(start=3)
        folder = visit.with_user(self.officer).action_open_dms_files()["context"][
            "default_directory_id"
        ]
        dms_file = self.DmsFile.with_user(self.officer).create(
            {"name": "minutes.pdf", "directory_id": folder, "content": self.b64()}
        )
        self.assertEqual(dms_file.attachment_id.res_model, visit._name)
        self.assertEqual(dms_file.attachment_id.res_id, visit.id)
        self.assertIn(
            dms_file.attachment_id,
            self.env["ir.attachment"].search(
                [("res_model", "=", visit._name), ("res_id", "=", visit.id)]
            ),
        )

    # --- installing into a database that already has documents ----------

    def test_installing_the_bridge_files_existing_documents(self):
        visit = self._visit(start=3)
        undertaking = self._undertaking(self.cso_expert)
        quiet = self.env["ir.attachment"].with_context(dms_file=True)
        attachment = quiet.create(
            {
                "name": "old.pdf",
                "raw": PDF,
                "res_model": visit._name,
                "res_id": visit.id,
            }
        )
        self.assertFalse(self.filed(attachment))
        post_init_hook(self.env)
        self.assertEqual(
            self.filed(attachment).directory_id, self.folder("record", visit)
        )
        self.assertEqual(
            len(self.filed(self.signed_copy_attachment(undertaking))), 1, "not twice"
        )
