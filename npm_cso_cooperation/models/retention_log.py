# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

from .retention_rule import RETENTION_ACTIONS


class NpmRetentionLog(models.Model):
    """One line per record a retention rule anonymised or deleted: which
    kind of record, which one (its reference as it was), which rule and
    run, when, what was done. Written by the rules only; nobody changes or
    deletes a line. NPM managers list and export it."""

    _name = "npm.retention.log"
    _description = "Retention Log"
    _inherit = ["npm.lifecycle.mixin"]
    _lifecycle_append_only = True
    _order = "id desc"
    _rec_name = "record_name"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    model_name = fields.Char(string="Kind of Record", readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", readonly=True, index=True
    )
    record_name = fields.Char(
        string="Record", readonly=True, help="Its reference when it was processed."
    )
    rule_id = fields.Many2one(
        "npm.retention.rule", readonly=True, index=True, ondelete="restrict"
    )
    run_id = fields.Many2one(
        "npm.retention.run", readonly=True, index=True, ondelete="restrict"
    )
    action = fields.Selection(RETENTION_ACTIONS, required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Applied By", readonly=True, ondelete="restrict"
    )

    @api.model
    def _npm_log(self, rule, records, run=None):
        # sudo: the name of the model (metadata)
        model_name = self.env["ir.model"].sudo()._get(records._name).name
        # sudo() is safe here: only the retention rules write the log (as
        # the superuser, see npm.retention.rule._apply_retention); nobody
        # changes or deletes a line.
        return self.sudo().create(
            [
                {
                    "company_id": record.company_id.id or rule.company_id.id,
                    "res_model": records._name,
                    "model_name": model_name,
                    "res_id": record.id,
                    "record_name": record.display_name,
                    "rule_id": rule.id,
                    "run_id": run.id if run else False,
                    "action": rule.action,
                    "user_id": self.env.uid,
                }
                for record in records
            ]
        )
