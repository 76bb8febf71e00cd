import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The overview NPM staff land on (issue 14). The Python side,
// tests/core/test_ui_overview_tours.py, prepares the records the tiles count.

function tile(name) {
    return `.o_kanban_view .o_kanban_record:contains(${name})`;
}

function landsOnTheOverview() {
    return [
        {
            content: "NPM staff land on the overview (their home action)",
            trigger: ".o_breadcrumb:contains(Overview)",
        },
        {
            content: "The overview belongs to the app",
            trigger: ".o_main_navbar .o_menu_brand:contains(NPM–CSO Cooperation)",
        },
    ];
}

// An officer: the tiles of their role, none of the managers'; opens the
// upcoming visits and sees which one is not ready.
registry.category("web_tour.tours").add("npm_overview_officer_tour", {
    url: "/odoo",
    steps: () => [
        ...landsOnTheOverview(),
        {
            content: "The urgent actions open, counted",
            trigger: `${tile("Urgent actions open")} .o_npm_overview_count`,
        },
        {
            content: "No tile for managers' decisions",
            trigger:
                ".o_kanban_view:has(.o_kanban_record:contains(Upcoming joint visits))" +
                ":not(:has(.o_kanban_record:contains(Agreements to decide)))",
        },
        {
            content: "One upcoming visit is not ready",
            trigger: `${tile("Upcoming joint visits")} .o_npm_overview_alert:contains(not ready)`,
        },
        {
            content: "Open the upcoming visits",
            trigger: tile("Upcoming joint visits"),
            run: "click",
        },
        {
            content: "The list of the visits the tile counts",
            trigger: ".o_breadcrumb:contains(Upcoming joint visits)",
        },
        {
            content: "The visit to prepare is listed",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains(Overview Tour Prison)",
        },
        {
            content: "Back to the overview",
            trigger: ".o_breadcrumb a:contains(Overview)",
            run: "click",
        },
        {
            content: "The overview again",
            trigger: tile("Agreements due for renewal"),
        },
    ],
});

// A manager: the agreement a colleague submitted waits for their decision.
registry.category("web_tour.tours").add("npm_overview_manager_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        ...landsOnTheOverview(),
        {
            content: "Requests to use information have their tile",
            trigger: tile("Requests to use information"),
        },
        {
            content: "Open the agreements waiting for my decision",
            trigger: tile("Agreements to decide"),
            run: "click",
        },
        {
            content: "The agreement a colleague submitted",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains(Overview Tour MoU)",
            run: "click",
        },
        {
            content: "The manager may decide",
            trigger: ".o_form_view button[name=action_approve]",
        },
    ],
});
