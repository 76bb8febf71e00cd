# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmJointVisit(models.Model):
    """Every document attached to a joint visit is filed in its folder, in the
    Visits folder of its partnership."""

    _name = "npm.joint.visit"
    _inherit = ["npm.joint.visit", "npm.dms.folder.mixin"]

    _npm_dms_section = "visits"
    _npm_dms_files_attachments = True

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {"partnership_id"}

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self.partnership_id

    def _npm_dms_document_kind(self, attachment):
        return "visit_document"
