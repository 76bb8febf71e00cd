# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmCsoAgreement(models.Model):
    """A signed agreement's signed copy is filed in the partnership's
    Agreements folder; drafts stay on the agreement only."""

    _name = "npm.cso.agreement"
    _inherit = ["npm.cso.agreement", "npm.dms.folder.mixin"]

    _npm_dms_section = "agreements"
    _npm_dms_files_attachments = True
    _npm_dms_signed_copy_field = "signed_copy"
    _npm_dms_signed_copy_filename_field = "signed_copy_name"
    _npm_dms_signed_copy_kind = "signed_agreement"

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {"partnership_id"}

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self.partnership_id

    def _npm_dms_should_file(self, attachment):
        return self._npm_dms_is_signed_copy(attachment)
