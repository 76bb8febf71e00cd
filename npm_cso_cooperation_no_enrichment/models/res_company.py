# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

AUTOCOMPLETE_WIDGET = "field_partner_autocomplete"


def strip_autocomplete_widget(arch, view_type):
    """Give back the plain widget to the fields partner_autocomplete's
    ``_get_view`` turned into autocomplete fields (name and VAT)."""
    if view_type == "form":
        for node in arch.xpath(f"//field[@widget='{AUTOCOMPLETE_WIDGET}']"):
            del node.attrib["widget"]
    return arch


class ResCompany(models.Model):
    _inherit = "res.company"

    def iap_enrich_auto(self):
        # The company is never enriched from its e-mail or web domain; it is
        # marked done so that nothing asks again. sudo: this one flag is what
        # partner_autocomplete itself writes for the administrator; nothing
        # is read or shown.
        self.sudo().iap_enrich_auto_done = True
        return True

    def _enrich(self):
        return False

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        return strip_autocomplete_widget(arch, view_type), view
