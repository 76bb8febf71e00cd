# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models

from ..groups import GROUP_MANAGER
from .lifecycle_mixin import STAMP_CLEAR, STAMP_NOW, STAMP_USER


class NpmCsoPartnershipSafeguard(models.Model):
    """One independence safeguard as confirmed for one partnership.

    The text is copied from the master safeguard when the line is created, so
    that what a manager confirmed stays what it was even if the master list is
    reworded later.
    """

    _name = "npm.cso.partnership.safeguard"
    _description = "Partnership Independence Safeguard"
    _inherit = ["npm.lifecycle.mixin", "npm.discreet.errors.mixin"]
    _order = "partnership_id, sequence, id"
    _check_company_auto = True

    # The confirmation is the line's state: a manager gives or withdraws it.
    _lifecycle_state_field = "is_confirmed"
    _lifecycle_state_names = {True: "confirmed", False: "unconfirmed"}
    _lifecycle_create_states = (False,)
    _lifecycle_transitions = {True: (False,), False: (True,)}
    _lifecycle_groups = {True: GROUP_MANAGER, False: GROUP_MANAGER}
    _lifecycle_stamps = {
        True: {"confirmed_by_id": STAMP_USER, "confirmed_on": STAMP_NOW},
        False: {"confirmed_by_id": STAMP_CLEAR, "confirmed_on": STAMP_CLEAR},
    }
    # What a manager confirmed stays what it was until they withdraw it.
    _lifecycle_frozen = ((("name", "description", "partnership_id"), (True,)),)
    _lifecycle_undeletable_states = (True,)
    # A settled partnership locks its safeguards.
    _lifecycle_parent_field = "partnership_id"

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

    def _frozen_error_message(self, field_names):
        return self.env._(
            "The safeguard “%(name)s” is confirmed: a manager must withdraw the "
            "confirmation before its text changes.",
            name=self.name,
        )

    def _lifecycle_keep_message(self):
        return self.env._(
            "The safeguard “%(name)s” is confirmed and cannot be removed: "
            "withdraw the confirmation first.",
            name=self.name,
        )

    def _lifecycle_group_message(self, target, what=None):
        return self.env._(
            "Only an NPM manager may confirm independence safeguards or "
            "withdraw their confirmation."
        )

    def action_confirm(self):
        """Confirm these safeguards, recording who and when (managers only)."""
        self._lifecycle_check_group(True)
        to_confirm = self.filtered(lambda line: not line.is_confirmed)
        to_confirm._lifecycle_move(True)
        for partnership in to_confirm.partnership_id:
            lines = to_confirm.filtered(lambda x, p=partnership: x.partnership_id == p)
            partnership._post_safeguard_message(lines, confirmed=True)
            partnership._close_safeguard_reviews()
        return True

    def action_unconfirm(self):
        """Withdraw the confirmation of these safeguards (managers only)."""
        self._lifecycle_check_group(False)
        to_withdraw = self.filtered("is_confirmed")
        to_withdraw._lifecycle_move(False)
        for partnership in to_withdraw.partnership_id:
            lines = to_withdraw.filtered(lambda x, p=partnership: x.partnership_id == p)
            partnership._post_safeguard_message(lines, confirmed=False)
        return True
