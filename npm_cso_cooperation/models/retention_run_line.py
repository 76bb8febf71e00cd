# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

from .retention_rule import RETENTION_ACTIONS


class NpmRetentionRunLine(models.Model):
    """A record a retention run would anonymise or delete, as it was found
    (its name, its reference date). Written by the run only; a manager may
    remove a line from a run to review (the record is then kept this time),
    nothing else."""

    _name = "npm.retention.run.line"
    _description = "Record of a Retention Run"
    _inherit = ["npm.lifecycle.mixin"]
    _order = "run_id, rule_id, id"
    _check_company_auto = True

    _lifecycle_parent_field = "run_id"
    _lifecycle_app_only_fields = (
        "run_id",
        "rule_id",
        "res_model",
        "model_name",
        "res_id",
        "record_name",
        "action",
        "reference_date",
    )

    run_id = fields.Many2one(
        "npm.retention.run",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="run_id.company_id", store=True, index=True, string="Company"
    )
    rule_id = fields.Many2one(
        "npm.retention.rule", required=True, readonly=True, ondelete="restrict"
    )
    res_model = fields.Char(string="Model", required=True, readonly=True)
    model_name = fields.Char(string="Kind of Record", readonly=True)
    res_id = fields.Many2oneReference(
        string="Record ID", model_field="res_model", required=True, readonly=True
    )
    record_name = fields.Char(string="Record", readonly=True)
    reference_date = fields.Date(readonly=True)
    action = fields.Selection(RETENTION_ACTIONS, required=True, readonly=True)

    @api.model
    def _prepare_values(self, run, rule, record):
        reference = record[rule.date_field]
        return {
            "run_id": run.id,
            "rule_id": rule.id,
            "res_model": record._name,
            "model_name": rule.model_description,
            "res_id": record.id,
            "record_name": record.display_name,
            "reference_date": fields.Date.to_date(reference) if reference else False,
            "action": rule.action,
        }

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
