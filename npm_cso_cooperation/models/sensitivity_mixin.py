# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models

from ..tools import selection_label

SENSITIVITY_LEVELS = [
    ("internal", "Internal"),
    ("confidential", "Confidential"),
    ("strictly_confidential", "Strictly Confidential"),
]


class NpmSensitivityMixin(models.AbstractModel):
    """Visit material that carries a sensitivity level.

    The level decides who reads the record: NPM officers see internal and
    confidential material, only cleared officers (and managers) see strictly
    confidential material. The record rules that enforce this are declared
    per model in security/npm_cso_cooperation_rules.xml, on this field.
    """

    _name = "npm.sensitivity.mixin"
    _description = "Sensitivity Level of Visit Material"

    sensitivity = fields.Selection(
        SENSITIVITY_LEVELS,
        required=True,
        default="confidential",
        index=True,
        tracking=True,
        help="Internal and confidential material is seen by every NPM officer; "
        "strictly confidential material only by cleared officers and managers. "
        "Strictly confidential material is never shared with a CSO.",
    )

    def _is_strictly_confidential(self):
        self.ensure_one()
        return self.sensitivity == "strictly_confidential"

    def _sensitivity_label(self):
        self.ensure_one()
        return selection_label(self, "sensitivity")
