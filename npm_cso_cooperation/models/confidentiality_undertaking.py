# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The confidentiality undertaking, in one file although it is longer than
most: what it covers (the coverage rules of the visits read it), its life
cycle and the expert's signature in the portal (the signed copy it renders)
are one model, and one model stays one file."""

import base64
import binascii
import logging
import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..groups import GROUP_MANAGER
from ..tools import npm_today, selection_label
from .lifecycle_mixin import STAMP_NOW, STAMP_TODAY_IF_EMPTY, STAMP_USER
from .npm_mail_guard_mixin import partners_who_may_read

SIGNED_STATES = ("signed", "revoked", "expired")
SIGNED_COPY_REPORT = "npm_cso_cooperation.npm_undertaking_signed_copy_report"
EXPIRY_ACTIVITY = "npm_cso_cooperation.mail_activity_type_undertaking_expiry"
# Visits still to come, or under way: a new undertaking can still be signed.
UPCOMING_VISIT_STATES = ("draft", "terms_agreed", "confirmed")

_logger = logging.getLogger(__name__)


class NpmConfidentialityUndertaking(models.Model):
    """A person's signed promise to keep what the NPM shares confidential.

    An undertaking *covers* a person for a joint visit when it is signed (not
    revoked nor expired), was signed on or before the first day of the visit,
    does not expire before its last day, and has the ``general`` scope or is
    about that visit. Access through the portal also needs it to be valid
    today: see ``_covering_domain`` and the ``covered_member_partner_ids``
    search on ``npm.joint.visit``, which the portal record rules use.
    """

    _name = "npm.confidentiality.undertaking"
    _description = "Confidentiality Undertaking"
    _inherit = [
        "npm.portal.mixin",
        "npm.portal.readable.mixin",
        "npm.mail.guard.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.retention.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_signed desc, id desc"
    _check_company_auto = True

    # draft → signed (with the signature on file), signed → revoked (with a
    # reason), signed → expired (once lapsed). Revoked and expired are final:
    # a new undertaking is signed instead, so that a revoked one can never
    # give access again. Whoever writes the state goes through these checks.
    _lifecycle_state_field = "state"
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "signed": ("draft",),
        "revoked": ("signed",),
        "expired": ("signed",),
    }
    _lifecycle_stamps = {
        # signed without a date: signed today
        "signed": {"date_signed": STAMP_TODAY_IF_EMPTY},
        "revoked": {"revoked_by_id": STAMP_USER, "revoked_on": STAMP_NOW},
    }
    _lifecycle_move_fields = {"revoked": ("revoke_reason",)}
    # What a signed undertaking says may not change afterwards: a new
    # undertaking is drawn up instead. A signature is as much part of it as
    # its dates.
    _lifecycle_frozen = (
        (
            (
                "partner_id",
                "company_id",
                "scope",
                "visit_id",
                "agreement_id",
                "date_signed",
                "date_expiry",
                "signed_copy",
                "signed_copy_filename",
                "signature",
                "signed_by",
                "signed_on",
            ),
            SIGNED_STATES,
        ),
    )
    _lifecycle_undeletable_states = SIGNED_STATES
    # An online signature is made only by the person it names, in the portal
    # (_portal_sign); the NPM records a scanned copy instead (signed_copy),
    # and signature_method says which it was.
    # What an anonymisation removes: the signed copy and the signature (a
    # person's hand), the notes; who undertook what, for which visit, when,
    # stays.
    _retention_anonymise_fields = (
        "signed_copy",
        "signed_copy_filename",
        "signature",
        "signed_by",
        "note",
        "revoke_reason",
    )
    _lifecycle_app_only_fields = (
        "signature",
        "signed_by",
        "signed_on",
        "signature_method",
        "revoked_by_id",
        "revoked_on",
    )

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_company", "=", False)],
        help="The person who undertakes to keep the NPM's information confidential.",
    )
    cso_id = fields.Many2one(
        related="partner_id.cso_id", store=True, index=True, string="CSO"
    )
    scope = fields.Selection(
        [("general", "General"), ("visit", "One Joint Visit")],
        required=True,
        default="general",
        tracking=True,
        help="General: covers every joint visit within its validity. One joint "
        "visit: covers only the visit it names.",
    )
    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    # The NPM the person gives the undertaking to: it covers that company's
    # visits only.
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    agreement_id = fields.Many2one(
        "npm.cso.agreement",
        string="Confidentiality Agreement",
        ondelete="restrict",
        tracking=True,
        check_company=True,
        domain="[('agreement_type', '=', 'confidentiality'), "
        "('partner_id', '=', cso_id)]",
        help="The confidentiality agreement with the CSO that this undertaking "
        "implements, if any.",
    )
    date_signed = fields.Date(string="Signature Date", tracking=True, copy=False)
    date_expiry = fields.Date(
        string="Valid Until",
        tracking=True,
        help="Last day the undertaking is valid; leave empty for no end date. "
        "Access through it ends the day after.",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("signed", "Signed"),
            ("revoked", "Revoked"),
            ("expired", "Expired"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
    )
    signed_copy = fields.Binary(
        attachment=True,
        copy=False,
        help="Scan or PDF of the undertaking as signed by the person.",
    )
    signed_copy_filename = fields.Char(copy=False)
    is_valid = fields.Boolean(
        string="Valid Today",
        compute="_compute_is_valid",
        search="_search_is_valid",
        help="Signed, neither revoked nor expired, and within its dates today.",
    )
    revoke_reason = fields.Text(string="Reason for Revocation", copy=False)
    revoked_by_id = fields.Many2one("res.users", copy=False)
    revoked_on = fields.Datetime(copy=False)
    note = fields.Text(string="Notes")
    # Which visits were told that this undertaking expires before they end
    # (once each). Only the daily reminder writes it, as superuser
    # (_lifecycle_check_write).
    expiry_reminder_visit_ids = fields.Many2many(
        "npm.joint.visit",
        "npm_undertaking_expiry_reminder_rel",
        "undertaking_id",
        "visit_id",
        string="Expiry Reminders Sent For",
        copy=False,
        readonly=True,
        groups=GROUP_MANAGER,
    )

    @api.depends("partner_id", "scope", "visit_id")
    def _compute_name(self):
        for undertaking in self:
            if undertaking.scope == "visit" and undertaking.visit_id:
                what = undertaking.visit_id.name
            else:
                what = self.env._("general")
            undertaking.name = self.env._(
                "%(person)s (%(what)s)",
                person=undertaking.partner_id.name or "",
                what=what,
            )

    @api.depends("state", "date_signed", "date_expiry")
    @api.depends_context("allowed_company_ids")
    def _compute_is_valid(self):
        today = npm_today(self.env)
        for undertaking in self:
            undertaking.is_valid = bool(
                undertaking.state == "signed"
                and undertaking.date_signed
                and undertaking.date_signed <= today
                and (not undertaking.date_expiry or undertaking.date_expiry >= today)
            )

    def _search_is_valid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “Valid Today” with = or != only."))
        today = npm_today(self.env)
        valid = [
            ("state", "=", "signed"),
            ("date_signed", "<=", today),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">=", today),
        ]
        if (operator == "=") == value:
            return valid
        return ["!", *["&"] * 2, *valid]

    @api.constrains("date_signed", "date_expiry")
    def _check_dates(self):
        today = npm_today(self.env)
        for undertaking in self:
            if undertaking.date_signed and undertaking.date_signed > today:
                raise ValidationError(
                    self.env._(
                        "The undertaking of %(person)s cannot be signed in the "
                        "future (%(date)s). Enter the date it was actually signed.",
                        person=undertaking.partner_id.display_name,
                        date=format_date(self.env, undertaking.date_signed),
                    )
                )
            if (
                undertaking.date_signed
                and undertaking.date_expiry
                and undertaking.date_expiry < undertaking.date_signed
            ):
                raise ValidationError(
                    self.env._(
                        "The undertaking of %(person)s would expire (%(expiry)s) "
                        "before it was signed (%(signed)s). Correct the dates.",
                        person=undertaking.partner_id.display_name,
                        expiry=format_date(self.env, undertaking.date_expiry),
                        signed=format_date(self.env, undertaking.date_signed),
                    )
                )

    @api.constrains("scope", "visit_id", "partner_id")
    def _check_scope(self):
        for undertaking in self:
            if undertaking.partner_id.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is an organisation: an undertaking is signed "
                        "by a person. Choose the person who signs it.",
                        name=undertaking.partner_id.display_name,
                    )
                )
            if undertaking.scope == "visit" and not undertaking.visit_id:
                raise ValidationError(
                    self.env._(
                        "Choose the joint visit the undertaking of %(person)s is "
                        "for, or give it the general scope.",
                        person=undertaking.partner_id.display_name,
                    )
                )
            if undertaking.scope == "general" and undertaking.visit_id:
                raise ValidationError(
                    self.env._(
                        "A general undertaking covers every visit: remove the "
                        "joint visit from the undertaking of %(person)s, or give "
                        "it the scope “One Joint Visit”.",
                        person=undertaking.partner_id.display_name,
                    )
                )

    @api.onchange("scope")
    def _onchange_scope(self):
        if self.scope == "general":
            self.visit_id = False

    @api.model_create_multi
    def create(self, vals_list):
        # an undertaking for one visit is given to the NPM of that visit
        for vals in vals_list:
            if not self.env.su:
                vals.pop("expiry_reminder_visit_ids", None)  # the reminder's own
            if vals.get("visit_id") and not vals.get("company_id"):
                visit = self.env["npm.joint.visit"].browse(vals["visit_id"])
                vals["company_id"] = visit.company_id.id
        return super().create(vals_list)

    def _lifecycle_check_write(self, vals):
        if "expiry_reminder_visit_ids" in vals and not self.env.su:
            raise UserError(
                self._lifecycle_app_only_message({"expiry_reminder_visit_ids"})
            )
        return super()._lifecycle_check_write(vals)

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s has been signed and is kept as a record: it cannot be "
            "deleted. Revoke it instead.",
            name=self.display_name,
        )

    def _frozen_error_message(self, field_names):
        return self.env._(
            "%(name)s is %(state)s: what it says can no longer be changed. Draw "
            "up a new undertaking instead.",
            name=self.display_name,
            state=self._state_label(),
        )

    def _lifecycle_stamp_message(self, field_names):
        return self.env._(
            "The revocation of an undertaking is recorded by “Revoke”; it cannot "
            "be set or changed by hand."
        )

    def _lifecycle_state_message(self, target, what=None):
        if target == "revoked" and self.state == "draft":
            return self.env._(
                "%(name)s is not signed: only a signed undertaking can be revoked "
                "(a draft can simply be deleted).",
                name=self.display_name,
            )
        return self.env._(
            "%(name)s is %(state)s and cannot become %(target)s. Draw up a new "
            "undertaking instead.",
            name=self.display_name,
            state=self._state_label(),
            target=self._state_label(target),
        )

    def _check_to_signed(self, vals):
        if not self._has_signature_evidence():
            raise UserError(
                self.env._(
                    "Attach the signed copy of the undertaking of %(person)s "
                    "before marking it signed.",
                    person=self.partner_id.display_name,
                )
            )

    def _check_to_expired(self, vals):
        if not (self.date_expiry and self.date_expiry < npm_today(self.env)):
            raise UserError(
                self.env._(
                    "%(name)s has not lapsed: revoke it to end it now.",
                    name=self.display_name,
                )
            )

    def _check_to_revoked(self, vals):
        if not (vals.get("revoke_reason") or "").strip():
            raise UserError(self.env._("Give the reason for revoking the undertaking."))

    def action_sign(self):
        """Record that the person signed: needs the signed copy attached."""
        return self._lifecycle_move("signed")

    def action_revoke(self, reason=None):
        """Revoke signed undertakings: access through them ends at once.

        Without a reason (the button), open the wizard that asks for it.
        """
        if reason is None:
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Revoke Undertaking"),
                "res_model": "npm.undertaking.revoke.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"active_model": self._name, "active_ids": self.ids},
            }
        self._lifecycle_move("revoked", vals={"revoke_reason": reason})
        for undertaking in self:
            undertaking.message_post(
                body=self.env._("Revoked: %(reason)s", reason=reason),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _state_label(self, state=None):
        self.ensure_one()
        return selection_label(self, "state", state).lower()

    def _has_signature_evidence(self):
        """Whether the person's signature is on file: a signed copy attached
        by the NPM, or the signature the person drew in the portal."""
        self.ensure_one()
        return bool(self.signed_copy or self.signature)

    @api.model
    def _covering_domain(self, visit, on_date=None):
        """Undertakings covering a person for ``visit`` (add the person).

        With ``on_date``, the undertaking must also still be valid that day.
        """
        last_day = visit.date_end or visit.date_start
        if on_date and on_date > last_day:
            last_day = on_date
        return [
            ("state", "=", "signed"),
            ("company_id", "=", visit.company_id.id),
            ("date_signed", "<=", visit.date_start),
            "|",
            ("date_expiry", "=", False),
            ("date_expiry", ">=", last_day),
            "|",
            ("scope", "=", "general"),
            ("visit_id", "=", visit.id),
        ]

    def _covers(self, visit, on_date=None):
        self.ensure_one()
        last_day = visit.date_end or visit.date_start
        if on_date and on_date > last_day:
            last_day = on_date
        return bool(
            self.state == "signed"
            and self.company_id == visit.company_id
            and self.date_signed
            and visit.date_start
            and self.date_signed <= visit.date_start
            and (not self.date_expiry or self.date_expiry >= last_day)
            and (self.scope == "general" or self.visit_id == visit)
        )

    @api.model
    def _cron_expire_undertakings(self):
        """Mark signed undertakings whose last valid day has passed as expired.

        Access already ended on the day after ``date_expiry`` (the record rules
        compare with today's date); this makes the state say so too.
        """
        lapsed = self.search(
            [
                ("state", "=", "signed"),
                ("date_expiry", "<", npm_today(self.env)),
            ]
        )
        for undertaking in lapsed:
            undertaking.state = "expired"
            undertaking.message_post(
                body=self.env._(
                    "Expired: valid until %(date)s.",
                    date=format_date(self.env, undertaking.date_expiry),
                ),
                subtype_xmlid="mail.mt_note",
            )
        self._cron_remind_expiring_undertakings()
        return lapsed

    @api.model
    def _cron_remind_expiring_undertakings(self):
        """Daily: a CSO member's undertaking that expires within the renewal
        period (the agreements' setting) and before the end of an upcoming
        visit of their team gives the visit's responsible officer an
        activity, once per visit and undertaking, so that a new one is signed
        in time.

        sudo: the reminder reads every undertaking and visit to decide; each
        activity goes only to a user who may read the visit, and says what
        its team already shows them.
        """
        Undertaking = self.sudo()
        today = npm_today(self.env)
        horizon = today + timedelta(
            days=self.env["npm.cso.agreement"]._get_renewal_days()
        )
        expiring = Undertaking.search(
            [
                ("state", "=", "signed"),
                ("date_expiry", ">=", today),
                ("date_expiry", "<=", horizon),
            ]
        )
        if not expiring:
            return
        visits = (
            self.env["npm.joint.visit"]
            .sudo()
            .search(
                [
                    ("state", "in", UPCOMING_VISIT_STATES),
                    ("date_end", ">=", today),
                    ("member_ids.partner_id", "in", expiring.partner_id.ids),
                ]
            )
        )
        for visit in visits:
            uncovered = visit._get_uncovered_cso_members()
            for undertaking in expiring.filtered(
                lambda u, v=visit, p=uncovered: (
                    u.partner_id in p
                    and u._expires_during(v)
                    and v not in u.expiry_reminder_visit_ids
                )
            ):
                undertaking._remind_expiry_before(visit)

    def _expires_during(self, visit):
        """Whether this undertaking would cover ``visit`` but expires before
        its last day."""
        self.ensure_one()
        return bool(
            self.state == "signed"
            and self.company_id == visit.company_id
            and self.date_expiry
            and self.date_expiry < visit.date_end
            and self.date_signed
            and self.date_signed <= visit.date_start
            and (self.scope == "general" or self.visit_id == visit)
        )

    def _remind_expiry_before(self, visit):
        """Tell the first of the visit's responsible officer, the
        partnership's, a manager of the company, who may read the visit."""
        self.ensure_one()
        candidates = (visit.user_id | visit.partnership_id.user_id).filtered(
            lambda u: u.active and not u.share
        )
        readers = partners_who_may_read(visit, candidates.partner_id)
        recipient = candidates.filtered(lambda u: u.partner_id in readers)[:1]
        recipient = recipient or visit._npm_cleared_substitute()
        if not recipient:
            return
        env = visit.with_context(lang=recipient.lang or self.env.lang).env
        visit.with_env(env).activity_schedule(
            EXPIRY_ACTIVITY,
            date_deadline=max(
                npm_today(self.env), min(self.date_expiry, visit.date_start)
            ),
            user_id=recipient.id,
            note=env._(
                "The confidentiality undertaking of %(person)s is valid until "
                "%(date)s, before the end of %(visit)s (%(end)s): have a new "
                "one signed by %(start)s, or %(person)s is not covered for the "
                "visit.",
                person=self.partner_id.display_name,
                date=format_date(env, self.date_expiry),
                visit=visit.name,
                end=format_date(env, visit.date_end),
                start=format_date(env, visit.date_start),
            ),
        )
        self.expiry_reminder_visit_ids = [fields.Command.link(visit.id)]

    # Portal ------------------------------------------------------------------
    # The expert's side: they sign it in the portal (_portal_sign).

    # What the portal pages show of an undertaking, sort and filter it by.
    # Not the NPM's notes, the agreement it implements, nor the revocation's
    # reason, author and time.
    _portal_readable_fields = (
        "name",
        "partner_id",
        "scope",
        "visit_id",
        "portal_visit_name",
        "state",
        "date_signed",
        "date_expiry",
        "is_valid",
        "signed_copy",
        "signed_copy_filename",
        "signature",
        "signed_by",
        "signed_on",
        "signature_method",
        "create_date",
    )

    signature = fields.Image(
        string="Portal Signature",
        attachment=True,
        copy=False,
        max_width=1024,
        max_height=1024,
        help="Signature drawn by the person in the portal.",
    )
    signed_by = fields.Char(
        string="Signed By (Name)",
        copy=False,
        tracking=True,
        help="Name the person typed when signing in the portal.",
    )
    # Read as the superuser (related field): the person must know which visit
    # they sign for before the undertaking covers them and opens the visit.
    portal_visit_name = fields.Char(related="visit_id.name", string="Visit Reference")
    signed_on = fields.Datetime(
        string="Signed Online On",
        copy=False,
        tracking=True,
        help="When the person signed in the portal.",
    )

    # Which evidence of the signature is on file, decided from the evidence
    # itself: a portal signature is written only by _portal_sign, as the
    # person it names; otherwise an officer attached a signed paper copy.
    signature_method = fields.Selection(
        [("portal", "Signed Online"), ("paper", "Signed Copy Attached")],
        compute="_compute_signature_method",
        store=True,
        help="Signed online in the portal by the person named, or on paper "
        "(the NPM attached the scanned copy).",
    )

    @api.depends("state", "signature", "signed_copy")
    def _compute_signature_method(self):
        for undertaking in self:
            if undertaking.signature:
                undertaking.signature_method = "portal"
            elif undertaking.state != "draft" and undertaking.signed_copy:
                undertaking.signature_method = "paper"
            else:
                undertaking.signature_method = False

    def _compute_access_url(self):
        for undertaking in self:
            undertaking.access_url = f"/my/undertakings/{undertaking.id}"

    def _portal_sign(self, signer, name, signature):
        """Sign in the portal as ``signer`` (a partner) with a drawn signature.

        The caller has checked that the current user may read this
        undertaking; here only the person it names may sign it, only while it
        is a draft.
        """
        self.ensure_one()
        if self.partner_id != signer:
            raise UserError(
                self.env._(
                    "This undertaking is for %(person)s: only they can sign it.",
                    person=self.partner_id.display_name,
                )
            )
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "This undertaking is %(state)s: it no longer awaits a signature.",
                    state=self._portal_state_label().lower(),
                )
            )
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Type your full name above your signature."))
        if not signature:
            raise UserError(self.env._("Draw or type your signature before signing."))
        try:
            base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(
                self.env._("The signature could not be read: sign again.")
            ) from error
        # The app's own write: nobody else writes a portal signature.
        self._lifecycle_write(
            {
                "signature": signature,
                "signed_by": name,
                "signed_on": fields.Datetime.now(),
            }
        )
        # The copy is written while the undertaking is still a draft: once
        # signed, its signed copy is frozen.
        content, extension = self._portal_render_signed_copy()
        self.write(
            {
                "signed_copy": base64.b64encode(content),
                "signed_copy_filename": self._portal_signed_copy_filename(extension),
            }
        )
        self.action_sign()
        self.message_post(
            body=self.env._(
                "Signed in the portal by %(name)s.",
                name=name,
            ),
            author_id=signer.id,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _portal_render_signed_copy(self):
        """The signed copy, rendered by its report: ``(content, extension)``.

        A PDF. When this server cannot make one (no working wkhtmltopdf, or
        Odoo's test mode, which renders every PDF report as HTML), the same
        document as HTML: the person's signature is never refused for a
        missing program, and the file name says what the file is.
        """
        self.ensure_one()
        reports = self.env["ir.actions.report"]
        if reports.npm_pdf_unavailable_message():
            # The record's id only: its name is the person's.
            _logger.warning(
                "PDF cannot be created on this server (wkhtmltopdf): the signed "
                "copy of undertaking %s is kept as HTML.",
                self.id,
            )
            content, report_type = reports._render_qweb_html(
                SIGNED_COPY_REPORT, self.ids
            )
        else:
            content, report_type = reports._render_qweb_pdf(
                SIGNED_COPY_REPORT, self.ids
            )
        return content, "pdf" if report_type == "pdf" else "html"

    def _portal_signed_copy_filename(self, extension="pdf"):
        self.ensure_one()
        stem = re.sub(r"[^\w-]+", "_", self.display_name or "").strip("_")
        return f"{stem or 'undertaking'}_signed.{extension}"

    def _portal_state_label(self):
        self.ensure_one()
        return selection_label(self, "state")
