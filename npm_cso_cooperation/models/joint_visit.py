# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, format_datetime, is_html_empty

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
    _inherit = ["npm.frozen.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    # The agreed terms and what they were agreed about: changing any of them
    # means going back to draft, which voids the agreement.
    _frozen_fields = (
        *TERM_FIELDS,
        "partnership_id",
        "place_id",
        "date_start",
        "date_end",
    )

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
    member_ids = fields.One2many(
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
        groups="npm_cso_cooperation.group_npm_user",
        help="CSO members of the team whom a confidentiality undertaking covers "
        "for this visit and who may read it today.",
    )
    finding_ids = fields.One2many("npm.visit.finding", "visit_id", string="Findings")
    finding_count = fields.Integer(compute="_compute_finding_count")
    urgent_finding_count = fields.Integer(compute="_compute_finding_count")
    info_use_request_ids = fields.One2many(
        "npm.info.use.request", "visit_id", string="Requests to Use Information"
    )
    info_use_request_count = fields.Integer(compute="_compute_info_use_request_count")

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
    terms_agreed_by = fields.Many2one("res.users", readonly=True, copy=False)
    terms_agreed_on = fields.Datetime(readonly=True, copy=False)
    note = fields.Html(
        string="Internal Notes",
        groups="npm_cso_cooperation.group_npm_user",
    )
    color = fields.Integer()

    @api.depends("member_ids.side", "member_ids.role", "member_ids.partner_id")
    def _compute_head(self):
        for visit in self:
            head = visit.member_ids.filtered(
                lambda m: m.side == "npm" and m.role == "head"
            )[:1]
            visit.head_partner_id = head.partner_id
            visit.head_user_id = head.user_id

    @api.depends("member_ids.partner_id", "member_ids.side", "date_start", "date_end")
    @api.depends_context("tz")
    def _compute_covered_member_partner_ids(self):
        today = fields.Date.context_today(self)
        Undertaking = self.env["npm.confidentiality.undertaking"]
        for visit in self:
            cso_partners = visit.member_ids.filtered(
                lambda m: m.side == "cso"
            ).partner_id
            if not (visit.date_start and cso_partners):
                visit.covered_member_partner_ids = False
                continue
            covering = Undertaking.search(
                [
                    ("partner_id", "in", cso_partners.ids),
                    *Undertaking._covering_domain(visit, on_date=today),
                ]
            )
            visit.covered_member_partner_ids = covering.partner_id

    def _search_covered_member_partner_ids(self, operator, value):
        """Visits whose given partners are CSO members covered *today*.

        Used by the portal record rules. Record rule domains are cached per
        user, so the date must not be written into the rule: it is computed
        here, at each search, which makes a lapse or a revocation take effect
        at once.
        """
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
        self.env["npm.joint.visit.member"].flush_model(
            ["visit_id", "partner_id", "side"]
        )
        self.env["npm.confidentiality.undertaking"].flush_model(
            ["partner_id", "state", "scope", "visit_id", "date_signed", "date_expiry"]
        )
        self.flush_model(["date_start", "date_end"])
        today = fields.Date.context_today(self)
        return [
            (
                "id",
                "in",
                SQL(
                    """(
            SELECT member.visit_id
              FROM npm_joint_visit_member member
              JOIN npm_joint_visit visit ON visit.id = member.visit_id
             WHERE member.side = 'cso'
               AND member.partner_id IN %(partners)s
               AND EXISTS (
                   SELECT 1
                     FROM npm_confidentiality_undertaking undertaking
                    WHERE undertaking.partner_id = member.partner_id
                      AND undertaking.state = 'signed'
                      AND undertaking.date_signed <= visit.date_start
                      AND (undertaking.date_expiry IS NULL
                           OR undertaking.date_expiry
                              >= GREATEST(visit.date_end, %(today)s::date))
                      AND (undertaking.scope = 'general'
                           OR undertaking.visit_id = visit.id)))
                    """,
                    partners=tuple(partner_ids),
                    today=today,
                ),
            )
        ]

    @api.depends("finding_ids.is_urgent")
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

    @api.depends("info_use_request_ids")
    def _compute_info_use_request_count(self):
        groups = self.env["npm.info.use.request"]._read_group(
            [("visit_id", "in", self.ids)], ["visit_id"], ["__count"]
        )
        counts = {visit.id: count for visit, count in groups}
        for visit in self:
            visit.info_use_request_count = counts.get(visit.id, 0)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for visit in self:
            if visit.date_end < visit.date_start:
                raise ValidationError(
                    self.env._(
                        "%(name)s ends (%(end)s) before it starts (%(start)s). "
                        "Correct the dates of the visit.",
                        name=visit.name,
                        end=format_date(self.env, visit.date_end),
                        start=format_date(self.env, visit.date_start),
                    )
                )

    @api.constrains("partnership_id")
    def _check_team(self):
        # the CSO side of the team must stay with the partnership's CSO
        self.member_ids._check_member()

    @api.model_create_multi
    def create(self, vals_list):
        Sequence = self.env["ir.sequence"]
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = Sequence.next_by_code(
                    "npm.joint.visit",
                    sequence_date=vals.get("date_start"),
                ) or self.env._("New")
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft_or_cancelled(self):
        for visit in self:
            if visit.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: only draft or cancelled visits can "
                        "be deleted. Cancel it instead.",
                        name=visit.name,
                        state=visit._state_label(),
                    )
                )

    def _is_frozen(self):
        self.ensure_one()
        return self.state != "draft"

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        labels = ", ".join(
            self._fields[name]._description_string(self.env)
            for name in sorted(field_names)
        )
        return self.env._(
            "The terms of %(name)s were agreed (%(fields)s cannot change now). To "
            "change them, set the visit back to draft: this voids the agreement, "
            "which must then be made again.",
            name=self.name,
            fields=labels,
        )

    def action_agree_terms(self):
        """Record that both sides agreed the four terms and the team."""
        for visit in self:
            visit._check_state("draft", self.env._("agree the terms of"))
            missing = [
                visit._fields[name]._description_string(self.env)
                for name in TERM_FIELDS
                if is_html_empty(visit[name])
            ]
            if missing:
                raise UserError(
                    self.env._(
                        "Cannot agree the terms of %(name)s: fill in %(missing)s "
                        "first.",
                        name=visit.name,
                        missing=", ".join(missing),
                    )
                )
            visit._check_has_head(self.env._("agree the terms of"))
        self.write(
            {
                "state": "terms_agreed",
                "terms_agreed_by": self.env.user.id,
                "terms_agreed_on": fields.Datetime.now(),
            }
        )
        return True

    def action_confirm(self):
        """Confirm the visit: every CSO member must be covered for its dates."""
        for visit in self:
            if visit.state == "cancelled":
                raise UserError(
                    self.env._(
                        "%(name)s is cancelled and cannot be confirmed. Set it "
                        "back to draft and agree the terms again first.",
                        name=visit.name,
                    )
                )
            visit._check_state("terms_agreed", self.env._("confirm"))
            visit._check_has_head(self.env._("confirm"))
            uncovered = visit._get_uncovered_cso_members()
            if uncovered:
                raise UserError(
                    self.env._(
                        "Cannot confirm %(name)s: no confidentiality undertaking "
                        "covers %(people)s for %(dates)s. Record their signed "
                        "undertaking first.",
                        name=visit.name,
                        people=", ".join(uncovered.mapped("display_name")),
                        dates=visit._dates_label(),
                    )
                )
        self.write({"state": "confirmed"})
        return True

    def action_done(self):
        for visit in self:
            visit._check_state("confirmed", self.env._("mark as done"))
        self.write({"state": "done"})
        return True

    def action_report(self):
        for visit in self:
            visit._check_state("done", self.env._("mark as reported"))
        self.write({"state": "reported"})
        return True

    def action_close(self):
        for visit in self:
            visit._check_state("reported", self.env._("close"))
        self.write({"state": "closed"})
        return True

    def action_cancel(self):
        for visit in self:
            if visit.state not in ("draft", "terms_agreed", "confirmed"):
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: a visit that took place cannot "
                        "be cancelled.",
                        name=visit.name,
                        state=visit._state_label(),
                    )
                )
        self.write({"state": "cancelled"})
        return True

    def action_reset_to_draft(self):
        """Back to draft: voids the agreement on the terms, logged on the visit."""
        for visit in self:
            if visit.state not in ("terms_agreed", "confirmed", "cancelled"):
                raise UserError(
                    self.env._(
                        "%(name)s is %(state)s: only a visit whose terms are "
                        "agreed, a confirmed or a cancelled visit can go back to "
                        "draft.",
                        name=visit.name,
                        state=visit._state_label(),
                    )
                )
        for visit in self:
            if visit.terms_agreed_by:
                body = self.env._(
                    "Back to draft: the agreement on the terms made by %(user)s "
                    "on %(date)s is void. The terms must be agreed again.",
                    user=visit.terms_agreed_by.name,
                    date=format_datetime(self.env, visit.terms_agreed_on),
                )
            else:
                body = self.env._("Back to draft.")
            visit.write(
                {"state": "draft", "terms_agreed_by": False, "terms_agreed_on": False}
            )
            visit.message_post(body=body, subtype_xmlid="mail.mt_note")
        return True

    def action_view_findings(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "npm_cso_cooperation.npm_visit_finding_action"
        )
        action["domain"] = [("visit_id", "=", self.id)]
        action["context"] = {"default_visit_id": self.id}
        return action

    def action_view_info_use_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "npm_cso_cooperation.npm_info_use_request_action"
        )
        action["domain"] = [("visit_id", "=", self.id)]
        action["context"] = {"default_visit_id": self.id}
        return action

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[
            self.state
        ].lower()

    def _dates_label(self):
        self.ensure_one()
        start = format_date(self.env, self.date_start)
        if self.date_end == self.date_start:
            return start
        return f"{start} – {format_date(self.env, self.date_end)}"

    def _check_state(self, expected, what):
        self.ensure_one()
        if self.state != expected:
            raise UserError(
                self.env._(
                    "Cannot %(what)s %(name)s: it is %(state)s, it must be "
                    "%(expected)s.",
                    what=what,
                    name=self.name,
                    state=self._state_label(),
                    expected=dict(
                        self._fields["state"]._description_selection(self.env)
                    )[expected].lower(),
                )
            )

    def _check_has_head(self, what):
        self.ensure_one()
        if not self.head_partner_id:
            raise UserError(
                self.env._(
                    "Cannot %(what)s %(name)s: the team has no head of "
                    "delegation on the NPM side. Add an NPM member with the role "
                    "“Head of Delegation”.",
                    what=what,
                    name=self.name,
                )
            )

    def _check_team_editable(self):
        """The team is part of the agreed roles: frozen once terms are agreed."""
        for visit in self:
            if visit.state not in ("draft", "cancelled"):
                raise UserError(
                    self.env._(
                        "The team of %(name)s was agreed with the terms and can no "
                        "longer change. Set the visit back to draft to change it "
                        "(this voids the agreement on the terms).",
                        name=visit.name,
                    )
                )

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
        return cso_partners - covered

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
