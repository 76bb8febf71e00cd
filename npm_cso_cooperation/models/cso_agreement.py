# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The agreement between the NPM and a CSO, in one file although it is
longer than most: its text, its approval by a second manager (four eyes,
or tiers), its signature, amendments and renewals are one life cycle, each
part reading the others' fields; cutting them apart would split one model
across files (see npm.lifecycle.mixin for the guards themselves)."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date, format_datetime, is_html_empty

from ..groups import GROUP_MANAGER
from ..tools import (
    check_date_order,
    days_setting,
    npm_managers,
    npm_today,
    records_action,
)
from .lifecycle_mixin import (
    STAMP_CLEAR,
    STAMP_NOW,
    STAMP_TODAY,
    STAMP_TODAY_IF_EMPTY,
    STAMP_USER,
)

APPROVAL_ACTIVITY = "npm_cso_cooperation.mail_activity_type_agreement_approval"
RENEWAL_ACTIVITY = "npm_cso_cooperation.mail_activity_type_agreement_renewal"
RENEWAL_DAYS_PARAM = "npm_cso_cooperation.agreement_renewal_days"
DEFAULT_RENEWAL_DAYS = 30

# Once submitted, what was (or is to be) approved no longer changes.
FROZEN_FIELDS = (
    "name",
    "agreement_type",
    "partnership_id",
    "date_start",
    "date_end",
    "objectives",
    "modalities",
    "terms",
    "amended_agreement_id",
)
# Once signed, the signed copy is part of the record.
SIGNATURE_FIELDS = ("signed_copy", "signed_copy_name", "date_signed")
APPROVED_STATES = ("approved", "signed", "expired", "terminated")
SIGNED_STATES = ("signed", "expired", "terminated")


class NpmCsoAgreement(models.Model):
    """An agreement within a partnership: MoU, confidentiality, data sharing
    or joint-visit terms, approved by a second NPM manager (four eyes)."""

    _name = "npm.cso.agreement"
    _description = "NPM–CSO Agreement"
    _inherit = [
        "npm.mail.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.portal.readable.mixin",
        "npm.retention.mixin",
    ]
    _order = "date_start desc, id desc"
    # A CSO's experts read what their CSO signed; never the NPM's notes nor
    # the reasons of a rejection, who approved it and when.
    _portal_readable_fields = (
        "active",
        "name",
        "reference",
        "version",
        "agreement_type",
        "state",
        "date_start",
        "date_end",
        "date_signed",
        "objectives",
        "modalities",
        "terms",
        "signed_copy",
        "signed_copy_name",
    )
    _rec_names_search = ["name", "reference"]
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "to_approve": ("draft",),
        "approved": ("to_approve",),
        "rejected": ("to_approve",),
        "signed": ("approved",),
        "terminated": ("approved", "signed"),
        "expired": ("signed",),
        "draft": ("rejected",),
    }
    _lifecycle_stamps = {
        "to_approve": {
            "submitted_by_id": STAMP_USER,
            "submitted_on": STAMP_NOW,
            "approved_by_id": STAMP_CLEAR,
            "approved_on": STAMP_CLEAR,
            "rejected_by_id": STAMP_CLEAR,
            "rejected_on": STAMP_CLEAR,
            "rejection_reason": STAMP_CLEAR,
        },
        "approved": {"approved_by_id": STAMP_USER, "approved_on": STAMP_NOW},
        "rejected": {"rejected_by_id": STAMP_USER, "rejected_on": STAMP_NOW},
        "signed": {"date_signed": STAMP_TODAY_IF_EMPTY},
        "terminated": {"terminated_on": STAMP_TODAY},
        "draft": {
            "submitted_by_id": STAMP_CLEAR,
            "submitted_on": STAMP_CLEAR,
            "rejected_by_id": STAMP_CLEAR,
            "rejected_on": STAMP_CLEAR,
        },
    }
    _lifecycle_action_fields = ("is_renewal_scheduled", "version")
    _lifecycle_frozen = (
        # Once submitted, what was (or is to be) approved no longer changes.
        (FROZEN_FIELDS, ("to_approve", "rejected", *APPROVED_STATES)),
        # Once signed, the signed copy is part of the record.
        (SIGNATURE_FIELDS, SIGNED_STATES),
        (("reference",), None),
    )
    # Submitted for approval: part of the NPM's record.
    _lifecycle_undeletable_states = ("to_approve", *APPROVED_STATES)
    _lifecycle_sequences = {"reference": "npm.cso.agreement"}
    # What an anonymisation removes: the internal note and the reasons of a
    # rejection; the agreed texts and the signed copy (between two
    # organisations) stay: a signed agreement is part of the NPM's record.
    _retention_anonymise_fields = ("note", "rejection_reason")

    name = fields.Char(string="Title", required=True, tracking=True)
    reference = fields.Char(readonly=True, copy=False, index=True)
    agreement_type = fields.Selection(
        [
            ("mou", "Memorandum of Understanding"),
            ("confidentiality", "Confidentiality Agreement"),
            ("data_sharing", "Data-sharing Agreement"),
            ("visit_terms", "Joint Visit Terms"),
        ],
        string="Type",
        required=True,
        default="mou",
        tracking=True,
    )
    partnership_id = fields.Many2one(
        "npm.cso.partnership",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
        domain=[("state", "!=", "closed")],
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="CSO",
        related="partnership_id.partner_id",
        store=True,
        index=True,
    )
    # Not a plain related field: a new agreement must already belong to the
    # user's company, or the company check on partnership_id would offer no
    # partnership at all in the form.
    company_id = fields.Many2one(
        "res.company",
        compute="_compute_company_id",
        store=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        copy=True,
        tracking=True,
        domain=[("share", "=", False)],
        help="The NPM officer who follows the agreement: renewal reminders go to them.",
    )
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    date_start = fields.Date(string="Start Date", tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("signed", "Signed"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )

    # The agreed text
    objectives = fields.Html(
        compute="_compute_objectives",
        store=True,
        readonly=False,
        copy=True,
        help="What the agreement is meant to achieve; taken from the "
        "partnership when the agreement is created.",
    )
    modalities = fields.Html(
        help="How the cooperation works: who does what, when and how, the "
        "channels of communication, the use of information.",
    )
    terms = fields.Html(
        string="Agreed Text",
        help="The clauses NPM and CSO agree to, as they will be signed.",
    )
    note = fields.Html(
        string="Internal Notes",
        help="Notes for the NPM team; they are not part of the agreement and "
        "can be changed at any time.",
    )
    safeguard_line_ids = fields.One2many(
        related="partnership_id.safeguard_line_ids",
        string="Partnership Safeguards",
    )

    # Approval (four eyes), recorded by the workflow buttons only
    submitted_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    submitted_on = fields.Datetime(readonly=True, copy=False)
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    approved_on = fields.Datetime(readonly=True, copy=False)
    rejected_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    rejected_on = fields.Datetime(readonly=True, copy=False)
    rejection_reason = fields.Text(readonly=True, copy=False)
    terminated_on = fields.Date(readonly=True, copy=False)
    can_decide = fields.Boolean(
        string="Can Approve or Reject",
        compute="_compute_can_decide",
        help="The current user may approve or reject this agreement.",
    )
    awaits_my_decision = fields.Boolean(
        compute="_compute_awaits_my_decision",
        search="_search_awaits_my_decision",
        help="Submitted for approval, and the current user is one who decides "
        "(a manager other than the submitter, or a reviewer whose turn it is "
        "where approval tiers apply).",
    )

    # Signature
    signed_copy = fields.Binary(
        attachment=True,
        copy=False,
        help="The scan of the agreement as signed by both parties; required to "
        "mark the agreement as signed, and kept unchanged afterwards. Drafts "
        "and other documents go in the chatter's attachments.",
    )
    signed_copy_name = fields.Char(string="Signed Copy File Name", copy=False)
    date_signed = fields.Date(string="Signature Date", copy=False, tracking=True)

    # Amendments and renewal
    amended_agreement_id = fields.Many2one(
        "npm.cso.agreement",
        string="Amends",
        readonly=True,
        copy=False,
        index=True,
        ondelete="restrict",
        help="The agreement this one amends; it is superseded when this one is signed.",
    )
    amendment_ids = fields.One2many(
        "npm.cso.agreement", "amended_agreement_id", string="Amendments"
    )
    amendment_count = fields.Integer(compute="_compute_amendment_count")
    version = fields.Integer(
        compute="_compute_version",
        store=True,
        recursive=True,
        help="1 for an original agreement, one more for each amendment.",
    )
    is_renewal_scheduled = fields.Boolean(
        string="Renewal Reminder Scheduled", readonly=True, copy=False
    )

    @api.depends("partnership_id.company_id")
    def _compute_company_id(self):
        for agreement in self:
            agreement.company_id = (
                agreement.partnership_id.company_id
                or agreement.company_id
                or self.env.company
            )

    @api.depends("partnership_id")
    def _compute_user_id(self):
        for agreement in self:
            if not agreement.user_id:
                agreement.user_id = (
                    agreement.partnership_id.user_id or agreement.env.user
                )

    @api.depends("partnership_id")
    def _compute_objectives(self):
        for agreement in self:
            if is_html_empty(agreement.objectives):
                agreement.objectives = agreement.partnership_id.objectives

    @api.depends_context("uid")
    @api.depends("state", "submitted_by_id")
    def _compute_can_decide(self):
        for agreement in self:
            agreement.can_decide = agreement._may_decide()

    @api.depends_context("uid")
    @api.depends("state", "submitted_by_id")
    def _compute_awaits_my_decision(self):
        for agreement in self:
            agreement.awaits_my_decision = agreement._may_decide()

    def _search_awaits_my_decision(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search “awaits my decision” with = or != only.")
            )
        domain = self._awaiting_my_decision_domain()
        return domain if (operator == "=") == value else ["!", *domain]

    def _awaiting_my_decision_domain(self):
        """Agreements the current user decides on (the approval tiers' bridge
        answers for those under review)."""
        if not self.env.user.has_group(GROUP_MANAGER):
            return expression.FALSE_DOMAIN
        return [("state", "=", "to_approve"), ("submitted_by_id", "!=", self.env.uid)]

    @api.depends("amendment_ids")
    def _compute_amendment_count(self):
        for agreement in self:
            agreement.amendment_count = len(agreement.amendment_ids)

    @api.depends("amended_agreement_id.version")
    def _compute_version(self):
        for agreement in self:
            agreement.version = (agreement.amended_agreement_id.version or 0) + 1

    @api.depends("name", "reference", "version")
    def _compute_display_name(self):
        for agreement in self:
            name = agreement.name or ""
            if agreement.version > 1:
                name = self.env._(
                    "%(name)s (v%(version)s)", name=name, version=agreement.version
                )
            if agreement.reference:
                name = f"{agreement.reference} – {name}"
            agreement.display_name = name

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_order(
            self,
            lambda agreement: self.env._(
                "The agreement %(name)s cannot end (%(end)s) before it "
                "starts (%(start)s): correct the dates.",
                name=agreement.display_name,
                start=format_date(self.env, agreement.date_start),
                end=format_date(self.env, agreement.date_end),
            ),
        )

    @api.constrains("amended_agreement_id", "partnership_id")
    def _check_amended_agreement(self):
        for agreement in self.filtered("amended_agreement_id"):
            amended = agreement.amended_agreement_id
            if amended.state not in APPROVED_STATES:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot amend %(amended)s: only an approved "
                        "agreement is amended; a draft is simply edited.",
                        name=agreement.display_name,
                        amended=amended.display_name,
                    )
                )
            if amended.partnership_id != agreement.partnership_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s can only amend an agreement of the same partnership.",
                        name=agreement.display_name,
                    )
                )

    @api.onchange("agreement_type", "partnership_id")
    def _onchange_default_name(self):
        """Propose a title, and follow the type while the title is ours."""
        if not self.partnership_id:
            return
        types = self._fields["agreement_type"]._description_selection(self.env)
        proposals = {key: self._get_default_name(label) for key, label in types}
        if not self.name or self.name in proposals.values():
            self.name = proposals[self.agreement_type]

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s is %(state)s: an agreement that was submitted for approval "
            "is part of the NPM's record and is never deleted. Terminate it, or "
            "archive it.",
            name=self.display_name,
            state=self._lifecycle_state_label(),
        )

    # Workflow -------------------------------------------------------------

    def action_submit(self):
        """Ask the NPM managers (or the tier reviewers) to approve."""
        for agreement in self:
            agreement._lifecycle_move("to_approve", self.env._("submit for approval"))
            agreement._request_approval()
        return True

    def _check_to_to_approve(self, vals):
        self._lifecycle_check_nothing_missing(
            self._get_missing_for_submission(),
            self.env._(
                "%(name)s cannot be submitted for approval yet.",
                name=self.display_name,
            ),
        )

    def action_approve(self):
        """Approve (managers, never the person who submitted)."""
        for agreement in self:
            agreement._check_decision("approve")
        for agreement in self:
            agreement._approve()
        return True

    def action_reject(self, reason=None):
        """Reject with a reason; without one, open the wizard that asks it."""
        for agreement in self:
            agreement._check_decision("reject")
        if not reason or not str(reason).strip():
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Reject Agreement"),
                "res_model": "npm.cso.agreement.reject.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_agreement_ids": self.ids},
            }
        for agreement in self:
            agreement._reject(str(reason).strip())
        return True

    def _check_to_approved(self, vals):
        self._check_decider("approve")

    def _check_to_rejected(self, vals):
        self._check_decider("reject")

    def action_sign(self):
        """Record the signature; the signed copy must be attached."""
        return self._lifecycle_move("signed", self.env._("mark as signed"))

    def _check_to_signed(self, vals):
        if not (vals.get("signed_copy") or self.signed_copy):
            raise UserError(
                self.env._(
                    "%(name)s cannot be marked as signed without its signed "
                    "copy: upload the scan signed by both parties in the "
                    "Signed Copy field (Signature tab), then try again.",
                    name=self.display_name,
                )
            )

    def _on_signed(self, before):
        for agreement in self:
            agreement._supersede_amended_agreement()

    def action_terminate(self):
        """End an approved or signed agreement (managers)."""
        what = self.env._("terminate")
        for agreement in self:
            agreement._lifecycle_check_move("terminated", {}, what=what)
        if not (self.env.su or self.env.user.has_group(GROUP_MANAGER)):
            raise AccessError(
                self.env._("Only an NPM manager may terminate an agreement.")
            )
        for agreement in self:
            agreement._terminate()
            agreement.message_post(
                body=self.env._(
                    "Terminated by %(user)s.", user=self.env.user.display_name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_reset_to_draft(self):
        """Rework a rejected agreement."""
        return self._lifecycle_move("draft", self.env._("reset to draft"))

    def action_create_amendment(self):
        """Start a new version of an approved, signed or expired agreement."""
        self.ensure_one()
        if self.state not in ("approved", "signed", "expired"):
            raise UserError(
                self._lifecycle_state_message("draft", self.env._("amend or renew"))
            )
        ongoing = self.amendment_ids.filtered(
            lambda a: a.state in ("draft", "to_approve", "approved")
        )
        if ongoing:
            raise UserError(
                self.env._(
                    "%(name)s is already being amended by %(amendment)s: "
                    "continue that amendment.",
                    name=self.display_name,
                    amendment=ongoing[0].display_name,
                )
            )
        amendment = self.copy({"amended_agreement_id": self.id, "name": self.name})
        self.message_post(
            body=Markup(self.env._("Amendment %(link)s started."))
            % {"link": amendment._get_html_link()},
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": amendment.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_view_amendments(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_cso_agreement_action",
            [("amended_agreement_id", "=", self.id)],
            {"active_test": False},
        )

    # Business helpers ------------------------------------------------------

    def _get_default_name(self, type_label):
        return self.env._(
            "%(type)s with %(cso)s",
            type=type_label,
            cso=self.partnership_id.partner_id.display_name,
        )

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        if "reference" in field_names:
            return self.env._(
                "The reference of an agreement is given by its sequence and never "
                "changes."
            )
        text_fields = sorted(set(field_names).intersection(FROZEN_FIELDS))
        if not text_fields:
            return self.env._(
                "%(name)s is signed: its signed copy and signature date are part "
                "of the NPM's record and cannot be replaced or removed. Add other "
                "documents as attachments in the chatter.",
                name=self.display_name,
            )
        if self.state == "to_approve":
            hint = self.env._(
                "It awaits approval: ask a manager to reject it, reset it to "
                "draft, then change it."
            )
        elif self.state == "rejected":
            hint = self.env._("Reset it to draft first.")
        else:
            hint = self.env._(
                "It was approved: what was approved no longer changes. Create an "
                "amendment instead."
            )
        return self.env._(
            "%(name)s is %(state)s, so its %(fields)s cannot change. %(hint)s",
            name=self.display_name,
            state=self._lifecycle_state_label(),
            fields=", ".join(
                self._fields[f]._description_string(self.env) for f in text_fields
            ),
            hint=hint,
        )

    def _get_missing_for_submission(self):
        """What must be written down before approval, as sentences."""
        self.ensure_one()
        missing = []
        if self.partnership_id.state == "closed":
            missing.append(
                self.env._(
                    "an open partnership (%(partnership)s is closed)",
                    partnership=self.partnership_id.display_name,
                )
            )
        if not self.date_start:
            missing.append(self.env._("the start date"))
        if is_html_empty(self.terms):
            missing.append(self.env._("the agreed text"))
        if self.agreement_type == "mou":
            if is_html_empty(self.objectives):
                missing.append(self.env._("the objectives of the cooperation"))
            if is_html_empty(self.modalities):
                missing.append(self.env._("the modalities of the cooperation"))
            unconfirmed = self.partnership_id.safeguard_line_ids.filtered(
                lambda line: not line.is_confirmed
            )
            if not self.partnership_id.safeguard_line_ids:
                missing.append(
                    self.env._(
                        "the independence safeguards of the partnership (none "
                        "is listed)"
                    )
                )
            if unconfirmed and not self._is_npm_manager():
                # One item: an officer cannot confirm them, but can ask.
                missing.append(self._missing_safeguards_for_officer(unconfirmed))
            elif unconfirmed:
                for line in unconfirmed:
                    missing.append(
                        self.env._(
                            "a manager's confirmation of the independence "
                            "safeguard “%(safeguard)s” on the partnership",
                            safeguard=line.name,
                        )
                    )
        return missing

    def _missing_safeguards_for_officer(self, unconfirmed):
        """The unconfirmed safeguards, as one item saying how to ask."""
        names = ", ".join(f"“{line.name}”" for line in unconfirmed)
        if self.partnership_id._safeguard_review_activities():
            return self.env._(
                "a manager's confirmation of the independence safeguards of the "
                "partnership (%(count)s awaiting: %(safeguards)s); the managers "
                "have been asked to review them",
                count=len(unconfirmed),
                safeguards=names,
            )
        return self.env._(
            "a manager's confirmation of the independence safeguards of the "
            "partnership (%(count)s awaiting: %(safeguards)s); only an NPM "
            "manager confirms them: “Request Safeguard Review” on the "
            "partnership asks them to",
            count=len(unconfirmed),
            safeguards=names,
        )

    def _get_approvers(self):
        """Who is asked to approve: every active NPM manager of the company
        except the submitter (four eyes)."""
        self.ensure_one()
        return npm_managers(self.company_id) - self.submitted_by_id

    def _request_approval(self):
        """Schedule the approval activity for the approvers and say so."""
        self.ensure_one()
        approvers = self._get_approvers()
        if not approvers:
            raise UserError(
                self.env._(
                    "Nobody else can approve %(name)s: the approver must be "
                    "someone other than the person who submits it (four-eyes "
                    "principle). Ask an administrator to give the NPM Manager "
                    "role to a colleague (or to adjust the approval tiers).",
                    name=self.display_name,
                )
            )
        self._schedule_approval_activities(approvers)
        self.message_post(
            body=self.env._(
                "Submitted for approval by %(user)s. Approvers: %(approvers)s.",
                user=self.env.user.display_name,
                approvers=", ".join(approvers.mapped("display_name")),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _schedule_approval_activities(self, users):
        """Ask each of these users to approve, unless already asked."""
        self.ensure_one()
        activity_type = self.env.ref(APPROVAL_ACTIVITY)
        asked = self.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        ).user_id
        deadline = activity_type._get_date_deadline()
        for user in users - asked:
            # in the approver's language: the summary and the note
            in_lang = self.with_context(lang=user.lang or self.env.lang)
            in_lang.activity_schedule(
                APPROVAL_ACTIVITY,
                date_deadline=deadline,
                user_id=user.id,
                note=in_lang.env._(
                    "%(user)s asks you to approve or reject this agreement.",
                    user=self.submitted_by_id.display_name,
                ),
            )

    def _may_decide(self):
        """Whether the current user may approve or reject (for the buttons)."""
        self.ensure_one()
        return (
            self.state == "to_approve"
            and self.env.user.has_group(GROUP_MANAGER)
            and self.submitted_by_id != self.env.user
        )

    def _check_decision(self, decision):
        """Refuse an approval or rejection the current user may not make."""
        self.ensure_one()
        self.check_access("write")
        self._lifecycle_check_move(
            "approved" if decision == "approve" else "rejected", {}
        )

    def _lifecycle_state_message(self, target, what=None):
        if target not in ("approved", "rejected"):
            return super()._lifecycle_state_message(target, what)
        if target == "approved" and self.state in APPROVED_STATES:
            return self.env._(
                "%(name)s was already approved by %(user)s on %(date)s.",
                name=self.display_name,
                user=self.approved_by_id.display_name,
                date=format_datetime(self.env, self.approved_on),
            )
        return self.env._(
            "%(name)s is %(state)s: only an agreement awaiting approval can be "
            "approved or rejected.",
            name=self.display_name,
            state=self._lifecycle_state_label(),
        )

    def _is_npm_manager(self):
        return self.env.su or self.env.user.has_group(GROUP_MANAGER)

    def _check_decider(self, decision):
        """Managers only, and never the person who submitted (four eyes)."""
        if not self._is_npm_manager():
            raise AccessError(
                self.env._(
                    "Only an NPM manager may approve or reject %(name)s.",
                    name=self.display_name,
                )
            )
        self._check_four_eyes()

    def _check_four_eyes(self):
        if self.submitted_by_id == self.env.user and not self.env.su:
            raise UserError(
                self.env._(
                    "You submitted %(name)s, so you cannot approve or reject it "
                    "yourself: another manager decides (four-eyes principle).",
                    name=self.display_name,
                )
            )

    def _approve(self):
        self.ensure_one()
        self._lifecycle_move("approved")
        self._close_approval_activities(self.env._("Approved"))
        self.message_post(
            body=self.env._("Approved by %(user)s.", user=self.env.user.display_name),
            subtype_xmlid="mail.mt_note",
        )

    def _reject(self, reason):
        self.ensure_one()
        self._lifecycle_move("rejected", vals={"rejection_reason": reason})
        self._close_approval_activities(
            self.env._("Rejected: %(reason)s", reason=reason)
        )
        self.message_post(
            body=self.env._(
                "Rejected by %(user)s. Reason: %(reason)s",
                user=self.env.user.display_name,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _close_approval_activities(self, feedback):
        """The decider's approval activity is done; the others' are closed
        with a note saying who decided."""
        activities = self.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(APPROVAL_ACTIVITY)
        )
        activities._npm_close_on_decision(
            feedback,
            self.env._(
                "Decided by %(user)s: %(decision)s",
                user=self.env.user.display_name,
                decision=feedback,
            ),
        )

    def _terminate(self):
        self.ensure_one()
        self._lifecycle_move("terminated")
        self.activity_unlink([RENEWAL_ACTIVITY])

    def _supersede_amended_agreement(self):
        """Signing an amendment ends the version it replaces."""
        self.ensure_one()
        amended = self.amended_agreement_id
        if amended.state in ("approved", "signed"):
            amended._terminate()
            amended.message_post(
                body=Markup(self.env._("Superseded by %(link)s, signed on %(date)s."))
                % {
                    "link": self._get_html_link(),
                    "date": format_date(self.env, self.date_signed),
                },
                subtype_xmlid="mail.mt_note",
            )

    def _expire(self):
        self.ensure_one()
        self._lifecycle_move("expired")
        self.message_post(
            body=self.env._(
                "Expired: its end date (%(date)s) has passed.",
                date=format_date(self.env, self.date_end),
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _schedule_renewal(self):
        self.ensure_one()
        responsible = self.user_id.filtered("active") or self.partnership_id.user_id
        user = responsible or self.env.user
        # in the responsible officer's language (the cron has none)
        in_lang = self.with_context(lang=user.lang or self.env.lang)
        in_lang.activity_schedule(
            RENEWAL_ACTIVITY,
            date_deadline=self.date_end,
            user_id=user.id,
            note=in_lang.env._(
                "This agreement ends on %(date)s. Prepare its renewal (create "
                "an amendment with the new dates) or let it expire.",
                date=format_date(in_lang.env, self.date_end),
            ),
        )
        self._lifecycle_write({"is_renewal_scheduled": True})

    @api.model
    def _get_renewal_days(self):
        return days_setting(self.env, RENEWAL_DAYS_PARAM, DEFAULT_RENEWAL_DAYS)

    @api.model
    def _cron_expire_agreements(self):
        """Daily: expire signed agreements past their end date and remind the
        responsible officer to renew those that end soon."""
        today = npm_today(self.env)
        for agreement in self.search(
            [("state", "=", "signed"), ("date_end", "<", today)]
        ):
            agreement._expire()
        horizon = today + timedelta(days=self._get_renewal_days())
        ending = self.search(
            [
                ("state", "=", "signed"),
                ("date_end", ">=", today),
                ("date_end", "<=", horizon),
                ("is_renewal_scheduled", "=", False),
            ]
        )
        for agreement in ending:
            if agreement.amendment_ids.filtered(lambda a: a.state != "rejected"):
                continue  # a renewal is already under way
            agreement._schedule_renewal()
