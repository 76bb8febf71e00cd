# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..groups import GROUP_CONFIDENTIAL, GROUP_OFFICER
from ..tools import npm_managers, npm_today

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
    _inherit = [
        "npm.cso.shareable.mixin",
        "npm.portal.readable.mixin",
        "npm.access.logged.mixin",
        "npm.retention.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    # What the portal shows of a shared finding: never the interviewee's
    # identity, the reprisal risk, the sensitivity or the urgent follow-up.
    _portal_readable_fields = (
        "name",
        "description",
        "is_urgent",
        "visit_id",
        "is_portal_readable",
    )
    _order = "id desc"
    _check_company_auto = True
    # What an anonymisation removes (npm.retention.rule): the free texts and
    # the notes on reprisals; the title (the theme), the visit, its place and
    # dates, the pseudonyms of the persons concerned stay.
    _retention_anonymise_fields = (
        "description",
        "reprisal_risk_notes",
        "urgent_action_taken",
    )

    name = fields.Char(string="Title", required=True, tracking=True)
    visit_state = fields.Selection(related="visit_id.state", string="Visit Status")
    description = fields.Html()
    # The persons met whom it concerns: their pseudonyms (their identity is a
    # field of the person, for cleared staff only).
    person_ids = fields.Many2many(
        "npm.visit.person",
        "npm_visit_finding_person_rel",
        "finding_id",
        "person_id",
        string="Persons Concerned",
        groups=GROUP_OFFICER,
        help="Persons met on the visit whom this concerns or quotes. It is "
        "shared with the CSO only if each of them consented to it.",
    )
    reprisal_risk_notes = fields.Text(
        string="Reprisal-Risk Notes",
        groups=GROUP_CONFIDENTIAL,
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
        groups=GROUP_OFFICER,
    )
    urgent_action_taken = fields.Text(
        string="What Was Done",
        copy=False,
        groups=GROUP_OFFICER,
    )
    urgent_deadline = fields.Date(string="Urgent Action Due", copy=False, index=True)
    urgent_escalated_on = fields.Datetime(string="Escalated On", copy=False)
    urgent_resolved_on = fields.Datetime(string="Resolved On", copy=False)
    urgent_action_protocol = fields.Html(
        related="visit_id.urgent_action_protocol",
        string="Agreed Urgent-Action Protocol",
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
        findings.filtered("is_urgent")._start_urgent_action()
        return findings

    def write(self, vals):
        newly_urgent = self.browse()
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
        newly_urgent._start_urgent_action()
        resolving._close_urgent_activities()
        return result

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

    def _npm_access_logged(self, fnames=None):
        # every read of a strictly confidential finding is logged
        return self.filtered(lambda r: r.sensitivity == "strictly_confidential")

    def _release_description(self):
        return self.env._(
            "Finding “%(name)s” (%(sensitivity)s) shared with the CSO.",
            name=self.name,
            sensitivity=self._sensitivity_label(),
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
        """The managers of the finding's company (never another company's)."""
        self.ensure_one()
        return npm_managers(self.company_id)

    def _start_urgent_action(self):
        today = npm_today(self.env)
        for finding in self:
            finding.urgent_deadline = today
            user = finding._get_urgent_action_user()
            if user:
                finding.urgent_user_id = user
                in_lang = finding.with_context(lang=user.lang or finding.env.lang)
                in_lang.activity_schedule(
                    URGENT_ACTIVITY_TYPE,
                    date_deadline=today,
                    summary=in_lang.env._("Urgent action: %(name)s", name=finding.name),
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
        today = npm_today(self.env)
        for finding in self:
            for manager in finding._get_npm_managers():
                in_lang = finding.with_context(lang=manager.lang or finding.env.lang)
                in_lang.activity_schedule(
                    URGENT_ACTIVITY_TYPE,
                    date_deadline=today,
                    summary=in_lang.env._(
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
                ("urgent_deadline", "<", npm_today(self.env)),
                ("urgent_escalated_on", "=", False),
            ]
        )
        overdue._escalate_urgent_action()
        return overdue
