from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tools.safe_eval import safe_eval

from tests.agreement_common import AgreementCase


class TierCase(AgreementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement_model = cls.env["ir.model"]._get("npm.cso.agreement")
        cls.Tier = cls.env["tier.definition"]

    def add_tier(self, reviewer=None, group=None, sequence=30, **vals):
        values = {
            "name": f"Tier {sequence}",
            "model_id": self.agreement_model.id,
            "review_type": "group" if group else "individual",
            "reviewer_id": reviewer.id if reviewer else False,
            "reviewer_group_id": group.id if group else False,
            "sequence": sequence,
        }
        values.update(vals)
        return self.Tier.create(values)


class TestTierBridgeInstall(TierCase):
    def test_bridge_installs_itself_with_base_tier_validation(self):
        bridge = self.env["ir.module.module"].search(
            [("name", "=", "npm_cso_cooperation_tier")]
        )
        self.assertEqual(bridge.state, "installed")
        self.assertTrue(bridge.auto_install)

    def test_agreements_are_offered_to_tier_definitions(self):
        self.assertIn("npm.cso.agreement", self.Tier._get_tier_validation_model_names())

    def test_form_shows_tier_buttons_and_reviews(self):
        arch = etree.fromstring(
            self.Agreement.with_user(self.manager).get_views([(False, "form")])[
                "views"
            ]["form"]["arch"]
        )
        names = {b.get("name") for b in arch.xpath("//button")}
        for name in ("validate_tier", "reject_tier", "request_validation"):
            self.assertIn(name, names)
        self.assertTrue(arch.xpath("//field[@name='review_ids']"))

    def test_approval_tiers_menu_lists_agreement_tiers(self):
        self.add_tier(self.manager2)
        action = self.env.ref(
            "npm_cso_cooperation_tier.tier_definition_action_npm_cso_agreement"
        )
        tiers = self.Tier.search(safe_eval(action.domain))
        self.assertEqual(set(tiers.mapped("model")), {"npm.cso.agreement"})


class TestWithoutTiers(TierCase):
    def test_core_approval_applies_when_no_tier_matches(self):
        self.add_tier(
            self.manager2, definition_domain="[('agreement_type', '=', 'data_sharing')]"
        )
        agreement = self.submitted()
        self.assertFalse(agreement.review_ids)
        self.assertTrue(agreement.with_user(self.manager).can_decide)
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            agreement.with_user(self.officer).action_approve()
        agreement.with_user(self.manager).action_approve()
        self.assertEqual(agreement.state, "approved")


class TestTierApproval(TierCase):
    def test_submission_requests_the_tier_reviews(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        self.assertEqual(len(agreement.review_ids), 1)
        self.assertEqual(agreement.review_ids.status, "pending")
        self.assertEqual(self.approval_activities(agreement).user_id, self.manager2)
        self.assertFalse(agreement.with_user(self.manager).can_decide)
        self.assertTrue(agreement.with_user(self.manager2).can_review)

    def test_built_in_approval_waits_for_the_tiers(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        with self.assertRaisesRegex(UserError, "still waiting: Tier 30"):
            agreement.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "still waiting"):
            agreement.with_user(self.manager2).action_approve()
        self.assertEqual(agreement.state, "to_approve")

    def test_last_validation_approves(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        agreement.with_user(self.manager2).validate_tier()
        self.assertEqual(agreement.validation_status, "validated")
        self.assertEqual(agreement.state, "approved")
        self.assertEqual(agreement.approved_by_id, self.manager2)
        self.assertFalse(self.approval_activities(agreement))
        with self.assertRaisesRegex(UserError, "already approved"):
            agreement.with_user(self.manager).action_approve()

    def test_tiers_decide_who_approves_even_an_officer(self):
        self.add_tier(self.officer2)
        agreement = self.submitted()
        self.assertEqual(self.approval_activities(agreement).user_id, self.officer2)
        agreement.with_user(self.officer2).validate_tier()
        self.assertEqual(agreement.state, "approved")
        self.assertEqual(agreement.approved_by_id, self.officer2)

    def test_tiers_are_validated_in_their_order(self):
        # base_tier_validation reviews the highest sequence first.
        self.add_tier(self.manager, sequence=20, approve_sequence=True)
        self.add_tier(self.manager2, sequence=10, approve_sequence=True)
        agreement = self.submitted()
        self.assertEqual(self.approval_activities(agreement).user_id, self.manager)
        self.assertFalse(agreement.with_user(self.manager2).can_review)
        agreement.with_user(self.manager2).validate_tier()  # not their turn
        self.assertNotIn("approved", agreement.review_ids.mapped("status"))
        agreement.with_user(self.manager).validate_tier()
        self.assertEqual(agreement.state, "to_approve")
        self.assertEqual(self.approval_activities(agreement).user_id, self.manager2)
        agreement.with_user(self.manager2).validate_tier()
        self.assertEqual(agreement.state, "approved")

    def test_the_overview_counts_what_awaits_my_turn(self):
        self.add_tier(self.manager, sequence=20, approve_sequence=True)
        self.add_tier(self.manager2, sequence=10, approve_sequence=True)
        agreement = self.submitted()
        Agreements = self.env["npm.cso.agreement"]
        mine = [("awaits_my_decision", "=", True), ("id", "=", agreement.id)]
        self.assertEqual(Agreements.with_user(self.manager).search(mine), agreement)
        self.assertFalse(Agreements.with_user(self.manager2).search(mine))
        self.assertTrue(agreement.with_user(self.manager).awaits_my_decision)
        self.assertFalse(agreement.with_user(self.manager2).awaits_my_decision)
        agreement.with_user(self.manager).validate_tier()
        self.assertFalse(Agreements.with_user(self.manager).search(mine))
        self.assertEqual(Agreements.with_user(self.manager2).search(mine), agreement)
        self.assertTrue(agreement.with_user(self.manager2).awaits_my_decision)

    def test_submitter_never_reviews(self):
        group = self.env.ref("npm_cso_cooperation.group_npm_manager")
        self.add_tier(group=group)
        agreement = self.submitted(by=self.manager)
        self.assertNotIn(self.manager, self.approval_activities(agreement).user_id)
        self.assertFalse(agreement.with_user(self.manager).can_review)
        with self.assertRaisesRegex(UserError, "four-eyes"):
            agreement.with_user(self.manager).validate_tier()
        with self.assertRaisesRegex(UserError, "four-eyes"):
            agreement.with_user(self.manager).reject_tier()
        self.assertEqual(agreement.state, "to_approve")
        agreement.with_user(self.manager2).validate_tier()
        self.assertEqual(agreement.state, "approved")

    def test_submission_refused_when_only_the_submitter_could_review(self):
        self.add_tier(self.manager)
        agreement = self.make_agreement()
        with self.assertRaisesRegex(UserError, "Nobody else can approve"):
            agreement.with_user(self.manager).action_submit()

    def test_portal_user_cannot_review(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).action_approve()
        with self.assertRaises(AccessError):
            agreement.with_user(self.portal_expert).validate_tier()
        self.assertEqual(agreement.state, "to_approve")


class TestTierRejection(TierCase):
    def test_tier_rejection_rejects_the_agreement(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        agreement.with_user(self.manager2).reject_tier()
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(agreement.rejected_by_id, self.manager2)
        self.assertIn("Tier 30", agreement.rejection_reason)
        self.assertFalse(self.approval_activities(agreement))

    def test_reviewer_rejects_with_a_reason(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        with self.assertRaisesRegex(AccessError, "not your turn"):
            agreement.with_user(self.manager).action_reject(reason="Not mine")
        agreement.with_user(self.manager2).action_reject(reason="Clause 3 binds us.")
        self.assertEqual(agreement.state, "rejected")
        self.assertEqual(agreement.rejection_reason, "Clause 3 binds us.")
        self.assertEqual(agreement.review_ids.status, "rejected")
        self.assertEqual(agreement.review_ids.comment, "Clause 3 binds us.")

    def test_reset_to_draft_starts_a_fresh_round(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        agreement.with_user(self.manager2).action_reject(reason="Rework")
        agreement.with_user(self.officer).action_reset_to_draft()
        self.assertFalse(agreement.review_ids)
        agreement.with_user(self.officer).action_submit()
        self.assertEqual(agreement.review_ids.status, "pending")
        agreement.with_user(self.manager2).validate_tier()
        self.assertEqual(agreement.state, "approved")

    def test_only_managers_restart_the_tiers(self):
        self.add_tier(self.manager2)
        agreement = self.submitted()
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            agreement.with_user(self.officer).restart_validation()
        self.assertTrue(agreement.review_ids)
        agreement.with_user(self.manager).restart_validation()
        self.assertFalse(agreement.review_ids)
        self.assertTrue(agreement.need_validation)
        agreement.with_user(self.officer).request_validation()
        agreement.with_user(self.manager2).validate_tier()
        self.assertEqual(agreement.state, "approved")
