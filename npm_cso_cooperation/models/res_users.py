# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

from ..groups import GROUP_CONFIDENTIAL, GROUP_OFFICER
from .mail_activity import app_close_context

OVERVIEW_ACTION = "npm_cso_cooperation.npm_overview_tile_action"
# "1": cleared staff need a second factor (the default, also when the
# parameter is missing); "0": the NPM decided they do not.
SECOND_FACTOR_PARAM = "npm_cso_cooperation.require_second_factor"


def _touches_groups(vals):
    """Whether ``vals`` of res.users change its groups (the user form writes
    them as ``in_group_<id>`` and ``sel_groups_<ids>`` fields)."""
    return "groups_id" in vals or any(
        key.startswith(("in_group_", "sel_groups_")) for key in vals
    )


class ResUsers(models.Model):
    """NPM staff land on the app's overview, not on Discuss; cleared staff
    sign in with a second factor."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._npm_set_home_action()
        return users

    def write(self, vals):
        if "totp_secret" in vals:
            # Enrolling or disabling the second factor opens or closes the
            # NPM's models (ir.model.access._get_allowed_models, cached per
            # user).
            self.env.registry.clear_cache()
        if not _touches_groups(vals):
            return super().write(vals)
        staff_before = self._npm_staff()
        result = super().write(vals)
        (self - staff_before)._npm_set_home_action()
        return result

    def _npm_staff(self):
        """Those of these users who hold an NPM role (internal users only)."""
        group = self.env.ref(GROUP_OFFICER, raise_if_not_found=False)
        if not group:
            return self.browse()
        return self.filtered(lambda user: not user.share and group in user.groups_id)

    def _npm_set_home_action(self):
        """Give the overview as home action to those of these users who just
        received an NPM role and have none: a home action chosen by the user
        or an administrator is never replaced, and a user who clears it later
        keeps their choice (only gaining the role sets it)."""
        action = self.env.ref(OVERVIEW_ACTION, raise_if_not_found=False)
        if not action:
            return
        newcomers = self._npm_staff().filtered(lambda user: not user.action_id)
        if newcomers:
            newcomers.write({"action_id": action.id})

    def action_archive(self):
        # Odoo removes the activities of the users it archives, as the
        # administrator who archives them: decision activities included,
        # which only their assignee may otherwise remove (mail_activity.py).
        return super(
            ResUsers, self.with_context(**app_close_context())
        ).action_archive()

    # Two-factor sign-in -------------------------------------------------------

    @api.model
    def _npm_second_factor_required(self):
        """Whether cleared staff need a second factor (the setting)."""
        # sudo: a setting of the database, read for the access check
        value = self.env["ir.config_parameter"].sudo().get_param(SECOND_FACTOR_PARAM)
        return value != "0"

    def _npm_lacks_second_factor(self):
        """Whether this user is cleared staff who must sign in with a second
        factor and has not enabled one: they reach no NPM record. A code
        sent by e-mail at each sign-in (auth_totp_mail_enforce's policy)
        counts as a second factor."""
        self.ensure_one()
        return (
            not self.share
            and self.has_group(GROUP_CONFIDENTIAL)
            and self._npm_second_factor_required()
            and not self._mfa_type()
        )

    def _rpc_api_keys_only(self):
        # A cleared user whose second factor is a code by e-mail signs in to
        # the web client with it; over RPC a password alone would skip it.
        self.ensure_one()
        return super()._rpc_api_keys_only() or (
            self._mfa_type() == "totp_mail"
            and self.has_group(GROUP_CONFIDENTIAL)
            and self._npm_second_factor_required()
        )
