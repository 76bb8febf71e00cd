# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
{
    "name": "NPM–CSO Cooperation: Multi-level Approval",
    "summary": "Approve NPM–CSO agreements through OCA tier validation: "
    "configurable reviewers, in sequence",
    "version": "18.0.1.1.0",
    "category": "Services",
    "website": "https://github.com/npm-cso/npm_cso_cooperation",
    "author": "NPM-CSO Cooperation contributors",
    "license": "LGPL-3",
    "depends": ["npm_cso_cooperation", "base_tier_validation"],
    "data": [
        "views/cso_agreement_views.xml",
        "views/tier_definition_views.xml",
    ],
    "auto_install": True,
}
