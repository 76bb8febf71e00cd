# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class IrBinary(models.AbstractModel):
    """A file of the document store that belongs to strictly confidential
    material (a visit document's file, a file in an allegation's chatter) is
    logged when it is downloaded from the store, as it is from the record."""

    _inherit = "ir.binary"

    def _npm_logged_target(self, record, field_name):
        if record._name == "dms.file":
            # sudo: which record the file (already checked readable) belongs
            # to; nothing of it is returned to the user.
            dms_file = record.sudo()
            attachment = dms_file.attachment_id
            if attachment:
                return super()._npm_logged_target(attachment, field_name)
            logged = self.env.registry.descendants(
                ["npm.access.logged.mixin"], "_inherit"
            )
            if dms_file.res_model in logged and dms_file.res_id:
                target = self.env[dms_file.res_model].browse(dms_file.res_id)
                return target, "dms_file"
        return super()._npm_logged_target(record, field_name)
