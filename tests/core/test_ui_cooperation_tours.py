"""The main screens in a real browser (issue 7): Odoo tours in headless
Chromium, each run as the role that does the work, with the records they
leave checked here."""

from odoo.tests import HttpCase

from tests.core.visit_common import NpmVisitCase


class TestCooperationTours(NpmVisitCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Names the tours type into many2one fields: unique in the database.
        cls.manager.partner_id.name = "Tour Manager"
        cls.cso_expert.name = "Tour Expert"
        cls.tour_place = cls.env["npm.detention.place"].create(
            {"name": "Tour Central Prison", "place_type": "prison"}
        )
        cls.tour_partnership = cls.env["npm.cso.partnership"].create(
            {"name": "Tour partnership with Test Watch", "partner_id": cls.cso.id}
        )

    def test_officer_drafts_an_mou_and_a_manager_approves_it(self):
        self.start_tour("/odoo", "npm_officer_partnership_tour", login="t_officer")
        cso = self.env["res.partner"].search([("name", "=", "Prison Watch Tour NGO")])
        self.assertTrue(cso.is_cso)
        partnership = self.env["npm.cso.partnership"].search(
            [("partner_id", "=", cso.id)]
        )
        self.assertEqual(partnership.name, "Cooperation with Prison Watch Tour NGO")
        self.assertIn("Joint monitoring of prisons.", partnership.objectives)
        self.assertIn("The CSO brings legal experts", partnership.expectations)
        self.assertIn("Joint visits and training.", partnership.possibilities)
        self.assertIn("No access to the NPM's case files.", partnership.limits)
        self.assertEqual(partnership.create_uid, self.officer)

        # Only a manager confirms the independence safeguards (issue 3).
        partnership.with_user(self.manager).action_confirm_safeguards()

        self.start_tour(
            "/odoo/npm-partnerships", "npm_officer_mou_tour", login="t_officer"
        )
        mou = partnership.agreement_ids
        self.assertEqual(mou.agreement_type, "mou")
        self.assertEqual(mou.state, "to_approve")
        self.assertEqual(mou.submitted_by_id, self.officer)

        self.start_tour("/odoo", "npm_manager_approve_tour", login="t_manager")
        self.assertEqual(mou.state, "approved")
        self.assertEqual(mou.approved_by_id, self.manager)

    def test_manager_plans_a_visit_and_agrees_its_terms(self):
        self.start_tour(
            "/odoo/npm-joint-visits", "npm_manager_visit_tour", login="t_manager"
        )
        visit = self.env["npm.joint.visit"].search(
            [("place_id", "=", self.tour_place.id)]
        )
        self.assertEqual(visit.state, "terms_agreed")
        self.assertEqual(visit.partnership_id, self.tour_partnership)
        self.assertEqual(visit.terms_agreed_by_id, self.manager)
        self.assertEqual(visit.head_partner_id, self.manager.partner_id)
        self.assertEqual(
            visit.member_ids.filtered(lambda m: m.side == "cso").partner_id,
            self.cso_expert,
        )
        self.assertEqual((visit.date_end - visit.date_start).days, 1)
        self.assertIn(
            "Anonymised use after the NPM's report.", visit.information_use_terms
        )

    def test_expert_signs_the_undertaking_then_sees_the_visit(self):
        visit = self._visit(
            start=20,
            place_id=self.tour_place.id,
            information_use_terms="<p>Anonymised use after the NPM's report.</p>",
        )
        visit.action_agree_terms()
        undertaking = self.env["npm.confidentiality.undertaking"].create(
            {"partner_id": self.cso_expert.id, "scope": "general"}
        )
        Visit = self.env["npm.joint.visit"].with_user(self.portal_expert)
        self.assertFalse(Visit.search([]), "no visit before the signature")

        self.start_tour("/my", "npm_expert_portal_tour", login="t_portal")
        self.assertEqual(undertaking.state, "signed")
        self.assertEqual(undertaking.signed_by, "Tour Expert")
        self.assertTrue(undertaking.signed_copy)
        self.assertEqual(Visit.search([]), visit)
