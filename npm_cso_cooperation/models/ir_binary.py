# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class IrBinary(models.AbstractModel):
    """Files of strictly confidential material: each download is logged.

    ``/web/content`` and ``/web/image`` hand out a record's file field (a
    visit document's file) or an attachment (the file itself, or one
    attached in the chatter of an allegation): once access was checked, the
    download adds a line to the access log (``npm.access.logged.mixin``).
    """

    _inherit = "ir.binary"

    def _record_to_stream(self, record, field_name):
        stream = super()._record_to_stream(record, field_name)
        target, fname = self._npm_logged_target(record, field_name)
        if target:
            target._npm_log_access("download", {fname})
        return stream

    def _npm_logged_target(self, record, field_name):
        """The logged record a download reads, and the field it reads."""
        logged = self.env.registry.descendants(["npm.access.logged.mixin"], "_inherit")
        if record._name in logged:
            return record, field_name
        if record._name == "ir.attachment":
            # sudo: where the attachment (already checked readable) is
            # attached; nothing of it is returned to the user.
            attachment = record.sudo()
            if attachment.res_model in logged and attachment.res_id:
                target = self.env[attachment.res_model].browse(attachment.res_id)
                return target, attachment.res_field or "message_main_attachment_id"
        return None, None
