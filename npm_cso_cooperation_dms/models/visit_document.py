# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmVisitDocument(models.Model):
    """A visit document is filed like all visit material (see
    cso_shareable_mixin.py); its file keeps the document's file name, and
    follows the document when it is replaced."""

    _inherit = "npm.visit.document"

    def _npm_dms_filename_fields(self):
        return {**super()._npm_dms_filename_fields(), "file": "file_name"}
