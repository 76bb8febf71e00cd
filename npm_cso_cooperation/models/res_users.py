# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

from ..groups import GROUP_OFFICER
from .mail_activity import app_close_context

OVERVIEW_ACTION = "npm_cso_cooperation.npm_overview_tile_action"


def _touches_groups(vals):
    """Whether ``vals`` of res.users change its groups (the user form writes
    them as ``in_group_<id>`` and ``sel_groups_<ids>`` fields)."""
    return "groups_id" in vals or any(
        key.startswith(("in_group_", "sel_groups_")) for key in vals
    )


class ResUsers(models.Model):
    """NPM staff land on the app's overview, not on Discuss."""

    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._npm_set_home_action()
        return users

    def write(self, vals):
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
