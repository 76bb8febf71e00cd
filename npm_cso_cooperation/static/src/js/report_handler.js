/** @odoo-module */
// The app's PDF reports when the server cannot make PDF files: a plain,
// translated message (Odoo's own shows its HTML markup as text), then the
// document in the browser, as Odoo does.
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";

const APP_REPORT_PREFIX = "npm_cso_cooperation";

async function npmPdfUnavailableHandler(action, options, env) {
    if (
        action.report_type !== "qweb-pdf" ||
        !(action.report_name || "").startsWith(APP_REPORT_PREFIX)
    ) {
        return false;
    }
    const message = await env.services.orm.call(
        "ir.actions.report",
        "npm_pdf_unavailable_message",
        []
    );
    if (!message) {
        return false;
    }
    env.services.notification.add(message, {
        title: _t("No PDF: the document is shown in the browser"),
        type: "warning",
        sticky: true,
    });
    await env.services.action.doAction({ ...action, report_type: "qweb-html" }, options);
    return true;
}

registry
    .category("ir.actions.report handlers")
    .add("npm_cso_cooperation_pdf_unavailable", npmPdfUnavailableHandler);
