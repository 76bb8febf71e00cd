from odoo.exceptions import AccessError, UserError

from tests.core.visit_common import NpmVisitCase


class TestInfoUseRequests(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.visit.action_done()
        cls.Request = cls.env["npm.info.use.request"]

    def _ask(self, user=None, visit=None, **vals):
        Request = self.Request.with_user(user or self.portal_expert)
        return Request.create(
            {
                "visit_id": (visit or self.visit).id,
                "purpose": "report",
                "description": "Quote the overcrowding figures in our report.",
                **vals,
            }
        )

    def test_covered_member_asks_from_the_portal(self):
        request = self._ask()
        self.assertEqual(request.partner_id, self.cso_expert)
        self.assertEqual(request.state, "submitted")
        self.assertRegex(request.name, r"^IUR/\d{4}/\d{4}$")
        values = request.with_user(self.portal_expert).read(
            ["state", "information_use_terms"]
        )[0]
        self.assertIn("Anonymised use", values["information_use_terms"])

    def test_visit_counts_and_opens_its_requests(self):
        other_visit = self._confirmed_visit(start=-3)
        request = self._ask()
        self._ask(visit=other_visit)
        visit = self.visit.with_user(self.officer)
        self.assertEqual(visit.info_use_request_count, 1)
        action = visit.action_view_info_use_requests()
        self.assertEqual(self.Request.search(action["domain"]), request)

    def test_expert_who_was_not_on_the_team_is_refused(self):
        self._undertaking(self.cso_colleague)
        colleague_user = self._new_user(
            "t_colleague", "base.group_portal", partner=self.cso_colleague
        )
        with self.assertRaisesRegex(UserError, "was not a CSO member"):
            self._ask(user=colleague_user)

    def test_expert_of_another_cso_is_refused(self):
        self._undertaking(self.other_expert)
        with self.assertRaisesRegex(UserError, "was not a CSO member"):
            self._ask(user=self.other_portal_expert)

    def test_member_whose_undertaking_was_revoked_is_refused(self):
        self.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", self.cso_expert.id)]
        ).action_revoke(reason="Breach")
        with self.assertRaisesRegex(UserError, "no valid confidentiality"):
            self._ask()

    def test_expert_cannot_ask_in_someone_elses_name(self):
        self._undertaking(self.cso_colleague)
        visit = self._confirmed_visit(
            start=-3, cso_partners=self.cso_expert | self.cso_colleague
        )
        with self.assertRaises(AccessError):
            self._ask(visit=visit, partner_id=self.cso_colleague.id)

    def test_expert_cannot_create_an_approved_request(self):
        request = self._ask(state="approved")
        self.assertEqual(request.state, "submitted")

    def test_officer_records_a_request_on_behalf_of_an_eligible_expert(self):
        request = self._ask(user=self.officer, partner_id=self.cso_expert.id)
        self.assertEqual(request.partner_id, self.cso_expert)
        with self.assertRaisesRegex(UserError, "was not a CSO member"):
            self._ask(user=self.officer)  # defaults to the officer: not a member

    def test_expert_reads_own_requests_only(self):
        mine = self._ask()
        self._undertaking(self.cso_colleague)
        visit = self._confirmed_visit(
            start=-3, cso_partners=self.cso_expert | self.cso_colleague
        )
        colleague_user = self._new_user(
            "t_colleague", "base.group_portal", partner=self.cso_colleague
        )
        theirs = self._ask(user=colleague_user, visit=visit)
        Request = self.Request.with_user(self.portal_expert)
        self.assertEqual(Request.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_expert).read(["description"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_expert).write({"description": "changed"})

    def test_manager_approves_and_the_register_records_it(self):
        request = self._ask()
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decided_by_id, self.manager)
        line = self.env["npm.information.release"].search(
            [("res_model", "=", request._name), ("res_id", "=", request.id)]
        )
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.cso_expert)
        self.assertEqual(line.released_by_id, self.manager)
        self.assertEqual(line.release_type, "info_use_approved")
        self.assertEqual(line.visit_id, self.visit)

    def test_manager_rejects_and_nothing_is_released(self):
        request = self._ask()
        request.with_user(self.manager).action_reject()
        self.assertEqual(request.state, "rejected")
        self.assertFalse(
            self.env["npm.information.release"].search(
                [("res_model", "=", request._name), ("res_id", "=", request.id)]
            )
        )

    def test_only_managers_decide(self):
        request = self._ask()
        for user in (self.officer, self.cleared, self.portal_expert):
            for action in ("action_approve", "action_reject"):
                with (
                    self.subTest(user=user.login, action=action),
                    self.assertRaises(AccessError),
                ):
                    getattr(request.with_user(user), action)()
        self.assertEqual(request.state, "submitted")

    def test_decided_request_is_not_decided_again_nor_rewritten(self):
        request = self._ask()
        request.with_user(self.manager).action_reject()
        with self.assertRaisesRegex(UserError, "already been decided"):
            request.with_user(self.manager).action_approve()
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            request.with_user(self.manager).description = "Something else"
        with self.assertRaisesRegex(UserError, "kept as a record"):
            request.with_user(self.manager).unlink()

    def test_writing_the_state_decides_like_the_buttons(self):
        request = self._ask()
        with self.assertRaises(AccessError):
            request.with_user(self.officer).state = "approved"
        request.with_user(self.manager).state = "approved"
        self.assertEqual(request.decided_by_id, self.manager)
        self.assertTrue(
            self.env["npm.information.release"].search(
                [("res_model", "=", request._name), ("res_id", "=", request.id)]
            ),
            "an approval must always be written in the register",
        )
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            request.with_user(self.manager).decided_by_id = self.manager2

    def test_expert_cannot_forge_the_decision(self):
        request = self._ask(
            decided_by_id=self.manager.id, decision_note="Approved by phone"
        )
        self.assertFalse(request.decided_by_id)
        self.assertFalse(request.decision_note)
