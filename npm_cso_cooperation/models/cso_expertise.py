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
            # the people of CSOs have areas of expertise too: count the CSOs
            expertise.cso_count = len(expertise.partner_ids.filtered("is_cso"))

    @api.model
    def _npm_ensure_default(self, xmlid, name, sequence=100, color=0):
        """Give the area of expertise ``name`` the XML id ``xmlid`` (default
        data of later versions, e.g. the team requirements): the one of that
        name if the NPM created it already, else a new one."""
        if self.env.ref(xmlid, raise_if_not_found=False):
            return
        expertise = self.with_context(active_test=False).search(
            [("name", "=ilike", name)], limit=1
        ) or self.create({"name": name, "sequence": sequence, "color": color})
        module, code = xmlid.split(".", 1)
        self.env["ir.model.data"].create(
            {
                "module": module,
                "name": code,
                "model": self._name,
                "res_id": expertise.id,
                "noupdate": True,
            }
        )

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
