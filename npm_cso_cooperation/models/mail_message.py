# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models

# One of the mail tables npm.mail.side.table narrows (mail_side_table.py).


class MailMessage(models.Model):
    _name = "mail.message"
    _inherit = ["mail.message", "npm.mail.side.table"]
    _npm_record_columns = ("model", "res_id")

    def _npm_rows_about_unreadable_records(self):
        forbidden = super()._npm_rows_about_unreadable_records()
        if self.env.user._is_internal():
            return forbidden
        # Odoo hides internal notes from portal users in searches, but by id
        # only those of type "comment": the notes the app logs, and tracking,
        # are of type "notification". On the app's records, no internal
        # message of any type reaches a portal user.
        guarded = self.env["npm.mail.guard.mixin"]._npm_guarded_models()
        # sudo: reads the type of the messages being checked, returns ids.
        internal = (
            (self - forbidden)
            .sudo()
            .filtered(
                lambda m: (
                    m.model in guarded
                    and (m.is_internal or not m.subtype_id or m.subtype_id.internal)
                )
            )
        )
        return forbidden + self.browse(internal.ids)

    def _message_notifications_to_store(self, store):
        # Odoo lists an author's failed notifications (/mail/data "failures",
        # the bus updates of their status) as superuser, with the thread they
        # are about: the author of a message on a record they may no longer
        # read would still read its name there. Those messages are left out.
        guarded = set(self.env["npm.mail.guard.mixin"]._npm_guarded_models())
        about_guarded = self.filtered(lambda m: m.model in guarded)
        messages = self
        if about_guarded and self.env.su:
            readable = about_guarded.sudo(False)._filtered_access("read")
            messages -= about_guarded - readable
        return super(MailMessage, messages)._message_notifications_to_store(store)
