# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import GROUP_MANAGER
from ..tools import npm_managers, npm_today
from .lifecycle_mixin import STAMP_NOW, STAMP_USER

TODO_ACTIVITY = "mail.mail_activity_data_todo"


class NpmRetentionRun(models.Model):
    """A dry run of the retention rules, for a manager to review.

    Prepared by a manager (or by the monthly scheduled action), it lists
    what the rules would anonymise or delete today (its lines: a line can be
    removed from a draft run, which keeps that record this time). A manager
    approves it; the scheduled action (or a manager, “Apply now”) applies
    the approved run: only what it lists, and only if the rules still
    select it (a legal hold set since keeps the record).
    """

    _name = "npm.retention.run"
    _description = "Retention Run"
    _inherit = [
        "npm.mail.guard.mixin",
        "npm.lifecycle.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "approved": ("draft",),
        "applied": ("approved",),
        "cancelled": ("draft", "approved"),
    }
    _lifecycle_groups = {
        "approved": GROUP_MANAGER,
        "applied": GROUP_MANAGER,
        "cancelled": GROUP_MANAGER,
    }
    _lifecycle_stamps = {
        "approved": {"approved_by_id": STAMP_USER, "approved_on": STAMP_NOW},
        "applied": {"applied_by_id": STAMP_USER, "applied_on": STAMP_NOW},
    }
    _lifecycle_undeletable_states = ("approved", "applied")
    _lifecycle_app_only_fields = ("name", "date")
    _lifecycle_sequences = {"name": "npm.retention.run"}

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date = fields.Date(
        string="Prepared On",
        readonly=True,
        default=lambda self: npm_today(self.env),
        help="The day the rules were evaluated: the periods count to it.",
    )
    state = fields.Selection(
        [
            ("draft", "To Review"),
            ("approved", "Approved"),
            ("applied", "Applied"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        index=True,
        copy=False,
    )
    line_ids = fields.One2many("npm.retention.run.line", "run_id", string="Records")
    line_count = fields.Integer(
        compute="_compute_line_count", string="Number of Records"
    )
    anonymise_count = fields.Integer(compute="_compute_line_count")
    delete_count = fields.Integer(compute="_compute_line_count")
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    applied_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    applied_on = fields.Datetime(readonly=True, copy=False)
    log_ids = fields.One2many("npm.retention.log", "run_id", string="Retention Log")

    @api.depends("line_ids.action")
    def _compute_line_count(self):
        for run in self:
            run.line_count = len(run.line_ids)
            run.anonymise_count = len(
                run.line_ids.filtered(lambda line: line.action == "anonymise")
            )
            run.delete_count = run.line_count - run.anonymise_count

    @api.model_create_multi
    def create(self, vals_list):
        runs = super(NpmRetentionRun, self.with_context(tracking_disable=True)).create(
            vals_list
        )
        runs._prepare_lines()
        return runs

    def _lifecycle_locks_lines(self):
        """What an approved run lists is what the manager approved."""
        return self.state != "draft"

    def _lifecycle_locked_lines_message(self):
        return self.env._(
            "%(run)s is no longer to review: its records no longer change.",
            run=self.name,
        )

    # Actions -------------------------------------------------------------------

    @api.model
    def action_prepare_dry_run(self):
        """A new dry run of the rules of the current company, opened for
        review."""
        run = self.create({"company_id": self.env.company.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": run.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    def action_approve(self):
        for run in self:
            if not run.line_ids:
                raise UserError(
                    self.env._(
                        "%(run)s lists nothing to anonymise or delete: cancel it "
                        "instead.",
                        run=run.name,
                    )
                )
        return self._lifecycle_move("approved", self.env._("approve the run"))

    def action_apply_now(self):
        """Apply an approved run at once, instead of waiting for the
        monthly scheduled action."""
        for run in self:
            run._apply()
        return True

    def action_cancel(self):
        return self._lifecycle_move("cancelled", self.env._("cancel the run"))

    def action_refresh(self):
        """Evaluate the rules again (a draft run only)."""
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self._lifecycle_state_message(
                        "draft", self.env._("refresh the run")
                    )
                )
        self.line_ids.unlink()
        self._lifecycle_write({"date": npm_today(self.env)})
        self._prepare_lines()
        return True

    def action_open_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "npm_cso_cooperation.npm_retention_log_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action

    # Business helpers --------------------------------------------------------

    def _prepare_lines(self):
        Rule = self.env["npm.retention.rule"]
        Line = self.env["npm.retention.run.line"]
        for run in self:
            rules = Rule.search([("company_id", "=", run.company_id.id)])
            found = rules._apply_retention(dry_run=True)
            vals_list = [
                Line._prepare_values(run, rule, record)
                for rule, records in found.items()
                # sudo: the run lists the records by their names as they
                # are; managers (who read every record of their company)
                # read the run, nobody else
                for record in records.sudo()
            ]
            Line._lifecycle_create(vals_list)

    def _apply(self):
        """Apply what this approved run lists and the rules still select."""
        self.ensure_one()
        # (managers and the scheduled action only, before anything is read)
        self.env["npm.retention.rule"]._check_may_apply()
        self.check_access("write")
        if self.state != "approved":
            raise UserError(
                self._lifecycle_state_message("applied", self.env._("apply the run"))
            )
        current = {
            rule: set(records.ids)
            for rule, records in self.env["npm.retention.rule"]
            .search([("company_id", "=", self.company_id.id)])
            ._apply_retention(dry_run=True)
            .items()
        }
        for rule in self.line_ids.rule_id:
            lines = self.line_ids.filtered(lambda line, r=rule: line.rule_id == r)
            still = [
                line.res_id for line in lines if line.res_id in current.get(rule, ())
            ]
            records = self.env[rule.model].sudo().browse(still)
            if records:
                rule.sudo()._retention_apply_to(records, run=self)
        self._lifecycle_move("applied", self.env._("apply the run"))
        return True

    @api.model
    def _prepare_for_review(self, company):
        """The monthly dry run of ``company``: prepared unless one is
        waiting for review; the managers are asked to review it when it
        lists anything."""
        if self.search_count(
            [("company_id", "=", company.id), ("state", "=", "draft")], limit=1
        ):
            return self.browse()
        run = self.with_company(company).create({"company_id": company.id})
        if not run.line_ids:
            run.action_cancel()
            return run
        for manager in npm_managers(company):
            run.activity_schedule(
                TODO_ACTIVITY,
                user_id=manager.id,
                summary=self.env._("Review the retention run %(run)s", run=run.name),
                note=self.env._(
                    "The retention rules would anonymise %(anonymise)s and delete "
                    "%(delete)s records. Review the list and approve the run: the "
                    "next monthly scheduled action applies it.",
                    anonymise=run.anonymise_count,
                    delete=run.delete_count,
                ),
            )
        return run
