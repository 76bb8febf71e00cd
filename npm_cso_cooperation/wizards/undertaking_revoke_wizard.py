# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models


class NpmUndertakingRevokeWizard(models.TransientModel):
    """Asks why undertakings are revoked, then revokes them."""

    _name = "npm.undertaking.revoke.wizard"
    _description = "Revoke Confidentiality Undertakings"

    undertaking_ids = fields.Many2many(
        "npm.confidentiality.undertaking",
        relation="npm_undertaking_revoke_wizard_rel",
        column1="wizard_id",
        column2="undertaking_id",
        string="Undertakings",
        required=True,
    )
    reason = fields.Text(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "undertaking_ids" in fields_list
            and self.env.context.get("active_model")
            == "npm.confidentiality.undertaking"
        ):
            values["undertaking_ids"] = [
                fields.Command.set(self.env.context.get("active_ids") or [])
            ]
        return values

    def action_revoke(self):
        self.ensure_one()
        self.undertaking_ids.action_revoke(reason=self.reason)
        return {"type": "ir.actions.act_window_close"}
