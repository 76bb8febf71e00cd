# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..groups import GROUP_MANAGER
from .cso_partnership import SETTLED_STATES


class NpmCsoPartnershipSafeguard(models.Model):
    """One independence safeguard as confirmed for one partnership.

    The text is copied from the master safeguard when the line is created, so
    that what a manager confirmed stays what it was even if the master list is
    reworded later.
    """

    _name = "npm.cso.partnership.safeguard"
    _description = "Partnership Independence Safeguard"
    _order = "partnership_id, sequence, id"
    _check_company_auto = True

    partnership_id = fields.Many2one(
        "npm.cso.partnership",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="partnership_id.company_id", store=True)
    safeguard_id = fields.Many2one(
        "npm.cso.safeguard",
        string="Master Safeguard",
        ondelete="set null",
        check_company=True,
        help="The safeguard of the configuration this line was copied from.",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Safeguard", required=True)
    description = fields.Text()
    is_confirmed = fields.Boolean(string="Confirmed", readonly=True, copy=False)
    confirmed_by_id = fields.Many2one(
        "res.users", string="Confirmed by", readonly=True, copy=False
    )
    confirmed_on = fields.Datetime(readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("is_confirmed") for vals in vals_list):
            self._check_manager()
        self._check_partnership_open(
            self.env["npm.cso.partnership"].browse(
                {
                    vals["partnership_id"]
                    for vals in vals_list
                    if vals.get("partnership_id")
                }
            )
        )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # Access first: the refusals below name the record and its state,
            # which a user without access must not learn.
            self.check_access("write")
        confirmation = {"is_confirmed", "confirmed_by_id", "confirmed_on"} & set(vals)
        if confirmation:
            self._check_manager()
        self._check_partnership_open()
        if {"name", "description", "partnership_id"} & set(vals):
            confirmed = self.filtered("is_confirmed")
            if confirmed:
                raise UserError(
                    self.env._(
                        "The safeguard “%(name)s” is confirmed: a manager must "
                        "withdraw the confirmation before its text changes.",
                        name=confirmed[0].name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_or_settled(self):
        self._check_partnership_open()
        confirmed = self.filtered("is_confirmed")
        if confirmed:
            raise UserError(
                self.env._(
                    "The safeguard “%(name)s” is confirmed and cannot be removed: "
                    "withdraw the confirmation first.",
                    name=confirmed[0].name,
                )
            )

    def action_confirm(self):
        """Confirm these safeguards, recording who and when (managers only)."""
        self._check_manager()
        self._check_partnership_open()
        to_confirm = self.filtered(lambda line: not line.is_confirmed)
        to_confirm.write(
            {
                "is_confirmed": True,
                "confirmed_by_id": self.env.user.id,
                "confirmed_on": fields.Datetime.now(),
            }
        )
        for partnership in to_confirm.partnership_id:
            lines = to_confirm.filtered(lambda x, p=partnership: x.partnership_id == p)
            partnership._post_safeguard_message(lines, confirmed=True)
        return True

    def action_unconfirm(self):
        """Withdraw the confirmation of these safeguards (managers only)."""
        self._check_manager()
        self._check_partnership_open()
        to_withdraw = self.filtered("is_confirmed")
        to_withdraw.write(
            {"is_confirmed": False, "confirmed_by_id": False, "confirmed_on": False}
        )
        for partnership in to_withdraw.partnership_id:
            lines = to_withdraw.filtered(lambda x, p=partnership: x.partnership_id == p)
            partnership._post_safeguard_message(lines, confirmed=False)
        return True

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group(GROUP_MANAGER)):
            raise AccessError(
                self.env._(
                    "Only an NPM manager may confirm independence safeguards or "
                    "withdraw their confirmation."
                )
            )

    def _check_partnership_open(self, partnerships=None):
        if partnerships is None:
            partnerships = self.partnership_id
        settled = partnerships.filtered(lambda p: p.state in SETTLED_STATES)
        if settled:
            raise UserError(
                self.env._(
                    "The independence safeguards of %(partnership)s were settled "
                    "when it was agreed. Reopen the negotiation to change them.",
                    partnership=settled[0].display_name,
                )
            )
