# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmConfidentialityUndertaking(models.Model):
    """A signed undertaking's signed copy is filed in the Undertakings folder
    of the partnership it belongs to."""

    _name = "npm.confidentiality.undertaking"
    _inherit = ["npm.confidentiality.undertaking", "npm.dms.folder.mixin"]

    _npm_dms_section = "undertakings"
    _npm_dms_files_attachments = True
    _npm_dms_signed_copy_field = "signed_copy"
    _npm_dms_signed_copy_filename_field = "signed_copy_filename"
    _npm_dms_signed_copy_kind = "signed_undertaking"

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {
            "partner_id",
            "scope",
            "visit_id",
            "agreement_id",
        }

    def _npm_dms_partnership(self):
        """The agreement's or the visit's partnership; else the CSO's only
        current partnership. Without one, the undertaking is filed directly
        in its CSO's folder."""
        self.ensure_one()
        partnership = self.agreement_id.partnership_id or self.visit_id.partnership_id
        if not partnership and self.partner_id.cso_id:
            partnerships = self.env["npm.cso.partnership"].search(
                [
                    ("partner_id", "=", self.partner_id.cso_id.id),
                    ("state", "!=", "closed"),
                ]
            )
            if len(partnerships) == 1:
                partnership = partnerships
        return partnership

    def _npm_dms_cso(self):
        self.ensure_one()
        return (
            self._npm_dms_partnership().partner_id
            or self.partner_id.cso_id
            or self.partner_id.commercial_partner_id
        )

    def _npm_dms_should_file(self, attachment):
        return self._npm_dms_is_signed_copy(attachment)
