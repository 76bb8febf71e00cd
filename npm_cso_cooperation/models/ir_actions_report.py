# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import UserError

# The app's reports and its bridges' (report names start with the module's).
APP_REPORT_PREFIX = "npm_cso_cooperation"


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def npm_pdf_unavailable_message(self):
        """Why this server cannot make PDF files, in plain text in the user's
        language, or ``False`` when it can.

        Odoo's own messages carry HTML markup that its web client shows as
        text; the app's reports show this one instead (see
        ``static/src/js/report_handler.js``). It names no record.
        """
        state = self.get_wkhtmltopdf_state()
        if state in ("ok", "upgrade"):
            return False
        if state == "workers":
            return self.env._(
                "This server cannot create PDF files while Odoo runs with a "
                "single worker. Ask your administrator to start Odoo with at "
                "least two workers."
            )
        if state == "broken":
            return self.env._(
                "This server cannot create PDF files: wkhtmltopdf, the program "
                "Odoo creates them with, does not work. Ask your administrator "
                "to reinstall it."
            )
        return self.env._(
            "This server cannot create PDF files: wkhtmltopdf, the program Odoo "
            "creates them with, is not installed. Ask your administrator to "
            "install it."
        )

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        # Where Odoo would fail with a technical error (or none), the app's
        # reports say plainly why no PDF can be made.
        report = self._get_report(report_ref)
        if (report.report_name or "").startswith(APP_REPORT_PREFIX):
            message = self.npm_pdf_unavailable_message()
            if message:
                raise UserError(message)
        return super()._render_qweb_pdf_prepare_streams(
            report_ref, data, res_ids=res_ids
        )
