import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An NPM officer registers a CSO from the app's registry.
registry.category("web_tour.tours").add("npm_cso_registry_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "npm_cso_cooperation.menu_npm_cso_root",
            "Open the NPM–CSO Cooperation app"
        ),
        {
            content: "The app opens on its overview",
            trigger: ".o_breadcrumb:contains(Overview)",
        },
        {
            content: "Go to the CSO registry",
            trigger: '.o_main_navbar [data-menu-xmlid="npm_cso_cooperation.menu_npm_cso_registry"]',
            run: "click",
        },
        {
            content: "The CSO registry",
            trigger: ".o_breadcrumb:contains(CSOs)",
        },
        {
            content: "Register a new CSO",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name it",
            trigger: ".o_field_widget[name=name] input",
            run: "edit Prison Reform Tour NGO",
        },
        {
            content: "Open the Cooperation tab",
            trigger: ".o_notebook .nav-link:contains(Cooperation)",
            run: "click",
        },
        {
            content: "Set its type",
            trigger: ".o_field_widget[name=cso_type] select",
            run: 'select "ngo"',
        },
        {
            content: "Describe its mandate",
            trigger: ".o_field_widget[name=cso_mandate] textarea",
            run: "edit Monitoring of prison conditions.",
        },
        ...stepUtils.saveForm(),
        {
            content: "Back to the registry",
            trigger: ".o_breadcrumb .o_back_button a, .o_breadcrumb a:contains(CSOs)",
            run: "click",
        },
        {
            content: "The new CSO is listed",
            trigger: ".o_list_view .o_data_cell:contains(Prison Reform Tour NGO)",
        },
    ],
});
