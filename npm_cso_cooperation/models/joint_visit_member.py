# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..groups import GROUP_OFFICER
from ..tools import npm_today


class NpmJointVisitMember(models.Model):
    """A person on the team of a joint visit, on the NPM or the CSO side."""

    _name = "npm.joint.visit.member"
    _inherit = [
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.portal.readable.mixin",
    ]
    # The team is part of the agreed roles: the visit locks it once the
    # terms are agreed.
    _lifecycle_parent_field = "visit_id"
    # The portal record rules rest on them: only the ORM computes them, from
    # the undertakings on record.
    _lifecycle_app_only_fields = ("is_covered", "covered_until", "undertaking_id")
    _description = "Joint Visit Team Member"
    _order = "side desc, sequence, id"
    _rec_name = "partner_id"
    _check_company_auto = True

    # The portal shows an expert their own role on the team.
    _portal_readable_fields = ("visit_id", "partner_id", "side", "role", "sequence")

    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Company"
    )
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("is_company", "=", False)],
    )
    side = fields.Selection(
        [("npm", "NPM"), ("cso", "CSO")], required=True, default="npm", index=True
    )
    role = fields.Selection(
        [
            ("head", "Head of Delegation"),
            ("member", "Member"),
            ("interviewer", "Interviewer"),
            ("medical", "Medical Expert"),
            ("legal", "Legal Expert"),
            ("interpreter", "Interpreter"),
            ("observer", "Observer"),
        ],
        required=True,
        default="member",
    )
    cso_id = fields.Many2one(related="partner_id.cso_id", string="Member's CSO")
    # Team composition (issue 15), for this visit: what the person brings and
    # their gender are recorded on the line, never on the contact. Like the
    # rest of the team, they change only while the visit is a draft.
    expertise_ids = fields.Many2many(
        "npm.cso.expertise",
        relation="npm_joint_visit_member_expertise_rel",
        column1="member_id",
        column2="expertise_id",
        compute="_compute_expertise_ids",
        store=True,
        readonly=False,
        check_company=True,
        groups=GROUP_OFFICER,
        help="Areas of expertise this person brings to the visit (from their "
        "contact when they join the team; change them for this visit here).",
    )
    gender = fields.Selection(
        [
            ("woman", "Woman"),
            ("man", "Man"),
            ("other", "Other"),
            ("undisclosed", "Undisclosed"),
        ],
        groups=GROUP_OFFICER,
        help="For the gender balance of the team, recorded for this visit "
        "only (not on the contact).",
    )
    user_id = fields.Many2one(
        "res.users",
        compute="_compute_user_id",
        help="The NPM user account of this person, if any.",
    )
    # Coverage by a confidentiality undertaking, kept up to date by the ORM
    # whenever an undertaking of the person, the team or the visit's dates
    # change. It is stored (and indexed) because the portal record rules
    # search it; whether access is still valid *today* is decided at search
    # time from covered_until (see npm.joint.visit covered_member_partner_ids).
    undertaking_id = fields.Many2one(
        "npm.confidentiality.undertaking",
        string="Covering Undertaking",
        compute="_compute_coverage",
        store=True,
        groups=GROUP_OFFICER,
        help="The undertaking covering this CSO member for the dates of the "
        "visit that stays valid the longest.",
    )
    is_covered = fields.Boolean(
        string="Covered",
        compute="_compute_coverage",
        store=True,
        groups=GROUP_OFFICER,
        help="A signed confidentiality undertaking covers this CSO member for "
        "the dates of the visit.",
    )
    covered_until = fields.Date(
        compute="_compute_coverage",
        store=True,
        groups=GROUP_OFFICER,
        help="Last day of validity of the covering undertaking; empty when it "
        "has no end date (or there is none).",
    )
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")

    @api.depends("partner_id")
    def _compute_user_id(self):
        users = self.env["npm.joint.visit"]._get_internal_users(self.partner_id)
        for member in self:
            member.user_id = users.get(member.partner_id.id, False)

    @api.depends("partner_id")
    def _compute_expertise_ids(self):
        # The person's areas of expertise when they join the team; a later
        # change of the contact does not rewrite an agreed team.
        for member in self:
            company = member.visit_id.company_id
            member.expertise_ids = member.partner_id.cso_expertise_ids.filtered(
                lambda e, c=company: not e.company_id or e.company_id == c
            )

    def init(self):
        # The portal record rules look up the covered CSO lines of one person
        # (see _covered_members_sql): index exactly those.
        create_index(
            self.env.cr,
            "npm_joint_visit_member_covered_cso_index",
            self._table,
            ["partner_id", "visit_id", "covered_until"],
            where="side = 'cso' AND is_covered",
        )
        # Lines of people who left the visit's CSO (moved to another
        # organisation, or archived) before coverage took it into account
        # (issue 12): the ORM recomputes them from then on, these are set
        # right once here.
        self.env.cr.execute(
            """
            UPDATE npm_joint_visit_member member
               SET is_covered = FALSE, covered_until = NULL, undertaking_id = NULL
              FROM npm_joint_visit visit, res_partner person
             WHERE visit.id = member.visit_id
               AND person.id = member.partner_id
               AND member.side = 'cso'
               AND member.is_covered
               AND (NOT person.active OR person.cso_id IS DISTINCT FROM visit.cso_id)
            """
        )

    # ------------------------------------------------------------------
    # Coverage, as SQL: the portal record rules of visits and of their
    # material (npm.joint.visit, npm.cso.shareable.mixin) are searches of the
    # covered CSO lines of this table, so they are written here.
    # ------------------------------------------------------------------
    @api.model
    def _covered_members_sql(self, condition, select):
        """SELECT ``select`` from the CSO team lines matching ``condition``
        that an undertaking covers for the visit, and still today.

        Coverage for the visit's dates is stored on the team line (see
        ``_compute_coverage``): it also ends, in the same transaction, when
        the person leaves the visit's CSO (contact moved to another
        organisation, or archived). The date is compared here, at every
        query: the NPM's today, never the caller's time zone. Who the person
        is as a user (an active portal account) is part of the condition:
        see ``_current_partner_sql`` and
        ``npm.joint.visit._portal_partners_sql``.
        """
        self.flush_model(
            ["visit_id", "partner_id", "side", "is_covered", "covered_until"]
        )
        return SQL(
            """
            SELECT %(select)s
              FROM npm_joint_visit_member
             WHERE %(condition)s
               AND side = 'cso'
               AND is_covered
               AND (covered_until IS NULL OR covered_until >= %(today)s)
            """,
            select=select,
            condition=condition,
            today=npm_today(self.env),
        )

    @api.model
    def _current_partner_sql(self):
        """The current user's partner, as SQL, while the user is an active
        portal user whose contact is active (else NULL, which no team line
        matches): archived users and revoked portal access lose the portal
        at once, whatever the team lines still say. The record rules need
        nothing else of the user; evaluated once per query."""
        self.env["res.users"].flush_model(["partner_id", "active", "groups_id"])
        self.env["res.partner"].flush_model(["active"])
        return SQL(
            """(SELECT npm_account.partner_id
                  FROM res_users npm_account
                  JOIN res_partner npm_person
                    ON npm_person.id = npm_account.partner_id
                 WHERE npm_account.id = %(uid)s
                   AND npm_account.active
                   AND npm_person.active
                   AND EXISTS (SELECT 1 FROM res_groups_users_rel npm_portal
                                WHERE npm_portal.uid = npm_account.id
                                  AND npm_portal.gid = %(portal)s))""",
            uid=self.env.uid,
            portal=self.env["npm.joint.visit"]._portal_group_id(),
        )

    @api.depends(
        "partner_id",
        "side",
        "partner_id.active",
        "partner_id.cso_id",
        "visit_id.cso_id",
        "visit_id.date_start",
        "visit_id.date_end",
        "partner_id.npm_undertaking_ids.state",
        "partner_id.npm_undertaking_ids.scope",
        "partner_id.npm_undertaking_ids.visit_id",
        "partner_id.npm_undertaking_ids.date_signed",
        "partner_id.npm_undertaking_ids.date_expiry",
        "partner_id.npm_undertaking_ids.company_id",
    )
    def _compute_coverage(self):
        for member in self:
            visit = member.visit_id
            covering = self.env["npm.confidentiality.undertaking"]
            # a person who left the visit's CSO (moved to another
            # organisation, or archived) is covered no more
            if (
                member.side == "cso"
                and member.partner_id.active
                and member.partner_id.cso_id == visit.cso_id
                and visit.date_start
            ):
                covering = member.partner_id.npm_undertaking_ids.filtered(
                    lambda u, v=visit: u._covers(v)
                )
            endless = covering.filtered(lambda u: not u.date_expiry)
            longest = endless[:1] or covering.sorted("date_expiry", reverse=True)[:1]
            member.undertaking_id = longest
            member.is_covered = bool(longest)
            member.covered_until = longest.date_expiry

    @api.constrains("partner_id", "side", "role", "visit_id")
    def _check_member(self):
        for member in self:
            visit = member.visit_id
            partner = member.partner_id
            if partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s is an organisation: the team of %(visit)s is "
                        "made of people.",
                        name=partner.display_name,
                        visit=visit.name,
                    )
                )
            if member.side == "cso" and partner.cso_id != visit.cso_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s is not a person of %(cso)s, the CSO of the "
                        "partnership of %(visit)s: only its people join the CSO "
                        "side of the team.",
                        name=partner.display_name,
                        cso=visit.cso_id.display_name,
                        visit=visit.name,
                    )
                )
            if member.side == "npm" and partner.cso_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s belongs to the CSO %(cso)s: add them on the "
                        "CSO side of the team of %(visit)s.",
                        name=partner.display_name,
                        cso=partner.cso_id.display_name,
                        visit=visit.name,
                    )
                )
            heads = visit.member_ids.filtered(
                lambda m: m.side == "npm" and m.role == "head"
            )
            if len(heads) > 1:
                raise ValidationError(
                    self.env._(
                        "%(name)s has several heads of delegation on the NPM side "
                        "(%(people)s): keep one.",
                        name=visit.name,
                        people=", ".join(heads.partner_id.mapped("display_name")),
                    )
                )
            if (
                len(visit.member_ids.filtered(lambda m, p=partner: m.partner_id == p))
                > 1
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is on the team of %(visit)s twice: keep one "
                        "line per person.",
                        name=partner.display_name,
                        visit=visit.name,
                    )
                )
