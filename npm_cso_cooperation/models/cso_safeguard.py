# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmCsoSafeguard(models.Model):
    """A rule that protects the NPM's independence in any cooperation.

    Managers maintain the list; each new partnership receives a line per
    active safeguard, which a manager confirms before the partnership is
    agreed.
    """

    _name = "npm.cso.safeguard"
    _description = "Independence Safeguard"
    _order = "sequence, id"

    name = fields.Char(string="Safeguard", required=True, translate=True)
    sequence = fields.Integer(default=10)
    description = fields.Text(
        translate=True,
        help="Why the safeguard matters and how to check it, for the manager "
        "who confirms it on a partnership.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share it with every company of the database.",
    )
