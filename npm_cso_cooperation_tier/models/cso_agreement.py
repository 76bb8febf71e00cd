# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.osv import expression

from odoo.addons.npm_cso_cooperation.models.cso_agreement import APPROVAL_ACTIVITY

# Context key: the decision comes from the tiers (or goes to them) already.
DECIDING = "npm_tier_deciding"


class NpmCsoAgreement(models.Model):
    """Agreements approved through OCA tier validation.

    When tier definitions apply to an agreement, submitting it requests their
    reviews; the reviewers validate or reject in the order the definitions
    set, and the last validation approves the agreement. The built-in
    approval defers to the tiers: ``action_approve`` refuses while a tier is
    not validated, ``action_reject`` is for the reviewers. The four-eyes rule
    still holds: the submitter reviews nothing. Without a matching tier
    definition, the core approval by a second manager applies unchanged.
    """

    _name = "npm.cso.agreement"
    _inherit = ["npm.cso.agreement", "tier.validation"]

    # Tier reviews gate the move from "to approve" to "approved"; going back
    # to draft (after a rejection) discards them for a fresh round.
    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "draft"

    @api.depends_context("uid")
    @api.depends("review_ids.status")
    def _compute_can_review(self):
        res = super()._compute_can_review()
        for agreement in self:
            if agreement.submitted_by_id == self.env.user:
                agreement.can_review = False
        return res

    @api.depends_context("uid")
    @api.depends("state", "submitted_by_id", "review_ids.status")
    def _compute_awaits_my_decision(self):
        under_review = self.filtered("review_ids")
        for agreement in under_review:
            agreement.awaits_my_decision = (
                agreement.state == "to_approve" and agreement.can_review
            )
        return super(NpmCsoAgreement, self - under_review)._compute_awaits_my_decision()

    def _awaiting_my_decision_domain(self):
        # Under review, the tiers say whose turn it is (never the submitter's).
        mine = [
            ("state", "=", "to_approve"),
            ("submitted_by_id", "!=", self.env.uid),
        ]
        return expression.OR(
            [
                expression.AND(
                    [
                        [("review_ids", "=", False)],
                        super()._awaiting_my_decision_domain(),
                    ]
                ),
                expression.AND(
                    [[("review_ids", "!=", False), ("can_review", "=", True)], mine]
                ),
            ]
        )

    def _may_decide(self):
        # With tiers, the Validate/Reject buttons of the reviews take over.
        return not self.review_ids and super()._may_decide()

    def _check_decider(self, decision):
        """The approval hook: with tiers, the reviews decide who may."""
        if not self.review_ids:
            return super()._check_decider(decision)
        self._check_four_eyes()
        if self.env.context.get(DECIDING):
            return None  # the tiers themselves decided, reviewer by reviewer
        if decision == "approve" and self.validation_status != "validated":
            raise UserError(
                self.env._(
                    "%(name)s cannot be approved yet: its approval tiers decide, "
                    "and these are still waiting: %(reviews)s.",
                    name=self.display_name,
                    reviews=self._describe_open_reviews(),
                )
            )
        if decision == "reject" and not self.can_review:
            raise AccessError(
                self.env._(
                    "The approval tiers decide who may reject %(name)s, and it is "
                    "not your turn: %(reviews)s.",
                    name=self.display_name,
                    reviews=self._describe_open_reviews(),
                )
            )
        return None

    def _get_approvers(self):
        self.ensure_one()
        if not self.review_ids:
            return super()._get_approvers()
        # can_review: the reviews whose turn it is (in tier order). Refresh it
        # as base_tier_validation does after each review (_update_counter).
        self.review_ids._compute_can_review()
        current = self.review_ids.filtered("can_review")
        return current.reviewer_ids.filtered("active") - self.submitted_by_id

    def _request_approval(self):
        # Reviews first: they tell _get_approvers() whom to ask.
        self.request_validation()
        return super()._request_approval()

    def _approve(self):
        return super(NpmCsoAgreement, self.with_context(**{DECIDING: True}))._approve()

    def _reject(self, reason):
        if self.review_ids and not self.env.context.get(DECIDING):
            # Rejected through action_reject by a reviewer: record it in the
            # reviews too, so the tiers show who rejected and why.
            sequences = self._get_sequences_to_approve(self.env.user)
            reviews = self.review_ids.filtered(lambda r: r.sequence in sequences)
            reviews.write({"comment": reason})
            self.with_context(**{DECIDING: True})._rejected_tier(reviews)
        # skip_validation_check: leaving "to approve" for "rejected" while
        # reviews exist is this very decision, not an edit under validation.
        return super(
            NpmCsoAgreement,
            self.with_context(**{DECIDING: True, "skip_validation_check": True}),
        )._reject(reason)

    def _validate_tier(self, tiers=False):
        self._check_four_eyes()
        res = super()._validate_tier(tiers)
        if self.env.context.get(DECIDING) or self.state != "to_approve":
            return res
        self.activity_feedback(
            [APPROVAL_ACTIVITY],
            user_id=self.env.uid,
            feedback=self.env._("Tier validated"),
        )
        if self.validation_status == "validated":
            self._approve()
        else:
            self._schedule_approval_activities(self._get_approvers())
        return res

    def _rejected_tier(self, tiers=False):
        self._check_four_eyes()
        res = super()._rejected_tier(tiers)
        if (
            not self.env.context.get(DECIDING)
            and self.state == "to_approve"
            and self.validation_status == "rejected"
        ):
            reviews = self.review_ids.filtered(
                lambda r: r.status == "rejected" and r.done_by == self.env.user
            )
            reason = "; ".join(c for c in reviews.mapped("comment") if c)
            if not reason:
                reason = self.env._(
                    "Rejected at the approval tier %(tiers)s.",
                    tiers=", ".join(reviews.mapped("name")),
                )
            self.with_context(**{DECIDING: True})._reject(reason)
        return res

    def restart_validation(self):
        """Discarding reviews under way is a manager's call."""
        if not self._is_npm_manager():
            raise AccessError(
                self.env._(
                    "Only an NPM manager may restart the approval tiers of an "
                    "agreement."
                )
            )
        return super().restart_validation()

    def _describe_open_reviews(self):
        reviews = self.review_ids.filtered(lambda r: r.status in ("waiting", "pending"))
        return ", ".join(
            f"{review.name} ({review.todo_by})" if review.todo_by else review.name
            for review in reviews
        )
