"""Printing without wkhtmltopdf, in a real browser: the web client shows the
app's plain message (Odoo's own shows its HTML markup as text)."""

from unittest.mock import patch

from odoo.tests import HttpCase

from odoo.addons.base.models.ir_actions_report import IrActionsReport

from tests.agreement_common import AgreementCase


class TestPrintWithoutPdfTour(AgreementCase, HttpCase):
    def test_officer_prints_an_agreement_without_wkhtmltopdf(self):
        agreement = self.make_agreement()
        with patch.object(
            IrActionsReport, "get_wkhtmltopdf_state", return_value="install"
        ):
            self.start_tour(
                f"/odoo/action-npm_cso_cooperation.npm_cso_agreement_action/{agreement.id}",
                "npm_print_without_pdf_tour",
                login="t_officer",
            )
