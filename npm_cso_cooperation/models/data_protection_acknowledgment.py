# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .data_protection_notice import NOTICE_ACTIVITY

# What an acknowledgment says: it never changes once recorded.
ACKNOWLEDGMENT_FIELDS = (
    "notice_id",
    "partner_id",
    "company_id",
    "channel",
    "acknowledged_on",
    "acknowledged_by",
)
# The scanned copy may come after the acknowledgment was recorded; once
# attached it stays what was signed.
SCANNED_COPY_FIELDS = ("scanned_copy", "scanned_copy_filename")


class NpmDataProtectionAcknowledgment(models.Model):
    """That a CSO, or one of its experts, acknowledged a data-protection notice.

    A CSO expert acknowledges in the portal, for themselves (channel
    ``portal``: ``notice.action_acknowledge()``); NPM staff record what a CSO
    (its representative) or an expert acknowledged on paper (channel
    ``paper``), with the scanned copy where there is one. Nobody records one
    for someone else otherwise. Who recorded it and when are stamped by the
    application; once recorded, an acknowledgment never changes and is never
    deleted (its scanned copy may be added later, then stays; the internal
    note remains editable).
    """

    _name = "npm.data.protection.acknowledgment"
    _description = "Data-Protection Acknowledgment"
    _inherit = [
        "npm.portal.readable.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
    ]
    _order = "acknowledged_on desc, id desc"
    _check_company_auto = True

    _lifecycle_app_only_fields = ("channel", "acknowledged_on", "acknowledged_by")
    _lifecycle_frozen = (
        (ACKNOWLEDGMENT_FIELDS, None),
        (SCANNED_COPY_FIELDS, "_has_scanned_copy"),
    )

    notice_id = fields.Many2one(
        "npm.data.protection.notice",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('state', '=', 'published')]",
    )
    notice_version = fields.Integer(related="notice_id.version", string="Version")
    partner_id = fields.Many2one(
        "res.partner",
        string="Acknowledged By",
        required=True,
        index=True,
        ondelete="restrict",
        domain="['|', ('is_cso', '=', True), ('cso_id', '!=', False)]",
        help="The CSO (acknowledged by its representative) or the CSO expert "
        "who acknowledged the notice.",
    )
    cso_id = fields.Many2one(
        "res.partner",
        string="CSO",
        compute="_compute_cso_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="notice_id.company_id", store=True, index=True, precompute=True
    )
    channel = fields.Selection(
        [("portal", "Portal"), ("paper", "Paper")],
        required=True,
        help="Portal: the expert read the notice and confirmed it in the portal. "
        "Paper: NPM staff recorded an acknowledgment given on paper.",
    )
    acknowledged_on = fields.Datetime(readonly=True)
    acknowledged_by = fields.Many2one(
        "res.users",
        string="Recorded By",
        readonly=True,
        ondelete="restrict",
        help="The expert themselves (portal), or the NPM staff member who "
        "recorded the paper acknowledgment.",
    )
    scanned_copy = fields.Binary(
        attachment=True,
        copy=False,
        help="Scan or PDF of the acknowledgment signed on paper.",
    )
    scanned_copy_filename = fields.Char(copy=False)
    note = fields.Text(string="Notes")

    # What the portal page of the notice shows of the expert's own
    # acknowledgment.
    _portal_readable_fields = (
        "notice_id",
        "notice_version",
        "partner_id",
        "channel",
        "acknowledged_on",
    )

    _sql_constraints = [
        (
            "notice_partner_unique",
            "unique(notice_id, partner_id)",
            "This notice was already acknowledged by this partner.",
        )
    ]

    @api.depends("partner_id.is_cso", "partner_id.cso_id")
    def _compute_cso_id(self):
        for acknowledgment in self:
            partner = acknowledgment.partner_id
            acknowledgment.cso_id = partner if partner.is_cso else partner.cso_id

    @api.depends("partner_id", "notice_id")
    def _compute_display_name(self):
        for acknowledgment in self:
            acknowledgment.display_name = self.env._(
                "%(partner)s, version %(version)s",
                partner=acknowledgment.partner_id.name or "",
                version=acknowledgment.notice_id.version,
            )

    def _has_scanned_copy(self):
        self.ensure_one()
        return bool(self.scanned_copy)

    @api.constrains("partner_id")
    def _check_partner_is_cso_side(self):
        for acknowledgment in self:
            if not acknowledgment.cso_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is neither a CSO nor one of its experts: only "
                        "CSOs and their experts acknowledge the data-protection "
                        "notice.",
                        partner=acknowledgment.partner_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.su or self._lifecycle_is_app_write():
            # data files and the application: the stamps given, else now
            return super().create(
                [
                    {
                        "channel": "paper",
                        "acknowledged_on": fields.Datetime.now(),
                        "acknowledged_by": self.env.uid,
                        **vals,
                    }
                    for vals in vals_list
                ]
            )
        # Who may not create at all is told so first; then nothing the
        # application stamps is given by hand.
        self.browse().check_access("create")
        for vals in vals_list:
            self._lifecycle_check_create_values(vals)
        portal = self.env.user._is_portal()
        stamped = []
        for vals in vals_list:
            if portal and vals.get("partner_id") != self.env.user.partner_id.id:
                # (the record rules say the same; refused before anything else)
                raise AccessError(self.env["ir.rule"]._npm_refusal("create"))
            if portal and (vals.get("scanned_copy") or vals.get("note")):
                raise UserError(
                    self.env._("A scanned copy or a note is recorded by the NPM only.")
                )
            stamped.append(
                dict(
                    vals,
                    channel="portal" if portal else "paper",
                    acknowledged_on=fields.Datetime.now(),
                    acknowledged_by=self.env.user.id,
                )
            )
        self._check_notices_current(stamped)
        records = self._lifecycle_create(stamped)
        records._close_notice_activities()
        return records

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recorded(self):
        raise UserError(
            self.env._(
                "An acknowledgment of the data-protection notice is part of the "
                "NPM's record: it cannot be deleted."
            )
        )

    @api.model
    def _check_notices_current(self, vals_list):
        notices = self.env["npm.data.protection.notice"].browse(
            {vals.get("notice_id") for vals in vals_list if vals.get("notice_id")}
        )
        for notice in notices:
            if notice.state != "published":
                raise UserError(
                    self.env._(
                        "%(notice)s is not the current data-protection notice: "
                        "only the published version can be acknowledged.",
                        notice=notice.display_name,
                    )
                )

    def _close_notice_activities(self):
        """The CSO acknowledged the current notice: the activities that asked
        its partnerships' officers to record it are done."""
        activity_type = self.env.ref(NOTICE_ACTIVITY, raise_if_not_found=False)
        csos = self.partner_id.filtered("is_cso")
        if not activity_type or not csos:
            return
        # sudo: the activities asking for this acknowledgment, on the CSO's
        # partnerships (which the portal user, or an officer who cannot read
        # some of them, would not reach); they are only marked done.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("activity_type_id", "=", activity_type.id),
                    ("res_model", "=", "npm.cso.partnership"),
                    (
                        "res_id",
                        "in",
                        self.env["npm.cso.partnership"]
                        .sudo()
                        .search([("partner_id", "in", csos.ids)])
                        .ids,
                    ),
                ]
            )
        )
        if activities:
            activities.action_feedback(
                feedback=self.env._("The CSO acknowledged the current notice.")
            )
