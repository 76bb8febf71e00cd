"""The overview in a real browser (issue 14): an officer and a manager land
on it, read their tiles and open one."""

from datetime import timedelta

from odoo.tests import HttpCase

from tests.agreement_common import AgreementCase
from tests.core.visit_common import NpmVisitCase


class TestOverviewTours(NpmVisitCase, AgreementCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        place = cls.env["npm.detention.place"].create(
            {"name": "Overview Tour Prison", "place_type": "prison"}
        )
        # planned, terms not agreed: not ready
        cls.visit = cls._visit(start=10, place_id=place.id)
        urgent_visit = cls._confirmed_visit(start=-1, end=0)
        cls.env["npm.visit.finding"].with_user(cls.officer).create(
            {
                "visit_id": urgent_visit.id,
                "name": "Overview tour urgent finding",
                "sensitivity": "confidential",
                "is_urgent": True,
            }
        )

    def test_officer_lands_on_the_overview_and_opens_a_tile(self):
        self.assertFalse(self.visit.is_ready)
        self.start_tour("/odoo", "npm_overview_officer_tour", login="t_officer")

    def test_manager_opens_the_agreements_to_decide(self):
        agreement = self.submitted(
            self.make_agreement(
                name="Overview Tour MoU", date_end=self.today + timedelta(days=365)
            )
        )
        self.assertEqual(agreement.state, "to_approve")
        self.start_tour("/odoo", "npm_overview_manager_tour", login="t_manager")
