# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

from .res_company import strip_autocomplete_widget


class ResPartner(models.Model):
    """Contacts without autocomplete: the form's name and VAT fields are
    plain again, and the lookups that would leave the server answer empty."""

    _inherit = "res.partner"

    @api.model
    def read_by_vat(self, vat, timeout=15):
        # partner_autocomplete falls back on the EU's VIES service when IAP
        # has no answer: neither is asked
        return []

    @api.model
    def _iap_replace_logo(self, iap_data):
        # no logo is fetched from the address a suggestion would give
        iap_data.pop("logo", None)
        return iap_data

    def _update_autocomplete_data(self, vat):
        # nothing is queued for the hourly sync with the remote database
        return None

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        return strip_autocomplete_widget(arch, view_type), view
