# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmCsoPartnership(models.Model):
    """A cooperation between the NPM and one CSO (skeleton; see issue 3)."""

    _name = "npm.cso.partnership"
    _description = "NPM–CSO Partnership"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="CSO",
        required=True,
        tracking=True,
        domain=[("is_cso", "=", True)],
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    date_start = fields.Date(tracking=True)
    date_end = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("negotiation", "Negotiation"),
            ("agreed", "Agreed"),
            ("active", "Active"),
            ("closed", "Closed"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
    agreement_ids = fields.One2many("npm.cso.agreement", "partnership_id")
