# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmVisitMaterialMixin(models.AbstractModel):
    """What a record of a joint visit is: it belongs to the visit, whose
    company and CSO it keeps (stored) for the record rules, searches and
    registers. Findings and documents (``npm.cso.shareable.mixin``) and
    requests to use information are visit material."""

    _name = "npm.visit.material.mixin"
    _description = "Material of a Joint Visit"

    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Company"
    )
    cso_id = fields.Many2one(related="visit_id.cso_id", store=True, index=True)
