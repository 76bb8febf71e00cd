# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import GROUP_MANAGER
from ..models.sensitivity_mixin import SENSITIVITY_LEVELS
from ..tools import npm_today

_logger = logging.getLogger(__name__)

# The kinds of record a rule may touch: those kept under the retention
# rules (npm.retention.mixin) and the two logs, which are only deleted.
LOG_MODELS = ("npm.cso.export.log", "npm.access.log")
# Signed agreements and undertakings keep their legal weight: a rule may
# anonymise them, never delete them.
NEVER_DELETED = ("npm.cso.agreement", "npm.confidentiality.undertaking")
RETENTION_ACTIONS = [("anonymise", "Anonymise"), ("delete", "Delete")]


class NpmRetentionRule(models.Model):
    """How long the NPM keeps a kind of record, and what happens then.

    A record of ``model_id`` (of ``sensitivity``, if set) whose
    ``date_field`` is more than ``years`` years ago is anonymised (the
    fields its model lists in ``_retention_anonymise_fields`` emptied, their
    trace in its chatter removed, its files gone from the document store)
    or deleted. A legal hold keeps a record out of every rule; what the
    life cycle keeps (a shared finding, a decided request) is never deleted.
    Each anonymisation or deletion writes a line of ``npm.retention.log``.

    ``_apply_retention(dry_run=True)`` says what would go, changing nothing;
    in the app a manager reviews it as a run (``npm.retention.run``),
    approves it, and the monthly scheduled action applies approved runs.
    """

    _name = "npm.retention.rule"
    _description = "Retention Rule"
    _inherit = ["npm.mail.guard.mixin", "mail.thread"]
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    model_id = fields.Many2one(
        "ir.model",
        string="Kind of Record",
        required=True,
        ondelete="cascade",
        domain=lambda self: [("model", "in", self._retention_model_names())],
        tracking=True,
    )
    # (related: read as the superuser; ir.model is for administrators)
    model = fields.Char(related="model_id.model", string="Model Name")
    model_description = fields.Char(related="model_id.name", string="Kind")
    has_sensitivity = fields.Boolean(compute="_compute_has_sensitivity")
    sensitivity = fields.Selection(
        SENSITIVITY_LEVELS,
        tracking=True,
        help="Only records of this sensitivity; empty: any.",
    )
    years = fields.Integer(
        required=True,
        default=10,
        tracking=True,
        help="Kept this many years after the reference date.",
    )
    date_field = fields.Char(
        string="Reference Date",
        required=True,
        default="create_date",
        tracking=True,
        help="Technical name of the date the years count from: visit_date on "
        "findings, date_end on agreements, date_expiry on undertakings, "
        "create_date for any record. A record without that date is kept.",
    )
    date_field_label = fields.Char(compute="_compute_date_field_label")
    action = fields.Selection(
        RETENTION_ACTIONS,
        required=True,
        default="anonymise",
        tracking=True,
        help="Anonymise: identities, reprisal notes, free-text descriptions "
        "and files are removed; pseudonyms, dates, places and themes are kept "
        "for statistics. Delete: the record goes.",
    )
    note = fields.Text(help="Why this period: the law or policy it follows.")

    @api.model
    def _retention_model_names(self):
        kept = self.env.registry.descendants(["npm.retention.mixin"], "_inherit")
        return sorted(
            {name for name in kept if not self.env[name]._abstract} | set(LOG_MODELS)
        )

    @api.depends("model_id")
    def _compute_has_sensitivity(self):
        for rule in self:
            Model = self.env.get(rule.model)
            rule.has_sensitivity = Model is not None and "sensitivity" in Model._fields

    @api.depends("model_id", "date_field")
    def _compute_date_field_label(self):
        for rule in self:
            Model = self.env.get(rule.model)
            field = Model is not None and Model._fields.get(rule.date_field)
            rule.date_field_label = (
                field._description_string(self.env) if field else rule.date_field
            )

    # Validation --------------------------------------------------------------

    @api.constrains("model_id", "date_field", "sensitivity", "action", "years")
    def _check_rule(self):
        for rule in self:
            rule._check_rule_one()

    def _check_rule_one(self):
        self.ensure_one()
        model = self.model
        if model not in self._retention_model_names():
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: the retention rules do not apply to %(kind)s.",
                    rule=self.name,
                    kind=self.model_description,
                )
            )
        Model = self.env[model]
        field = Model._fields.get(self.date_field)
        if not field or field.type not in ("date", "datetime"):
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: %(field)s is not a date of a %(kind)s. Choose one "
                    "of: %(dates)s.",
                    rule=self.name,
                    field=self.date_field,
                    kind=self.model_description,
                    dates=", ".join(
                        sorted(
                            name
                            for name, f in Model._fields.items()
                            if f.type in ("date", "datetime")
                        )
                    ),
                )
            )
        if self.years < 1:
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: records are kept at least one year.", rule=self.name
                )
            )
        if self.sensitivity and "sensitivity" not in Model._fields:
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: a %(kind)s has no sensitivity; leave it empty.",
                    rule=self.name,
                    kind=self.model_description,
                )
            )
        if self.action == "delete" and model in NEVER_DELETED:
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: signed agreements and undertakings keep their "
                    "legal weight; a rule may anonymise them, never delete them.",
                    rule=self.name,
                )
            )
        if self.action == "anonymise" and not getattr(
            Model, "_retention_anonymise_fields", ()
        ):
            raise ValidationError(
                self.env._(
                    "“%(rule)s”: a line of the %(kind)s holds nothing to "
                    "anonymise; a rule may only delete it.",
                    rule=self.name,
                    kind=self.model_description,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        # sudo: whether the log or a run names the rule; nothing is returned
        used = self.sudo().filtered(
            lambda rule: (
                self.env["npm.retention.log"]
                .sudo()
                .search_count([("rule_id", "=", rule.id)], limit=1)
                or self.env["npm.retention.run.line"]
                .sudo()
                .search_count([("rule_id", "=", rule.id)], limit=1)
            )
        )
        if used:
            raise UserError(
                self.env._(
                    "“%(rule)s” was applied: the retention log names it. Archive "
                    "it instead.",
                    rule=used[0].name,
                )
            )

    # What goes ---------------------------------------------------------------

    def _retention_cutoff(self):
        self.ensure_one()
        return npm_today(self.env, self.company_id) - relativedelta(years=self.years)

    def _retention_domain(self):
        self.ensure_one()
        Model = self.env[self.model]
        cutoff = self._retention_cutoff()
        field = Model._fields[self.date_field]
        if field.type == "datetime":
            cutoff = fields.Datetime.to_datetime(cutoff)
        domain = [
            (self.date_field, "!=", False),
            (self.date_field, "<", cutoff),
            ("company_id", "=", self.company_id.id),
        ]
        if self.sensitivity:
            domain.append(("sensitivity", "=", self.sensitivity))
        if "legal_hold" in Model._fields:
            domain.append(("legal_hold", "=", False))
        if self.action == "anonymise":
            domain.append(("anonymised_on", "=", False))
        return domain

    def _retention_records(self):
        """The records this rule would anonymise or delete today."""
        self.ensure_one()
        Model = self.env[self.model].with_context(active_test=False)
        records = Model.search(self._retention_domain(), order="id")
        if self.action == "delete" and hasattr(Model, "_lifecycle_keeps"):
            # what the life cycle keeps stays (a shared finding, a decided
            # request): a rule never deletes it
            records = records.filtered(lambda r: not r._lifecycle_keeps())
        return records

    # Applying -----------------------------------------------------------------

    @api.model
    def _check_may_apply(self):
        if not (self.env.su or self.env.user.has_group(GROUP_MANAGER)):
            raise AccessError(
                self.env._("Only an NPM manager may apply the retention rules.")
            )

    def _apply_retention(self, dry_run=False, run=None):
        """{rule: records} for these rules (all active rules when called on
        the empty recordset): what they would anonymise or delete with
        ``dry_run``, changing nothing; else what they just did, each record
        logged in the retention log. For scripts; in the app a manager
        approves a run (npm.retention.run) instead."""
        self._check_may_apply()
        # sudo: the rules reach every record of their kind in their company,
        # whatever the manager may read or write (a log line, an expert's
        # undertaking); only managers (or the scheduled action) get here,
        # each record is selected by a rule managers edit, and each
        # anonymisation or deletion is logged. The records are handed back
        # in the caller's environment.
        rules = (self or self.search([("active", "=", True)])).sudo()
        result = {}
        done = set()
        for rule in rules.filtered("active"):
            records = rule._retention_records()
            # a record two rules touch goes once (the first rule: by sequence)
            records = records.filtered(lambda r: (r._name, r.id) not in done)
            done.update((r._name, r.id) for r in records)
            if not dry_run and records:
                rule._retention_apply_to(records, run=run)
            result[rule.with_env(self.env)] = records.with_env(self.env)
        return result

    def _retention_apply_to(self, records, run=None):
        """Anonymise or delete ``records`` (this rule's, already selected),
        writing the retention log first (the names as they were)."""
        self.ensure_one()
        records = records.exists()
        if "legal_hold" in records._fields:
            records = records.filtered(lambda r: not r.legal_hold)
        if not records:
            return records
        self.env["npm.retention.log"]._npm_log(self, records, run=run)
        if self.action == "delete":
            self._retention_delete(records)
        else:
            self._retention_anonymise(records)
        return records

    def _retention_delete(self, records):
        """Delete through the life cycle (what it keeps stays: refused),
        the files in the document store with them (ir.attachment)."""
        if hasattr(records, "_npm_retention_remove_files"):
            records._lifecycle_retention_marked()._npm_retention_remove_files()
        if hasattr(records, "_lifecycle_retention_unlink"):
            records._lifecycle_retention_unlink()
        else:
            records.unlink()

    def _retention_anonymise(self, records):
        for record in records:
            vals = record._retention_anonymise_values()
            # the files first, in the rules' own environment: the guards of
            # signed copies (and of the document store) let the rules only
            record._lifecycle_retention_marked()._npm_retention_remove_files(list(vals))
            record._lifecycle_retention_write(vals)
            record._npm_retention_clean_chatter(list(vals))

    # Scheduled action ----------------------------------------------------------

    @api.model
    def _cron_apply_retention(self):
        """Monthly: apply the approved runs, then prepare the next dry run of
        each company for the managers to review."""
        Run = self.env["npm.retention.run"]
        for run in Run.search([("state", "=", "approved")], order="id"):
            # one run refused (a record changed since) leaves the others
            try:
                with self.env.cr.savepoint():
                    run._apply()
            except (UserError, ValidationError) as error:
                _logger.warning("Retention run %s not applied: %s", run.name, error)
                run.message_post(
                    body=self.env._(
                        "Not applied by the scheduled action: %(error)s",
                        error=str(error),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        companies = self.search([("active", "=", True)]).company_id
        for company in companies:
            Run._prepare_for_review(company)
        return True
