# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
{
    "name": "NPM–CSO Cooperation",
    "summary": "National Preventive Mechanisms working with civil-society "
    "organisations: CSO registry, agreements, confidentiality, joint visits",
    "version": "18.0.1.0.0",
    "category": "Services",
    "website": "https://github.com/npm-cso/npm_cso_cooperation",
    "author": "NPM-CSO Cooperation contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": ["contacts", "mail"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/npm_cso_cooperation_groups.xml",
        "security/ir.model.access.csv",
        "security/npm_cso_cooperation_rules.xml",
        "data/cso_expertise_data.xml",
        "data/ir_sequence_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron_data.xml",
        "views/cso_expertise_views.xml",
        "views/res_partner_views.xml",
        "views/detention_place_views.xml",
        "views/joint_visit_views.xml",
        "views/visit_finding_views.xml",
        "views/confidentiality_undertaking_views.xml",
        "views/info_use_request_views.xml",
        "views/information_release_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/undertaking_revoke_wizard_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/joint_visit_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "npm_cso_cooperation/static/tests/tours/**/*",
        ],
    },
}
