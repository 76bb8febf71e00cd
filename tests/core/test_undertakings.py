from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from tests.core.visit_common import SIGNED_COPY, NpmVisitCase


class TestUndertakings(NpmVisitCase):
    def test_signing_needs_the_signed_copy(self):
        undertaking = self._undertaking(self.cso_expert, sign=False)
        undertaking.signed_copy = False
        with self.assertRaisesRegex(UserError, "Attach the signed copy"):
            undertaking.with_user(self.officer).action_sign()
        self.assertEqual(undertaking.state, "draft")
        undertaking.signed_copy = SIGNED_COPY
        undertaking.with_user(self.officer).action_sign()
        self.assertEqual(undertaking.state, "signed")

    def test_signing_without_date_signs_today(self):
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "signed_copy": SIGNED_COPY}
        )
        undertaking.action_sign()
        self.assertEqual(undertaking.date_signed, self.today)
        self.assertTrue(undertaking.is_valid)

    def test_signed_copy_is_kept_as_an_attachment(self):
        undertaking = self._undertaking(self.cso_expert)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", undertaking._name),
                ("res_id", "=", undertaking.id),
                ("res_field", "=", "signed_copy"),
            ]
        )
        self.assertEqual(len(attachment), 1)

    def test_cannot_sign_in_the_future(self):
        with self.assertRaisesRegex(ValidationError, "in the\\s+future"):
            self._undertaking(self.cso_expert, signed=3)

    def test_cannot_expire_before_signature(self):
        with self.assertRaisesRegex(ValidationError, "before it was signed"):
            self._undertaking(self.cso_expert, signed=-3, expiry=-5)

    def test_visit_scope_needs_a_visit_and_general_has_none(self):
        with self.assertRaisesRegex(ValidationError, "Choose the joint visit"):
            self.env["npm.confidentiality.undertaking"].create(
                {"partner_id": self.cso_expert.id, "scope": "visit"}
            )
        with self.assertRaisesRegex(ValidationError, "covers every visit"):
            self.env["npm.confidentiality.undertaking"].create(
                {
                    "partner_id": self.cso_expert.id,
                    "scope": "general",
                    "visit_id": self._visit().id,
                }
            )

    def test_only_a_person_signs(self):
        with self.assertRaisesRegex(ValidationError, "is an organisation"):
            self.env["npm.confidentiality.undertaking"].create(
                {"partner_id": self.cso.id}
            )

    def test_scope_onchange_clears_the_visit(self):
        visit = self._visit()
        with Form(
            self.env["npm.confidentiality.undertaking"].with_user(self.officer)
        ) as form:
            form.partner_id = self.cso_expert
            form.scope = "visit"
            form.visit_id = visit
            form.scope = "general"
            self.assertFalse(form.visit_id)

    def test_revoke_button_asks_for_the_reason(self):
        undertaking = self._undertaking(self.cso_expert)
        action = undertaking.with_user(self.officer).action_revoke()
        self.assertEqual(action["res_model"], "npm.undertaking.revoke.wizard")
        self.assertEqual(undertaking.state, "signed")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.officer)
            .with_context(**action["context"])
            .create({"reason": "Left the CSO"})
        )
        self.assertEqual(wizard.undertaking_ids, undertaking)
        wizard.action_revoke()
        self.assertEqual(undertaking.state, "revoked")
        self.assertEqual(undertaking.revoke_reason, "Left the CSO")
        self.assertEqual(undertaking.revoked_by_id, self.officer)

    def test_revoke_with_a_reason_revokes_at_once_and_logs_it(self):
        undertaking = self._undertaking(self.cso_expert)
        undertaking.with_user(self.officer).action_revoke(reason="Breach reported")
        self.assertEqual(undertaking.state, "revoked")
        self.assertFalse(undertaking.is_valid)
        self.assertTrue(
            undertaking.message_ids.filtered(
                lambda m: "Breach reported" in (m.body or "")
            )
        )

    def test_revoke_needs_a_reason_and_a_signed_undertaking(self):
        undertaking = self._undertaking(self.cso_expert)
        with self.assertRaisesRegex(UserError, "Give the reason"):
            undertaking.action_revoke(reason="  ")
        draft = self._undertaking(self.cso_colleague, sign=False)
        with self.assertRaisesRegex(UserError, "is not signed"):
            draft.action_revoke(reason="Why not")

    def test_signed_undertaking_is_never_deleted(self):
        undertaking = self._undertaking(self.cso_expert)
        with self.assertRaisesRegex(UserError, "Revoke it instead"):
            undertaking.with_user(self.manager).unlink()
        undertaking.action_revoke(reason="Ended")
        with self.assertRaisesRegex(UserError, "Revoke it instead"):
            undertaking.unlink()
        draft = self._undertaking(self.cso_colleague, sign=False)
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_officer_cannot_delete_even_a_draft(self):
        draft = self._undertaking(self.cso_colleague, sign=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).unlink()

    def test_signed_undertaking_cannot_be_rewritten(self):
        undertaking = self._undertaking(self.cso_expert, expiry=10)
        for vals in (
            {"date_expiry": self._days(400)},
            {"partner_id": self.cso_colleague.id},
            {"scope": "visit", "visit_id": self._visit().id},
            {"signed_copy": False},
        ):
            with (
                self.subTest(vals=list(vals)),
                self.assertRaisesRegex(UserError, "new undertaking"),
            ):
                undertaking.with_user(self.manager).write(vals)
        undertaking.note = "Notes stay editable"

    def test_cron_expires_lapsed_undertakings(self):
        lapsed = self._undertaking(self.cso_expert, signed=-30, expiry=-1)
        last_day = self._undertaking(self.cso_colleague, signed=-30, expiry=0)
        endless = self._undertaking(self.other_expert)
        self.assertFalse(lapsed.is_valid)
        self.assertTrue(last_day.is_valid)
        self.env["npm.confidentiality.undertaking"]._cron_expire_undertakings()
        self.assertEqual(lapsed.state, "expired")
        self.assertEqual(last_day.state, "signed")
        self.assertEqual(endless.state, "signed")

    def test_cron_is_scheduled(self):
        cron = self.env.ref("npm_cso_cooperation.ir_cron_expire_undertakings")
        self.assertTrue(cron.active)
        self.assertIn("_cron_expire_undertakings", cron.code)

    def test_valid_today_is_searchable(self):
        valid = self._undertaking(self.cso_expert)
        lapsed = self._undertaking(self.cso_colleague, signed=-30, expiry=-1)
        Undertaking = self.env["npm.confidentiality.undertaking"]
        found = Undertaking.search([("is_valid", "=", True)])
        self.assertIn(valid, found)
        self.assertNotIn(lapsed, found)
        not_valid = Undertaking.search([("is_valid", "=", False)])
        self.assertIn(lapsed, not_valid)
        self.assertNotIn(valid, not_valid)

    def test_covering_rules(self):
        visit = self._visit(start=10, end=12)
        other_visit = self._visit(start=40)
        cases = {
            "general, no end": (self._undertaking(self.cso_expert), True),
            "ends on the last day": (
                self._undertaking(self.cso_expert, expiry=12),
                True,
            ),
            "ends during the visit": (
                self._undertaking(self.cso_expert, expiry=11),
                False,
            ),
            "for this visit": (
                self._undertaking(self.cso_expert, visit=visit),
                True,
            ),
            "for another visit": (
                self._undertaking(self.cso_expert, visit=other_visit),
                False,
            ),
            "draft": (self._undertaking(self.cso_expert, sign=False), False),
        }
        revoked = self._undertaking(self.cso_expert)
        revoked.action_revoke(reason="test")
        cases["revoked"] = (revoked, False)
        Undertaking = self.env["npm.confidentiality.undertaking"]
        covering = Undertaking.search(Undertaking._covering_domain(visit))
        for label, (undertaking, expected) in cases.items():
            with self.subTest(label):
                self.assertEqual(undertaking._covers(visit), expected)
                self.assertEqual(undertaking in covering, expected)

    def test_undertaking_signed_after_the_visit_started_does_not_cover_it(self):
        visit = self._visit(start=-3, end=-2)
        undertaking = self._undertaking(self.cso_expert, signed=-2)
        self.assertFalse(undertaking._covers(visit))
        self.assertTrue(visit._get_uncovered_cso_members())

    def test_member_line_shows_the_covering_undertaking(self):
        visit = self._visit()
        cso_line = visit.member_ids.filtered(lambda m: m.side == "cso")
        self.assertFalse(cso_line.is_covered)
        undertaking = self._undertaking(self.cso_expert)
        cso_line.invalidate_recordset()
        self.assertTrue(cso_line.is_covered)
        self.assertEqual(cso_line.undertaking_id, undertaking)

    def test_state_cannot_be_forced_by_writing_it(self):
        revoked = self._undertaking(self.cso_expert)
        revoked.action_revoke(reason="Breach")
        with self.assertRaisesRegex(UserError, "cannot become signed"):
            revoked.with_user(self.manager).state = "signed"
        draft = self._undertaking(self.cso_colleague, sign=False)
        draft.signed_copy = False
        with self.assertRaisesRegex(UserError, "Attach the signed copy"):
            draft.with_user(self.officer).state = "signed"
        valid = self._undertaking(self.cso_colleague, expiry=30)
        with self.assertRaisesRegex(UserError, "has not lapsed"):
            valid.with_user(self.officer).state = "expired"
        with self.assertRaisesRegex(UserError, "Give the reason"):
            valid.with_user(self.officer).state = "revoked"
        with self.assertRaisesRegex(UserError, "recorded by “Revoke”"):
            revoked.with_user(self.manager).revoke_reason = "Another reason"
        self.assertEqual(revoked.state, "revoked")
        self.assertEqual(valid.state, "signed")
