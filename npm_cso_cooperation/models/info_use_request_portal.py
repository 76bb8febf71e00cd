# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmInfoUseRequestPortal(models.Model):
    """A request to use information as its author follows it under /my/requests."""

    _name = "npm.info.use.request"
    _inherit = ["npm.portal.mixin", "npm.info.use.request"]

    # Read as the superuser (related field): the author of a request keeps
    # seeing which visit it is about (its reference only) after their
    # undertaking has lapsed and the visit itself is closed to them.
    portal_visit_name = fields.Char(related="visit_id.name", string="Visit Reference")

    def _compute_access_url(self):
        for info_request in self:
            info_request.access_url = f"/my/requests/{info_request.id}"
