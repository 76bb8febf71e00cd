"""A request to use information in a real browser (issue 14): the CSO expert
asks in the portal, an NPM manager decides in the back office, the expert
reads the answer in the portal. Odoo tours in headless Chromium, each run as
the role that does the work, with what each leaves checked here."""

from odoo.tools import html2plaintext

from tests.common import NpmHttpCase
from tests.core.visit_common import NpmVisitCase

DECISION = "npm_cso_cooperation.mail_activity_type_info_use_decision"
MANAGER_GROUP = "npm_cso_cooperation.group_npm_manager"


class TestRequestTours(NpmVisitCase, NpmHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Names the tours look for: unique in the database.
        cls.manager.partner_id.name = "Tour Manager"
        cls.cso_expert.name = "Tour Expert"
        cls.tour_place = cls.env["npm.detention.place"].create(
            {"name": "Tour Request Prison", "place_type": "prison"}
        )
        # The expert is a CSO member of its team, covered by an undertaking
        # for this visit.
        cls.visit = cls._confirmed_visit(start=-5, end=-4, place_id=cls.tour_place.id)

    def _activities(self, request):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", request._name),
                ("res_id", "=", request.id),
                ("activity_type_id", "=", self.env.ref(DECISION).id),
            ]
        )

    def _ask_in_the_portal(self):
        """The expert asks; the managers, and only they, are to decide."""
        Request = self.env["npm.info.use.request"]
        self.assertFalse(Request.search([("visit_id", "=", self.visit.id)]))
        self.start_tour("/my", "npm_expert_request_ask_tour", login="t_portal")
        request = Request.search([("visit_id", "=", self.visit.id)])
        self.assertEqual(len(request), 1)
        self.assertEqual(request.state, "submitted")
        self.assertEqual(request.partner_id, self.cso_expert)
        self.assertEqual(request.purpose, "advocacy")
        self.assertEqual(
            request.description, "Brief the parliament's committee on overcrowding."
        )
        self.assertFalse(request.decided_by_id)
        assigned = self._activities(request).user_id
        self.assertLessEqual(self.manager | self.manager2, assigned)
        self.assertTrue(all(user.has_group(MANAGER_GROUP) for user in assigned))
        # Not the officers, not even those of the visit's team.
        for user in (self.officer, self.officer2, self.cleared):
            with self.subTest(user=user.login):
                self.assertNotIn(user, assigned)
        return request

    def _answer_to_the_expert(self, request):
        """The one message of the decision, addressed to the expert."""
        comment = self.env.ref("mail.mt_comment")
        message = request.message_ids.filtered(
            lambda m: m.subtype_id == comment and self.cso_expert in m.partner_ids
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertFalse(message.subtype_id.internal)
        notification = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "=", message.id),
                    ("res_partner_id", "=", self.cso_expert.id),
                ]
            )
        )
        self.assertEqual(notification.notification_type, "email")
        # The expert may read it on their request.
        self.assertEqual(
            self.env["mail.message"]
            .with_user(self.portal_expert)
            .search([("id", "=", message.id)]),
            message,
        )
        return html2plaintext(message.body)

    def _released(self, request):
        return [("res_model", "=", request._name), ("res_id", "=", request.id)]

    def _decided(self, request, state, note):
        self.assertEqual(request.state, state)
        self.assertEqual(request.decided_by_id, self.manager)
        self.assertTrue(request.decided_on)
        self.assertEqual(request.decision_note, note)
        # Every manager's *Decide on request* activity is closed.
        self.assertFalse(self._activities(request))

    def test_expert_asks_manager_approves_with_conditions_expert_sees_it(self):
        request = self._ask_in_the_portal()

        # Found through the manager's own activity.
        self.start_tour("/odoo", "npm_manager_request_approve_tour", login="t_manager")
        self._decided(request, "approved", "Only aggregated figures, no names.")
        text = self._answer_to_the_expert(request)
        self.assertIn("The NPM approved your request", text)
        self.assertIn("Conditions:", text)
        self.assertIn("Only aggregated figures, no names.", text)
        release = self.env["npm.information.release"].search(self._released(request))
        self.assertEqual(len(release), 1, "the approval is in the release register")
        self.assertEqual(release.partner_id, self.cso_expert)

        self.start_tour("/my", "npm_expert_request_approved_tour", login="t_portal")

    def test_expert_asks_manager_rejects_with_a_reason_expert_sees_it(self):
        request = self._ask_in_the_portal()

        # Found in the requests menu.
        self.start_tour("/odoo", "npm_manager_request_reject_tour", login="t_manager")
        self._decided(request, "rejected", "Names of detainees could be inferred.")
        text = self._answer_to_the_expert(request)
        self.assertIn("The NPM rejected your request", text)
        self.assertIn("Reason:", text)
        self.assertIn("Names of detainees could be inferred.", text)
        self.assertFalse(
            self.env["npm.information.release"].search(self._released(request)),
            "nothing is released on a rejection",
        )

        self.start_tour("/my", "npm_expert_request_rejected_tour", login="t_portal")
