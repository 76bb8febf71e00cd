from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError

from tests.agreement_common import SIGNED_PDF, AgreementCase


class TestAgreementFreeze(AgreementCase):
    def test_what_was_approved_is_frozen(self):
        agreement = self.approved()
        other = self.safeguarded_partnership(name="Another cooperation")
        for vals in (
            {"name": "Renamed"},
            {"agreement_type": "data_sharing"},
            {"partnership_id": other.id},
            {"date_start": self.today - timedelta(days=1)},
            {"date_end": self.today + timedelta(days=10)},
            {"terms": "<p>Clause 1 rewritten.</p>"},
            {"objectives": "<p>New aims.</p>"},
            {"modalities": "<p>New ways.</p>"},
        ):
            for user in (self.officer, self.manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaisesRegex(UserError, "Create an amendment"),
                ):
                    agreement.with_user(user).write(vals)
        self.assertEqual(agreement.name, "MoU with Test Watch")

    def test_signed_agreement_is_frozen_too(self):
        agreement = self.signed()
        with self.assertRaisesRegex(UserError, "is Signed, so its Agreed Text"):
            agreement.with_user(self.manager).terms = "<p>Changed.</p>"

    def test_text_under_approval_cannot_change(self):
        agreement = self.submitted()
        with self.assertRaisesRegex(UserError, "ask a manager to reject it"):
            agreement.with_user(self.officer).terms = "<p>Slipped in.</p>"

    def test_rejected_text_changes_after_reset(self):
        agreement = self.submitted()
        agreement.with_user(self.manager).action_reject(reason="No")
        with self.assertRaisesRegex(UserError, "Reset it to draft first"):
            agreement.with_user(self.officer).terms = "<p>Fixed.</p>"

    def test_draft_is_freely_edited(self):
        agreement = self.make_agreement()
        agreement.with_user(self.officer2).write(
            {"terms": "<p>Better.</p>", "name": "Better MoU"}
        )
        self.assertEqual(agreement.name, "Better MoU")

    def test_notes_responsible_and_attachments_stay_editable(self):
        agreement = self.signed()
        agreement.with_user(self.officer).write(
            {"note": "<p>Call them in May.</p>", "user_id": self.officer2.id}
        )
        self.assertEqual(agreement.user_id, self.officer2)
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.officer)
            .create(
                {
                    "name": "annex.pdf",
                    "datas": SIGNED_PDF,
                    "res_model": agreement._name,
                    "res_id": agreement.id,
                }
            )
        )
        agreement.with_user(self.officer).message_post(
            body="Annex received", attachment_ids=attachment.ids
        )
        self.assertIn(attachment, agreement.message_ids.attachment_ids)

    def test_signed_copy_cannot_be_replaced_once_signed(self):
        agreement = self.approved(self.make_agreement())
        agreement.with_user(self.officer).signed_copy = SIGNED_PDF
        agreement.with_user(self.officer).signed_copy = SIGNED_PDF + b"AA"
        agreement.with_user(self.officer).action_sign()
        for vals in ({"signed_copy": False}, {"date_signed": self.today}):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "cannot be replaced"),
            ):
                agreement.with_user(self.manager).write(vals)

    def test_signed_copy_cannot_be_replaced_through_its_attachment(self):
        agreement = self.approved(self.make_agreement())
        agreement.with_user(self.officer).signed_copy = SIGNED_PDF
        attachment = (
            self.env["ir.attachment"]
            .search(
                [
                    ("res_model", "=", agreement._name),
                    ("res_id", "=", agreement.id),
                    ("res_field", "=", "signed_copy"),
                ]
            )
            .with_user(self.manager)
        )
        # before signature, the copy may still be corrected
        attachment.write({"raw": SIGNED_PDF + b"corrected"})
        agreement.with_user(self.officer).action_sign()
        for change in (
            lambda: attachment.write({"raw": b"%PDF-1.4 forged"}),
            lambda: attachment.write({"res_id": self.make_agreement().id}),
            attachment.unlink,
        ):
            with self.assertRaisesRegex(UserError, "cannot be replaced"):
                change()
        self.assertEqual(attachment.raw, SIGNED_PDF + b"corrected")

    def test_agreement_cannot_end_before_it_starts(self):
        with self.assertRaisesRegex(ValidationError, "cannot end .* before it starts"):
            self.make_agreement(
                date_start=self.today, date_end=self.today - timedelta(days=1)
            )
        agreement = self.make_agreement()
        with self.assertRaisesRegex(ValidationError, "correct the dates"):
            agreement.with_user(self.officer).date_end = self.today - timedelta(days=3)


class TestAgreementDeletion(AgreementCase):
    def test_approved_and_later_agreements_are_never_deleted(self):
        approved = self.approved()
        signed = self.signed()
        expired = self.signed()
        expired._expire()
        terminated = self.signed()
        terminated.with_user(self.manager).action_terminate()
        under_approval = self.submitted()
        for agreement in (approved, signed, expired, terminated, under_approval):
            with self.subTest(state=agreement.state):
                with self.assertRaisesRegex(UserError, "never deleted"):
                    agreement.with_user(self.manager).unlink()
                with self.assertRaises(AccessError):
                    agreement.with_user(self.officer).unlink()
                self.assertTrue(agreement.exists())

    def test_approved_agreement_is_archived_instead(self):
        agreement = self.signed()
        agreement.with_user(self.manager).action_archive()
        self.assertFalse(agreement.active)
        self.assertEqual(agreement.state, "signed")

    def test_manager_deletes_drafts_and_rejected_agreements(self):
        draft = self.make_agreement()
        rejected = self.submitted()
        rejected.with_user(self.manager).action_reject(reason="Start again")
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).unlink()
        (draft | rejected).with_user(self.manager).unlink()
        self.assertFalse((draft | rejected).exists())

    def test_portal_user_cannot_delete(self):
        agreement = self.make_agreement()
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).unlink()


class TestAgreementAmendment(AgreementCase):
    def test_amendment_is_a_new_version_linked_to_the_original(self):
        original = self.signed(objectives="<p>Aims of version 1.</p>")
        original.partnership_id.objectives = "<p>Aims of the partnership.</p>"
        action = original.with_user(self.officer).action_create_amendment()
        amendment = self.Agreement.browse(action["res_id"])
        self.assertEqual(amendment.amended_agreement_id, original)
        self.assertEqual(amendment.version, 2)
        self.assertEqual(amendment.state, "draft")
        self.assertEqual(amendment.terms, original.terms)
        self.assertEqual(amendment.objectives, original.objectives)
        self.assertEqual(amendment.modalities, original.modalities)
        self.assertEqual(amendment.date_end, original.date_end)
        self.assertEqual(amendment.partnership_id, original.partnership_id)
        self.assertNotEqual(amendment.reference, original.reference)
        self.assertFalse(amendment.signed_copy)
        self.assertIn("(v2)", amendment.display_name)
        self.assertEqual(original.amendment_count, 1)
        amendment.with_user(self.officer).terms = "<p>Clause 1 amended.</p>"
        self.assertIn("Clause 1. The NPM decides alone.", original.terms)

    def test_signing_the_amendment_supersedes_the_original(self):
        original = self.signed()
        action = original.with_user(self.officer).action_create_amendment()
        amendment = self.Agreement.browse(action["res_id"])
        self.signed(amendment)
        self.assertEqual(amendment.state, "signed")
        self.assertEqual(original.state, "terminated")
        self.assertIn("Superseded by", self.notes(original)[0])
        third = self.Agreement.browse(
            amendment.with_user(self.officer).action_create_amendment()["res_id"]
        )
        self.assertEqual(third.version, 3)

    def test_one_amendment_at_a_time(self):
        original = self.signed()
        original.with_user(self.officer).action_create_amendment()
        with self.assertRaisesRegex(UserError, "already being amended"):
            original.with_user(self.officer2).action_create_amendment()

    def test_expired_agreement_is_renewed_by_an_amendment(self):
        original = self.signed()
        original._expire()
        action = original.with_user(self.officer).action_create_amendment()
        self.assertEqual(self.Agreement.browse(action["res_id"]).version, 2)

    def test_drafts_are_edited_not_amended(self):
        agreement = self.make_agreement()
        with self.assertRaisesRegex(UserError, "Cannot amend or renew"):
            agreement.with_user(self.officer).action_create_amendment()

    def test_portal_user_cannot_amend(self):
        agreement = self.signed()
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).action_create_amendment()

    def test_amendment_stays_in_its_partnership(self):
        original = self.signed()
        other = self.safeguarded_partnership(name="Another cooperation")
        with self.assertRaisesRegex(ValidationError, "same partnership"):
            self.make_agreement(other, amended_agreement_id=original.id)

    def test_only_approved_agreements_are_amended(self):
        draft = self.make_agreement()
        with self.assertRaisesRegex(ValidationError, "only an approved agreement"):
            self.make_agreement(draft.partnership_id, amended_agreement_id=draft.id)

    def test_duplicating_a_signed_agreement_gives_a_draft(self):
        copy = self.signed().with_user(self.officer).copy()
        self.assertEqual(copy.state, "draft")
        self.assertFalse(copy.approved_by_id)
        self.assertFalse(copy.signed_copy)
        self.assertEqual(copy.version, 1)
