"""The app's documents as PDF files: the signed undertaking and the agreement.

Odoo's test mode renders every PDF report as HTML; these tests ask for the
real rendering (``force_report_rendering``), so they need wkhtmltopdf, and
``pdftotext`` (Debian's poppler-utils) to read the text back. Both are
installed by ``scripts/test``; without them the tests fail, they are not
skipped.
"""

import base64
import io
import shutil
import subprocess
from unittest.mock import patch

from PIL import Image

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date
from odoo.tools.translate import code_translations

from odoo.addons.base.models.ir_actions_report import IrActionsReport
from odoo.addons.base.models.ir_qweb import QWebException

from tests.agreement_common import AgreementCase

AGREEMENT_REPORT = "npm_cso_cooperation.npm_cso_agreement_report"
UNDERTAKING_REPORT = "npm_cso_cooperation.npm_undertaking_signed_copy_report"
STATE_FUNCTION = "get_wkhtmltopdf_state"
# QWeb wraps the AccessError it meets while rendering.
REFUSED = r"(?i)access|may not read"


def _signature_png():
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def _pdf_tool(name, pdf, *args):
    """Run a poppler tool on ``pdf`` (bytes) and return its output."""
    return subprocess.run(
        [name, *args, "-", "-"] if name == "pdftotext" else [name, *args, "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout.decode()


def _no_pdf(state="install"):
    """This server without a working wkhtmltopdf."""
    return patch.object(IrActionsReport, STATE_FUNCTION, return_value=state)


class TestPdfReports(AgreementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        missing = [
            tool
            for tool in ("wkhtmltopdf", "pdftotext", "pdfimages")
            if not shutil.which(tool)
        ]
        if missing:
            raise AssertionError(
                f"{', '.join(missing)} missing: install Debian's wkhtmltopdf and "
                "poppler-utils (scripts/test does)"
            )
        cls.company = cls.env.company
        cls.company.partner_id.write(
            {"street": "17 Rue des Droits", "zip": "1040", "city": "Testville"}
        )

    def setUp(self):
        super().setUp()
        self.assertIn(
            self.env["ir.actions.report"].get_wkhtmltopdf_state(),
            ("ok", "upgrade"),
            "wkhtmltopdf cannot render PDF files on this machine",
        )

    def render_pdf(self, report, records, user):
        self.env.invalidate_all()
        pdf, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_type, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "a real PDF file")
        return pdf

    def text(self, pdf):
        # The text of every page, whitespace normalised.
        return " ".join(_pdf_tool("pdftotext", pdf).split())

    # The signed undertaking ------------------------------------------------

    def test_signed_undertaking_is_kept_as_a_pdf(self):
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        undertaking.with_context(force_report_rendering=True)._portal_sign(
            self.cso_expert, "E. Expert (typed)", _signature_png()
        )
        self.assertEqual(undertaking.state, "signed")
        self.assertTrue(undertaking.signed_copy_filename.endswith("_signed.pdf"))
        pdf = base64.b64decode(undertaking.signed_copy)
        self.assertTrue(pdf.startswith(b"%PDF"))
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", undertaking._name),
                ("res_id", "=", undertaking.id),
                ("res_field", "=", "signed_copy"),
            ]
        )
        self.assertEqual(attachment.mimetype, "application/pdf")

        text = self.text(pdf)
        signed_on = fields.Datetime.context_timestamp(
            undertaking, undertaking.signed_on
        )
        for expected in (
            "Confidentiality Undertaking",
            "I, the undersigned, Expert of Test Watch, of Test Watch NGO",  # the person
            "Signed by E. Expert (typed)",  # the name they typed
            undertaking.display_name,  # the reference
            format_date(self.env, signed_on.date()),
            self.company.name,
            "17 Rue des Droits",
            "Testville",
            "to keep confidential everything I learn",
        ):
            self.assertIn(expected, text)
        images = _pdf_tool("pdfimages", pdf, "-list").splitlines()[2:]
        self.assertTrue(images, "the signature image is in the file")

    def test_signed_copy_is_read_only_by_its_readers(self):
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        undertaking._portal_sign(
            self.cso_expert, "Expert of Test Watch", _signature_png()
        )
        self.render_pdf(UNDERTAKING_REPORT, undertaking, self.officer)
        for user in (self.other_portal_expert, self.employee):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex((AccessError, QWebException), REFUSED),
            ):
                self.render_pdf(UNDERTAKING_REPORT, undertaking, user)

    def test_signing_without_pdf_keeps_an_html_copy(self):
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        with (
            _no_pdf(),
            self.assertLogs(
                "odoo.addons.npm_cso_cooperation.models.confidentiality_undertaking",
                "WARNING",
            ) as logs,
        ):
            undertaking.with_context(force_report_rendering=True)._portal_sign(
                self.cso_expert, "Expert of Test Watch", _signature_png()
            )
        self.assertEqual(undertaking.state, "signed", "the signature is not lost")
        self.assertTrue(undertaking.signed_copy_filename.endswith("_signed.html"))
        self.assertIn(
            "Expert of Test Watch", base64.b64decode(undertaking.signed_copy).decode()
        )
        self.assertNotIn(
            "Expert of Test Watch", "".join(logs.output), "no name in the log"
        )

    # The agreement ---------------------------------------------------------

    def test_agreement_pdf_says_what_the_paper_is_worth(self):
        draft = self.make_agreement(name="Draft MoU")
        submitted = self.submitted(self.make_agreement(name="Submitted MoU"))
        approved = self.approved(self.make_agreement(name="Approved MoU"))
        signed = self.signed(name="Signed MoU")
        signed_on = format_date(self.env, signed.date_signed)
        cases = (
            (
                draft,
                "DRAFT – this text is not approved and binds nobody.",
                ("APPROVED", "SIGNED"),
            ),
            (
                submitted,
                "DRAFT – this text is not approved and binds nobody.",
                ("APPROVED", "SIGNED"),
            ),
            (approved, "APPROVED, NOT YET SIGNED", ("DRAFT",)),
            (signed, f"SIGNED on {signed_on}", ("DRAFT", "NOT YET SIGNED")),
        )
        for agreement, status, absent in cases:
            with self.subTest(state=agreement.state):
                text = self.text(
                    self.render_pdf(AGREEMENT_REPORT, agreement, self.officer)
                )
                self.assertIn(status, text)
                for word in absent:
                    self.assertNotIn(word, text)
                self.assertIn(agreement.name, text)
                # The NPM's own name and address, from its company.
                for expected in (
                    self.company.name,
                    "17 Rue des Droits",
                    "Testville",
                    "1040",
                ):
                    self.assertIn(expected, text)
                self.assertIn("Test Watch NGO", text)

    def test_outsiders_cannot_print_the_agreement_pdf(self):
        agreement = self.make_agreement()
        for user in (self.portal_expert, self.employee):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex((AccessError, QWebException), REFUSED),
            ):
                self.render_pdf(AGREEMENT_REPORT, agreement, user)

    # Without wkhtmltopdf ---------------------------------------------------

    def test_without_wkhtmltopdf_the_message_is_plain_text(self):
        reports = self.env["ir.actions.report"].with_user(self.officer)
        for state in ("ok", "upgrade"):
            with self.subTest(state=state), _no_pdf(state):
                self.assertFalse(reports.npm_pdf_unavailable_message())
        for state, reason in (
            ("install", "is not installed"),
            ("broken", "does not work"),
            ("workers", "single worker"),
        ):
            with self.subTest(state=state), _no_pdf(state):
                message = reports.npm_pdf_unavailable_message()
                self.assertIn("This server cannot create PDF files", message)
                self.assertIn(reason, message)
                self.assertIn("Ask your administrator", message)
                self.assertNotIn("<", message, "no markup")

    def test_without_wkhtmltopdf_printing_says_so_plainly(self):
        agreement = self.make_agreement()
        for user in (self.officer, self.manager):
            with (
                self.subTest(user=user.login),
                _no_pdf(),
                self.assertRaisesRegex(
                    UserError, r"^This server cannot create PDF files: wkhtmltopdf"
                ) as caught,
            ):
                self.render_pdf(AGREEMENT_REPORT, agreement, user)
            self.assertNotIn("<", caught.exception.args[0])

    def test_the_message_is_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        source = (
            "This server cannot create PDF files: wkhtmltopdf, the program Odoo "
            "creates them with, is not installed. Ask your administrator to "
            "install it."
        )
        french = "Ce serveur ne peut pas créer de fichiers PDF."
        original = code_translations.get_python_translations

        def translations(module, lang):
            if (module, lang) == ("npm_cso_cooperation", "fr_FR"):
                return {source: french}
            return original(module, lang)

        reports = self.env["ir.actions.report"].with_user(self.officer)
        with (
            _no_pdf(),
            patch.object(
                code_translations, "get_python_translations", side_effect=translations
            ),
        ):
            self.assertEqual(reports.npm_pdf_unavailable_message(), source)
            self.assertEqual(
                reports.with_context(lang="fr_FR").npm_pdf_unavailable_message(), french
            )
