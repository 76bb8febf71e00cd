import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Browser tours of the main back-office screens (issue 7). The Python side,
// tests/core/test_ui_cooperation_tours.py, prepares what each tour needs and
// checks the records it leaves.

const { DateTime } = luxon;

/** A date `days` from today, as the en_US date inputs expect it. */
function inDays(days) {
    return DateTime.now().plus({ days }).toFormat("MM/dd/yyyy");
}

function pickMany2one(field, text, container = "") {
    return [
        {
            content: `Type ${text} in ${field}`,
            trigger: `${container} .o_field_widget[name=${field}] input`,
            run: `edit ${text}`,
        },
        {
            content: `Pick ${text}`,
            trigger: `.o-autocomplete--dropdown-menu .ui-menu-item a:contains(${text})`,
            run: "click",
        },
    ];
}

function writeHtml(field, text) {
    return {
        content: `Write ${field}`,
        trigger: `.o_field_html[name=${field}] .odoo-editor-editable p`,
        run: `editor ${text}`,
    };
}

function openTab(label) {
    return {
        content: `Open the ${label} tab`,
        trigger: `.o_notebook .nav-link:contains(${label})`,
        run: "click",
    };
}

function clickMenu(xmlid, content) {
    return {
        content,
        trigger: `.o_main_navbar [data-menu-xmlid="npm_cso_cooperation.${xmlid}"]`,
        run: "click",
    };
}

// 1. An officer registers a CSO and opens a partnership with it.
registry.category("web_tour.tours").add("npm_officer_partnership_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        clickMenu("menu_npm_cso_registry", "Go to the CSO registry"),
        {
            content: "Register a new CSO",
            trigger: ".o_breadcrumb:contains(CSOs)",
        },
        {
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Prison Watch Tour NGO",
        },
        openTab("Cooperation"),
        {
            content: "Set its type",
            trigger: ".o_field_widget[name=cso_type] select",
            run: 'select "ngo"',
        },
        ...stepUtils.saveForm(),
        clickMenu("menu_npm_cso_partnership", "Go to the partnerships"),
        {
            content: "Open a partnership",
            trigger: ".o_breadcrumb:contains(Partnerships)",
        },
        {
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Name the partnership",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Cooperation with Prison Watch Tour NGO",
        },
        ...pickMany2one("partner_id", "Prison Watch Tour NGO"),
        writeHtml("objectives", "Joint monitoring of prisons."),
        writeHtml("expectations", "The CSO brings legal experts; the NPM leads."),
        writeHtml("possibilities", "Joint visits and training."),
        writeHtml("limits", "No access to the NPM's case files."),
        ...stepUtils.saveForm(),
        {
            content: "The partnership waits for a manager to confirm its safeguards",
            trigger: ".o_form_view .o_field_widget[name=state] .o_arrow_button_current:contains(Draft)",
        },
    ],
});

// 2. The officer drafts an MoU from the partnership and submits it.
registry.category("web_tour.tours").add("npm_officer_mou_tour", {
    url: "/odoo/npm-partnerships",
    steps: () => [
        {
            content: "Open the partnership",
            trigger: ".o_kanban_record:contains(Cooperation with Prison Watch Tour NGO)",
            run: "click",
        },
        {
            content: "Open its agreements",
            trigger: ".o_form_view .oe_stat_button[name=action_view_agreements]",
            run: "click",
        },
        {
            content: "Draft a new agreement",
            trigger: ".o_breadcrumb:contains(Agreements)",
        },
        {
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit MoU with Prison Watch Tour NGO",
        },
        {
            content: "It is a Memorandum of Understanding",
            trigger: ".o_field_widget[name=agreement_type] select",
            run: 'select "mou"',
        },
        {
            content: "Within the partnership",
            trigger: ".o_field_widget[name=partnership_id] input:value(Cooperation with Prison Watch Tour NGO)",
        },
        {
            content: "It starts next month",
            trigger: ".o_field_widget[name=date_start] input",
            run: `edit ${inDays(30)} && click body`,
        },
        {
            content: "The objectives come from the partnership",
            trigger: ".o_field_html[name=objectives]:contains(Joint monitoring of prisons.)",
        },
        writeHtml("modalities", "Visits are planned by the NPM; terms agreed in advance."),
        // An HTML field hands its text to the record when saved or blurred:
        // save before leaving the tab.
        ...stepUtils.saveForm(),
        openTab("Agreed Text"),
        writeHtml("terms", "The NPM alone chooses places, dates and methods of visits."),
        ...stepUtils.saveForm(),
        {
            content: "Submit it for approval",
            trigger: ".o_form_view button[name=action_submit]",
            run: "click",
        },
        {
            content: "It awaits a manager's approval",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(To Approve)",
        },
    ],
});

// 3. A manager (not the submitter) approves it.
registry.category("web_tour.tours").add("npm_manager_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        clickMenu("menu_npm_cso_agreement", "Go to the agreements"),
        {
            content: "Show the agreements to approve",
            trigger: ".o_searchview_input",
            run: "click",
        },
        {
            trigger: ".o_filter_menu .o-dropdown-item:contains(To Approve)",
            run: "click",
        },
        {
            content: "Open the MoU",
            trigger: ".o_data_row .o_data_cell:contains(MoU with Prison Watch Tour NGO)",
            run: "click",
        },
        {
            content: "Approve it",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "It is approved",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(Approved)",
        },
    ],
});

// 4. A manager plans a joint visit with its team and agrees its terms.
registry.category("web_tour.tours").add("npm_manager_visit_tour", {
    url: "/odoo/npm-joint-visits",
    steps: () => [
        {
            content: "Plan a new joint visit",
            trigger: ".o_breadcrumb:contains(Joint Visits)",
        },
        {
            trigger: ".o-kanban-button-new, .o_list_button_add",
            run: "click",
        },
        ...pickMany2one("place_id", "Tour Central Prison"),
        ...pickMany2one("partnership_id", "Tour partnership"),
        {
            content: "First day",
            trigger: "input[data-field=date_start]",
            run: `edit ${inDays(20)} && click body`,
        },
        {
            content: "Last day",
            trigger: "input[data-field=date_end]",
            run: `edit ${inDays(21)} && click body`,
        },
        openTab("Team"),
        {
            content: "Add the head of delegation",
            trigger: "div[name=member_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name=member_ids] .o_selected_row .o_field_widget[name=side] select",
            run: 'select "npm"',
        },
        ...pickMany2one("partner_id", "Tour Manager", "div[name=member_ids] .o_selected_row"),
        {
            trigger: "div[name=member_ids] .o_selected_row .o_field_widget[name=role] select",
            run: 'select "head"',
        },
        {
            content: "Add the CSO's legal expert",
            trigger: "div[name=member_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: "div[name=member_ids] .o_selected_row .o_field_widget[name=side] select",
            run: 'select "cso"',
        },
        ...pickMany2one("partner_id", "Tour Expert", "div[name=member_ids] .o_selected_row"),
        {
            trigger: "div[name=member_ids] .o_selected_row .o_field_widget[name=role] select",
            run: 'select "legal"',
        },
        openTab("Agreed Terms"),
        writeHtml("roles_agreed", "The NPM leads; the CSO lawyer reviews files."),
        writeHtml("approach", "Unannounced; private interviews."),
        writeHtml("urgent_action_protocol", "The head of delegation alerts the director."),
        writeHtml("information_use_terms", "Anonymised use after the NPM's report."),
        ...stepUtils.saveForm(),
        {
            content: "Agree the terms",
            trigger: ".o_form_view button[name=action_agree_terms]",
            run: "click",
        },
        {
            content: "The terms are agreed",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains(Terms Agreed)",
        },
    ],
});

// 5. A CSO expert signs their undertaking in the portal, then sees the visit.
registry.category("web_tour.tours").add("npm_expert_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the undertakings waiting for a signature",
            trigger: "a[href='/my/undertakings']:contains(confidentiality undertaking to sign)",
            run: "click",
        },
        {
            content: "Open the undertaking to sign",
            trigger: "tr:has(.o_npm_state:contains(Awaiting your signature)) a",
            run: "click",
        },
        {
            content: "Sign it",
            trigger: "a.o_npm_sign",
            run: "click",
        },
        {
            content: "The name is filled in: sign",
            trigger: "#npm_modal_sign .o_portal_sign_submit:enabled",
            run: "click",
        },
        {
            content: "It is signed, and the signed copy can be downloaded",
            trigger: ".alert-success:contains(your undertaking is signed)",
        },
        {
            trigger: "a.o_npm_signed_copy",
        },
        {
            content: "Back to the portal home",
            trigger: ".breadcrumb a[href='/my/home']",
            run: "click",
        },
        {
            content: "Open the joint visits",
            trigger: "a[href='/my/visits']:contains(Joint Visits)",
            run: "click",
        },
        {
            content: "Open the visit",
            trigger: "td a[href^='/my/visits/']",
            run: "click",
        },
        {
            content: "The visit shows the place, the role and the agreed terms",
            trigger: ".o_npm_visit_place:contains(Tour Central Prison)",
        },
        {
            trigger: ".o_npm_visit_role:contains(Legal Expert)",
        },
        {
            trigger: ".o_npm_visit_terms:contains(Anonymised use after the NPM's report.)",
        },
    ],
});
