# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmInfoUseRequestPortal(models.Model):
    """A request to use information as its author follows it under /my/requests."""

    _name = "npm.info.use.request"
    _inherit = ["npm.portal.mixin", "npm.portal.readable.mixin", "npm.info.use.request"]

    # What the portal pages show of a request, sort and filter it by; not
    # which NPM manager decided.
    _portal_readable_fields = (
        "name",
        "visit_id",
        "portal_visit_name",
        "partner_id",
        "purpose",
        "description",
        "information_use_terms",
        "state",
        "decided_on",
        "decision_note",
        "create_date",
    )

    # Read as the superuser (related field): the author of a request keeps
    # seeing which visit it is about (its reference only) after their
    # undertaking has lapsed and the visit itself is closed to them.
    portal_visit_name = fields.Char(related="visit_id.name", string="Visit Reference")

    def _compute_access_url(self):
        for info_request in self:
            info_request.access_url = f"/my/requests/{info_request.id}"
