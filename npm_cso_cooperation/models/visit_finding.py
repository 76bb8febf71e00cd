# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index

URGENT_ACTIVITY_TYPE = "npm_cso_cooperation.mail_activity_type_urgent_action"
URGENT_OFFICER_PARAM = "npm_cso_cooperation.urgent_action_user_id"


class NpmVisitFinding(models.Model):
    """Something the team found during a joint visit.

    Its ``sensitivity`` decides which NPM staff read it (record rules per
    group); ``share_with_cso`` makes it readable by the covered CSO members of
    the visit through the portal, and writes the release in the register. An
    urgent finding starts the urgent-action follow-up.
    """

    _name = "npm.visit.finding"
    _description = "Joint Visit Finding"
    _inherit = ["npm.sensitivity.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Company"
    )
    place_id = fields.Many2one(
        related="visit_id.place_id", store=True, index=True, string="Place"
    )
    cso_id = fields.Many2one(
        related="visit_id.cso_id", store=True, index=True, string="Visit CSO"
    )
    visit_date = fields.Date(related="visit_id.date_start", string="Visit Date")
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")
    is_portal_readable = fields.Boolean(
        string="Readable by the Current Portal User",
        compute="_compute_is_portal_readable",
        search="_search_is_portal_readable",
        help="Shared with the CSO, not strictly confidential, and the current "
        "user is a CSO member of the visit whom a confidentiality undertaking "
        "covers today. The portal record rule on findings is this field.",
    )
    description = fields.Html()
    share_with_cso = fields.Boolean(
        string="Shared with the CSO",
        tracking=True,
        index=True,
        help="The CSO members of the visit covered by a confidentiality "
        "undertaking may read this finding in the portal. Each sharing is "
        "recorded in the information release register. Strictly confidential "
        "findings are never shared.",
    )

    # Sensitive personal data: cleared staff only, and never tracked (a
    # tracking message would show the values to every follower).
    interviewee_identity = fields.Text(
        string="Identity of Persons Interviewed",
        groups="npm_cso_cooperation.group_npm_confidential",
    )
    reprisal_risk_notes = fields.Text(
        string="Reprisal-Risk Notes",
        groups="npm_cso_cooperation.group_npm_confidential",
    )

    # Urgent action
    is_urgent = fields.Boolean(
        string="Requires Urgent Action",
        tracking=True,
        index=True,
        help="A gross violation of human rights or another situation requiring "
        "urgent action: the head of delegation (or the urgent-action officer) "
        "gets an activity due today, and the NPM managers are alerted if it is "
        "still open once due.",
    )
    urgent_state = fields.Selection(
        [("open", "Open"), ("in_progress", "In Progress"), ("resolved", "Resolved")],
        string="Urgent Action",
        tracking=True,
        index=True,
        copy=False,
    )
    urgent_user_id = fields.Many2one(
        "res.users",
        string="Who Acts",
        tracking=True,
        copy=False,
        domain=[("share", "=", False)],
        groups="npm_cso_cooperation.group_npm_user",
    )
    urgent_action_taken = fields.Text(
        string="What Was Done",
        copy=False,
        groups="npm_cso_cooperation.group_npm_user",
    )
    urgent_deadline = fields.Date(string="Urgent Action Due", copy=False, index=True)
    urgent_escalated_on = fields.Datetime(string="Escalated On", copy=False)
    urgent_resolved_on = fields.Datetime(string="Resolved On", copy=False)
    urgent_action_protocol = fields.Html(
        related="visit_id.urgent_action_protocol",
        string="Agreed Urgent-Action Protocol",
    )

    def init(self):
        # The portal record rule reads the shared findings of a few visits.
        create_index(
            self.env.cr,
            "npm_visit_finding_shared_visit_index",
            self._table,
            ["visit_id"],
            where="share_with_cso",
        )

    @api.depends("visit_id", "share_with_cso", "sensitivity")
    @api.depends_context("uid", "tz")
    def _compute_is_portal_readable(self):
        # One query for the batch: the ORM evaluates the portal rule on every
        # finding it reads, so this is computed for all of them at once (and
        # kept to a single field, as each rule leaf costs a pass per record).
        shareable = self.filtered(
            lambda f: (
                f.share_with_cso
                and f.sensitivity != "strictly_confidential"
                and isinstance(f.id, int)
            )
        )
        covered = set()
        if shareable:
            query = self.env["npm.joint.visit"]._covered_members_sql(
                SQL(
                    "visit_id IN %s AND partner_id = %s",
                    tuple(shareable.visit_id.ids),
                    self.env["npm.joint.visit"]._current_partner_sql(),
                ),
                SQL("visit_id"),
            )
            covered = {visit_id for (visit_id,) in self.env.execute_query(query)}
        shareable_ids = set(shareable.ids)
        for finding in self:
            finding.is_portal_readable = (
                finding.id in shareable_ids and finding.visit_id.id in covered
            )

    def _search_is_portal_readable(self, operator, value):
        """Findings the current (portal) user may read today: shared with the
        CSO, not strictly confidential, of a visit the user may read.

        The visit part is the portal rule of the visits (see ``npm.joint.
        visit._search_is_user_covered``), with today's date taken here at each
        search (rule domains are cached).
        """
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “readable” with = or != only."))
        query = self.env["npm.joint.visit"]._covered_members_sql(
            SQL("partner_id = %s", self.env["npm.joint.visit"]._current_partner_sql()),
            SQL("visit_id"),
        )
        readable = [
            "&",
            "&",
            ("share_with_cso", "=", True),
            ("sensitivity", "!=", "strictly_confidential"),
            ("visit_id", "in", SQL("(%s)", query)),
        ]
        return readable if (operator == "=") == value else ["!", *readable]

    @api.constrains("share_with_cso", "sensitivity")
    def _check_share_sensitivity(self):
        for finding in self:
            if (
                finding.share_with_cso
                and finding.sensitivity == "strictly_confidential"
            ):
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is strictly confidential and cannot be shared "
                        "with the CSO. Lower its sensitivity first if the "
                        "information may really be shared, or keep it unshared.",
                        name=finding.name,
                    )
                )

    @api.constrains("urgent_state", "is_urgent")
    def _check_urgent_state(self):
        for finding in self:
            if finding.urgent_state and not finding.is_urgent:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” has an urgent-action follow-up but is not "
                        "marked urgent. Mark it urgent or clear the follow-up.",
                        name=finding.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_urgent") and not vals.get("urgent_state"):
                vals["urgent_state"] = "open"
        findings = super().create(vals_list)
        findings.filtered("share_with_cso")._release_to_cso()
        findings.filtered("is_urgent")._start_urgent_action()
        return findings

    def write(self, vals):
        newly_shared = newly_urgent = self.browse()
        if vals.get("share_with_cso"):
            newly_shared = self.filtered(lambda f: not f.share_with_cso)
        if vals.get("is_urgent"):
            newly_urgent = self.filtered(lambda f: not f.is_urgent)
        resolving = self.browse()
        if "is_urgent" in vals and not vals["is_urgent"]:
            # no longer urgent: the follow-up ends with it
            resolving = self.filtered("is_urgent")
            vals = dict(vals, urgent_state=False)
        elif vals.get("urgent_state") == "resolved":
            resolving = self.filtered(lambda f: f.urgent_state != "resolved")
            vals = dict(vals, urgent_resolved_on=fields.Datetime.now())
        result = super().write(vals)
        if newly_urgent:
            newly_urgent.filtered(lambda f: not f.urgent_state).write(
                {"urgent_state": "open"}
            )
        newly_shared._release_to_cso()
        newly_urgent._start_urgent_action()
        resolving._close_urgent_activities()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        # sudo: only whether a release line exists is read, to refuse the
        # deletion; nothing of the register is shown to the user.
        released = (
            self.env["npm.information.release"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        if released:
            finding = self.browse(released[0].res_id)
            raise UserError(
                self.env._(
                    "“%(name)s” was shared with the CSO: the information release "
                    "register refers to it, so it cannot be deleted.",
                    name=finding.name,
                )
            )

    def action_start_urgent_action(self):
        self.filtered(lambda f: f.urgent_state == "open").write(
            {"urgent_state": "in_progress"}
        )
        return True

    def action_resolve_urgent_action(self):
        for finding in self:
            if not finding.is_urgent:
                raise UserError(
                    self.env._("“%(name)s” is not marked urgent.", name=finding.name)
                )
        self.write({"urgent_state": "resolved"})
        return True

    def _release_to_cso(self):
        """Record in the register that the covered CSO members may read these.

        One line per CSO member of the visit whom an undertaking covers today:
        these are the people the portal now lets read the finding. Sharing a
        finding of a visit without any covered CSO member is refused, because
        nobody could lawfully receive it.
        """
        today = fields.Date.context_today(self)
        Release = self.env["npm.information.release"]
        for finding in self:
            visit = finding.visit_id
            cso_members = visit.member_ids.filtered(
                lambda m: m.side == "cso"
            ).partner_id
            recipients = cso_members - visit._get_uncovered_cso_members(on_date=today)
            if not recipients:
                raise UserError(
                    self.env._(
                        "Cannot share “%(name)s” with the CSO: no CSO member of "
                        "%(visit)s is covered by a valid confidentiality "
                        "undertaking, so nobody may receive it. Record their "
                        "undertakings first.",
                        name=finding.name,
                        visit=visit.name,
                    )
                )
            Release._register_release(
                finding,
                recipients,
                visit=visit,
                description=self.env._(
                    "Finding “%(name)s” (%(sensitivity)s) shared with the CSO.",
                    name=finding.name,
                    sensitivity=dict(
                        finding._fields["sensitivity"]._description_selection(self.env)
                    )[finding.sensitivity],
                ),
            )

    def _get_urgent_action_user(self):
        """Who acts: the head of delegation, else the urgent-action officer.

        Either must be able to read the finding (a strictly confidential
        finding needs a cleared officer); the visit's responsible officer is
        the last resort. Returns an empty recordset when nobody fits, in which
        case the managers are alerted at once.
        """
        self.ensure_one()
        # sudo: reading one setting (a user id), not business data
        officer_id = (
            self.env["ir.config_parameter"].sudo().get_param(URGENT_OFFICER_PARAM)
        )
        Users = self.env["res.users"]
        officer = Users.browse(int(officer_id)) if officer_id else Users
        for user in (
            self.visit_id.head_user_id,
            officer.exists(),
            self.visit_id.user_id,
        ):
            if (
                user
                and user.active
                and not user.share
                and self.with_user(user).has_access("read")
            ):
                return user
        return Users

    def _get_npm_managers(self):
        group = self.env.ref("npm_cso_cooperation.group_npm_manager")
        return group.sudo().users.filtered(
            lambda u: u.active and not u.share and u.id != SUPERUSER_ID
        )

    def _start_urgent_action(self):
        today = fields.Date.context_today(self)
        for finding in self:
            finding.urgent_deadline = today
            user = finding._get_urgent_action_user()
            if user:
                finding.urgent_user_id = user
                finding.activity_schedule(
                    URGENT_ACTIVITY_TYPE,
                    date_deadline=today,
                    summary=self.env._("Urgent action: %(name)s", name=finding.name),
                    note=finding.visit_id.urgent_action_protocol,
                    user_id=user.id,
                )
                who = user.name
            else:
                who = self.env._(
                    "the NPM managers (no head of delegation or "
                    "urgent-action officer may read it)"
                )
            finding.visit_id.message_post(
                body=finding._urgent_visit_message(
                    self.env._("Urgent action required, assigned to %(who)s:", who=who)
                ),
                subtype_xmlid="mail.mt_note",
            )
            if not user:
                finding._escalate_urgent_action()

    def _urgent_visit_message(self, intro):
        """A note for the visit's chatter that leaks nothing restricted.

        Every officer reads the visit, so a strictly confidential finding is
        only announced, not described.
        """
        self.ensure_one()
        if self.sensitivity == "strictly_confidential":
            what = self.env._(
                "a strictly confidential finding (details restricted to cleared "
                "officers)"
            )
        else:
            what = self.env._("“%(name)s”", name=self.name)
        return Markup("%s %s") % (intro, what)

    def _escalate_urgent_action(self):
        """Alert the NPM managers: an activity each and a note on the visit."""
        today = fields.Date.context_today(self)
        managers = self._get_npm_managers()
        for finding in self:
            for manager in managers:
                finding.activity_schedule(
                    URGENT_ACTIVITY_TYPE,
                    date_deadline=today,
                    summary=self.env._(
                        "Escalated urgent action: %(name)s", name=finding.name
                    ),
                    note=finding.visit_id.urgent_action_protocol,
                    user_id=manager.id,
                )
            finding.urgent_escalated_on = fields.Datetime.now()
            finding.visit_id.message_post(
                body=finding._urgent_visit_message(
                    self.env._("Urgent action escalated to the NPM managers:")
                ),
                subtype_xmlid="mail.mt_note",
            )

    def _close_urgent_activities(self):
        activity_type = self.env.ref(URGENT_ACTIVITY_TYPE)
        for finding in self:
            activities = finding.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            if activities:
                activities.action_feedback(
                    feedback=self.env._("Urgent action resolved.")
                )

    @api.model
    def _cron_escalate_urgent_findings(self):
        """Escalate urgent actions still not resolved after their due day."""
        overdue = self.search(
            [
                ("is_urgent", "=", True),
                ("urgent_state", "in", ("open", "in_progress")),
                ("urgent_deadline", "<", fields.Date.context_today(self)),
                ("urgent_escalated_on", "=", False),
            ]
        )
        overdue._escalate_urgent_action()
        return overdue
