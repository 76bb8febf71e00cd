# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class NpmCsoExpertise(models.Model):
    """An area of expertise a CSO brings to monitoring (medical, legal, …)."""

    _name = "npm.cso.expertise"
    _description = "CSO Area of Expertise"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share it with every company of the database.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        relation="npm_cso_expertise_partner_rel",
        column1="expertise_id",
        column2="partner_id",
        string="CSOs",
        domain=[("is_cso", "=", True)],
    )
    cso_count = fields.Integer(compute="_compute_cso_count", string="Number of CSOs")

    @api.depends("partner_ids")
    def _compute_cso_count(self):
        for expertise in self:
            expertise.cso_count = len(expertise.partner_ids)

    @api.constrains("name")
    def _check_name_unique(self):
        for expertise in self:
            duplicate = self.with_context(active_test=False).search(
                [("name", "=ilike", expertise.name), ("id", "!=", expertise.id)],
                limit=1,
            )
            if duplicate:
                raise ValidationError(
                    self.env._(
                        "An area of expertise named “%(name)s” already exists. "
                        "Use the existing one (it may be archived) or choose "
                        "another name.",
                        name=expertise.name,
                    )
                )
