# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    def session_info(self):
        # the web client enriches the administrator's company when this is
        # set: it never is
        info = super().session_info()
        info.pop("iap_company_enrich", None)
        return info
