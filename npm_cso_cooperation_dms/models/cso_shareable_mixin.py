# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmCsoShareableMixin(models.AbstractModel):
    """Visit material (findings, visit documents) is filed in a folder of its
    own inside its visit's folder, with whatever is attached to it: the
    record's sensitivity then decides who reads it (strictly confidential
    material only for cleared staff), and the folder follows the record when
    it moves to another visit."""

    _name = "npm.cso.shareable.mixin"
    _inherit = ["npm.cso.shareable.mixin", "npm.dms.folder.mixin"]

    _npm_dms_section = "visits"
    _npm_dms_files_attachments = True

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {"visit_id"}

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self.visit_id.partnership_id

    def _npm_dms_parent_directory(self):
        self.ensure_one()
        return self.visit_id._npm_dms_ensure_directory()

    def _npm_dms_document_kind(self, attachment):
        return "visit_document"
