# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import UserError

# Writing any of these replaces the file or detaches it from its record.
CONTENT_AND_LINK_FIELDS = {
    "raw",
    "datas",
    "db_datas",
    "store_fname",
    "url",
    "type",
    "res_model",
    "res_id",
    "res_field",
}


class IrAttachment(models.Model):
    """The files behind frozen Binary fields stay what was signed or shared.

    A frozen record (``npm.lifecycle.mixin``: a signed undertaking, a visit
    document that was released to a CSO) refuses a write to its file fields;
    the same file must not be replaced behind its back by writing its
    attachment directly. The record's own field writes reach the attachment
    as superuser, after the record checked its freeze: they are left alone.
    """

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                if vals.get("res_field") and vals.get("res_model"):
                    self._npm_check_field_not_frozen(
                        vals["res_model"], vals.get("res_id"), vals["res_field"]
                    )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and CONTENT_AND_LINK_FIELDS & vals.keys():
            # Access first, so that no refusal names a record the user may not
            # read.
            self.check("write", values=vals)
            self._npm_check_not_frozen()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_frozen_file(self):
        if not self.env.su:
            self._npm_check_not_frozen()

    def _npm_check_not_frozen(self):
        # sudo: reads where attachments the user may write (checked by the
        # caller) are attached; nothing of it is returned.
        for attachment in self.sudo():
            if attachment.res_field:
                self._npm_check_field_not_frozen(
                    attachment.res_model, attachment.res_id, attachment.res_field
                )

    @api.model
    def _npm_check_field_not_frozen(self, res_model, res_id, res_field):
        frozen_models = self.env.registry.descendants(
            ["npm.lifecycle.mixin"], "_inherit"
        )
        if not res_id or res_model not in frozen_models:
            return
        record = self.env[res_model].browse(res_id).exists()
        if record and res_field in record._frozen_field_names():
            raise UserError(record._frozen_error_message({res_field}))
