# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models

from .mail_activity import app_close_context


class ResUsers(models.Model):
    _inherit = "res.users"

    def action_archive(self):
        # Odoo removes the activities of the users it archives, as the
        # administrator who archives them: decision activities included,
        # which only their assignee may otherwise remove (mail_activity.py).
        return super(
            ResUsers, self.with_context(**app_close_context())
        ).action_archive()
