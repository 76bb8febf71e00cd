# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def _compute_partner_autocomplete_insufficient_credit(self):
        # partner_autocomplete asks IAP for the credit left each time the
        # settings open; the service is off, so there is nothing to ask
        self.partner_autocomplete_insufficient_credit = False
