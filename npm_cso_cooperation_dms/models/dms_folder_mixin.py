# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import mimetypes

from odoo import api, fields, models


class NpmDmsFolderMixin(models.AbstractModel):
    """A cooperation record with its own folder in the document store.

    The folder is an OCA ``dms.directory`` linked to the record
    (``res_model``/``res_id``) in the cooperation store, whose access is
    inherited from the linked record. Models whose attachments are filed
    (``_npm_dms_files_attachments``) get a ``dms.file`` per filed attachment,
    pointing at the attachment itself: nothing is copied.
    """

    _name = "npm.dms.folder.mixin"
    _description = "Cooperation Record with a Document Folder"

    # The kind of folder the record gets (see dms.directory.npm_folder_type).
    _npm_dms_folder_type = "record"
    # The section folder of the partnership it is filed in, if any.
    _npm_dms_section = None
    # Whether attachments of the record are filed in its folder at all.
    _npm_dms_files_attachments = False
    # The field holding the record's signed copy (Binary with attachment=True,
    # or a relation to ir.attachment) and the kind its filed copy gets. The
    # copy is filed (and from then on protected) once the core freezes that
    # field (npm.lifecycle.mixin: a signed agreement or undertaking), not
    # while the copy may still be corrected on a draft.
    _npm_dms_signed_copy_field = None
    _npm_dms_signed_copy_filename_field = None
    _npm_dms_signed_copy_kind = None

    dms_directory_id = fields.Many2one(
        "dms.directory",
        string="Document Folder",
        compute="_compute_dms_directory_id",
        help="This record's folder in the NPM–CSO Cooperation document store.",
    )
    dms_file_count = fields.Integer(
        string="Filed Documents", compute="_compute_dms_file_count"
    )

    @api.depends_context("uid")
    def _compute_dms_directory_id(self):
        # Searched with the user's rights: a folder they may not read stays
        # empty here.
        directories = self.env["dms.directory"].search(
            [
                ("storage_id.is_cooperation_store", "=", True),
                ("npm_folder_type", "=", self._npm_dms_folder_type),
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
            ]
        )
        by_record = {directory.res_id: directory for directory in directories}
        for record in self:
            record.dms_directory_id = by_record.get(record.id, False)

    @api.depends_context("uid")
    def _compute_dms_file_count(self):
        DmsFile = self.env["dms.file"]
        for record in self:
            directory = record.dms_directory_id
            record.dms_file_count = (
                DmsFile.search_count([("directory_id", "child_of", directory.id)])
                if directory
                else 0
            )

    def write(self, vals):
        res = super().write(vals)
        if {self._npm_dms_signed_copy_field, "state"} & vals.keys():
            self._npm_dms_file_signed_copies()
        if self._npm_dms_folder_fields() & vals.keys():
            self._npm_dms_sync_directory()
        named = self._npm_dms_filename_fields()
        if (named.keys() | set(named.values())) & vals.keys():
            self._npm_dms_sync_file_names()
        return res

    def action_open_dms_files(self):
        """Open the record's folder in the document store."""
        self.ensure_one()
        self.check_access("read")
        directory = self._npm_dms_ensure_directory()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "npm_cso_cooperation_dms.dms_file_action_cooperation"
        )
        action.update(
            {
                "display_name": self.env._(
                    "Documents of %(record)s", record=self.display_name
                ),
                "domain": [("directory_id", "child_of", directory.id)],
                "context": {
                    "default_directory_id": directory.id,
                    "searchpanel_default_directory_id": directory.id,
                },
            }
        )
        return action

    # Hooks the models fill in

    @api.model
    def _npm_dms_filed_models(self):
        """Names of the models whose attachments this app files."""
        registry = self.env.registry
        return {
            name
            for name in registry.descendants([self._name], "_inherit")
            if not registry[name]._abstract
            and registry[name]._npm_dms_files_attachments
        }

    def _npm_dms_folder_fields(self):
        """Fields whose change moves or renames the record's folder."""
        return {"name"}

    def _npm_dms_parent_directory(self):
        """The folder in which this record's folder lives (created if needed)."""
        self.ensure_one()
        partnership = self._npm_dms_partnership()
        if partnership and self._npm_dms_section:
            return self.env["dms.directory"]._npm_section_folder(
                self._npm_dms_section, partnership
            )
        return self.env["dms.directory"]._npm_cso_folder(self._npm_dms_cso())

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self.env["npm.cso.partnership"]

    def _npm_dms_cso(self):
        """The organisation whose root folder holds this record."""
        self.ensure_one()
        return self._npm_dms_partnership().partner_id

    def _npm_dms_folder_name(self):
        self.ensure_one()
        return self.display_name

    def _npm_dms_filename_fields(self):
        """The Binary fields (``attachment=True``) whose file name the record
        keeps in another field: ``{binary field: file name field}``. The
        signed copy's, by default."""
        binary = self._npm_dms_signed_copy_field
        filename = self._npm_dms_signed_copy_filename_field
        return {binary: filename} if binary and filename else {}

    def _npm_dms_file_name(self, attachment):
        """The name of the attachment's file in the store.

        A Binary field's attachment is named after the field: use the file
        name kept beside it (see ``_npm_dms_filename_fields``), else the
        record's name.
        """
        self.ensure_one()
        if not attachment.res_field:
            return attachment.name
        filename = self._npm_dms_filename_fields().get(attachment.res_field)
        if filename and self[filename]:
            return self[filename]
        extension = mimetypes.guess_extension(attachment.mimetype or "") or ""
        return f"{self.display_name}{extension}"

    def _npm_dms_should_file(self, attachment):
        """Whether this attachment of the record belongs in the store."""
        self.ensure_one()
        return True

    def _npm_dms_is_signed(self):
        """Whether the core has frozen the record's signed copy."""
        self.ensure_one()
        fname = self._npm_dms_signed_copy_field
        return bool(fname) and fname in self._frozen_field_names()

    def _npm_dms_is_signed_copy(self, attachment):
        """Whether the attachment is the signed copy of a signed record."""
        self.ensure_one()
        return self._npm_dms_is_signed() and (
            attachment in self._npm_dms_signed_copy_attachments()
        )

    def _npm_dms_document_kind(self, attachment):
        """The kind its filed copy gets (see dms.file.npm_document_kind)."""
        self.ensure_one()
        if attachment in self._npm_dms_signed_copy_attachments():
            return self._npm_dms_signed_copy_kind
        return False

    def _npm_dms_signed_copy_attachments(self):
        """The attachments holding the record's signed copy."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"]
        fname = self._npm_dms_signed_copy_field
        if not fname:
            return Attachment
        field = self._fields[fname]
        if field.type == "binary":
            return Attachment.sudo().search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("res_field", "=", fname),
                ]
            )
        return self.sudo()[fname]

    # Machinery

    def _npm_dms_ensure_directory(self):
        """The record's folder, created with its parents when missing."""
        self.ensure_one()
        Directory = self.env["dms.directory"]
        directory = Directory._npm_find_folder(
            self._npm_dms_folder_type, self._name, self.id
        )
        if not directory:
            # sudo: the record's folder chain is read to place the folder,
            # not shown to the user (see dms.directory helpers).
            record = self.sudo()
            directory = Directory._npm_create_folder(
                record._npm_dms_parent_directory(),
                self._npm_dms_folder_type,
                self._name,
                self.id,
                record._npm_dms_folder_name(),
            )
        return directory

    def _npm_dms_sync_directory(self):
        Directory = self.env["dms.directory"]
        for record in self.sudo():
            directory = Directory._npm_find_folder(
                record._npm_dms_folder_type, record._name, record.id
            )
            if directory:
                directory._npm_sync(
                    record._npm_dms_parent_directory(), record._npm_dms_folder_name()
                )

    def _npm_dms_sync_file_names(self):
        """Rename the filed files of the records' Binary fields after their
        current file names (a file replaced or renamed on the record).

        Signed copies keep the name they were filed with.
        """
        # sudo: the user just wrote these records (so may write them); only
        # the store's name of the record's own file is set, no access is given
        # or read (the field attachments are found by res_field, which the
        # user's search of attachments would leave out).
        Attachment = self.env["ir.attachment"].sudo()
        DmsFile = self.env["dms.file"].sudo().with_context(active_test=False)
        Directory = self.env["dms.directory"]
        for record in self.sudo():
            attachments = Attachment.search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("res_field", "in", list(record._npm_dms_filename_fields())),
                ]
            )
            files = DmsFile.search(
                [
                    ("attachment_id", "in", attachments.ids),
                    ("is_signed_copy", "=", False),
                ]
            )
            for dms_file in files:
                siblings = (
                    dms_file.directory_id.file_ids.with_context(active_test=False)
                    - dms_file
                )
                name = Directory._npm_unique_name(
                    record._npm_dms_file_name(dms_file.attachment_id),
                    siblings,
                    (dms_file.res_model, dms_file.res_id),
                    escape_suffix=True,
                )
                if dms_file.name != name:
                    dms_file.name = name

    def _npm_dms_file_signed_copies(self):
        if not self._npm_dms_signed_copy_field:
            return
        for record in self.sudo():
            if record._npm_dms_is_signed():
                record._npm_dms_file_attachments(
                    record._npm_dms_signed_copy_attachments()
                )

    def _npm_dms_file_attachments(self, attachments):
        """File these attachments of the record in its folder (idempotent)."""
        self.ensure_one()
        DmsFile = self.env["dms.file"].sudo().with_context(active_test=False)
        attachments = attachments.filtered(self._npm_dms_should_file)
        if not attachments:
            return DmsFile
        directory = self._npm_dms_ensure_directory()
        filed = DmsFile.search(
            [
                ("attachment_id", "in", attachments.ids),
                ("directory_id", "=", directory.id),
            ]
        ).attachment_id
        Directory = self.env["dms.directory"]
        created = DmsFile
        for attachment in attachments - filed:
            names = directory.file_ids.with_context(active_test=False)
            created |= DmsFile.with_context(
                mail_create_nolog=True, mail_create_nosubscribe=True
            ).create(
                {
                    "name": Directory._npm_unique_name(
                        self._npm_dms_file_name(attachment),
                        names,
                        (self._name, self.id),
                        escape_suffix=True,
                    ),
                    "directory_id": directory.id,
                    "attachment_id": attachment.id,
                    "res_model": self._name,
                    "res_id": self.id,
                    "size": attachment.file_size,
                    "checksum": attachment.checksum,
                    "npm_document_kind": self._npm_dms_document_kind(attachment),
                }
            )
        return created
