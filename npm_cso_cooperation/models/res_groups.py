# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class ResGroups(models.Model):
    """Users added to an NPM role from the group's side (its *Users* tab)
    land on the overview too (see ``res.users._npm_set_home_action``)."""

    _inherit = "res.groups"

    def write(self, vals):
        if "users" not in vals:
            return super().write(vals)
        members_before = self.users
        result = super().write(vals)
        (self.users - members_before)._npm_set_home_action()
        return result
