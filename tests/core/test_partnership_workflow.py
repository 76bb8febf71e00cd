from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from tests.agreement_common import AgreementCase


class TestPartnershipWorkflow(AgreementCase):
    def test_officer_takes_a_partnership_from_draft_to_active(self):
        with Form(self.Partnership.with_user(self.officer)) as form:
            form.partner_id = self.cso
        partnership = form.record
        self.assertEqual(partnership.name, "Cooperation with Test Watch NGO")
        self.assertEqual(partnership.user_id, self.officer)
        self.assertEqual(partnership.state, "draft")
        partnership.with_user(self.officer).action_start_negotiation()
        self.assertEqual(partnership.state, "negotiation")
        self.fill_terms(partnership)
        partnership.with_user(self.manager).action_confirm_safeguards()
        partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "agreed")
        partnership.with_user(self.officer).action_activate()
        self.assertEqual(partnership.state, "active")
        self.assertEqual(partnership.date_start, self.today)

    def test_second_officer_may_work_on_a_colleagues_partnership(self):
        partnership = self.make_partnership()
        partnership.with_user(self.officer2).action_start_negotiation()
        self.assertEqual(partnership.state, "negotiation")

    def test_partner_must_be_a_cso(self):
        company = self.env["res.partner"].create(
            {"name": "Prison Catering Ltd", "is_company": True}
        )
        with self.assertRaisesRegex(
            ValidationError, "Prison Catering Ltd is not a CSO"
        ):
            self.make_partnership(partner_id=company.id)
        partnership = self.make_partnership()
        with self.assertRaisesRegex(ValidationError, "is not a CSO"):
            partnership.with_user(self.officer).partner_id = self.cso_expert

    def test_partnership_cannot_end_before_it_starts(self):
        with self.assertRaisesRegex(ValidationError, "cannot end .* before it starts"):
            self.make_partnership(date_start="2026-05-01", date_end="2026-04-30")
        partnership = self.make_partnership(date_start="2026-05-01")
        with self.assertRaisesRegex(ValidationError, "correct the dates"):
            partnership.with_user(self.officer).date_end = "2026-01-01"

    def test_agreeing_lists_everything_missing(self):
        partnership = self.make_partnership()
        partnership.with_user(self.officer).action_start_negotiation()
        with self.assertRaises(UserError) as caught:
            partnership.with_user(self.officer).action_agree()
        message = str(caught.exception)
        for missing in ("Expectations", "Possibilities", "Limits"):
            self.assertIn(f"the {missing} of the cooperation", message)
        for line in partnership.safeguard_line_ids:
            self.assertIn(line.name, message)
        self.assertEqual(partnership.state, "negotiation")

    def test_agreeing_refused_while_one_safeguard_is_unconfirmed(self):
        partnership = self.make_partnership()
        partnership.with_user(self.officer).action_start_negotiation()
        self.fill_terms(partnership)
        first, *others = partnership.safeguard_line_ids
        self.env["npm.cso.partnership.safeguard"].union(*others).with_user(
            self.manager
        ).action_confirm()
        with self.assertRaises(UserError) as caught:
            partnership.with_user(self.officer).action_agree()
        message = str(caught.exception)
        self.assertIn(first.name, message)
        self.assertNotIn(others[0].name, message)
        self.assertNotIn("Expectations", message)
        first.with_user(self.manager).action_confirm()
        partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "agreed")

    def test_agreeing_needs_at_least_one_safeguard(self):
        partnership = self.make_partnership()
        partnership.safeguard_line_ids.with_user(self.manager).unlink()
        partnership.with_user(self.officer).action_start_negotiation()
        self.fill_terms(partnership)
        with self.assertRaisesRegex(UserError, "none is listed"):
            partnership.with_user(self.officer).action_agree()
        with self.assertRaisesRegex(UserError, "no independence safeguard"):
            partnership.with_user(self.manager).action_confirm_safeguards()

    def test_steps_out_of_order_are_refused(self):
        partnership = self.make_partnership()
        with self.assertRaisesRegex(UserError, "is in the “Draft” stage"):
            partnership.with_user(self.officer).action_agree()
        with self.assertRaisesRegex(UserError, "Cannot start the cooperation"):
            partnership.with_user(self.officer).action_activate()
        partnership.with_user(self.officer).action_start_negotiation()
        with self.assertRaisesRegex(UserError, "Cannot start the negotiation"):
            partnership.with_user(self.officer).action_start_negotiation()
        with self.assertRaisesRegex(UserError, "Cannot reopen the negotiation"):
            partnership.with_user(self.officer).action_reopen_negotiation()

    def test_reopening_the_negotiation_keeps_confirmations(self):
        partnership = self.safeguarded_partnership()
        partnership.with_user(self.officer).action_agree()
        partnership.with_user(self.officer2).action_reopen_negotiation()
        self.assertEqual(partnership.state, "negotiation")
        self.assertTrue(partnership.is_safeguarded)
        partnership.with_user(self.officer).limits = "<p>Narrower limits.</p>"
        partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "agreed")

    def test_state_changes_only_through_the_buttons(self):
        partnership = self.make_partnership()
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            partnership.with_user(self.officer).write({"state": "agreed"})
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            partnership.with_user(self.manager).write({"state": "active"})
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            self.make_partnership(state="active")
        with self.assertRaisesRegex(UserError, "changes only through its buttons"):
            partnership.with_user(self.officer).write({"is_safeguarded": True})
        self.assertEqual(partnership.state, "draft")

    def test_officer_cannot_close_a_partnership(self):
        partnership = self.safeguarded_partnership()
        with self.assertRaises(AccessError):
            partnership.with_user(self.officer).action_close()
        with self.assertRaises(AccessError):
            partnership.with_user(self.cleared).action_close()
        self.assertEqual(partnership.state, "negotiation")

    def test_manager_closes_a_partnership_at_any_time(self):
        partnership = self.safeguarded_partnership()
        partnership.with_user(self.officer).action_agree()
        partnership.with_user(self.officer).action_activate()
        partnership.with_user(self.manager2).action_close()
        self.assertEqual(partnership.state, "closed")
        self.assertEqual(partnership.date_end, self.today)
        with self.assertRaisesRegex(UserError, "Cannot close the partnership"):
            partnership.with_user(self.manager2).action_close()

    def test_only_draft_partnerships_without_agreements_are_deleted(self):
        draft = self.make_partnership()
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).unlink()
        started = self.safeguarded_partnership()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            started.with_user(self.manager).unlink()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_portal_and_employee_users_have_no_access(self):
        partnership = self.make_partnership()
        for user in (self.portal_expert, self.other_portal_expert, self.employee):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    partnership.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    partnership.with_user(user).action_start_negotiation()
                with self.assertRaises(AccessError):
                    self.Partnership.with_user(user).create(
                        {"name": "Mine", "partner_id": self.cso.id}
                    )
        with self.assertRaises(AccessError):
            partnership.with_user(self.portal_expert).action_confirm_safeguards()

    def test_cso_contact_shows_partnerships_and_agreements(self):
        partnership = self.safeguarded_partnership()
        self.make_agreement(partnership)
        cso = self.cso.with_user(self.officer)
        self.assertEqual(cso.cso_partnership_count, 1)
        self.assertEqual(cso.cso_agreement_count, 1)
        action = cso.action_view_cso_partnerships()
        self.assertEqual(
            self.Partnership.search(action["domain"]), partnership, action["domain"]
        )
        action = cso.action_view_cso_agreements()
        self.assertEqual(
            self.Agreement.search(action["domain"]).partnership_id, partnership
        )
        self.assertEqual(partnership.with_user(self.officer).agreement_count, 1)
        action = partnership.with_user(self.officer).action_view_agreements()
        self.assertEqual(len(self.Agreement.search(action["domain"])), 1)
        with self.assertRaises(AccessError):
            self.cso.with_user(self.employee).read(["cso_partnership_count"])

    def test_agreed_terms_change_only_in_a_reopened_negotiation(self):
        partnership = self.safeguarded_partnership()
        partnership.with_user(self.officer).action_agree()
        partnership.with_user(self.officer).action_activate()
        for vals in (
            {"limits": False},
            {"expectations": "<p>Much more.</p>"},
            {"partner_id": self.other_cso.id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "Reopen the negotiation"),
            ):
                partnership.with_user(self.manager).write(vals)
        partnership.with_user(self.officer).write(
            {"note": "<p>Fine.</p>", "date_end": "2099-12-31"}
        )
        partnership.with_user(self.officer).action_reopen_negotiation()
        partnership.with_user(self.officer).limits = "<p>Narrower.</p>"
        self.assertEqual(partnership.state, "negotiation")
