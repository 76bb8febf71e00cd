# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..groups import GROUP_MANAGER
from .lifecycle_mixin import STAMP_TODAY
from .npm_mail_guard_mixin import partners_who_may_read

NOTICE_ACTIVITY = "npm_cso_cooperation.mail_activity_type_data_protection_notice"
# Partnerships whose CSO must acknowledge a new version of the notice.
OPEN_PARTNERSHIP_STATES = ("draft", "negotiation", "agreed", "active")


class NpmDataProtectionNotice(models.Model):
    """What the NPM must protect and how, and what it expects of partners.

    A versioned text: managers publish a version, which becomes the one
    current notice of its company and supersedes the one before. A published
    text never changes (a new version is written instead). CSOs and their
    experts acknowledge the current notice (``npm.data.protection.acknowledgment``):
    a partnership is agreed, and a joint visit confirmed, only once they did.
    """

    _name = "npm.data.protection.notice"
    _description = "Data-Protection Notice"
    _inherit = [
        "npm.portal.readable.mixin",
        "npm.mail.guard.mixin",
        "mail.thread",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
    ]
    _order = "version desc, id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("draft",)
    _lifecycle_transitions = {
        "published": ("draft",),
        "superseded": ("published",),
    }
    _lifecycle_groups = {"published": GROUP_MANAGER, "superseded": GROUP_MANAGER}
    _lifecycle_stamps = {"published": {"date_published": STAMP_TODAY}}
    # What partners acknowledged never changes afterwards.
    _lifecycle_frozen = (
        (("name", "version", "body", "company_id"), ("published", "superseded")),
    )
    _lifecycle_undeletable_states = ("published", "superseded")

    name = fields.Char(string="Title", required=True, tracking=True)
    version = fields.Integer(
        required=True,
        default=lambda self: self._default_version(),
        tracking=True,
        help="Version number of the notice in its company; a new version asks "
        "every CSO and expert for a new acknowledgment.",
    )
    body = fields.Html(
        string="Text",
        required=True,
        help="What the NPM must protect and how, and what it expects of its "
        "partners. Published, it is what CSOs and experts read and acknowledge.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("published", "Published"),
            ("superseded", "Superseded"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    date_published = fields.Date(string="Published On", copy=False, tracking=True)
    acknowledgment_ids = fields.One2many(
        "npm.data.protection.acknowledgment", "notice_id", string="Acknowledgments"
    )
    acknowledgment_count = fields.Integer(compute="_compute_acknowledgment_count")

    # What the portal page of the notice shows.
    _portal_readable_fields = ("name", "version", "body", "state", "date_published")

    _sql_constraints = [
        (
            "version_company_unique",
            "unique(company_id, version)",
            "Each version of the data-protection notice has its own number.",
        )
    ]

    def _default_version(self):
        # sudo: only the highest number in the company, to propose the next
        last = (
            self.sudo()
            .search(
                [("company_id", "=", self.env.company.id)],
                order="version desc",
                limit=1,
            )
            .version
        )
        return last + 1

    @api.depends("acknowledgment_ids")
    def _compute_acknowledgment_count(self):
        groups = self.env["npm.data.protection.acknowledgment"]._read_group(
            [("notice_id", "in", self.ids)], ["notice_id"], ["__count"]
        )
        counts = {notice.id: count for notice, count in groups}
        for notice in self:
            notice.acknowledgment_count = counts.get(notice.id, 0)

    @api.depends("name", "version")
    def _compute_display_name(self):
        for notice in self:
            notice.display_name = self.env._(
                "%(name)s (version %(version)s)",
                name=notice.name or "",
                version=notice.version,
            )

    # Actions --------------------------------------------------------------

    def action_publish(self):
        """Make this version the current notice of its company (managers)."""
        if len(self.company_id) != len(self):
            raise UserError(self.env._("Publish one notice per company at a time."))
        return self._lifecycle_move("published", self.env._("publish the notice"))

    def _on_published(self, before):
        # The version published before in the company is superseded.
        previous = self.search(
            [
                ("state", "=", "published"),
                ("company_id", "in", self.company_id.ids),
                ("id", "not in", self.ids),
            ]
        )
        if previous:
            previous._lifecycle_move("superseded", self.env._("supersede the notice"))
        self._ask_partnerships_for_acknowledgment()

    def action_acknowledge(self):
        """Record that the portal user acknowledges this notice (their own
        acknowledgment, channel portal). Already done: nothing more."""
        self.ensure_one()
        self.check_access("read")
        Acknowledgment = self.env["npm.data.protection.acknowledgment"]
        partner = self.env.user.partner_id
        if not self.env.user._is_portal():
            raise UserError(
                self.env._(
                    "Only a CSO expert acknowledges a notice in the portal, for "
                    "themselves. To record the acknowledgment a CSO or an expert "
                    "gave on paper, add it under Data Protection › "
                    "Acknowledgments."
                )
            )
        if self.state != "published":
            raise UserError(
                self.env._(
                    "%(notice)s is not the current data-protection notice: only "
                    "the published version can be acknowledged.",
                    notice=self.display_name,
                )
            )
        existing = Acknowledgment.search(
            [("notice_id", "=", self.id), ("partner_id", "=", partner.id)], limit=1
        )
        if existing:
            return existing
        return Acknowledgment.create({"notice_id": self.id, "partner_id": partner.id})

    def action_view_acknowledgments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "npm_cso_cooperation.npm_data_protection_acknowledgment_action"
        )
        action["domain"] = [("notice_id", "=", self.id)]
        action["context"] = {"default_notice_id": self.id}
        return action

    # Helpers --------------------------------------------------------------

    @api.model
    def _current(self, company):
        """The published notice of ``company`` (empty when it has none)."""
        return self.search(
            [("state", "=", "published"), ("company_id", "=", company.id)],
            order="version desc, id desc",
            limit=1,
        )

    @api.model
    def _missing_acknowledgments(self, company, partners):
        """Those of ``partners`` who have not acknowledged the current notice
        of ``company``: none when the company published no notice (there is
        nothing to acknowledge)."""
        notice = self._current(company)
        if not notice or not partners:
            return partners.browse()
        # sudo: whether an acknowledgment exists, for the gate of a move the
        # user was allowed to attempt; nothing of it is shown
        done = (
            self.env["npm.data.protection.acknowledgment"]
            .sudo()
            .search([("notice_id", "=", notice.id), ("partner_id", "in", partners.ids)])
            .partner_id
        )
        return partners - done

    @api.model
    def _pending_for_portal_user(self):
        """The published notices the logged-in CSO expert has not
        acknowledged yet (read with their own rights): the portal banner."""
        user = self.env.user
        if not user._is_portal() or not self.has_access("read"):
            return self.browse()
        partner = user.partner_id
        if not (partner.is_cso or partner.cso_id):
            return self.browse()
        notices = self.search([("state", "=", "published")])
        if not notices:
            return notices
        done = (
            self.env["npm.data.protection.acknowledgment"]
            .search([("notice_id", "in", notices.ids), ("partner_id", "=", partner.id)])
            .notice_id
        )
        return notices - done

    def _ask_partnerships_for_acknowledgment(self):
        """An activity for the responsible officer of each open partnership of
        the company whose CSO has not acknowledged this version yet."""
        activity_type = self.env.ref(NOTICE_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return
        for notice in self:
            partnerships = self.env["npm.cso.partnership"].search(
                [
                    ("company_id", "=", notice.company_id.id),
                    ("state", "in", OPEN_PARTNERSHIP_STATES),
                    ("user_id", "!=", False),
                ]
            )
            missing = self._missing_acknowledgments(
                notice.company_id, partnerships.partner_id
            )
            for partnership in partnerships.filtered(
                lambda p, missing=missing: p.partner_id in missing
            ):
                user = partnership.user_id
                if not partners_who_may_read(partnership, user.partner_id):
                    continue
                partnership.activity_schedule(
                    NOTICE_ACTIVITY,
                    user_id=user.id,
                    note=self.with_context(lang=user.lang or self.env.lang).env._(
                        "Version %(version)s of the data-protection notice was "
                        "published: record %(cso)s's acknowledgment of it (on "
                        "paper, with the scanned copy) before the next agreement "
                        "or joint visit.",
                        version=notice.version,
                        cso=partnership.partner_id.display_name,
                    ),
                )
