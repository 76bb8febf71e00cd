import { registry } from "@web/core/registry";

// The CSO expert reads the NPM's new data-protection notice and acknowledges
// it in the portal (issue 17). tests/core/test_ui_data_protection_tours.py
// publishes the new version and checks the acknowledgment the tour leaves.
registry.category("web_tour.tours").add("npm_expert_data_protection_tour", {
    url: "/my",
    steps: () => [
        {
            content: "The banner asks to read the new notice",
            trigger: ".o_npm_data_protection_banner a.o_npm_data_protection_read",
            run: "click",
        },
        {
            content: "The notice is the new version",
            trigger: ".o_npm_data_protection_notice:contains(what we protect)",
        },
        {
            content: "Tick that it was read and understood",
            trigger: ".o_npm_acknowledge_form input[name=read_and_understood]",
            run: "check",
        },
        {
            content: "Confirm",
            trigger: ".o_npm_acknowledge_form button.o_npm_acknowledge",
            run: "click",
        },
        {
            content: "The acknowledgment is recorded",
            trigger: ".o_npm_acknowledged",
        },
        {
            content: "The notice says it was acknowledged",
            trigger: ".o_npm_data_protection_notice .o_npm_acknowledgment",
        },
        {
            content: "No banner any more",
            trigger: "body:not(:has(.o_npm_data_protection_banner))",
        },
    ],
});
