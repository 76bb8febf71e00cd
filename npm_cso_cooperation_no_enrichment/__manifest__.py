# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
{
    "name": "NPM–CSO Cooperation: No Contact Enrichment",
    "summary": "Keep contacts on the server: no partner autocomplete, "
    "enrichment or VAT lookup sends CSO names or people outside",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/npm-cso/npm_cso_cooperation",
    "author": "NPM-CSO Cooperation contributors",
    "license": "LGPL-3",
    # Odoo installs partner_autocomplete by itself with mail (iap, iap_mail
    # and partner_autocomplete are auto_install): this bridge follows it.
    "depends": ["npm_cso_cooperation", "partner_autocomplete"],
    "assets": {
        "web.assets_backend": [
            "npm_cso_cooperation_no_enrichment/static/src/js/no_enrichment.js",
        ],
    },
    "auto_install": True,
}
