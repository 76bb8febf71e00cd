"""Issue 18: the portal and the back office in their users' languages, in a
real browser. The tours wait for the French and Spanish labels (the
translations of npm_cso_cooperation, with Odoo's own for web and portal), so a
screen left in English fails them."""

from odoo.tests import HttpCase
from odoo.tools import html2plaintext

from tests.agreement_common import AgreementCase
from tests.common import MODULE
from tests.i18n_common import load_translations, translation


class TestI18nTours(AgreementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_translations(cls.env, ["web", "portal", MODULE])

    def test_expert_signs_an_undertaking_in_french(self):
        self.portal_expert.lang = "fr_FR"
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        self.start_tour("/my", "npm_expert_sign_in_french_tour", login="t_portal")
        self.assertEqual(undertaking.state, "signed")
        self.assertEqual(undertaking.signed_by, self.cso_expert.name)
        self.assertTrue(undertaking.signed_copy)

    def test_manager_approves_an_agreement_in_spanish(self):
        self.manager.lang = "es_ES"
        agreement = self.submitted(self.make_agreement(name="MoU in Spanish"))
        self.assertEqual(agreement.state, "to_approve")
        # the officer submitted in English; the manager's activity is Spanish
        activity = agreement.activity_ids.filtered(lambda a: a.user_id == self.manager)
        self.assertEqual(
            activity.summary,
            translation(MODULE, "es_ES", "Approve or reject the agreement"),
        )
        self.assertIn(
            translation(
                MODULE,
                "es_ES",
                "%(user)s asks you to approve or reject this agreement.",
            ).replace("%(user)s", ""),
            html2plaintext(activity.note),
        )
        self.start_tour(
            "/odoo", "npm_manager_approve_in_spanish_tour", login="t_manager"
        )
        self.assertEqual(agreement.state, "approved")
        self.assertEqual(agreement.approved_by_id, self.manager)
