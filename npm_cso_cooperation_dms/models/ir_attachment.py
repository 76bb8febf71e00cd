# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import base64

from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.npm_cso_cooperation.models.ir_attachment import (
    CONTENT_AND_LINK_FIELDS,
)
from odoo.addons.npm_cso_cooperation.models.lifecycle_mixin import (
    is_retention_context,
)

from .dms_directory import CONTAINER_TYPES


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def write(self, vals):
        # (writing any of these on the attachment behind a filed signed copy
        # would replace or move it)
        if CONTENT_AND_LINK_FIELDS & vals.keys():
            self._npm_check_signed_copy_unchanged(vals)
        res = super().write(vals)
        if {"raw", "datas"} & vals.keys():
            self._npm_dms_refresh_files()
        if (
            {"res_model", "res_id"} & vals.keys()
            and not self.env.context.get("dms_file")
            and not self.env.context.get("attaching_to_record")
        ):
            # Attached to a record after the fact (OCA only handles the
            # message-posting case, in which it calls _dms_operations itself).
            self._npm_dms_file()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed_signed_copy(self):
        if is_retention_context(self.env):
            return  # an anonymisation removing the signed copy (logged)
        signed = self._npm_filed_signed_copies()
        if signed:
            raise UserError(
                self.env._(
                    "%(name)s is the filed signed copy of %(record)s and cannot "
                    "be deleted. Add a new version in the document store if "
                    "the copy needs correcting.",
                    name=signed[0].name,
                    record=signed[0].record_ref.display_name or signed[0].res_model,
                )
            )

    # OCA dms: which store folders receive an attachment

    def _get_dms_directories(self, res_model, res_id):
        # The cooperation's structural folders (CSO, partnership, sections) are
        # linked to records only to take their access; they hold no attachments.
        directories = super()._get_dms_directories(res_model, res_id)
        return directories.filtered(lambda d: d.npm_folder_type not in CONTAINER_TYPES)

    def _dms_operations(self):
        # Attachments of cooperation records are filed by the records' own
        # rules (which attachment, in which folder); OCA files the rest.
        filed_models = self.env["npm.dms.folder.mixin"]._npm_dms_filed_models()
        ours = self.filtered(lambda a: a.res_model in filed_models and a.res_id)
        res = super(IrAttachment, self - ours)._dms_operations()
        ours._npm_dms_file()
        return res

    def _npm_dms_file(self):
        filed_models = self.env["npm.dms.folder.mixin"]._npm_dms_filed_models()
        for attachment in self:
            if attachment.res_model not in filed_models or not attachment.res_id:
                continue
            # sudo: the person attaching may not read the whole chain (a
            # portal expert cannot read the partnership); filing only creates
            # folders and a file pointing at this attachment, and both take
            # their access from the record, so nothing becomes readable that
            # was not readable on the record already.
            record = self.env[attachment.res_model].sudo().browse(attachment.res_id)
            if record.exists():
                record._npm_dms_file_attachments(attachment.sudo())

    def _npm_dms_refresh_files(self):
        """Keep the size, checksum and type shown in the store in step with
        the attachment (signed copies never reach here with new content)."""
        # sudo: updating the store's record of the attachment the user just
        # rewrote; no access is given or read.
        files = (
            self.env["dms.file"]
            .sudo()
            .with_context(active_test=False)
            .search([("attachment_id", "in", self.ids), ("is_signed_copy", "=", False)])
        )
        for dms_file in files:
            attachment = dms_file.attachment_id
            if (dms_file.checksum, dms_file.size) != (
                attachment.checksum,
                attachment.file_size,
            ):
                dms_file.write(
                    {"checksum": attachment.checksum, "size": attachment.file_size}
                )
                # The type (and extension, thumbnail) come from the content,
                # which OCA reads from the attachment without depending on it.
                dms_file.invalidate_recordset(["content"])
                dms_file.modified(["content"])

    def _npm_filed_signed_copies(self):
        if not self.ids:
            return self.env["dms.file"]
        # sudo: finding out whether a refusal applies must not depend on
        # whether the user may read the file; nothing is returned to them.
        return (
            self.env["dms.file"]
            .sudo()
            .with_context(active_test=False)
            .search([("attachment_id", "in", self.ids), ("is_signed_copy", "=", True)])
        )

    def _npm_check_signed_copy_unchanged(self, vals):
        signed = self._npm_filed_signed_copies()
        if not signed:
            return
        new_checksum = None
        if "raw" in vals or "datas" in vals:
            raw = vals.get("raw")
            if raw is None:
                raw = base64.b64decode(vals.get("datas") or b"")
            if isinstance(raw, str):
                raw = raw.encode()
            new_checksum = self._compute_checksum(raw or b"")
        for attachment in signed.attachment_id:
            unchanged = (
                all(
                    attachment[key] == vals[key]
                    for key in ("res_model", "res_id", "res_field")
                    if key in vals
                )
                and not {"db_datas", "store_fname", "url", "type"} & vals.keys()
            )
            if new_checksum is not None:
                unchanged = unchanged and new_checksum == attachment.checksum
            if not unchanged:
                raise UserError(
                    self.env._(
                        "%(name)s is a filed signed copy: it cannot be replaced "
                        "or moved. Add the corrected copy as a new version in "
                        "the document store; the signed copy stays as it is.",
                        name=attachment.name,
                    )
                )
