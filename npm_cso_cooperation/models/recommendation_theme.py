# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmRecommendationTheme(models.Model):
    """What a recommendation is about (master data): torture and
    ill-treatment, legal safeguards, material conditions, … A recommendation
    repeats an earlier one of its place when they share a theme."""

    _name = "npm.recommendation.theme"
    _description = "Recommendation Theme"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Empty: the theme is offered to every NPM of the database.",
    )

    _sql_constraints = [
        (
            "name_company_uniq",
            "unique(name, company_id)",
            "A theme of this name already exists.",
        ),
    ]
