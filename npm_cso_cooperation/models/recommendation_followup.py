# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import npm_today, selection_label
from .lifecycle_mixin import STAMP_NOW, STAMP_USER
from .recommendation import IMPLEMENTATION_STATUSES

DECIDED_STATES = ("validated", "dismissed")
REVIEW_ACTIVITY = "npm_cso_cooperation.mail_activity_type_recommendation_review"


class NpmRecommendationFollowup(models.Model):
    """What someone observed of the implementation of a recommendation.

    The NPM records its own follow-ups (a visit, the authority's report);
    the experts of a CSO that follows the recommendation up add theirs in the
    portal (source ``cso``). Each is *submitted*, then an NPM officer
    *validates* or *dismisses* it (with the reason, which the expert reads):
    only validated follow-ups set the recommendation's implementation status.
    """

    _name = "npm.recommendation.followup"
    _description = "Recommendation Follow-up"
    _inherit = [
        "npm.portal.readable.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
    ]
    _order = "date desc, id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("submitted",)
    _lifecycle_transitions = {
        "validated": ("submitted",),
        "dismissed": ("submitted",),
    }
    # NPM staff only: their access rights (the portal expert and employees
    # may not write a follow-up) refuse anyone else before the state check.
    _lifecycle_stamps = {
        "validated": {"decided_by_id": STAMP_USER, "decided_on": STAMP_NOW},
        "dismissed": {"decided_by_id": STAMP_USER, "decided_on": STAMP_NOW},
    }
    _lifecycle_move_fields = {"dismissed": ("dismiss_reason",)}
    # What was observed does not change once the NPM decided on it.
    _lifecycle_frozen = (
        (
            (
                "recommendation_id",
                "date",
                "source",
                "observation",
                "assessed_status",
                "partner_id",
            ),
            DECIDED_STATES,
        ),
    )
    _lifecycle_undeletable_states = DECIDED_STATES

    # What the expert reads of their observations: what they wrote and what
    # became of it; not who decided.
    _portal_readable_fields = (
        "recommendation_id",
        "date",
        "source",
        "observation",
        "assessed_status",
        "partner_id",
        "state",
        "dismiss_reason",
        "decided_on",
        "create_date",
    )

    recommendation_id = fields.Many2one(
        "npm.recommendation",
        required=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        related="recommendation_id.company_id", store=True, index=True
    )
    date = fields.Date(
        required=True,
        default=lambda self: npm_today(self.env),
        help="When the implementation was observed.",
    )
    source = fields.Selection(
        [
            ("npm_visit", "NPM Visit"),
            ("authority", "Authority"),
            ("cso", "CSO"),
            ("other", "Other"),
        ],
        required=True,
        default=lambda self: "cso" if self.env.user.share else "npm_visit",
        index=True,
    )
    observation = fields.Text(required=True)
    assessed_status = fields.Selection(
        IMPLEMENTATION_STATUSES,
        string="Assessed Implementation",
        help="What the observation says of the implementation. Once the NPM "
        "validates it, it becomes the recommendation's status.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Reported By",
        index=True,
        ondelete="restrict",
        default=lambda self: self.env.user.partner_id if self.env.user.share else False,
    )
    cso_id = fields.Many2one(
        related="partner_id.cso_id", store=True, index=True, string="CSO"
    )
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("validated", "Validated"),
            ("dismissed", "Dismissed"),
        ],
        required=True,
        default="submitted",
        readonly=True,
        copy=False,
        index=True,
    )
    dismiss_reason = fields.Text(string="Reason for Dismissal", readonly=True)
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)

    @api.depends("recommendation_id", "date", "source")
    def _compute_display_name(self):
        for followup in self:
            followup.display_name = self.env._(
                "%(recommendation)s, %(date)s (%(origin)s)",
                recommendation=followup.recommendation_id.name or "",
                date=fields.Date.to_string(followup.date) if followup.date else "",
                origin=selection_label(followup, "source") if followup.source else "",
            )

    @api.constrains("date")
    def _check_date_not_future(self):
        today = npm_today(self.env)
        for followup in self:
            if followup.date > today:
                raise ValidationError(
                    self.env._(
                        "A follow-up records what was observed: its date (%(date)s) "
                        "cannot be in the future.",
                        date=fields.Date.to_string(followup.date),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        # access rights first: the checks below are for those who may create
        self.browse().check_access("create")
        if self.env.user.share:
            for vals in vals_list:
                # A CSO expert observes in their own name, as the CSO; what the
                # NPM decides is not theirs to send.
                if vals.get("partner_id", self.env.user.partner_id.id) != (
                    self.env.user.partner_id.id
                ):
                    raise AccessError(
                        self.env._("You can only report in your own name.")
                    )
                vals.update(partner_id=self.env.user.partner_id.id, source="cso")
        for vals in vals_list:
            self._check_recommendation_open(vals.get("recommendation_id"))
        followups = super().create(vals_list)
        followups.filtered(lambda f: f.source == "cso")._ask_officer_to_review()
        return followups

    @api.model
    def _check_recommendation_open(self, recommendation_id):
        """A follow-up is about an issued recommendation the user may read.

        A recommendation the user may not read (or that does not exist) gets
        the same answer as one that is not open to follow-up, naming nothing,
        so that ids cannot be probed.
        """
        recommendation = (
            self.env["npm.recommendation"].browse(recommendation_id or []).exists()
        )
        if (
            not recommendation
            or not recommendation.has_access("read")
            or recommendation.sudo().state != "issued"
        ):
            raise UserError(
                self.env._(
                    "You cannot report on this recommendation: either there is "
                    "no such recommendation, or it is not shared with you, or its "
                    "follow-up is closed."
                )
            )

    # Actions -------------------------------------------------------------------

    def action_validate(self):
        return self._lifecycle_move("validated", what=self.env._("validate it"))

    def action_dismiss(self, reason=None):
        return self._lifecycle_move(
            "dismissed",
            what=self.env._("dismiss it"),
            vals={"dismiss_reason": reason} if reason else None,
        )

    def action_open_dismiss_wizard(self):
        """The form's button: asks the reason first."""
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Dismiss Follow-up"),
            "res_model": "npm.recommendation.followup.dismiss.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_followup_ids": self.ids},
        }

    def _on_validated(self, before):
        self._note_decision()

    def _on_dismissed(self, before):
        self._note_decision()

    def _lifecycle_state_message(self, target, what=None):
        return self.env._(
            "%(name)s has already been decided (%(state)s).",
            name=self.display_name,
            state=self._lifecycle_state_label(),
        )

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s has been decided and is kept as a record: it cannot be deleted.",
            name=self.display_name,
        )

    # Helpers -------------------------------------------------------------------

    def _note_decision(self):
        """An internal note on the recommendation: which follow-up was
        validated or dismissed, by whom, and why."""
        for followup in self:
            values = {
                "date": fields.Date.to_string(followup.date),
                "origin": selection_label(followup, "source"),
            }
            if followup.state == "validated":
                body = self.env._(
                    "Follow-up of %(date)s (%(origin)s) validated.", **values
                )
            else:
                body = self.env._(
                    "Follow-up of %(date)s (%(origin)s) dismissed.", **values
                )
            if followup.dismiss_reason:
                body = self.env._(
                    "%(note)s Reason: %(reason)s",
                    note=body,
                    reason=followup.dismiss_reason,
                )
            followup.recommendation_id.message_post(
                body=Markup("<p>%s</p>") % body, subtype_xmlid="mail.mt_note"
            )
        # Once no observation waits, the review is done.
        activity_type = self.env.ref(REVIEW_ACTIVITY)
        for recommendation in self.recommendation_id:
            if recommendation.followup_ids.filtered(lambda f: f.state == "submitted"):
                continue
            recommendation.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ).action_feedback(feedback=self.env._("Every observation was reviewed."))

    def _ask_officer_to_review(self):
        """The responsible officer (or the managers) reviews an observation a
        CSO sent: one *Review observation* activity per recommendation."""
        activity_type = self.env.ref(REVIEW_ACTIVITY)
        # sudo (same user): a portal expert has no right on activities; the
        # activity goes only to staff who may read the recommendation, and the
        # expert reads none of it.
        for recommendation in self.sudo().recommendation_id:
            if recommendation.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue
            for user in recommendation._get_responsible_readers():
                recommendation.activity_schedule(
                    REVIEW_ACTIVITY,
                    user_id=user.id,
                    note=recommendation.with_context(lang=user.lang).env._(
                        "A CSO sent an observation on %(name)s: validate or "
                        "dismiss it.",
                        name=recommendation.name,
                    ),
                )
