# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, is_html_empty

from ..groups import GROUP_MANAGER
from ..tools import check_date_order, npm_today, records_action
from .lifecycle_mixin import STAMP_TODAY_IF_EMPTY
from .rule_filtered_mixin import RuleFilteredOne2many

SAFEGUARD_REVIEW_ACTIVITY = "npm_cso_cooperation.mail_activity_type_safeguard_review"
# States in which NPM and CSO have agreed on the terms.
SETTLED_STATES = ("agreed", "active", "closed")
SETTLED_FIELDS = (
    "partner_id",
    "company_id",
    "objectives",
    "expectations",
    "possibilities",
    "limits",
)


class NpmCsoPartnership(models.Model):
    """A cooperation between the NPM and one CSO.

    Before work starts, NPM and CSO agree on the expectations, possibilities
    and limits of their cooperation, and a manager confirms that nothing in it
    restricts the NPM's independence (the safeguards).
    """

    _name = "npm.cso.partnership"
    _description = "NPM–CSO Partnership"
    _inherit = [
        "npm.mail.guard.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.rule.filtered.x2many.mixin",
    ]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "negotiation": ("draft", "agreed", "active"),
        "agreed": ("negotiation",),
        "active": ("agreed",),
        "closed": ("draft", "negotiation", "agreed", "active"),
    }
    _lifecycle_groups = {"closed": GROUP_MANAGER}
    _lifecycle_stamps = {"active": {"date_start": STAMP_TODAY_IF_EMPTY}}
    # is_safeguarded is computed from the lines; nobody sets it by hand.
    _lifecycle_action_fields = ("is_safeguarded",)
    # What NPM and CSO agreed changes only in a reopened negotiation.
    _lifecycle_frozen = ((SETTLED_FIELDS, SETTLED_STATES),)

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="CSO",
        required=True,
        tracking=True,
        domain=[("is_cso", "=", True)],
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        default=lambda self: self.env.user,
        tracking=True,
        domain=[("share", "=", False)],
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    active = fields.Boolean(default=True, tracking=True)
    color = fields.Integer()
    date_start = fields.Date(string="Start Date", tracking=True)
    date_end = fields.Date(string="End Date", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("negotiation", "Negotiation"),
            ("agreed", "Agreed"),
            ("active", "Active"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        group_expand=True,
    )

    # What NPM and CSO agree on before work starts
    objectives = fields.Html(
        help="What the cooperation is meant to achieve (e.g. joint monitoring "
        "of juvenile detention, training of NPM staff)."
    )
    expectations = fields.Html(
        help="What each side expects from the other.",
    )
    possibilities = fields.Html(
        help="What the cooperation can offer within each side's mandate and capacity.",
    )
    limits = fields.Html(
        help="What the cooperation will not do: what the NPM cannot share, "
        "where the CSO acts on its own account, …",
    )
    note = fields.Html(string="Internal Notes")

    # Independence safeguards
    safeguard_line_ids = fields.One2many(
        "npm.cso.partnership.safeguard",
        "partnership_id",
        string="Independence Safeguards",
        copy=True,
    )
    safeguard_count = fields.Integer(compute="_compute_safeguard_counts")
    safeguard_confirmed_count = fields.Integer(compute="_compute_safeguard_counts")
    is_safeguarded = fields.Boolean(
        string="Safeguards Confirmed",
        compute="_compute_is_safeguarded",
        store=True,
        help="Every independence safeguard of the partnership is confirmed by "
        "an NPM manager.",
    )

    agreement_ids = RuleFilteredOne2many("npm.cso.agreement", "partnership_id")
    agreement_count = fields.Integer(compute="_compute_agreement_count")
    visit_ids = RuleFilteredOne2many(
        "npm.joint.visit", "partnership_id", string="Joint Visits"
    )
    visit_count = fields.Integer(compute="_compute_visit_count")

    @api.depends("safeguard_line_ids.is_confirmed")
    def _compute_safeguard_counts(self):
        for partnership in self:
            lines = partnership.safeguard_line_ids
            partnership.safeguard_count = len(lines)
            partnership.safeguard_confirmed_count = len(lines.filtered("is_confirmed"))

    @api.depends("safeguard_line_ids.is_confirmed")
    def _compute_is_safeguarded(self):
        for partnership in self:
            lines = partnership.safeguard_line_ids
            partnership.is_safeguarded = bool(lines) and all(
                lines.mapped("is_confirmed")
            )

    @api.depends("agreement_ids")
    def _compute_agreement_count(self):
        groups = self.env["npm.cso.agreement"]._read_group(
            [("partnership_id", "in", self.ids)], ["partnership_id"], ["__count"]
        )
        counts = {partnership.id: count for partnership, count in groups}
        for partnership in self:
            partnership.agreement_count = counts.get(partnership.id, 0)

    def _compute_visit_count(self):
        groups = self.env["npm.joint.visit"]._read_group(
            [("partnership_id", "in", self.ids)], ["partnership_id"], ["__count"]
        )
        counts = {partnership.id: count for partnership, count in groups}
        for partnership in self:
            partnership.visit_count = counts.get(partnership.id, 0)

    @api.constrains("partner_id")
    def _check_partner_is_cso(self):
        for partnership in self:
            if not partnership.partner_id.is_cso:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a CSO, so the NPM cannot enter into a "
                        "partnership with it. Mark the organisation as a CSO in "
                        "Contacts (Is a CSO) or choose a registered CSO.",
                        partner=partnership.partner_id.display_name,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        check_date_order(
            self,
            lambda partnership: self.env._(
                "The partnership %(name)s cannot end (%(end)s) before it "
                "starts (%(start)s): correct the dates.",
                name=partnership.display_name,
                start=format_date(self.env, partnership.date_start),
                end=format_date(self.env, partnership.date_end),
            ),
        )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and not self.name:
            self.name = self.env._(
                "Cooperation with %(cso)s", cso=self.partner_id.display_name
            )

    @api.model_create_multi
    def create(self, vals_list):
        partnerships = super().create(vals_list)
        # Every new partnership starts with the current independence checklist.
        safeguards = self.env["npm.cso.safeguard"].search([("active", "=", True)])
        for partnership in partnerships.filtered(lambda p: not p.safeguard_line_ids):
            partnership.safeguard_line_ids = [
                fields.Command.create(
                    {
                        "safeguard_id": safeguard.id,
                        "sequence": safeguard.sequence,
                        "name": safeguard.name,
                        "description": safeguard.description,
                    }
                )
                for safeguard in safeguards
            ]
        return partnerships

    def _lifecycle_check_write(self, vals):
        if "partner_id" in vals:
            # sudo: every visit of the partnership counts (some may hold
            # material hidden from the user); only the refusal is shown
            self.env["npm.cso.shareable.mixin"]._check_visits_keep_their_cso(
                self.filtered(lambda p: p.partner_id.id != vals["partner_id"])
                .sudo()
                .visit_ids
            )

    def _lifecycle_keeps(self):
        return self.state != "draft" or bool(self.agreement_ids)

    def _lifecycle_keep_message(self):
        return self.env._(
            "The partnership %(name)s has started or has agreements: it is part "
            "of the NPM's record and cannot be deleted. Close it, or archive it.",
            name=self.display_name,
        )

    def _frozen_error_message(self, field_names):
        return self.env._(
            "The terms of %(name)s were agreed, so its %(fields)s cannot change "
            "now. Reopen the negotiation to change them.",
            name=self.display_name,
            fields=self._lifecycle_field_labels(field_names),
        )

    def _lifecycle_locks_lines(self):
        """The safeguards were settled with the terms."""
        return self.state in SETTLED_STATES

    def _lifecycle_locked_lines_message(self):
        return self.env._(
            "The independence safeguards of %(partnership)s were settled when it "
            "was agreed. Reopen the negotiation to change them.",
            partnership=self.display_name,
        )

    # Workflow -------------------------------------------------------------

    def action_start_negotiation(self):
        what = self.env._("start the negotiation")
        return self._lifecycle_move("negotiation", what, sources=("draft",))

    def action_agree(self):
        """Record that NPM and CSO agreed on the terms of their cooperation."""
        return self._lifecycle_move(
            "agreed", self.env._("mark the partnership as agreed")
        )

    def _check_to_agreed(self, vals):
        self._lifecycle_check_nothing_missing(
            self._get_missing_for_agreement(),
            self.env._(
                "The partnership %(name)s cannot be marked as agreed yet.",
                name=self.display_name,
            ),
        )

    def action_activate(self):
        return self._lifecycle_move("active", self.env._("start the cooperation"))

    def action_reopen_negotiation(self):
        """Go back to negotiation to change what was agreed."""
        what = self.env._("reopen the negotiation")
        return self._lifecycle_move("negotiation", what, sources=("agreed", "active"))

    def action_close(self):
        """End the cooperation; the NPM may do so at any time (managers)."""
        for partnership in self:
            today = npm_today(self.env)
            partnership._lifecycle_move(
                "closed",
                self.env._("close the partnership"),
                vals={
                    "date_end": partnership.date_end
                    or max(today, partnership.date_start or today)
                },
            )
        return True

    def action_confirm_safeguards(self):
        """Confirm every independence safeguard at once (managers only)."""
        self._check_manager(self.env._("confirm independence safeguards"))
        for partnership in self:
            if not partnership.safeguard_line_ids:
                raise UserError(
                    self.env._(
                        "The partnership %(name)s has no independence safeguard "
                        "to confirm. Add them on its Independence Safeguards tab "
                        "(the default list is under Configuration).",
                        name=partnership.display_name,
                    )
                )
            if all(partnership.safeguard_line_ids.mapped("is_confirmed")):
                raise UserError(
                    self.env._(
                        "Every independence safeguard of %(name)s is already "
                        "confirmed.",
                        name=partnership.display_name,
                    )
                )
        self.safeguard_line_ids.action_confirm()
        return True

    def action_request_safeguard_review(self):
        """Ask the NPM managers of the partnership's company to review and
        confirm its independence safeguards (an officer may not confirm
        them). Managers already asked are not asked again."""
        self.check_access("write")
        asked_now = self.env["res.users"]
        for partnership in self:
            partnership._check_safeguard_review_needed()
            reviewers = partnership._safeguard_reviewers()
            if not reviewers:
                raise UserError(
                    self.env._(
                        "No NPM manager of %(company)s can review the safeguards "
                        "of %(name)s: ask an administrator to give the NPM "
                        "Manager role to a colleague.",
                        company=partnership.company_id.name,
                        name=partnership.display_name,
                    )
                )
            new = reviewers - partnership._safeguard_review_activities().user_id
            for user in new:
                # in the reviewer's language: the summary and the note
                in_lang = partnership.with_context(lang=user.lang or self.env.lang)
                in_lang.activity_schedule(
                    SAFEGUARD_REVIEW_ACTIVITY,
                    user_id=user.id,
                    note=in_lang.env._(
                        "%(user)s asks you to review and confirm the independence "
                        "safeguards of this partnership: an MoU cannot be "
                        "submitted for approval before.",
                        user=self.env.user.display_name,
                    ),
                )
            if new:
                partnership.message_post(
                    body=self.env._(
                        "Safeguard review requested by %(user)s from %(managers)s.",
                        user=self.env.user.display_name,
                        managers=", ".join(new.mapped("display_name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
            asked_now |= new
        if asked_now:
            message = self.env._(
                "The managers have been asked to review the safeguards: %(managers)s.",
                managers=", ".join(asked_now.mapped("display_name")),
            )
        else:
            message = self.env._(
                "The managers were already asked to review the safeguards; "
                "their review is still open."
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success" if asked_now else "info",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_agreements(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_cso_agreement_action",
            [("partnership_id", "=", self.id)],
            {"default_partnership_id": self.id},
        )

    def action_view_visits(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_joint_visit_action",
            [("partnership_id", "=", self.id)],
            {"default_partnership_id": self.id},
        )

    # Helpers --------------------------------------------------------------

    def _check_manager(self, what):
        self.check_access("write")
        if not (self.env.su or self.env.user.has_group(GROUP_MANAGER)):
            raise AccessError(self._lifecycle_group_message(None, what))

    def _check_safeguard_review_needed(self):
        self.ensure_one()
        if not self.safeguard_line_ids:
            raise UserError(
                self.env._(
                    "The partnership %(name)s has no independence safeguard to "
                    "review. Add them on its Independence Safeguards tab first.",
                    name=self.display_name,
                )
            )
        if self.is_safeguarded:
            raise UserError(
                self.env._(
                    "Every independence safeguard of %(name)s is already confirmed.",
                    name=self.display_name,
                )
            )
        if self._lifecycle_locks_lines():
            raise UserError(self._lifecycle_locked_lines_message())

    def _safeguard_reviewers(self):
        """The NPM managers of the company who may read the partnership,
        except the one who asks."""
        self.ensure_one()
        return self._npm_managers_who_may_read() - self.env.user

    def _safeguard_review_activities(self):
        self.ensure_one()
        activity_type = self.env.ref(SAFEGUARD_REVIEW_ACTIVITY)
        return self.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def _close_safeguard_reviews(self):
        """Once every safeguard is confirmed, the review is done: the
        confirming manager's activity, and the others' with a note naming
        who confirmed."""
        for partnership in self.filtered("is_safeguarded"):
            partnership._safeguard_review_activities()._npm_close_on_decision(
                self.env._("Safeguards confirmed"),
                self.env._(
                    "Safeguards confirmed by %(user)s.",
                    user=self.env.user.display_name,
                ),
            )

    def _get_missing_for_agreement(self):
        """What is still missing before NPM and CSO can agree, as sentences."""
        self.ensure_one()
        missing = []
        for fname in ("expectations", "possibilities", "limits"):
            if is_html_empty(self[fname]):
                missing.append(
                    self.env._(
                        "the %(field)s of the cooperation",
                        field=self._fields[fname]._description_string(self.env),
                    )
                )
        if not self.safeguard_line_ids:
            missing.append(
                self.env._(
                    "the independence safeguards (none is listed: add them on the "
                    "Independence Safeguards tab)"
                )
            )
        for line in self.safeguard_line_ids.filtered(lambda x: not x.is_confirmed):
            missing.append(
                self.env._(
                    "a manager's confirmation of the safeguard “%(safeguard)s”",
                    safeguard=line.name,
                )
            )
        Notice = self.env["npm.data.protection.notice"]
        if Notice._missing_acknowledgments(self.company_id, self.partner_id):
            missing.append(
                self.env._(
                    "%(cso)s's acknowledgment of the current data-protection "
                    "notice (%(notice)s): record it under Data Protection › "
                    "Acknowledgments",
                    cso=self.partner_id.display_name,
                    notice=Notice._current(self.company_id).display_name,
                )
            )
        return missing

    def _post_safeguard_message(self, lines, confirmed):
        self.ensure_one()
        if confirmed:
            intro = self.env._("Independence safeguards confirmed:")
        else:
            intro = self.env._("Confirmation withdrawn for the safeguards:")
        items = Markup("").join(Markup("<li>%s</li>") % line.name for line in lines)
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>") % (intro, items),
            subtype_xmlid="mail.mt_note",
        )
