# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmRecommendationFollowupDismissWizard(models.TransientModel):
    """Asks the officer why a follow-up is dismissed (the CSO expert who sent
    it reads the reason in the portal)."""

    _name = "npm.recommendation.followup.dismiss.wizard"
    _description = "Dismiss a Recommendation Follow-up"

    followup_ids = fields.Many2many(
        "npm.recommendation.followup",
        "npm_followup_dismiss_wizard_rel",
        "wizard_id",
        "followup_id",
        string="Follow-ups",
        required=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    reason = fields.Text(
        required=True,
        help="Why the observation does not change the recommendation's status; "
        "the expert who sent it reads it in the portal.",
    )

    def action_dismiss(self):
        self.ensure_one()
        self.followup_ids.action_dismiss(reason=self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
