# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

SECTIONS = ("agreements", "undertakings", "visits")


class NpmCsoPartnership(models.Model):
    """A partnership's folder sits in its CSO's folder and holds the sections
    for its agreements, undertakings and visits."""

    _name = "npm.cso.partnership"
    _inherit = ["npm.cso.partnership", "npm.dms.folder.mixin"]

    _npm_dms_folder_type = "partnership"

    @api.model_create_multi
    def create(self, vals_list):
        partnerships = super().create(vals_list)
        for partnership in partnerships:
            partnership._npm_dms_ensure_directory()
        return partnerships

    def _npm_dms_folder_fields(self):
        return super()._npm_dms_folder_fields() | {"partner_id"}

    def _npm_dms_partnership(self):
        self.ensure_one()
        return self

    def _npm_dms_ensure_directory(self):
        directory = super()._npm_dms_ensure_directory()
        Directory = self.env["dms.directory"]
        labels = dict(
            Directory._fields["npm_folder_type"]._description_selection(self.env)
        )
        for section in SECTIONS:
            if not Directory._npm_find_folder(section, self._name, self.id):
                Directory._npm_create_folder(
                    directory, section, self._name, self.id, labels[section]
                )
        return directory
