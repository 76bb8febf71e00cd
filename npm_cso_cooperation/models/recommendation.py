# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..groups import GROUP_MANAGER, GROUP_OFFICER
from ..tools import npm_today, records_action, selection_label
from .lifecycle_mixin import STAMP_NOW, STAMP_TODAY_IF_EMPTY, STAMP_USER

IMPLEMENTATION_STATUSES = [
    ("not_assessed", "Not Assessed"),
    ("not_implemented", "Not Implemented"),
    ("in_progress", "In Progress"),
    ("partially_implemented", "Partially Implemented"),
    ("implemented", "Implemented"),
]
#: States of a recommendation the NPM has made (published to the authority).
MADE_STATES = ("issued", "closed")
#: What an issued recommendation says: it no longer changes (like the terms
#: of a signed agreement); the follow-up is written next to it.
ISSUED_FIELDS = (
    "text",
    "visit_id",
    "place_id",
    "authority_id",
    "theme_ids",
    "date_issued",
    "company_id",
)
OVERDUE_ACTIVITY = "npm_cso_cooperation.mail_activity_type_recommendation_overdue"


class NpmRecommendation(models.Model):
    """A recommendation the NPM makes to an authority, and its follow-up.

    Drafted, then *issued* (its text frozen, never deleted), then *closed*
    once the NPM ends its follow-up. The authority's position and the
    follow-ups (``npm.recommendation.followup``) record what became of it;
    only follow-ups the NPM validated set its ``implementation_status``.

    Its ``sensitivity`` decides which NPM staff read it (record rules per
    group, like findings). ``share_with_cso`` shares an issued recommendation
    that is not strictly confidential with the partner CSO of each of its
    ``partnership_ids``: their experts covered by a confidentiality
    undertaking read it in the portal and add observations; each CSO it
    reaches is written in the information release register.
    """

    _name = "npm.recommendation"
    _description = "NPM Recommendation"
    _inherit = [
        "npm.mail.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "npm.sensitivity.mixin",
        "npm.portal.readable.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
    ]
    _order = "date_issued desc, id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {"issued": ("draft",), "closed": ("issued",)}
    # Officers issue (their access rights: nobody else writes a
    # recommendation); only a manager ends its follow-up.
    _lifecycle_groups = {"closed": GROUP_MANAGER}
    _lifecycle_stamps = {
        # entered by the NPM (past recommendations), else the day of issue
        "issued": {"date_issued": STAMP_TODAY_IF_EMPTY, "issued_by_id": STAMP_USER},
        "closed": {"closed_by_id": STAMP_USER, "closed_on": STAMP_NOW},
    }
    _lifecycle_frozen = ((ISSUED_FIELDS, MADE_STATES),)
    _lifecycle_undeletable_states = MADE_STATES
    _lifecycle_app_only_fields = ("name", "overdue_notified_on")
    _lifecycle_sequences = {"name": "npm.recommendation"}

    # Raising the sensitivity, un-sharing or removing a CSO takes readers away.
    _npm_readership_fields = ("sensitivity", "share_with_cso", "partnership_ids")

    # What the portal shows: the recommendation as made, and where it stands;
    # nothing internal (sensitivity, findings, notes, who follows it up).
    _portal_readable_fields = (
        "name",
        "text",
        "date_issued",
        "due_date",
        "report_reference",
        "state",
        "implementation_status",
        "portal_place_name",
        "portal_authority_name",
        "is_portal_readable",
    )

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    text = fields.Text(
        string="Recommendation",
        required=True,
        help="The recommendation as the NPM made it. It no longer changes once issued.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
        help="Follows the recommendation up; gets an activity when it is overdue.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The visit the recommendation comes from, if any.",
    )
    place_id = fields.Many2one(
        "npm.detention.place",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        compute="_compute_place_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    authority_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        compute="_compute_authority_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The authority the recommendation is addressed to (by default, "
        "the place's responsible authority).",
    )
    theme_ids = fields.Many2many(
        "npm.recommendation.theme",
        "npm_recommendation_theme_rel",
        "recommendation_id",
        "theme_id",
        string="Themes",
        check_company=True,
    )
    date_issued = fields.Date(
        tracking=True,
        index=True,
        copy=False,
        help="The date of the report that made the recommendation. Issuing "
        "sets it to today when empty.",
    )
    priority = fields.Selection(
        [("normal", "Normal"), ("high", "High")],
        required=True,
        default="normal",
        tracking=True,
    )
    due_date = fields.Date(tracking=True, index=True)
    finding_ids = fields.Many2many(
        "npm.visit.finding",
        "npm_recommendation_finding_rel",
        "recommendation_id",
        "finding_id",
        groups=GROUP_OFFICER,
        help="The findings the recommendation rests on.",
    )
    report_reference = fields.Char(
        string="Report", help="The report the recommendation was published in."
    )
    note = fields.Html(string="Internal Notes")

    # Repetition
    is_repeated = fields.Boolean(
        string="Repeated",
        compute="_compute_repeated",
        store=True,
        index=True,
        help="An earlier recommendation to the same place, with a theme in "
        "common, was not fully implemented.",
    )
    repeated_from_id = fields.Many2one(
        "npm.recommendation",
        string="Repeats",
        compute="_compute_repeated",
        store=True,
        index=True,
        help="The latest earlier recommendation to the same place, with a theme "
        "in common, that was not fully implemented.",
    )

    # Life cycle
    state = fields.Selection(
        [("draft", "Draft"), ("issued", "Issued"), ("closed", "Closed")],
        required=True,
        default="draft",
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    issued_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)

    # The authority's position
    authority_response = fields.Selection(
        [
            ("pending", "Pending"),
            ("accepted", "Accepted"),
            ("partially_accepted", "Partially Accepted"),
            ("rejected", "Rejected"),
        ],
        string="Authority's Response",
        required=True,
        default="pending",
        tracking=True,
        copy=False,
        index=True,
    )
    authority_response_date = fields.Date(
        string="Response Date", tracking=True, copy=False
    )
    authority_response_text = fields.Text(string="Response", copy=False)

    # Implementation, from the validated follow-ups
    implementation_status = fields.Selection(
        IMPLEMENTATION_STATUSES,
        string="Implementation",
        compute="_compute_implementation_status",
        store=True,
        tracking=True,
        index=True,
        group_expand=True,
        help="Set by the latest validated follow-up that assessed it.",
    )
    implementation_rate = fields.Float(
        string="Implementation Rate (%)",
        compute="_compute_implementation_status",
        store=True,
        aggregator="avg",
        help="100 when implemented, 0 otherwise: averaged over recommendations "
        "(per place, per authority, per theme), it is the share implemented.",
    )
    followup_ids = fields.One2many(
        "npm.recommendation.followup", "recommendation_id", string="Follow-ups"
    )
    followup_count = fields.Integer(
        string="Number of Follow-ups", compute="_compute_followup_stats"
    )
    last_followup_date = fields.Date(
        string="Last Follow-up", compute="_compute_followup_stats"
    )
    submitted_followup_count = fields.Integer(
        string="Observations to Review", compute="_compute_followup_stats"
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Issued, past its due date and not implemented.",
    )
    overdue_notified_on = fields.Date(readonly=True, copy=False)

    # Sharing with the CSOs that follow it up
    partnership_ids = fields.Many2many(
        "npm.cso.partnership",
        "npm_recommendation_partnership_rel",
        "recommendation_id",
        "partnership_id",
        string="Followed Up With",
        check_company=True,
        groups=GROUP_OFFICER,
        domain=[("state", "in", ("agreed", "active"))],
        help="The partnerships whose CSO follows the recommendation up.",
    )
    share_with_cso = fields.Boolean(
        string="Shared with the CSOs",
        tracking=True,
        copy=False,
        index=True,
        help="The experts of the CSOs that follow it up, covered by a "
        "confidentiality undertaking, read it in the portal and add "
        "observations. Each CSO it reaches is written in the information "
        "release register. Strictly confidential recommendations are never "
        "shared.",
    )
    is_portal_readable = fields.Boolean(
        string="Readable by the Current Portal User",
        compute="_compute_is_portal_readable",
        search="_search_is_portal_readable",
        # sudo: the portal may not read sharing, sensitivity or partnerships
        # (npm.portal.readable.mixin); the answer is still the current user's.
        compute_sudo=True,
    )
    # Read as the superuser (related fields): the portal reads no place and no
    # authority's contact, only their names on a recommendation it may read.
    portal_place_name = fields.Char(related="place_id.name", string="Place Name")
    portal_authority_name = fields.Char(
        related="authority_id.display_name", string="Authority Name"
    )
    access_url = fields.Char(string="Portal URL", compute="_compute_access_url")

    # Computations ----------------------------------------------------------------

    @api.depends("visit_id")
    def _compute_place_id(self):
        for recommendation in self:
            if recommendation.visit_id:
                recommendation.place_id = recommendation.visit_id.place_id

    @api.depends("place_id")
    def _compute_authority_id(self):
        for recommendation in self:
            if recommendation.place_id.authority_id:
                recommendation.authority_id = recommendation.place_id.authority_id

    @api.depends(
        "place_id",
        "theme_ids",
        "date_issued",
        "sensitivity",
        "place_id.recommendation_ids.state",
        "place_id.recommendation_ids.theme_ids",
        "place_id.recommendation_ids.date_issued",
        "place_id.recommendation_ids.sensitivity",
        "place_id.recommendation_ids.implementation_status",
    )
    def _compute_repeated(self):
        today = npm_today(self.env)
        for recommendation in self:
            earlier = recommendation._repeated_candidates(today)
            recommendation.repeated_from_id = earlier[:1]
            recommendation.is_repeated = bool(earlier)

    def _repeated_candidates(self, today):
        """The earlier recommendations this one repeats, latest first: made
        to the same place, sharing a theme, not fully implemented.

        A recommendation repeats only one its own readers may read: one that
        is not strictly confidential, unless it is strictly confidential
        itself (an officer must not learn, from a flag, that a strictly
        confidential one exists).
        """
        self.ensure_one()
        if not self.place_id or not self.theme_ids:
            return self.browse()
        # earlier: issued on an earlier day (those of one report do not
        # repeat each other)
        own_date = self.date_issued or today
        strict = self.sensitivity == "strictly_confidential"
        # sudo: the place's recommendations all count (stored computation);
        # only the link to the one it repeats is kept, under the rule above.
        candidates = self.place_id.sudo().recommendation_ids.filtered(
            lambda other: (
                other.state in MADE_STATES
                and other.id != self._origin.id
                and other.implementation_status != "implemented"
                and (strict or other.sensitivity != "strictly_confidential")
                and other.theme_ids & self.theme_ids
                and (other.date_issued or today) < own_date
            )
        )
        return candidates.sorted(
            lambda other: (other.date_issued or today, other.id), reverse=True
        ).with_env(self.env)

    @api.depends(
        "followup_ids.state", "followup_ids.assessed_status", "followup_ids.date"
    )
    def _compute_implementation_status(self):
        for recommendation in self:
            assessed = recommendation.followup_ids.filtered(
                lambda f: f.state == "validated" and f.assessed_status
            ).sorted(lambda f: (f.date, f.id))
            status = assessed[-1:].assessed_status or "not_assessed"
            recommendation.implementation_status = status
            recommendation.implementation_rate = 100.0 if status == "implemented" else 0

    def _compute_followup_stats(self):
        # Counted with the reader's rights.
        Followup = self.env["npm.recommendation.followup"]
        stats = {
            recommendation.id: (count, last)
            for recommendation, count, last in Followup._read_group(
                [("recommendation_id", "in", self.ids)],
                ["recommendation_id"],
                ["__count", "date:max"],
            )
        }
        submitted = dict(
            Followup._read_group(
                [("recommendation_id", "in", self.ids), ("state", "=", "submitted")],
                ["recommendation_id"],
                ["__count"],
            )
        )
        for recommendation in self:
            count, last = stats.get(recommendation.id, (0, False))
            recommendation.followup_count = count
            recommendation.last_followup_date = last
            recommendation.submitted_followup_count = submitted.get(
                recommendation._origin, 0
            )

    @api.depends("state", "due_date", "implementation_status")
    def _compute_is_overdue(self):
        today = npm_today(self.env)
        for recommendation in self:
            recommendation.is_overdue = bool(
                recommendation.state == "issued"
                and recommendation.due_date
                and recommendation.due_date < today
                and recommendation.implementation_status != "implemented"
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “Overdue” with = or != only."))
        overdue = [
            ("state", "=", "issued"),
            ("due_date", "<", npm_today(self.env)),
            ("implementation_status", "!=", "implemented"),
        ]
        return overdue if (operator == "=") == value else ["!", "&", "&", *overdue]

    @api.depends("share_with_cso", "sensitivity", "state", "partnership_ids")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_portal_readable(self):
        readable = self.filtered(lambda r: isinstance(r.id, int))
        if readable:
            readable = self.browse(
                self.sudo()._search(
                    [("id", "in", readable.ids), *self._portal_readable_domain()]
                )
            )
        for recommendation in self:
            recommendation.is_portal_readable = recommendation in readable

    def _search_is_portal_readable(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “Readable” with = or != only."))
        # sudo (same user): the portal may not filter on sharing, sensitivity
        # and partnerships themselves, only on this answer about them.
        readable = [("id", "in", self.sudo()._search(self._portal_readable_domain()))]
        return readable if (operator == "=") == value else ["!", *readable]

    @api.model
    def _portal_readable_domain(self):
        """Recommendations the current user reads in the portal: issued,
        shared, not strictly confidential, followed up by a partnership
        (agreed or active) of the user's CSO, while a signed confidentiality
        undertaking of the NPM's company, valid today, covers them (general,
        or for the recommendation's visit). Computed at each query (rule
        domains are cached per user: "today" may not be written into one)."""
        # sudo: who the user is (their CSO) and which undertakings cover them
        # decide; nothing of it is returned.
        partner = self.env.user.partner_id.sudo()
        cso = partner.cso_id if partner.active else partner.browse()
        if not cso:
            return [("id", "=", False)]
        Undertaking = self.env["npm.confidentiality.undertaking"].sudo()
        undertakings = Undertaking.search(
            [("partner_id", "=", partner.id), ("is_valid", "=", True)]
        )
        general = undertakings.filtered(lambda u: u.scope == "general")
        by_visit = undertakings.filtered(lambda u: u.scope == "visit")
        return [
            ("share_with_cso", "=", True),
            ("state", "in", MADE_STATES),
            ("sensitivity", "!=", "strictly_confidential"),
            ("partnership_ids.partner_id", "=", cso.id),
            ("partnership_ids.state", "in", ("agreed", "active")),
            "|",
            ("company_id", "in", general.company_id.ids),
            ("visit_id", "in", by_visit.visit_id.ids),
        ]

    # Constraints -------------------------------------------------------------------

    @api.constrains("share_with_cso", "sensitivity", "state", "partnership_ids")
    def _check_sharing(self):
        for recommendation in self.filtered("share_with_cso"):
            if recommendation.state not in MADE_STATES:
                raise ValidationError(
                    self.env._(
                        "%(name)s is a draft: issue it before sharing it with the "
                        "CSOs that follow it up.",
                        name=recommendation.display_name,
                    )
                )
            if recommendation._is_strictly_confidential():
                raise ValidationError(
                    self.env._(
                        "%(name)s is strictly confidential and cannot be shared "
                        "with a CSO. Lower its sensitivity first if it may really "
                        "be shared, or keep it unshared.",
                        name=recommendation.display_name,
                    )
                )
            if not recommendation.partnership_ids:
                raise ValidationError(
                    self.env._(
                        "%(name)s names no partnership whose CSO follows it up: "
                        "add one before sharing it.",
                        name=recommendation.display_name,
                    )
                )

    @api.constrains("visit_id", "place_id")
    def _check_visit_place(self):
        for recommendation in self:
            visit = recommendation.visit_id
            if visit and visit.place_id != recommendation.place_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s comes from %(visit)s: its place is the visit's, "
                        "%(place)s.",
                        name=recommendation.display_name,
                        visit=visit.display_name,
                        place=visit.place_id.display_name,
                    )
                )

    @api.constrains("authority_response", "state")
    def _check_response_after_issue(self):
        for recommendation in self:
            if (
                recommendation.state == "draft"
                and recommendation.authority_response != "pending"
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s has not been issued: the authority cannot have "
                        "responded to it yet.",
                        name=recommendation.display_name,
                    )
                )

    @api.onchange("authority_response")
    def _onchange_authority_response(self):
        if self.authority_response != "pending" and not self.authority_response_date:
            self.authority_response_date = npm_today(self.env)

    # CRUD ----------------------------------------------------------------------

    def write(self, vals):
        sharing = bool({"share_with_cso", "partnership_ids"} & vals.keys())
        released = {
            recommendation.id: recommendation._released_csos()
            for recommendation in (self if sharing else self.browse())
        }
        due_changed = self.browse()
        if "due_date" in vals:
            due_changed = self.filtered("overdue_notified_on")
        result = super().write(vals)
        if sharing:
            for recommendation in self.filtered("share_with_cso"):
                recommendation._release_to_csos(released[recommendation.id])
        if due_changed:
            # a new due date: a new reminder once it passes
            due_changed._lifecycle_write({"overdue_notified_on": False})
        return result

    # Actions -------------------------------------------------------------------

    def action_issue(self):
        return self._lifecycle_move("issued", what=self.env._("issue it"))

    def action_close(self):
        return self._lifecycle_move("closed", what=self.env._("close it"))

    def action_view_followups(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_recommendation_followup_action",
            [("recommendation_id", "=", self.id)],
            {"default_recommendation_id": self.id},
        )

    def _check_to_issued(self, vals):
        for recommendation in self:
            if not (recommendation.text or "").strip():
                raise UserError(
                    self.env._(
                        "%(name)s has no text: write the recommendation before "
                        "issuing it.",
                        name=recommendation.display_name,
                    )
                )

    def _lifecycle_sequence_date(self, vals):
        # the year of the report for a past recommendation
        return vals.get("date_issued")

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s was issued: it is part of the NPM's record and cannot be "
            "deleted. Close it once its follow-up ends.",
            name=self.display_name,
        )

    def _frozen_error_message(self, field_names):
        return self.env._(
            "%(name)s was issued, so its %(fields)s can no longer change: record "
            "what followed in its follow-up, or make a new recommendation.",
            name=self.display_name,
            fields=self._lifecycle_field_labels(field_names),
        )

    def _lifecycle_group_message(self, target, what=None):
        return self.env._("Only an NPM manager may close a recommendation.")

    # Sharing ----------------------------------------------------------------------

    def _released_csos(self):
        """The CSOs the register says this recommendation was released to."""
        self.ensure_one()
        if not self.id or not isinstance(self.id, int):
            return self.env["res.partner"]
        # sudo: which CSOs the register names (officers do not read it), to
        # write each release once; nothing is shown to the user.
        return (
            self.env["npm.information.release"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("release_type", "=", "recommendation_shared"),
                ]
            )
            .partner_id.with_env(self.env)
        )

    def _release_to_csos(self, already=None):
        """Write in the register the CSOs that now read this recommendation:
        one line per partner CSO of its partnerships, once per CSO, under the
        partnership's signed confidentiality or data-sharing agreement."""
        Release = self.env["npm.information.release"]
        Agreement = self.env["npm.cso.agreement"]
        for recommendation in self:
            released = (
                already if already is not None else recommendation._released_csos()
            )
            # sudo: the partnerships the user chose, their CSO and signed
            # agreement, to name them in the register; nothing is shown.
            for partnership in recommendation.sudo().partnership_ids:
                cso = partnership.partner_id
                if cso in released:
                    continue
                released |= cso
                agreement = Agreement.sudo().search(
                    [
                        ("partnership_id", "=", partnership.id),
                        ("state", "=", "signed"),
                        ("agreement_type", "in", ("confidentiality", "data_sharing")),
                    ],
                    order="agreement_type, date_start desc, id desc",
                    limit=1,
                )
                Release._register_release(
                    recommendation,
                    cso.with_env(self.env),
                    release_type="recommendation_shared",
                    visit=recommendation.visit_id or None,
                    agreement=agreement or Agreement,
                    company=recommendation.company_id,
                    description=self.env._(
                        "Recommendation %(name)s (%(sensitivity)s) shared with "
                        "%(cso)s to follow it up.",
                        name=recommendation.name,
                        sensitivity=recommendation._sensitivity_label(),
                        cso=cso.name,
                    ),
                )

    # Overdue ---------------------------------------------------------------------

    def _get_responsible_readers(self):
        """Who is told: the responsible officer if they may read it, else the
        managers of its company who may."""
        self.ensure_one()
        user = self.user_id
        if user and self._npm_partners_who_may_read(user.partner_id):
            return user
        return self._npm_managers_who_may_read()

    @api.model
    def _cron_remind_overdue_recommendations(self):
        """Give each overdue recommendation's officer an activity, once per
        due date."""
        overdue = self.search(
            [("is_overdue", "=", True), ("overdue_notified_on", "=", False)]
        )
        today = npm_today(self.env)
        for recommendation in overdue:
            for user in recommendation._get_responsible_readers():
                in_lang = recommendation.with_context(lang=user.lang or self.env.lang)
                recommendation.activity_schedule(
                    OVERDUE_ACTIVITY,
                    date_deadline=today,
                    user_id=user.id,
                    note=in_lang.env._(
                        "%(name)s was due on %(date)s and is %(status)s: follow it "
                        "up with the authority and the CSOs.",
                        name=recommendation.name,
                        date=fields.Date.to_string(recommendation.due_date),
                        status=selection_label(in_lang, "implementation_status"),
                    ),
                )
        overdue._lifecycle_write({"overdue_notified_on": today})
        return overdue

    # Portal -----------------------------------------------------------------------

    def _compute_access_url(self):
        for recommendation in self:
            recommendation.access_url = f"/my/recommendations/{recommendation.id}"
