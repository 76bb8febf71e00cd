import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The app in its users' languages (issue 18). The Python side,
// tests/core/test_ui_i18n_tours.py, loads the French and Spanish
// translations, sets the user's language and checks the records the tours
// leave. Every label waited for is the translation, so an English screen
// fails the tour.

// 1. A CSO expert whose language is French signs an undertaking in the portal.
registry.category("web_tour.tours").add("npm_expert_sign_in_french_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home speaks French: open the undertakings to sign",
            trigger: "a[href='/my/undertakings']:contains(engagement de confidentialité à signer)",
            run: "click",
        },
        {
            content: "Open the undertaking awaiting a signature",
            trigger: "tr:has(.o_npm_state:contains(En attente de votre signature)) a",
            run: "click",
        },
        {
            content: "The undertaking's text is in French",
            trigger: ".o_npm_undertaking_text:contains(participe aux travaux du mécanisme national de prévention)",
        },
        {
            content: "Sign it",
            trigger: "a.o_npm_sign:contains(Signer)",
            run: "click",
        },
        {
            content: "The signature dialog is in French",
            trigger: "#npm_modal_sign .modal-title:contains(Signer l'engagement de confidentialité)",
        },
        {
            content: "The name is filled in: sign",
            trigger: "#npm_modal_sign .o_portal_sign_submit:enabled:contains(Signer l'engagement)",
            run: "click",
        },
        {
            content: "It is signed, in French",
            trigger: ".alert-success:contains(votre engagement est signé)",
        },
        {
            trigger: "a.o_npm_signed_copy:contains(Télécharger ma copie signée)",
        },
    ],
});

// 2. An NPM manager whose language is Spanish approves an agreement.
registry.category("web_tour.tours").add("npm_manager_approve_in_spanish_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        {
            content: "The agreements menu is in Spanish",
            trigger: ".o_main_navbar [data-menu-xmlid='npm_cso_cooperation.menu_npm_cso_agreement']:contains(Acuerdos)",
            run: "click",
        },
        {
            content: "The agreements' list is open, in Spanish",
            trigger: ".o_control_panel .o_breadcrumb:contains(Acuerdos)",
        },
        {
            trigger: ".o_list_renderer .o_data_cell:contains(MoU in Spanish)",
        },
        {
            content: "Show the agreements to approve",
            trigger: ".o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .o-dropdown-item:contains(Por aprobar)",
            run: "click",
        },
        {
            content: "Open the MoU",
            trigger: ".o_data_row .o_data_cell:contains(MoU in Spanish)",
            run: "click",
        },
        {
            content: "It waits for approval, in Spanish",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(Por aprobar)",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]:contains(Aprobar)",
            run: "click",
        },
        {
            content: "It is approved",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(Aprobado)",
        },
    ],
});
