# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmVisitDocument(models.Model):
    """A visit document's file, and whatever is attached to it in the chatter,
    is filed in a folder of its own inside its visit's folder: like a
    finding's, the document's sensitivity then decides who reads them
    (strictly confidential material only for cleared staff). The file keeps
    the document's file name, and follows the document when it is replaced
    or moved to another visit."""

    _name = "npm.visit.document"
    _inherit = ["npm.visit.document", "npm.dms.folder.mixin"]

    _npm_dms_section = "visits"
    _npm_dms_files_attachments = True

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {"visit_id"}

    def _npm_dms_filename_fields(self):
        return {**super()._npm_dms_filename_fields(), "file": "file_name"}

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self.visit_id.partnership_id

    def _npm_dms_parent_directory(self):
        self.ensure_one()
        return self.visit_id._npm_dms_ensure_directory()

    def _npm_dms_document_kind(self, attachment):
        return "visit_document"
