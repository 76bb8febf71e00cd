# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    npm_urgent_action_user_id = fields.Many2one(
        "res.users",
        string="Urgent-Action Officer",
        config_parameter="npm_cso_cooperation.urgent_action_user_id",
        domain=[("share", "=", False)],
        help="Receives the urgent-action activity of an urgent finding when the "
        "visit has no head of delegation with a user account (or one who may "
        "not read the finding).",
    )
