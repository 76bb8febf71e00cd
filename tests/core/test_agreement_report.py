from odoo.exceptions import AccessError

from odoo.addons.base.models.ir_qweb import QWebException

from tests.agreement_common import AgreementCase

REPORT = "npm_cso_cooperation.npm_cso_agreement_report"


class TestAgreementReport(AgreementCase):
    def render(self, agreement, user):
        # A print request starts with an empty cache: values cached by the
        # records' creation must not let the report skip the access check.
        self.env.invalidate_all()
        html, report_type = (
            self.env["ir.actions.report"]
            .with_user(user)
            ._render_qweb_html(REPORT, agreement.ids)
        )
        self.assertEqual(report_type, "html")
        return html.decode()

    def test_report_shows_parties_objectives_modalities_safeguards_signatures(self):
        agreement = self.signed()
        html = self.render(agreement, self.officer)
        for text in (
            "MoU with Test Watch",
            agreement.reference,
            "Test Watch NGO",
            self.env.company.name,
            "Joint monitoring of police custody.",
            "The NPM plans every visit alone.",
            "Clause 1. The NPM decides alone.",
            "No access to case files.",
            "Signatures",
            "For the National Preventive Mechanism",
            "For the civil-society organisation",
        ):
            self.assertIn(text, html)
        for line in agreement.partnership_id.safeguard_line_ids:
            self.assertIn(line.name.replace("'", "&#39;"), html)
        self.assertNotIn("DRAFT", html)

    def test_unapproved_agreement_prints_as_a_draft(self):
        html = self.render(self.make_agreement(), self.officer)
        self.assertIn("DRAFT", html)

    def test_amendment_names_what_it_amends(self):
        original = self.signed()
        action = original.with_user(self.officer).action_create_amendment()
        html = self.render(self.Agreement.browse(action["res_id"]), self.officer2)
        self.assertIn("It amends and replaces", html)
        self.assertIn("Version", html)

    def test_report_is_in_the_print_menu_for_npm_staff(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.binding_model_id.model, "npm.cso.agreement")
        self.assertIn(
            self.env.ref("npm_cso_cooperation.group_npm_user"), report.groups_id
        )

    def test_outsiders_cannot_print_a_draft(self):
        agreement = self.make_agreement()
        for user in (self.portal_expert, self.employee):
            with (
                self.subTest(user=user.login),
                # QWeb wraps the AccessError it meets while rendering.
                # (portal experts may read their CSO's signed agreements, so
                # for them a draft is hidden by a record rule, not the ACL)
                self.assertRaisesRegex(
                    (AccessError, QWebException),
                    "not allowed to access|doesn't have 'read' access",
                ),
            ):
                self.render(agreement, user)
