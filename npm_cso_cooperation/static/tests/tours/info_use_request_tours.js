import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A request to use information, from the CSO expert who asks in the portal
// to the NPM manager who decides and back to the expert, who reads the answer
// (issue 14). The Python side, tests/core/test_ui_request_tours.py, prepares
// the visit and checks the records and messages each tour leaves.

const REQUEST_FORM = ".o_form_view:has(.o_field_widget[name=decision_note])";

function openRequestForm() {
    return {
        content: "Open the expert's request",
        trigger: ".o_list_view .o_data_row .o_data_cell[name=partner_id]:contains(Tour Expert)",
        run: "click",
    };
}

function writeDecisionNote(text) {
    return {
        content: "Write the decision note",
        trigger: `${REQUEST_FORM} .o_field_widget[name=decision_note] textarea`,
        run: `edit ${text}`,
    };
}

function decided(stateLabel, text) {
    return [
        {
            content: `The request is ${stateLabel}`,
            trigger: `${REQUEST_FORM} .o_field_widget[name=state] .o_arrow_button_current:contains(${stateLabel})`,
        },
        {
            content: "The decision is recorded on the request",
            trigger: `${REQUEST_FORM} .o_field_widget[name=decided_by_id]:contains(Tour Manager)`,
        },
        {
            content: "The expert's answer is in the chatter",
            trigger: `.o-mail-Message:contains(${text})`,
        },
    ];
}

// 1. The expert opens the visit in the portal and asks to use its information.
registry.category("web_tour.tours").add("npm_expert_request_ask_tour", {
    url: "/my",
    steps: () => [
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
            content: "It is the visit to Tour Request Prison",
            trigger: ".o_npm_visit_place:contains(Tour Request Prison)",
        },
        {
            content: "Choose the purpose",
            trigger: ".o_npm_request_form select[name=purpose]",
            run: "select advocacy",
        },
        {
            content: "Describe the information and its use",
            trigger: ".o_npm_request_form textarea[name=description]",
            run: "edit Brief the parliament's committee on overcrowding.",
        },
        {
            content: "Ask to use the information",
            trigger: ".o_npm_request_form button.o_npm_request_submit",
            run: "click",
        },
        {
            content: "The request is sent",
            trigger: ".alert-success:contains(Your request has been sent to the NPM)",
        },
        {
            content: "It awaits the NPM's decision",
            trigger: ".o_npm_request_answer:contains(Awaiting the NPM's decision.)",
        },
        {
            trigger: ".o_npm_portal_request:contains(Brief the parliament's committee on overcrowding.)",
        },
    ],
});

// 2a. A manager finds the request through their activity and approves it
// with conditions.
registry.category("web_tour.tours").add("npm_manager_request_approve_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open my activities",
            trigger: ".o_menu_systray i[aria-label=Activities]",
            run: "click",
        },
        {
            content: "The request to decide is among them",
            trigger:
                ".o-mail-ActivityGroup[data-model_name='npm.info.use.request'] span:contains(Future)",
            run: "click",
        },
        {
            content: "The requests I am to decide",
            trigger: ".o_breadcrumb:contains(Request to Use Visit Information)",
        },
        openRequestForm(),
        writeDecisionNote("Only aggregated figures, no names."),
        {
            content: "Approve it",
            trigger: `${REQUEST_FORM} button[name=action_approve]`,
            run: "click",
        },
        {
            content: "Confirm: it writes a line in the release register",
            trigger: ".modal:contains(information release register) .modal-footer .btn-primary",
            run: "click",
        },
        ...decided("Approved", "The NPM approved your request"),
    ],
});

// 2b. A manager finds the request in the requests menu and rejects it,
// giving the reason.
registry.category("web_tour.tours").add("npm_manager_request_reject_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        {
            content: "Open the Confidentiality menu",
            trigger:
                ".o_main_navbar [data-menu-xmlid='npm_cso_cooperation.menu_npm_confidentiality']",
            run: "click",
        },
        {
            content: "Go to the requests to use information",
            trigger: "[data-menu-xmlid='npm_cso_cooperation.menu_npm_info_use_request']",
            run: "click",
        },
        {
            content: "The requests to decide",
            trigger: ".o_breadcrumb:contains(Requests to Use Information)",
        },
        openRequestForm(),
        writeDecisionNote("Names of detainees could be inferred."),
        {
            content: "Reject it",
            trigger: `${REQUEST_FORM} button[name=action_reject]`,
            run: "click",
        },
        ...decided("Rejected", "The NPM rejected your request"),
    ],
});

// 3. The expert reads the NPM's answer on their request in the portal.
function expertSeesTheAnswer(stateLabel, noteLabel, note) {
    return () => [
        {
            content: "Open my requests to use information",
            trigger: "a[href='/my/requests']:contains(Requests to Use Information)",
            run: "click",
        },
        {
            content: `The request is ${stateLabel}`,
            trigger: `tr:has(.o_npm_state:contains(${stateLabel})) a[href^='/my/requests/']`,
            run: "click",
        },
        {
            content: "The answer is on the request page",
            trigger: `.o_npm_request_answer:contains(${stateLabel})`,
        },
        {
            trigger: `.o_npm_request_answer:contains(${noteLabel})`,
        },
        {
            trigger: `.o_npm_request_answer:contains(${note})`,
        },
    ];
}

registry.category("web_tour.tours").add("npm_expert_request_approved_tour", {
    url: "/my",
    steps: expertSeesTheAnswer("Approved", "Conditions:", "Only aggregated figures, no names."),
});

registry.category("web_tour.tours").add("npm_expert_request_rejected_tour", {
    url: "/my",
    steps: expertSeesTheAnswer("Rejected", "Reason:", "Names of detainees could be inferred."),
});
