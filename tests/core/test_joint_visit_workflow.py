from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from tests.core.visit_common import TERMS, NpmVisitCase


class TestJointVisitWorkflow(NpmVisitCase):
    def test_visit_gets_a_yearly_reference(self):
        visit = self._visit()
        year = visit.date_start.year
        self.assertRegex(visit.name, rf"^JV/{year}/\d{{4}}$")
        self.assertNotEqual(self._visit().name, visit.name)

    def test_officer_prepares_agrees_confirms_and_closes_a_visit(self):
        visit = self._visit().with_user(self.officer)
        self._undertaking(self.cso_expert)
        visit.action_agree_terms()
        self.assertEqual(visit.state, "terms_agreed")
        self.assertEqual(visit.terms_agreed_by_id, self.officer)
        self.assertTrue(visit.terms_agreed_on)
        visit.action_confirm()
        self.assertEqual(visit.state, "confirmed")
        visit.action_done()
        self.assertEqual(visit.state, "done")
        visit.action_report()
        self.assertEqual(visit.state, "reported")
        visit.action_close()
        self.assertEqual(visit.state, "closed")

    def test_terms_cannot_be_agreed_while_one_is_empty(self):
        for term in TERMS:
            with self.subTest(term=term):
                visit = self._visit(**{term: "<p><br></p>"})
                label = visit._fields[term].string
                with self.assertRaisesRegex(UserError, label):
                    visit.with_user(self.officer).action_agree_terms()
                self.assertEqual(visit.state, "draft")

    def test_terms_need_a_head_of_delegation_on_the_npm_side(self):
        visit = self._visit()
        visit.member_ids.filtered(lambda m: m.role == "head").role = "member"
        with self.assertRaisesRegex(UserError, "no head of\\s+delegation"):
            visit.action_agree_terms()

    def test_a_cso_head_does_not_count_as_head_of_delegation(self):
        visit = self._visit()
        visit.member_ids.filtered(lambda m: m.role == "head").role = "member"
        visit.member_ids.filtered(lambda m: m.side == "cso").role = "head"
        with self.assertRaisesRegex(UserError, "NPM side"):
            visit.action_agree_terms()

    def test_two_npm_heads_are_refused(self):
        visit = self._visit()
        with self.assertRaisesRegex(ValidationError, "several heads"):
            visit.member_ids.filtered(lambda m: m.role == "member").role = "head"

    def test_confirm_names_the_cso_members_missing_an_undertaking(self):
        visit = self._visit(cso_partners=self.cso_expert | self.cso_colleague)
        self._undertaking(self.cso_colleague)
        visit.action_agree_terms()
        with self.assertRaises(UserError) as caught:
            visit.with_user(self.officer).action_confirm()
        message = str(caught.exception)
        self.assertIn(visit.name, message)
        self.assertIn(self.cso_expert.display_name, message)
        self.assertNotIn(self.cso_colleague.display_name, message)
        self.assertEqual(visit.state, "terms_agreed")

    def test_confirm_refuses_an_undertaking_signed_after_the_visit_starts(self):
        visit = self._visit(start=-2, end=-1)
        self._undertaking(self.cso_expert, signed=-1)
        visit.action_agree_terms()
        with self.assertRaisesRegex(UserError, "no confidentiality undertaking"):
            visit.action_confirm()

    def test_confirm_refuses_an_undertaking_expiring_during_the_visit(self):
        visit = self._visit(start=10, end=12)
        self._undertaking(self.cso_expert, expiry=11)
        visit.action_agree_terms()
        with self.assertRaisesRegex(UserError, "no confidentiality undertaking"):
            visit.action_confirm()

    def test_confirm_refuses_a_revoked_undertaking(self):
        visit = self._visit()
        self._undertaking(self.cso_expert).action_revoke(reason="Left the CSO")
        visit.action_agree_terms()
        with self.assertRaisesRegex(UserError, "no confidentiality undertaking"):
            visit.action_confirm()

    def test_confirm_refuses_an_undertaking_for_another_visit(self):
        visit = self._visit()
        other_visit = self._visit(start=20)
        self._undertaking(self.cso_expert, visit=other_visit)
        visit.action_agree_terms()
        with self.assertRaisesRegex(UserError, "no confidentiality undertaking"):
            visit.action_confirm()

    def test_confirm_accepts_an_undertaking_for_that_visit(self):
        visit = self._visit()
        self._undertaking(self.cso_expert, visit=visit, expiry=10)
        visit.action_agree_terms()
        visit.action_confirm()
        self.assertEqual(visit.state, "confirmed")

    def test_confirm_needs_agreed_terms(self):
        visit = self._visit()
        self._undertaking(self.cso_expert)
        with self.assertRaisesRegex(UserError, "must be terms agreed"):
            visit.action_confirm()

    def test_cancelled_visit_cannot_be_confirmed(self):
        visit = self._visit()
        self._undertaking(self.cso_expert)
        visit.action_agree_terms()
        visit.action_cancel()
        self.assertEqual(visit.state, "cancelled")
        with self.assertRaisesRegex(UserError, "cancelled and cannot be confirmed"):
            visit.action_confirm()

    def test_visit_that_took_place_cannot_be_cancelled(self):
        visit = self._confirmed_visit()
        visit.action_done()
        with self.assertRaisesRegex(UserError, "cannot\\s+be cancelled"):
            visit.action_cancel()

    def test_done_needs_a_confirmed_visit(self):
        visit = self._visit()
        with self.assertRaisesRegex(UserError, "must be confirmed"):
            visit.action_done()

    def test_end_before_start_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "ends .* before it starts"):
            self._visit(start=5, end=3)

    def test_cso_member_must_be_a_person_of_the_partnership_cso(self):
        with self.assertRaisesRegex(ValidationError, "is not a person of Test Watch"):
            self._visit(cso_partners=self.other_expert)

    def test_cso_person_cannot_sit_on_the_npm_side(self):
        visit = self._visit()
        with self.assertRaisesRegex(ValidationError, "add them on the\\s+CSO side"):
            visit.member_ids = [
                (0, 0, {"partner_id": self.cso_colleague.id, "side": "npm"})
            ]

    def test_same_person_twice_on_a_team_is_refused(self):
        visit = self._visit()
        with self.assertRaisesRegex(ValidationError, "twice"):
            visit.member_ids = [
                (0, 0, {"partner_id": self.cso_expert.id, "side": "cso"})
            ]

    def test_an_organisation_is_not_a_team_member(self):
        visit = self._visit()
        with self.assertRaisesRegex(ValidationError, "is an organisation"):
            visit.member_ids = [(0, 0, {"partner_id": self.cso.id, "side": "cso"})]

    def test_agreed_terms_are_frozen(self):
        visit = self._visit()
        visit.action_agree_terms()
        for term in TERMS:
            with (
                self.subTest(term=term),
                self.assertRaisesRegex(UserError, "back to draft"),
            ):
                visit.with_user(self.officer).write({term: "<p>Changed</p>"})
        with self.assertRaisesRegex(UserError, "back to draft"):
            visit.date_end = self._days(30)
        self.assertEqual(visit.roles_agreed, TERMS["roles_agreed"])

    def test_agreed_team_is_frozen(self):
        visit = self._visit()
        visit.action_agree_terms()
        with self.assertRaisesRegex(UserError, "team of .* was agreed"):
            visit.member_ids = [
                (0, 0, {"partner_id": self.cso_colleague.id, "side": "cso"})
            ]
        with self.assertRaisesRegex(UserError, "team of .* was agreed"):
            visit.member_ids[0].role = "observer"
        with self.assertRaisesRegex(UserError, "team of .* was agreed"):
            visit.member_ids[-1].unlink()

    def test_back_to_draft_voids_the_agreement_and_logs_it(self):
        visit = self._visit().with_context(tracking_disable=False)
        visit.with_user(self.officer).action_agree_terms()
        visit.with_user(self.officer2).action_reset_to_draft()
        self.assertEqual(visit.state, "draft")
        self.assertFalse(visit.terms_agreed_by_id)
        self.assertFalse(visit.terms_agreed_on)
        note = visit.message_ids.filtered(lambda m: "void" in (m.body or ""))
        self.assertTrue(note, "the voided agreement is not logged")
        self.assertIn(self.officer.name, note[0].body)
        self.assertEqual(note[0].author_id, self.officer2.partner_id)
        visit.roles_agreed = "<p>New roles</p>"
        visit.action_agree_terms()
        self.assertEqual(visit.state, "terms_agreed")

    def test_done_visit_cannot_go_back_to_draft(self):
        visit = self._confirmed_visit()
        visit.action_done()
        with self.assertRaisesRegex(UserError, "can go back to\\s+draft"):
            visit.action_reset_to_draft()

    def test_only_draft_or_cancelled_visits_are_deleted(self):
        visit = self._confirmed_visit(start=5)
        with self.assertRaisesRegex(UserError, "Cancel it instead"):
            visit.with_user(self.manager).unlink()
        draft = self._visit()
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_officer_cannot_delete_a_visit(self):
        with self.assertRaises(AccessError):
            self._visit().with_user(self.officer).unlink()

    def test_place_shows_its_visit_history(self):
        visit = self._visit()
        self.assertEqual(self.place.visit_count, 1)
        # a planned visit is not the last visit done (issue 14, see
        # test_rough_edges.test_last_visit_is_the_last_visit_done)
        self.assertFalse(self.place.last_visit_date)
        action = self.place.action_view_visits()
        self.assertEqual(self.env["npm.joint.visit"].search(action["domain"]), visit)

    def test_partner_forms_show_visits_and_undertakings(self):
        visit = self._visit()
        undertaking = self._undertaking(self.cso_expert)
        for partner in (self.cso, self.cso_expert):
            partner = partner.with_user(self.officer)
            self.assertEqual(partner.npm_visit_count, 1)
            self.assertEqual(partner.npm_undertaking_count, 1)
            visits = self.env["npm.joint.visit"].search(
                partner.action_view_npm_visits()["domain"]
            )
            self.assertEqual(visits, visit)
            undertakings = self.env["npm.confidentiality.undertaking"].search(
                partner.action_view_npm_undertakings()["domain"]
            )
            self.assertEqual(undertakings, undertaking)
        self.assertEqual(self.other_cso.with_user(self.officer).npm_visit_count, 0)

    def test_employee_outside_the_app_opens_a_contact_form(self):
        # the smart-button counts are for NPM staff only: computing them for
        # an employee without access to visits must not fail
        arch = (
            self.env["res.partner"]
            .with_user(self.employee)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("npm_visit_count", arch)
        self.cso.with_user(self.employee).read(["name", "is_cso"])

    def test_visit_form_proposes_the_cso_people_for_the_cso_side(self):
        with Form(self.env["npm.joint.visit"].with_user(self.officer)) as form:
            form.place_id = self.place
            form.partnership_id = self.partnership
            form.date_start = self._days(3)
            form.date_end = self._days(4)
            with form.member_ids.new() as line:
                line.partner_id = self.cleared.partner_id
                line.side = "npm"
                line.role = "head"
            with form.member_ids.new() as line:
                line.side = "cso"
                line.partner_id = self.cso_expert
        visit = form.record
        self.assertEqual(visit.cso_id, self.cso)
        self.assertEqual(visit.head_partner_id, self.cleared.partner_id)
        self.assertEqual(visit.head_user_id, self.cleared)

    def test_state_cannot_be_forced_by_writing_it(self):
        visit = self._visit()
        with self.assertRaisesRegex(UserError, "must be terms agreed"):
            visit.with_user(self.officer).state = "confirmed"
        visit.action_agree_terms()
        # the undertaking check holds whoever writes the state
        with self.assertRaisesRegex(UserError, "no confidentiality undertaking"):
            visit.with_user(self.manager).write({"state": "confirmed"})
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            visit.with_user(self.officer).terms_agreed_by_id = self.manager
        self.assertEqual(visit.state, "terms_agreed")
        self.assertEqual(visit.terms_agreed_by_id, self.env.user)

    def test_closed_visit_stays_closed(self):
        visit = self._confirmed_visit()
        for action in ("action_done", "action_report", "action_close"):
            getattr(visit, action)()
        for state in ("draft", "confirmed", "done", "cancelled"):
            with self.subTest(state=state), self.assertRaises(UserError):
                visit.state = state


class TestPartnershipVisitsButton(NpmVisitCase):
    def test_partnership_lists_its_visits(self):
        visit = self._visit()
        other = self._visit(partnership=self.other_partnership)
        partnership = self.partnership.with_user(self.officer)
        self.assertEqual(partnership.visit_count, 1)
        action = partnership.action_view_visits()
        self.assertEqual(self.env["npm.joint.visit"].search(action["domain"]), visit)
        self.assertNotIn(other, self.env["npm.joint.visit"].search(action["domain"]))
