# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The joint visit, in one file although it is longer than most: its four
agreed terms, its team's coverage (the searches the portal record rules
use), its life cycle and its portal part all read the same fields, and one
model stays one file."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_date, format_datetime, is_html_empty
from odoo.tools.i18n import format_list

from ..groups import GROUP_CONFIDENTIAL, GROUP_MANAGER, GROUP_OFFICER
from ..tools import check_date_order, records_action, selection_label
from .lifecycle_mixin import STAMP_CLEAR, STAMP_NOW, STAMP_USER
from .rule_filtered_mixin import RuleFilteredOne2many

# Every state but draft: the terms are agreed (or the visit cancelled).
AGREED_STATES = ("terms_agreed", "confirmed", "done", "reported", "closed", "cancelled")
TERM_FIELDS = (
    "roles_agreed",
    "approach",
    "urgent_action_protocol",
    "information_use_terms",
)


class NpmJointVisit(models.Model):
    """A visit to a place of deprivation of liberty by the NPM with a CSO.

    Before the visit both sides agree on four terms (roles, approach, what to
    do on a situation requiring urgent action, how the CSO may use what it
    learns); the visit is confirmed only when every CSO member is covered by a
    confidentiality undertaking for its dates.
    """

    _name = "npm.joint.visit"
    _description = "Joint Monitoring Visit"
    _inherit = [
        "npm.portal.mixin",
        "npm.portal.readable.mixin",
        "npm.mail.guard.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.rule.filtered.x2many.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # Whoever writes the state goes through the checks of the move (the
    # undertaking check of the confirmation above all), not the buttons only.
    _lifecycle_state_field = "state"
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "terms_agreed": ("draft",),
        "confirmed": ("terms_agreed",),
        "done": ("confirmed",),
        "reported": ("done",),
        "closed": ("reported",),
        # before the visit only
        "cancelled": ("draft", "terms_agreed", "confirmed"),
        "draft": ("terms_agreed", "confirmed", "cancelled"),
    }
    _lifecycle_stamps = {
        "terms_agreed": {
            "terms_agreed_by_id": STAMP_USER,
            "terms_agreed_on": STAMP_NOW,
        },
        # back to draft voids the agreement on the terms
        "draft": {"terms_agreed_by_id": STAMP_CLEAR, "terms_agreed_on": STAMP_CLEAR},
    }
    # The agreed terms and what they were agreed about: changing any of them
    # means going back to draft, which voids the agreement.
    _lifecycle_frozen = (
        (
            (*TERM_FIELDS, "partnership_id", "place_id", "date_start", "date_end"),
            AGREED_STATES,
        ),
        # the reason a confirmed visit went ahead without the team it needed
        (("team_override_reason",), ("confirmed", "done", "reported", "closed")),
    )
    _lifecycle_app_only_fields = ("name", "terms_agreed_by_id", "terms_agreed_on")
    _lifecycle_sequences = {"name": "npm.joint.visit"}

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
        index=True,
    )
    place_id = fields.Many2one(
        "npm.detention.place",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    place_type = fields.Selection(related="place_id.place_type", store=True)
    partnership_id = fields.Many2one(
        "npm.cso.partnership",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    cso_id = fields.Many2one(
        related="partnership_id.partner_id",
        store=True,
        index=True,
        string="CSO",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    date_start = fields.Date(
        string="First Day", required=True, index=True, tracking=True
    )
    date_end = fields.Date(string="Last Day", required=True, tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("terms_agreed", "Terms Agreed"),
            ("confirmed", "Confirmed"),
            ("done", "Done"),
            ("reported", "Reported"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
        index=True,
        group_expand=True,
    )
    member_ids = RuleFilteredOne2many(
        "npm.joint.visit.member", "visit_id", string="Team", copy=True
    )
    head_partner_id = fields.Many2one(
        "res.partner",
        string="Head of Delegation",
        compute="_compute_head",
        help="The NPM member leading the delegation.",
    )
    head_user_id = fields.Many2one(
        "res.users", string="Head of Delegation (User)", compute="_compute_head"
    )
    covered_member_partner_ids = fields.Many2many(
        "res.partner",
        string="Covered CSO Members",
        compute="_compute_covered_member_partner_ids",
        search="_search_covered_member_partner_ids",
        groups=GROUP_OFFICER,
        # no need to load the partners to drop archived ones
        context={"active_test": False},
        help="CSO members of the team whom a confidentiality undertaking covers "
        "for this visit and who may read it today.",
    )
    # x2many values are not filtered by the comodel's record rules: the ids
    # of findings and requests hidden from a portal expert would show here
    is_user_covered = fields.Boolean(
        string="Current User Covered",
        compute="_compute_is_user_covered",
        search="_search_is_user_covered",
        help="The current user is a CSO member of the visit whom a "
        "confidentiality undertaking covers today. The portal record rule on "
        "visits is this field.",
    )
    finding_ids = RuleFilteredOne2many(
        "npm.visit.finding",
        "visit_id",
        string="Findings",
        groups=GROUP_OFFICER,
    )
    finding_count = fields.Integer(compute="_compute_finding_count")
    # issue 16: the recommendations made after the visit (NPM staff only)
    recommendation_ids = RuleFilteredOne2many(
        "npm.recommendation",
        "visit_id",
        string="Recommendations",
        groups=GROUP_OFFICER,
    )
    recommendation_count = fields.Integer(
        compute="_compute_recommendation_count", groups=GROUP_OFFICER
    )
    urgent_finding_count = fields.Integer(compute="_compute_finding_count")
    document_ids = RuleFilteredOne2many(
        "npm.visit.document",
        "visit_id",
        string="Documents",
        groups=GROUP_OFFICER,
    )
    document_count = fields.Integer(compute="_compute_document_count")
    info_use_request_ids = RuleFilteredOne2many(
        "npm.info.use.request",
        "visit_id",
        string="Requests to Use Information",
        groups=GROUP_OFFICER,
    )
    info_use_request_count = fields.Integer(compute="_compute_info_use_request_count")
    # Strictly confidential: cleared staff only, never stored and no
    # one2many (officers read, search and group the visits).
    reprisal_allegation_count = fields.Integer(
        string="Allegations of Reprisals",
        compute="_compute_reprisal_allegation_count",
        groups=GROUP_CONFIDENTIAL,
    )
    person_ids = RuleFilteredOne2many(
        "npm.visit.person",
        "visit_id",
        string="Persons Met",
        groups=GROUP_OFFICER,
    )

    # The terms agreed in advance with the CSO
    roles_agreed = fields.Html(
        string="Roles and Responsibilities",
        help="Who does what during the visit, on each side.",
    )
    approach = fields.Html(
        help="How the delegation works: interviews, documents, medical "
        "examinations, feedback to the authorities.",
    )
    urgent_action_protocol = fields.Html(
        string="Urgent-Action Protocol",
        help="What the team does if it uncovers a gross violation of human "
        "rights or another situation requiring urgent action.",
    )
    information_use_terms = fields.Html(
        string="Use of Information",
        help="How the CSO may use information gathered during the visit, given "
        "the NPM's duty to protect confidential information.",
    )
    terms_agreed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    terms_agreed_on = fields.Datetime(readonly=True, copy=False)
    note = fields.Html(
        string="Internal Notes",
        groups=GROUP_OFFICER,
    )
    color = fields.Integer()
    is_ready = fields.Boolean(
        string="Ready",
        compute="_compute_is_ready",
        search="_search_is_ready",
        groups=GROUP_OFFICER,
        help="The terms are agreed and every CSO member of the team is covered "
        "by a confidentiality undertaking for the visit's dates.",
    )
    # Team composition (issue 15): what the team lacks for this place, and a
    # manager's reason to go ahead without it.
    team_gaps = fields.Text(
        compute="_compute_team_gaps",
        groups=GROUP_OFFICER,
        help="What the team lacks for this place: the areas of expertise and "
        "the woman the team requirements of its type (and whom it holds) ask "
        "for.",
    )
    has_team_gaps = fields.Boolean(compute="_compute_team_gaps", groups=GROUP_OFFICER)
    team_override_reason = fields.Text(
        tracking=True,
        copy=False,
        groups=GROUP_OFFICER,
        help="Written by a manager: why the visit may be confirmed although "
        "its team lacks what the place needs. Managers only.",
    )
    # the calendar's event title: a reference alone does not tell the visits
    # of a month apart
    calendar_title = fields.Char(compute="_compute_calendar_title")

    @api.depends("name", "place_id", "cso_id")
    def _compute_calendar_title(self):
        for visit in self:
            visit.calendar_title = " · ".join(
                filter(
                    None,
                    (
                        visit.name,
                        visit.place_id.display_name,
                        visit.cso_id.display_name,
                    ),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("team_override_reason") for vals in vals_list):
            self._check_team_override_writer()
        return super().create(vals_list)

    def write(self, vals):
        if "team_override_reason" in vals and any(
            (visit.team_override_reason or False)
            != (vals["team_override_reason"] or False)
            for visit in self
        ):
            self._check_team_override_writer()
        # The calendar sends back the title it shows when an event is dragged
        # (its create_name_field): a display value, not an edit.
        if "calendar_title" in vals:
            vals = {k: v for k, v in vals.items() if k != "calendar_title"}
        return super().write(vals)

    @api.depends("member_ids.side", "member_ids.role", "member_ids.partner_id")
    def _compute_head(self):
        # sudo: the head of delegation is taken from the whole team, whose
        # lines are read by whoever reads the visit (same company, same
        # portal coverage); it spares filtering the team of each visit by
        # the rules one visit at a time (RuleFilteredOne2many). The partner
        # is returned in the caller's environment.
        heads = {
            visit: visit.sudo()
            .member_ids.filtered(lambda m: m.side == "npm" and m.role == "head")[:1]
            .partner_id.with_env(self.env)
            for visit in self
        }
        users = self._get_internal_users(self.env["res.partner"].union(*heads.values()))
        for visit in self:
            visit.head_partner_id = heads[visit]
            visit.head_user_id = users.get(heads[visit].id, False)

    @api.depends(
        "member_ids.partner_id",
        "member_ids.side",
        "member_ids.is_covered",
        "member_ids.covered_until",
    )
    @api.depends_context("allowed_company_ids")
    def _compute_covered_member_partner_ids(self):
        saved = self.filtered(lambda v: isinstance(v.id, int))
        covered = {}
        if saved:
            query = self.env["npm.joint.visit.member"]._covered_members_sql(
                SQL(
                    "visit_id IN %s AND partner_id IN %s",
                    tuple(saved.ids),
                    self._portal_partners_sql(),
                ),
                SQL("visit_id, partner_id"),
            )
            for visit_id, partner_id in self.env.execute_query(query):
                covered.setdefault(visit_id, []).append(partner_id)
        for visit in self:
            visit.covered_member_partner_ids = covered.get(visit.id, [])

    def _search_covered_member_partner_ids(self, operator, value):
        """Visits whose given partners are CSO members covered *today*
        (e.g. "the visits Jane Doe may read in the portal")."""
        if operator == "=" and isinstance(value, int):
            partner_ids = [value]
        elif operator == "in" and isinstance(value, list | tuple):
            partner_ids = [pid for pid in value if isinstance(pid, int)]
        else:
            raise UserError(
                self.env._("Search covered CSO members with “in” a list of ids.")
            )
        if not partner_ids:
            return [("id", "=", False)]
        query = self.env["npm.joint.visit.member"]._covered_members_sql(
            SQL(
                "partner_id IN %s AND partner_id IN %s",
                tuple(partner_ids),
                self._portal_partners_sql(),
            ),
            SQL("visit_id"),
        )
        return [("id", "in", SQL("(%s)", query))]

    @api.depends(
        "member_ids.partner_id",
        "member_ids.side",
        "member_ids.is_covered",
        "member_ids.covered_until",
    )
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_user_covered(self):
        # one query for the batch: the ORM evaluates the portal rule on every
        # visit it reads
        saved = self.filtered(lambda v: isinstance(v.id, int))
        covered = set()
        if saved:
            Member = self.env["npm.joint.visit.member"]
            query = Member._covered_members_sql(
                SQL(
                    "visit_id IN %s AND partner_id = %s",
                    tuple(saved.ids),
                    Member._current_partner_sql(),
                ),
                SQL("visit_id"),
            )
            covered = {visit_id for (visit_id,) in self.env.execute_query(query)}
        for visit in self:
            visit.is_user_covered = visit.id in covered

    def _search_is_user_covered(self, operator, value):
        """Visits the current user may read today as a covered CSO member.

        This is the portal record rule on visits. Rule domains are cached per
        user, so the date must not be written into the rule: it is taken here,
        at each search, which makes a lapse take effect at once (a revocation
        recomputes the stored coverage of the team lines at once).
        """
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “covered” with = or != only."))
        Member = self.env["npm.joint.visit.member"]
        query = Member._covered_members_sql(
            SQL("partner_id = %s", Member._current_partner_sql()), SQL("visit_id")
        )
        in_or_not = "in" if (operator == "=") == value else "not in"
        return [("id", in_or_not, SQL("(%s)", query))]

    def _portal_partners_sql(self):
        """The contacts of active portal users, as SQL (for conditions on
        other people than the current user, e.g. the covered CSO members the
        visit form lists)."""
        self.env["res.users"].flush_model(["partner_id", "active", "groups_id"])
        return SQL(
            """(SELECT npm_account.partner_id
                  FROM res_users npm_account
                  JOIN res_groups_users_rel npm_portal
                    ON npm_portal.uid = npm_account.id AND npm_portal.gid = %s
                 WHERE npm_account.active)""",
            self._portal_group_id(),
        )

    def _portal_group_id(self):
        # cached lookup: no query per record rule evaluation
        return self.env["ir.model.data"]._xmlid_to_res_id("base.group_portal")

    @api.depends("finding_ids.is_urgent")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_finding_count(self):
        # counted as the current user: rules hide what they may not read
        groups = self.env["npm.visit.finding"]._read_group(
            [("visit_id", "in", self.ids)], ["visit_id", "is_urgent"], ["__count"]
        )
        totals, urgent = {}, {}
        for visit, is_urgent, count in groups:
            totals[visit.id] = totals.get(visit.id, 0) + count
            if is_urgent:
                urgent[visit.id] = count
        for visit in self:
            visit.finding_count = totals.get(visit.id, 0)
            visit.urgent_finding_count = urgent.get(visit.id, 0)

    @api.depends("document_ids")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_document_count(self):
        counts = self._count_per_visit("npm.visit.document")
        for visit in self:
            visit.document_count = counts.get(visit.id, 0)

    @api.depends("info_use_request_ids")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_info_use_request_count(self):
        counts = self._count_per_visit("npm.info.use.request")
        for visit in self:
            visit.info_use_request_count = counts.get(visit.id, 0)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_reprisal_allegation_count(self):
        Allegation = self.env["npm.reprisal.allegation"]
        # Counted with the user's own rights; nothing for who has none.
        counts = (
            self._count_per_visit(Allegation._name)
            if Allegation.has_access("read")
            else {}
        )
        for visit in self:
            visit.reprisal_allegation_count = counts.get(visit.id, 0)

    def _count_per_visit(self, model):
        """``{visit id: number of its records of model}``, counted as the
        current user: the record rules hide what they may not read."""
        groups = self.env[model]._read_group(
            [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
        )
        return {visit.id: count for visit, count in groups}

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_order(
            self,
            lambda visit: self.env._(
                "%(name)s ends (%(end)s) before it starts (%(start)s). "
                "Correct the dates of the visit.",
                name=visit.name,
                end=format_date(self.env, visit.date_end),
                start=format_date(self.env, visit.date_start),
            ),
        )

    @api.constrains("partnership_id")
    def _check_team(self):
        # the CSO side of the team must stay with the partnership's CSO
        self.member_ids._check_member()

    @api.model
    def _lifecycle_sequence_date(self, vals):
        return vals.get("date_start")

    def _lifecycle_keeps(self):
        return self.state not in ("draft", "cancelled") or self._has_material()

    def _has_material(self):
        # sudo: whether findings or documents exist (some may be hidden from
        # the user) is read only to refuse the deletion
        visit = self.sudo()
        return bool(visit.finding_ids or visit.document_ids)

    def _lifecycle_keep_message(self):
        if self._has_material():
            return self.env._(
                "%(name)s has findings or documents on record and cannot be "
                "deleted. Cancel it instead.",
                name=self.name,
            )
        return self.env._(
            "%(name)s is %(state)s: only draft or cancelled visits can be "
            "deleted. Cancel it instead.",
            name=self.name,
            state=self._state_label(),
        )

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        return self.env._(
            "The terms of %(name)s were agreed (%(fields)s cannot change now). To "
            "change them, set the visit back to draft: this voids the agreement, "
            "which must then be made again.",
            name=self.name,
            fields=self._lifecycle_field_labels(field_names),
        )

    def _lifecycle_check_write(self, vals):
        if "partnership_id" in vals:
            self.env["npm.cso.shareable.mixin"]._check_visits_keep_their_cso(
                self.filtered(lambda v: v.partnership_id.id != vals["partnership_id"])
            )

    def _lifecycle_locks_lines(self):
        """The team is part of the agreed roles: frozen once terms are agreed."""
        return self.state not in ("draft", "cancelled")

    def _lifecycle_locked_lines_message(self):
        return self.env._(
            "The team of %(name)s was agreed with the terms and can no longer "
            "change. Set the visit back to draft to change it (this voids the "
            "agreement on the terms).",
            name=self.name,
        )

    def _on_draft(self, before):
        for visit in self:
            visit.message_post(
                body=visit._void_agreement_note(
                    before[visit.id]["terms_agreed_by_id"],
                    before[visit.id]["terms_agreed_on"],
                ),
                subtype_xmlid="mail.mt_note",
            )

    def action_agree_terms(self):
        """Record that both sides agreed the four terms and the team."""
        return self._lifecycle_move("terms_agreed")

    def action_confirm(self):
        """Confirm the visit: every CSO member must be covered for its dates."""
        return self._lifecycle_move("confirmed")

    def action_done(self):
        return self._lifecycle_move("done")

    def action_report(self):
        return self._lifecycle_move("reported")

    def action_close(self):
        return self._lifecycle_move("closed")

    def action_cancel(self):
        return self._lifecycle_move("cancelled")

    def action_reset_to_draft(self):
        """Back to draft: voids the agreement on the terms, logged on the visit."""
        return self._lifecycle_move("draft")

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_recommendation_count(self):
        # counted as the current user: rules hide what they may not read
        counts = dict(
            self.env["npm.recommendation"]._read_group(
                [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
            )
        )
        for visit in self:
            visit.recommendation_count = counts.get(visit._origin, 0)

    def action_view_recommendations(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_recommendation_action",
            [("visit_id", "=", self.id)],
            {"default_visit_id": self.id},
        )

    def action_view_findings(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_visit_finding_action",
            [("visit_id", "=", self.id)],
            {"default_visit_id": self.id},
        )

    def action_view_documents(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_visit_document_action",
            [("visit_id", "=", self.id)],
            {"default_visit_id": self.id},
        )

    def action_view_info_use_requests(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_info_use_request_action",
            [("visit_id", "=", self.id)],
            {"default_visit_id": self.id},
        )

    def action_view_reprisal_allegations(self):
        self.ensure_one()
        # Refused to whoever may not read allegations (the button is for
        # cleared staff only).
        self.env["npm.reprisal.allegation"].check_access("read")
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_reprisal_allegation_action",
            [("visit_id", "=", self.id)],
            {"default_visit_id": self.id},
        )

    def _state_label(self, state=None):
        self.ensure_one()
        return selection_label(self, "state", state).lower()

    def _dates_label(self):
        self.ensure_one()
        start = format_date(self.env, self.date_start)
        if self.date_end == self.date_start:
            return start
        return f"{start} – {format_date(self.env, self.date_end)}"

    def _lifecycle_state_message(self, target, what=None):
        self.ensure_one()
        if target == "confirmed" and self.state == "cancelled":
            return self.env._(
                "%(name)s is cancelled and cannot be confirmed. Set it back to "
                "draft and agree the terms again first.",
                name=self.name,
            )
        if target == "cancelled":
            return self.env._(
                "%(name)s is %(state)s: a visit that took place cannot be cancelled.",
                name=self.name,
                state=self._state_label(),
            )
        if target == "draft":
            return self.env._(
                "%(name)s is %(state)s: only a visit whose terms are agreed, a "
                "confirmed or a cancelled visit can go back to draft.",
                name=self.name,
                state=self._state_label(),
            )
        return self.env._(
            "Cannot set %(name)s to %(target)s: it is %(state)s, it must be "
            "%(expected)s.",
            name=self.name,
            target=self._state_label(target),
            state=self._state_label(),
            expected=format_list(
                self.env,
                [
                    self._state_label(source)
                    for source in self._lifecycle_transitions.get(target, ())
                ],
                style="or",
            ),
        )

    def _check_to_terms_agreed(self, vals):
        self._check_can_agree_terms()

    def _check_to_confirmed(self, vals):
        self._check_can_confirm()
        self._check_team_composition()

    # Team composition ---------------------------------------------------------

    @api.model
    def _check_team_override_writer(self):
        """Only a manager decides that a visit goes ahead without the team
        its place needs (the data files, as superuser, too)."""
        if not self.env.su and not self.env.user.has_group(GROUP_MANAGER):
            raise AccessError(
                self.env._(
                    "Only an NPM manager may record why a visit goes ahead "
                    "without the team its place needs."
                )
            )

    def _team_requirements(self):
        """The team requirements of the place's type, in the visit's company
        (or shared), read with the user's rights."""
        self.ensure_one()
        if not self.place_id:
            return self.env["npm.team.requirement"]
        return self.env["npm.team.requirement"].search(
            [
                ("place_type", "=", self.place_id.place_type),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )

    def _team_gaps(self):
        """What the team lacks for the place, one item a line (empty when
        nothing is missing)."""
        self.ensure_one()
        requirements = self._team_requirements()
        team = self.member_ids
        gaps = [
            self.env._("expertise: %(area)s", area=area.display_name)
            for area in requirements.expertise_ids - team.expertise_ids
        ]
        if not any(member.gender == "woman" for member in team):
            if self.place_id.population == "women":
                gaps.append(
                    self.env._(
                        "a woman on the team (%(place)s holds only women)",
                        place=self.place_id.display_name,
                    )
                )
            elif any(requirements.mapped("women_required")):
                gaps.append(
                    self.env._(
                        "a woman on the team (required for a %(type)s)",
                        type=selection_label(self.place_id, "place_type").lower(),
                    )
                )
        return gaps

    @api.depends(
        "place_id.place_type",
        "place_id.population",
        "company_id",
        "member_ids.expertise_ids",
        "member_ids.gender",
    )
    def _compute_team_gaps(self):
        for visit in self:
            gaps = visit._team_gaps()
            visit.team_gaps = "\n".join(f"- {gap}" for gap in gaps) or False
            visit.has_team_gaps = bool(gaps)

    def _check_team_composition(self):
        self.ensure_one()
        if self.team_override_reason:
            return
        self._lifecycle_check_nothing_missing(
            self._team_gaps(),
            self.env._(
                "Cannot confirm %(name)s: the team lacks what %(place)s needs. "
                "Complete the team (set the visit back to draft), or a manager "
                "records why it goes ahead without it (Team Override Reason).",
                name=self.name,
                place=self.place_id.display_name,
            ),
        )

    def _check_can_agree_terms(self):
        self.ensure_one()
        missing = [
            self._fields[name]._description_string(self.env)
            for name in TERM_FIELDS
            if is_html_empty(self[name])
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Cannot agree the terms of %(name)s: fill in %(missing)s first.",
                    name=self.name,
                    missing=", ".join(missing),
                )
            )
        self._check_has_head(
            self.env._(
                "Cannot agree the terms of %(name)s: the team has no head of "
                "delegation on the NPM side. Add an NPM member with the role "
                "“Head of Delegation”.",
                name=self.name,
            )
        )

    def _check_can_confirm(self):
        self.ensure_one()
        self._check_has_head(
            self.env._(
                "Cannot confirm %(name)s: the team has no head of delegation on "
                "the NPM side. Add an NPM member with the role “Head of "
                "Delegation”.",
                name=self.name,
            )
        )
        uncovered = self._get_uncovered_cso_members()
        if uncovered:
            raise UserError(
                self.env._(
                    "Cannot confirm %(name)s: no confidentiality undertaking "
                    "covers %(people)s for %(dates)s. Record their signed "
                    "undertaking first.",
                    name=self.name,
                    people=", ".join(uncovered.mapped("display_name")),
                    dates=self._dates_label(),
                )
            )
        Notice = self.env["npm.data.protection.notice"]
        cso_partners = self.member_ids.filtered(lambda m: m.side == "cso").partner_id
        unacknowledged = Notice._missing_acknowledgments(self.company_id, cso_partners)
        if unacknowledged:
            raise UserError(
                self.env._(
                    "Cannot confirm %(name)s: %(people)s have not acknowledged the "
                    "current data-protection notice (%(notice)s). They acknowledge "
                    "it in the portal (My Account › Data Protection), or an officer "
                    "records their paper acknowledgment.",
                    name=self.name,
                    people=", ".join(unacknowledged.mapped("name")),
                    notice=Notice._current(self.company_id).display_name,
                )
            )

    def _void_agreement_note(self, agreed_by, agreed_on):
        self.ensure_one()
        if not agreed_by:
            return self.env._("Back to draft.")
        return self.env._(
            "Back to draft: the agreement on the terms made by %(user)s on "
            "%(date)s is void. The terms must be agreed again.",
            user=agreed_by.name,
            date=format_datetime(self.env, agreed_on),
        )

    def _check_has_head(self, refusal):
        """Refuse with ``refusal`` (a whole sentence: a verb pasted into a
        sentence cannot be translated) while the team has no head."""
        self.ensure_one()
        if not self.head_partner_id:
            raise UserError(refusal)

    def _compute_is_ready(self):
        for visit in self:
            visit.is_ready = (
                visit.state in ("terms_agreed", "confirmed")
                and not visit._get_uncovered_cso_members()
            )

    def _search_is_ready(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search visits by readiness with “is set” only.")
            )
        # with the user's rights: only visits they may read are looked at
        ready = self.search([("state", "in", ("terms_agreed", "confirmed"))]).filtered(
            "is_ready"
        )
        wanted = (operator == "=") == value
        return [("id", "in" if wanted else "not in", ready.ids)]

    def _get_uncovered_cso_members(self, on_date=None):
        """CSO members whom no undertaking covers for this visit's dates."""
        self.ensure_one()
        Undertaking = self.env["npm.confidentiality.undertaking"]
        cso_partners = self.member_ids.filtered(lambda m: m.side == "cso").partner_id
        covered = Undertaking.search(
            [
                ("partner_id", "in", cso_partners.ids),
                *Undertaking._covering_domain(self, on_date=on_date),
            ]
        ).partner_id
        # a person who left the CSO (moved to another organisation, or
        # archived) is no longer covered, whatever their undertaking says
        still_members = covered.filtered(lambda p: p.active and p.cso_id == self.cso_id)
        return cso_partners - still_members

    @api.model
    def _get_internal_users(self, partners):
        """{partner id: id of its internal user} in one query.

        sudo: only which NPM user a team member is (to assign urgent-action
        activities); nothing of the user is shown.
        """
        if not partners:
            return {}
        users = (
            self.env["res.users"]
            .sudo()
            .search_fetch(
                [("partner_id", "in", partners.ids), ("share", "=", False)],
                ["partner_id"],
                order="id",
            )
        )
        result = {}
        for user in users:
            result.setdefault(user.partner_id.id, user.id)
        return result

    def _get_signed_agreement(self):
        """The partnership's signed confidentiality or data-sharing agreement."""
        self.ensure_one()
        return self.env["npm.cso.agreement"].search(
            [
                ("partnership_id", "=", self.partnership_id.id),
                ("state", "=", "signed"),
                ("agreement_type", "in", ("confidentiality", "data_sharing")),
            ],
            order="agreement_type, date_start desc, id desc",
            limit=1,
        )

    # Portal ------------------------------------------------------------------
    # The visit as a covered CSO member sees it under /my/visits.

    # What the portal pages show of a visit, sort and filter it by.
    _portal_readable_fields = (
        "name",
        "state",
        "date_start",
        "date_end",
        "portal_place_name",
        "roles_agreed",
        "approach",
        "urgent_action_protocol",
        "information_use_terms",
        "member_ids",
    )

    # Related fields are read as the superuser: the expert sees the name of
    # the place of a visit they may read without any right on the register
    # of places (its authority, capacity and visit history stay closed).
    portal_place_name = fields.Char(related="place_id.name", string="Place Name")

    def _compute_access_url(self):
        for visit in self:
            visit.access_url = f"/my/visits/{visit.id}"

    def _portal_memberships(self, partner):
        """The team lines of ``partner`` on this visit, read with the user's rights."""
        self.ensure_one()
        return self.member_ids.filtered(lambda member: member.partner_id == partner)
