# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models, tools


class ResCompany(models.Model):
    _inherit = "res.company"

    @tools.ormcache("self.id")
    def _npm_tz_name(self):
        """The NPM's time zone: its company partner's, else UTC.

        Cached (the portal record rules ask for today's date at every query);
        a change of a company partner's time zone clears the cache (see
        ``res.partner.write``).
        """
        # sudo: the time zone is a setting of the company, read to date the
        # request; nothing of the company is returned
        return self.sudo().partner_id.tz or "UTC"
