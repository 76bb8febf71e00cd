# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
{
    "name": "NPM–CSO Cooperation: Document Store",
    "summary": "File signed agreements, signed undertakings and visit documents "
    "in OCA's document store, with the cooperation's own access rules",
    "version": "18.0.1.3.0",
    "category": "Services",
    "website": "https://github.com/npm-cso/npm_cso_cooperation",
    "author": "NPM-CSO Cooperation contributors",
    "license": "LGPL-3",
    "depends": ["npm_cso_cooperation", "dms"],
    "auto_install": True,
    "data": [
        "security/npm_cso_cooperation_dms_security.xml",
        "security/ir.model.access.csv",
        "data/dms_storage_data.xml",
        "views/dms_file_views.xml",
        "views/cso_partnership_views.xml",
        "views/cso_agreement_views.xml",
        "views/confidentiality_undertaking_views.xml",
        "views/joint_visit_views.xml",
        "views/visit_finding_views.xml",
        "views/visit_document_views.xml",
        "wizards/dms_file_version_wizard_views.xml",
        "views/menus.xml",
    ],
    "post_init_hook": "post_init_hook",
}
