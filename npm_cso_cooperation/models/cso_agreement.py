# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmCsoAgreement(models.Model):
    """An agreement within a partnership (skeleton; see issue 3)."""

    _name = "npm.cso.agreement"
    _description = "NPM–CSO Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    agreement_type = fields.Selection(
        [
            ("mou", "Memorandum of Understanding"),
            ("confidentiality", "Confidentiality Agreement"),
            ("data_sharing", "Data-sharing Agreement"),
            ("visit_terms", "Joint Visit Terms"),
        ],
        string="Type",
        required=True,
        default="mou",
        tracking=True,
    )
    partnership_id = fields.Many2one(
        "npm.cso.partnership",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="CSO",
        related="partnership_id.partner_id",
        store=True,
        index=True,
    )
    company_id = fields.Many2one(
        related="partnership_id.company_id", store=True, index=True
    )
    date_start = fields.Date(tracking=True)
    date_end = fields.Date(tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("signed", "Signed"),
            ("expired", "Expired"),
            ("terminated", "Terminated"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
    )
