# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmCsoAgreementRejectWizard(models.TransientModel):
    """Asks the manager why an agreement is rejected."""

    _name = "npm.cso.agreement.reject.wizard"
    _description = "Reject an NPM–CSO Agreement"

    agreement_ids = fields.Many2many(
        "npm.cso.agreement", string="Agreements", required=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    reason = fields.Text(
        required=True,
        help="Why the agreement is rejected and what should change; the "
        "reason is logged on the agreement for its author.",
    )

    def action_reject(self):
        self.ensure_one()
        self.agreement_ids.action_reject(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
