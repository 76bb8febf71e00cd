import { registry } from "@web/core/registry";

// An officer prints an agreement on a server that cannot make PDF files
// (tests/core/test_ui_pdf_reports.py patches wkhtmltopdf's state): a plain
// message, no markup, then the document in the browser.
registry.category("web_tour.tours").add("npm_print_without_pdf_tour", {
    steps: () => [
        {
            content: "Open the actions menu of the agreement",
            trigger: ".o_form_view .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Print the agreement",
            trigger: ".o_menu_item:contains(Agreement)",
            run: "click",
        },
        {
            content: "A plain message says why there is no PDF",
            trigger: ".o_notification:contains(This server cannot create PDF files)",
            run() {
                const notification = document.querySelector(".o_notification");
                const text = notification.textContent;
                if (text.includes("<") || notification.querySelector("a")) {
                    throw new Error(`The message shows markup: ${text}`);
                }
                if (!text.includes("Ask your administrator")) {
                    throw new Error(`The message says nothing to do: ${text}`);
                }
            },
        },
        {
            content: "The document is shown in the browser instead",
            trigger: ".o_action iframe[src*='/report/html/npm_cso_cooperation.report_npm_cso_agreement/']",
        },
    ],
});
