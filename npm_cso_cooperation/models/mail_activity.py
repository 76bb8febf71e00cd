# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import UserError

from .npm_mail_guard_mixin import partners_who_may_read

# One of the mail tables npm.mail.side.table narrows (mail_side_table.py).


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["mail.activity", "npm.mail.side.table"]

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._npm_check_assignee_may_read()
        return activities

    def write(self, vals):
        result = super().write(vals)
        if "user_id" in vals or "res_id" in vals or "res_model" in vals:
            self._npm_check_assignee_may_read()
        return result

    def _npm_check_assignee_may_read(self):
        """An activity on an app record goes to someone who may read it: the
        assignee would otherwise hold a row they may not open (and the
        record's title, in its name)."""
        guarded = self.env["npm.mail.guard.mixin"]._npm_guarded_models()
        # sudo: the record and assignee of activities just written by the
        # caller, to check them; the refusal names only the assignee.
        for activity in self.sudo():
            if activity.res_model not in guarded or not activity.user_id:
                continue
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            if not partners_who_may_read(record, activity.user_id.partner_id):
                raise UserError(
                    self.env._(
                        "%(user)s may not read this record: assign the activity "
                        "to someone who may.",
                        user=activity.user_id.name,
                    )
                )
