# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import os

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.dms.tools.file import check_name
from odoo.addons.npm_cso_cooperation.models.lifecycle_mixin import (
    is_retention_context,
)

from .dms_directory import (
    npm_cooperation_records,
    npm_readable_namesakes,
)

DOCUMENT_KINDS = [
    ("signed_agreement", "Signed agreement"),
    ("signed_undertaking", "Signed undertaking"),
    ("visit_document", "Visit document"),
]
SIGNED_KINDS = ("signed_agreement", "signed_undertaking")
# Changing any of these on the file of a record's own field (a visit
# document's file) would make the store show something else than the record.
FIELD_FILE_FIELDS = {
    "content",
    "content_binary",
    "content_file",
    "attachment_id",
    "directory_id",
    "res_model",
    "res_id",
    "active",
}
# What the app says a document is; users never set these by hand.
VERSION_FIELDS = {"npm_document_kind", "npm_version", "npm_previous_version_id"}
# Changing any of these on a filed signed copy would replace or remove it.
SIGNED_COPY_FIELDS = FIELD_FILE_FIELDS | {"checksum", "size"} | VERSION_FIELDS


class DmsFile(models.Model):
    _inherit = "dms.file"

    npm_document_kind = fields.Selection(
        DOCUMENT_KINDS,
        string="Cooperation Document",
        readonly=True,
        index=True,
        help="What the NPM–CSO Cooperation app filed this document as.",
    )
    is_signed_copy = fields.Boolean(
        compute="_compute_is_signed_copy",
        store=True,
        index=True,
        help="A signed agreement or undertaking: it is never deleted or "
        "replaced; a corrected copy is added as a new version.",
    )
    npm_version = fields.Integer(string="Version", default=1, readonly=True)
    npm_previous_version_id = fields.Many2one(
        "dms.file",
        string="Previous Version",
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    npm_next_version_ids = fields.One2many(
        "dms.file", "npm_previous_version_id", string="Later Versions"
    )
    is_superseded = fields.Boolean(
        compute="_compute_is_superseded",
        help="A later version of this signed copy has been filed.",
    )

    @api.depends("npm_document_kind")
    def _compute_is_signed_copy(self):
        for dms_file in self:
            dms_file.is_signed_copy = dms_file.npm_document_kind in SIGNED_KINDS

    @api.depends("npm_next_version_ids")
    def _compute_is_superseded(self):
        for dms_file in self:
            dms_file.is_superseded = bool(dms_file.npm_next_version_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._npm_check_new_version(vals)
        return super().create(vals_list)

    def write(self, vals):
        if VERSION_FIELDS & vals.keys() and not self.env.su:
            raise UserError(
                self.env._(
                    "What a document is in the NPM–CSO Cooperation store "
                    "(signed copy, visit document, version) is set by the app "
                    "when it files the document, not by hand."
                )
            )
        if SIGNED_COPY_FIELDS & vals.keys():
            signed = self.sudo().filtered("is_signed_copy")
            if signed:
                raise UserError(
                    self.env._(
                        "%(name)s is a filed signed copy: it cannot be replaced, "
                        "moved or archived. Add the corrected copy as a new "
                        "version (button “Add a New Version” on the file); the "
                        "signed copy stays as it is.",
                        name=signed[0].name,
                    )
                )
        if FIELD_FILE_FIELDS & vals.keys():
            field_files = self._npm_field_files()
            if field_files:
                # Refused either way: who may not write the file learns no more.
                self.check_access("write")
                raise UserError(field_files[0]._npm_field_file_error())
        return super().write(vals)

    @api.model
    def search_panel_select_multi_range(self, field_name, **kwargs):
        res = super().search_panel_select_multi_range(field_name, **kwargs)
        if field_name != "tag_ids" or self.env.su:
            return res
        # OCA counts the files of each tag by SQL, over every file of the
        # database when no folder is chosen: strictly confidential material
        # included. The files counted are those the user may read.
        operator, directory_id = self._search_panel_directory(**kwargs)
        domain = [("directory_id", operator, directory_id)] if directory_id else []
        counts = {
            tag.id: count
            for tag, count in self._read_group(domain, ["tag_ids"], ["__count"])
        }
        for row in res:
            row["count"] = counts.get(row["id"], 0)
        return res

    @api.constrains("name")
    def _check_name(self):
        # (as for folders: see dms.directory._check_name)
        ours = npm_cooperation_records(self)
        res = super(DmsFile, self - ours)._check_name()
        for dms_file in ours.sudo():
            if not check_name(dms_file.name):
                raise ValidationError(self.env._("The file name is invalid."))
            if npm_readable_namesakes(dms_file, dms_file.directory_id.file_ids):
                raise ValidationError(
                    self.env._(
                        "A file with the same name already exists in this directory."
                    )
                )
        return res

    def check_access_token(self, access_token=False):
        # A share link (access token) reads as superuser (OCA's portal and
        # /web/content hand out the file without further check). In the
        # cooperation store a link never opens anything: those who may read
        # the file open it with their own rights, link or not.
        if not npm_cooperation_records(self):
            return super().check_access_token(access_token)
        return False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed_copy(self):
        if is_retention_context(self.env):
            return  # an anonymisation removing the signed copy (logged)
        signed = self.sudo().filtered("is_signed_copy")
        if signed:
            raise UserError(
                self.env._(
                    "%(name)s is a filed signed copy and cannot be deleted: signed "
                    "agreements and undertakings keep their legal weight. Add a "
                    "new version instead if the copy needs correcting.",
                    name=signed[0].name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_field_file(self):
        if self.env.context.get("dms_file") or is_retention_context(self.env):
            # The attachment itself is being deleted (its record replaced or
            # removed it): its file in the store goes with it.
            return
        field_files = self._npm_field_files().filtered(
            lambda dms_file: dms_file.record_ref.exists()
        )
        if field_files:
            raise UserError(field_files[0]._npm_field_file_error())

    def _npm_field_files(self):
        """The files of self holding a record's own field (such as a visit
        document's file), signed copies aside (they have their own rules)."""
        # sudo: finding out whether a refusal applies must not depend on
        # whether the user may read the attachment; nothing is returned to
        # them but the refusal.
        return self.sudo().filtered(
            lambda dms_file: (
                dms_file.attachment_id.res_field
                and not dms_file.is_signed_copy
                and dms_file.storage_id.is_cooperation_store
            )
        )

    def _npm_field_file_error(self):
        self.ensure_one()
        return self.env._(
            "%(name)s is the file of %(record)s: the store shows what the "
            "record holds. Replace the file on the record itself, or delete "
            "the record; it cannot be replaced, moved, archived or deleted "
            "in the store.",
            name=self.name,
            record=self.record_ref.display_name or self.res_model,
        )

    def action_npm_add_version(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add a New Version"),
            "res_model": "npm.dms.file.version.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_file_id": self.id},
        }

    @api.model
    def _npm_check_new_version(self, vals):
        """A user creates a cooperation document only as the next version of
        a signed copy, in its folder; everything else is filed by the app."""
        if not VERSION_FIELDS & {key for key, value in vals.items() if value}:
            return
        previous = self.browse(vals.get("npm_previous_version_id")).sudo()
        if not (
            previous.is_signed_copy
            and not previous.npm_next_version_ids
            and vals.get("npm_document_kind") == previous.npm_document_kind
            and vals.get("npm_version") == previous.npm_version + 1
            and vals.get("directory_id") == previous.directory_id.id
        ):
            raise UserError(
                self.env._(
                    "Signed copies are filed by the app when the agreement or "
                    "undertaking is signed. To correct one, use “Add a New "
                    "Version” on its latest version in the store."
                )
            )

    def _npm_latest_version(self):
        self.ensure_one()
        latest = self.sudo()
        while latest.npm_next_version_ids:
            latest = latest.npm_next_version_ids.sorted("npm_version")[-1]
        return latest.sudo(self.env.su)

    def _npm_version_name(self, version, filename=None):
        """Name of version n of this file: “scan (v2).pdf”."""
        self.ensure_one()
        stem, extension = os.path.splitext(self.name)
        if self.npm_version > 1 and stem.endswith(f" (v{self.npm_version})"):
            stem = stem[: -len(f" (v{self.npm_version})")]
        if filename:
            extension = os.path.splitext(filename)[1] or extension
        return f"{stem} (v{version}){extension}"
