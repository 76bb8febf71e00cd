# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

DISABLED = "Partner Autocomplete is disabled by NPM–CSO Cooperation"


class IapAutocompleteEnrichAPI(models.AbstractModel):
    """The one door of partner_autocomplete to Odoo's IAP service.

    Every server call of the module (``search`` while a name is typed,
    ``enrich`` when a suggestion is picked, ``search_vat``, and the hourly
    ``update`` sync) goes through ``_request_partner_autocomplete``: it is
    closed here, so no contact name, VAT number or web domain of the NPM's
    contacts reaches the service. Callers get the module's own "no result"
    answer.
    """

    _inherit = "iap.autocomplete.api"

    @api.model
    def _request_partner_autocomplete(self, action, params, timeout=15):
        _logger.debug("partner autocomplete %r not sent: disabled", action)
        return False, DISABLED
