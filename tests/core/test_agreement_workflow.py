from odoo.exceptions import AccessError, UserError
from odoo.tests import Form

from tests.agreement_common import SIGNED_PDF, AgreementCase


class TestAgreementSubmission(AgreementCase):
    def test_officer_submits_and_the_other_managers_are_asked(self):
        agreement = self.submitted()
        self.assertEqual(agreement.state, "to_approve")
        self.assertEqual(agreement.submitted_by_id, self.officer)
        self.assertTrue(agreement.submitted_on)
        asked = self.approval_activities(agreement).user_id
        self.assertIn(self.manager, asked)
        self.assertIn(self.manager2, asked)
        self.assertNotIn(self.officer, asked)
        self.assertNotIn(self.officer2, asked)
        self.assertIn("Submitted for approval by T Officer", self.notes(agreement)[0])

    def test_a_submitting_manager_is_not_asked_to_approve(self):
        agreement = self.submitted(by=self.manager)
        asked = self.approval_activities(agreement).user_id
        self.assertNotIn(self.manager, asked)
        self.assertIn(self.manager2, asked)
        self.assertNotIn(self.manager, agreement._get_approvers())

    def test_archived_managers_are_not_asked(self):
        self.manager2.active = False
        agreement = self.submitted()
        self.assertNotIn(self.manager2, self.approval_activities(agreement).user_id)

    def test_mou_cannot_be_submitted_before_safeguards_are_confirmed(self):
        partnership = self.make_partnership()
        agreement = self.make_agreement(partnership)
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.officer).action_submit()
        message = str(caught.exception)
        self.assertIn("cannot be submitted for approval yet", message)
        for line in partnership.safeguard_line_ids:
            self.assertIn(line.name, message)
        self.assertEqual(agreement.state, "draft")
        partnership.with_user(self.manager).action_confirm_safeguards()
        agreement.with_user(self.officer).action_submit()
        self.assertEqual(agreement.state, "to_approve")

    def test_other_agreements_do_not_wait_for_the_safeguards(self):
        partnership = self.make_partnership()
        agreement = self.make_agreement(
            partnership, agreement_type="confidentiality", name="Confidentiality"
        )
        agreement.with_user(self.officer).action_submit()
        self.assertEqual(agreement.state, "to_approve")

    def test_submission_lists_what_is_missing(self):
        agreement = self.make_agreement(
            date_start=False, date_end=False, terms=False, modalities=False
        )
        with self.assertRaises(UserError) as caught:
            agreement.with_user(self.officer).action_submit()
        message = str(caught.exception)
        self.assertIn("the start date", message)
        self.assertIn("the agreed text", message)
        self.assertIn("the modalities of the cooperation", message)
        self.assertNotIn("objectives", message)

    def test_no_submission_in_a_closed_partnership(self):
        partnership = self.safeguarded_partnership()
        agreement = self.make_agreement(partnership)
        partnership.with_user(self.manager).action_close()
        with self.assertRaisesRegex(UserError, "is closed"):
            agreement.with_user(self.officer).action_submit()

    def test_submitting_twice_is_refused(self):
        agreement = self.submitted()
        with self.assertRaisesRegex(UserError, "Cannot submit for approval"):
            agreement.with_user(self.officer).action_submit()

    def test_objectives_come_from_the_partnership(self):
        partnership = self.safeguarded_partnership(objectives="<p>Shared aims.</p>")
        with Form(self.Agreement.with_user(self.officer)) as form:
            form.partnership_id = partnership
            form.agreement_type = "visit_terms"
        agreement = form.record
        self.assertEqual(agreement.name, "Joint Visit Terms with Test Watch NGO")
        self.assertIn("Shared aims.", agreement.objectives)
        self.assertEqual(agreement.partner_id, self.cso)
        self.assertEqual(agreement.user_id, self.officer)
        self.assertTrue(agreement.reference.startswith("AGR/"))


class TestAgreementDecision(AgreementCase):
    def test_officers_cannot_approve_or_reject(self):
        agreement = self.submitted()
        for user in (self.officer, self.officer2, self.cleared):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    agreement.with_user(user).action_approve()
                with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
                    agreement.with_user(user).action_reject(reason="No")
        self.assertEqual(agreement.state, "to_approve")

    def test_portal_and_employee_users_cannot_decide(self):
        agreement = self.submitted()
        for user in (self.portal_expert, self.other_portal_expert, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    agreement.with_user(user).action_approve()
                with self.assertRaises(AccessError):
                    agreement.with_user(user).action_reject(reason="No")
        self.assertEqual(agreement.state, "to_approve")

    def test_manager_approves(self):
        agreement = self.submitted()
        self.assertTrue(agreement.with_user(self.manager).can_decide)
        self.assertFalse(agreement.with_user(self.officer).can_decide)
        agreement.with_user(self.manager).action_approve()
        self.assertEqual(agreement.state, "approved")
        self.assertEqual(agreement.approved_by_id, self.manager)
        self.assertTrue(agreement.approved_on)
        self.assertFalse(self.approval_activities(agreement))
        self.assertIn("Approved by T Manager", self.notes(agreement)[0])
        done = agreement.message_ids.filtered(
            lambda m: m.mail_activity_type_id.name == "Approve agreement"
        )
        self.assertEqual(done.author_id, self.manager.partner_id)

    def test_submitter_can_never_decide_even_as_manager(self):
        agreement = self.submitted(by=self.manager)
        self.assertFalse(agreement.with_user(self.manager).can_decide)
        with self.assertRaisesRegex(UserError, "four-eyes"):
            agreement.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "four-eyes"):
            agreement.with_user(self.manager).action_reject(reason="Second thoughts")
        self.assertEqual(agreement.state, "to_approve")
        agreement.with_user(self.manager2).action_approve()
        self.assertEqual(agreement.approved_by_id, self.manager2)

    def test_approving_twice_is_refused(self):
        agreement = self.approved()
        with self.assertRaisesRegex(UserError, "already approved by T Manager"):
            agreement.with_user(self.manager2).action_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            agreement.with_user(self.manager).action_approve()
        self.assertEqual(agreement.approved_by_id, self.manager)

    def test_draft_cannot_be_approved(self):
        agreement = self.make_agreement()
        with self.assertRaisesRegex(UserError, "only an agreement awaiting approval"):
            agreement.with_user(self.manager).action_approve()

    def test_reject_with_a_reason(self):
        agreement = self.submitted()
        agreement.with_user(self.manager2).action_reject(
            reason="Clause 4 gives a veto."
        )
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(agreement.rejected_by_id, self.manager2)
        self.assertTrue(agreement.rejected_on)
        self.assertEqual(agreement.rejection_reason, "Clause 4 gives a veto.")
        self.assertFalse(self.approval_activities(agreement))
        self.assertIn("Rejected by T Manager2", self.notes(agreement)[0])
        self.assertIn("Clause 4 gives a veto.", self.notes(agreement)[0])

    def test_reject_button_asks_for_the_reason(self):
        agreement = self.submitted()
        action = agreement.with_user(self.manager).action_reject()
        self.assertEqual(action["res_model"], "npm.cso.agreement.reject.wizard")
        self.assertEqual(agreement.state, "to_approve")
        blank = agreement.with_user(self.manager).action_reject(reason="   ")
        self.assertEqual(blank["res_model"], "npm.cso.agreement.reject.wizard")
        wizard_model = self.env[action["res_model"]].with_user(self.manager)
        with Form(wizard_model.with_context(**action["context"])) as form:
            form.reason = "The NPM must be free to end it at any time."
        form.record.action_reject()
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(
            agreement.rejection_reason, "The NPM must be free to end it at any time."
        )

    def test_officer_cannot_open_the_reject_wizard(self):
        agreement = self.submitted()
        with self.assertRaises(AccessError):
            agreement.with_user(self.officer).action_reject()
        with self.assertRaises(AccessError):
            self.env["npm.cso.agreement.reject.wizard"].with_user(self.officer).create(
                {"agreement_ids": agreement.ids, "reason": "No"}
            )

    def test_reset_to_draft_only_from_rejected(self):
        agreement = self.make_agreement()
        with self.assertRaisesRegex(UserError, "Cannot reset to draft"):
            agreement.with_user(self.officer).action_reset_to_draft()
        self.submitted(agreement)
        with self.assertRaisesRegex(UserError, "Cannot reset to draft"):
            agreement.with_user(self.officer).action_reset_to_draft()
        agreement.with_user(self.manager).action_reject(reason="Rework clause 2.")
        agreement.with_user(self.officer2).action_reset_to_draft()
        self.assertEqual(agreement.state, "draft")
        self.assertFalse(agreement.submitted_by_id)
        agreement.with_user(self.officer).terms = "<p>Clause 2 reworked.</p>"
        agreement.with_user(self.officer).action_submit()
        self.assertEqual(agreement.state, "to_approve")
        self.assertFalse(agreement.rejection_reason)
        self.assertIn(self.manager, self.approval_activities(agreement).user_id)

    def test_approved_agreement_cannot_be_reset(self):
        agreement = self.approved()
        with self.assertRaisesRegex(UserError, "Cannot reset to draft"):
            agreement.with_user(self.manager).action_reset_to_draft()

    def test_state_and_decisions_change_only_through_the_buttons(self):
        agreement = self.submitted()
        for vals in (
            {"state": "approved"},
            {"approved_by_id": self.manager.id},
            {"submitted_by_id": self.officer2.id},
            {"rejection_reason": "none"},
            {"version": 7},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesRegex(UserError, "changes only through its"):
                    agreement.with_user(self.officer).write(vals)
                with self.assertRaisesRegex(UserError, "changes only through its"):
                    agreement.with_user(self.manager2).write(vals)
        with self.assertRaisesRegex(UserError, "changes only through its"):
            self.make_agreement(state="signed")
        with self.assertRaisesRegex(UserError, "never changes"):
            agreement.with_user(self.manager).reference = "AGR/1999/0001"
        self.assertEqual(agreement.state, "to_approve")


class TestAgreementSignature(AgreementCase):
    def test_signing_needs_the_signed_copy(self):
        agreement = self.approved()
        with self.assertRaisesRegex(UserError, "without its signed copy"):
            agreement.with_user(self.officer).action_sign()
        self.assertEqual(agreement.state, "approved")
        agreement.with_user(self.officer).write(
            {"signed_copy": SIGNED_PDF, "signed_copy_name": "mou.pdf"}
        )
        agreement.with_user(self.officer).action_sign()
        self.assertEqual(agreement.state, "signed")
        self.assertEqual(agreement.date_signed, self.today)

    def test_signed_copy_is_an_attachment_of_the_agreement(self):
        agreement = self.signed()
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "npm.cso.agreement"),
                ("res_id", "=", agreement.id),
                ("res_field", "=", "signed_copy"),
            ]
        )
        self.assertEqual(len(attachment), 1)

    def test_second_officer_records_the_signature(self):
        agreement = self.approved()
        agreement.with_user(self.officer2).signed_copy = SIGNED_PDF
        agreement.with_user(self.officer2).action_sign()
        self.assertEqual(agreement.state, "signed")

    def test_only_approved_agreements_are_signed(self):
        agreement = self.submitted(self.make_agreement(signed_copy=SIGNED_PDF))
        with self.assertRaisesRegex(UserError, "Cannot mark as signed"):
            agreement.with_user(self.officer).action_sign()
        signed = self.signed()
        with self.assertRaisesRegex(UserError, "Cannot mark as signed"):
            signed.with_user(self.officer).action_sign()

    def test_portal_user_cannot_sign(self):
        agreement = self.approved()
        agreement.signed_copy = SIGNED_PDF
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).action_sign()
        self.assertEqual(agreement.state, "approved")


class TestAgreementTermination(AgreementCase):
    def test_officer_cannot_terminate(self):
        agreement = self.signed()
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            agreement.with_user(self.officer).action_terminate()
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            agreement.with_user(self.officer2).action_terminate()
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).action_terminate()
        self.assertEqual(agreement.state, "signed")

    def test_manager_terminates_a_signed_agreement(self):
        agreement = self.signed()
        agreement.with_user(self.manager2).action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertEqual(agreement.terminated_on, self.today)
        self.assertIn("Terminated by T Manager2", self.notes(agreement)[0])

    def test_manager_terminates_an_approved_agreement(self):
        agreement = self.approved()
        agreement.with_user(self.manager).action_terminate()
        self.assertEqual(agreement.state, "terminated")

    def test_drafts_are_not_terminated(self):
        agreement = self.make_agreement()
        with self.assertRaisesRegex(UserError, "Cannot terminate"):
            agreement.with_user(self.manager).action_terminate()
