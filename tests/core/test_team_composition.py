"""Team composition (issue 15): what a joint-visit team needs for its place
(areas of expertise, a woman), and a manager's reason to go ahead without it.
Each rule is tried by the role that would try it."""

from odoo import Command
from odoo.exceptions import AccessError, UserError

from tests.core.visit_common import NpmVisitCase

XMLID = "npm_cso_cooperation.%s"


class TestTeamComposition(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.medical = cls.env.ref(XMLID % "cso_expertise_medical")
        cls.mental_health = cls.env.ref(XMLID % "cso_expertise_mental_health")
        cls.juvenile_justice = cls.env.ref(XMLID % "cso_expertise_juvenile_justice")
        cls.child_rights = cls.env.ref(XMLID % "cso_expertise_child_rights")
        cls.legal = cls.env.ref(XMLID % "cso_expertise_legal")
        cls.psychiatric = cls.env["npm.detention.place"].create(
            {"name": "Hillside Psychiatric Hospital", "place_type": "psychiatric"}
        )
        cls.women_prison = cls.env["npm.detention.place"].create(
            {
                "name": "Eastgate Women's Prison",
                "place_type": "prison",
                "population": "women",
            }
        )
        cls.requirement = cls.env.ref(XMLID % "team_requirement_psychiatric")

    def _agreed(self, place, **vals):
        """A visit to ``place`` with the terms agreed and its CSO member
        covered: only the team composition may stop its confirmation."""
        visit = self._visit(start=5, place_id=place.id, **vals)
        self._undertaking(self.cso_expert, signed=-5, visit=visit)
        visit.with_user(self.officer).action_agree_terms()
        return visit

    def _cso_line(self, visit):
        return visit.member_ids.filtered(lambda m: m.side == "cso")

    # -- the requirements ---------------------------------------------------

    def test_default_requirements(self):
        Requirement = self.env["npm.team.requirement"]
        self.assertEqual(
            self.requirement.expertise_ids, self.medical | self.mental_health
        )
        juvenile = Requirement.search([("place_type", "=", "juvenile")])
        self.assertEqual(
            juvenile.expertise_ids, self.juvenile_justice | self.child_rights
        )
        # shared by every company; prisons, police stations and pre-trial
        # centres (the places of the other tests) ask for nothing by default
        self.assertFalse(self.requirement.company_id)
        self.assertFalse(
            Requirement.search(
                [("place_type", "in", ("prison", "police", "pretrial", "other"))]
            )
        )
        self.assertEqual(self.requirement.display_name, "Psychiatric Institution")

    def test_officer_reads_requirements_but_cannot_write_them(self):
        as_officer = self.requirement.with_user(self.officer)
        self.assertEqual(as_officer.read(["women_required"])[0]["women_required"], 0)
        with self.assertRaises(AccessError):
            as_officer.write({"women_required": True})
        with self.assertRaises(AccessError):
            self.env["npm.team.requirement"].with_user(self.officer).create(
                {"place_type": "police", "women_required": True}
            )
        with self.assertRaises(AccessError):
            as_officer.unlink()
        self.assertFalse(self.requirement.women_required)

    def test_manager_maintains_requirements(self):
        as_manager = self.requirement.with_user(self.manager)
        as_manager.write({"women_required": True})
        self.assertTrue(self.requirement.women_required)
        created = (
            self.env["npm.team.requirement"]
            .with_user(self.manager)
            .create({"place_type": "police", "expertise_ids": [self.legal.id]})
        )
        self.assertEqual(created.company_id, self.env.company)
        created.unlink()
        self.assertFalse(created.exists())

    def test_portal_and_employee_cannot_read_requirements(self):
        for user in (self.portal_expert, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.requirement.with_user(user).read(["place_type"])

    # -- the team lines -------------------------------------------------------

    def test_expertise_defaults_from_the_person(self):
        self.cso_colleague.cso_expertise_ids = self.medical | self.legal
        visit = self._visit(start=5, cso_partners=self.cso_colleague)
        line = self._cso_line(visit)
        self.assertEqual(line.expertise_ids, self.medical | self.legal)
        # changed for this visit, on the line: the contact keeps its own
        line.with_user(self.officer).expertise_ids = self.medical
        self.assertEqual(line.expertise_ids, self.medical)
        self.assertEqual(
            self.cso_colleague.cso_expertise_ids, self.medical | self.legal
        )
        # a later change of the contact does not rewrite the line
        self.cso_colleague.cso_expertise_ids = self.legal
        self.assertEqual(line.expertise_ids, self.medical)

    def test_gender_is_on_the_team_line_not_the_contact(self):
        first = self._visit(start=5)
        second = self._visit(start=8)
        self._cso_line(first).with_user(self.officer).gender = "woman"
        self.assertEqual(self._cso_line(first).gender, "woman")
        self.assertFalse(self._cso_line(second).gender)
        partner_fields = {
            name
            for name, field in self.env["res.partner"]._fields.items()
            if field._module and field._module.startswith("npm_cso_cooperation")
        }
        self.assertNotIn("gender", partner_fields)

    def test_agreed_team_lines_no_longer_change(self):
        visit = self._agreed(self.psychiatric)
        line = self._cso_line(visit)
        for vals in (
            {"gender": "woman"},
            {"expertise_ids": [Command.set(self.medical.ids)]},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "can no longer change"),
            ):
                line.with_user(self.officer).write(vals)
        self.assertFalse(line.gender)

    def test_portal_expert_reads_their_role_not_gender_or_expertise(self):
        visit = self._visit(start=-1)
        line = self._cso_line(visit)
        line.gender = "woman"
        self._undertaking(self.cso_expert, signed=-10, visit=visit)
        visit.action_agree_terms()
        visit.action_confirm()
        as_portal = line.with_user(self.portal_expert)
        self.assertEqual(as_portal.read(["role"])[0]["role"], "legal")
        for fname in ("gender", "expertise_ids"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                as_portal.read([fname])
        for fname in ("team_gaps", "has_team_gaps", "team_override_reason"):
            with self.subTest(field=fname), self.assertRaises(AccessError):
                visit.with_user(self.portal_expert).read([fname])

    # -- what the team lacks --------------------------------------------------

    def test_team_gaps_are_shown_while_agreeing_the_terms(self):
        visit = self._visit(start=5, place_id=self.psychiatric.id)
        as_officer = visit.with_user(self.officer)
        self.assertTrue(as_officer.has_team_gaps)
        self.assertIn("Medical", as_officer.team_gaps)
        self.assertIn("Mental health", as_officer.team_gaps)
        self._cso_line(visit).expertise_ids = self.medical | self.mental_health
        self.assertFalse(as_officer.has_team_gaps)
        self.assertFalse(as_officer.team_gaps)
        # the places of the other tests need nothing
        self.assertFalse(self._visit(start=5).has_team_gaps)

    def test_confirm_refused_names_the_missing_expertise(self):
        visit = self._agreed(self.psychiatric)
        with self.assertRaises(UserError) as caught:
            visit.with_user(self.officer).action_confirm()
        message = str(caught.exception)
        self.assertIn("Cannot confirm", message)
        self.assertIn("expertise: Medical", message)
        self.assertIn("expertise: Mental health", message)
        self.assertNotIn("woman", message)
        self.assertEqual(visit.state, "terms_agreed")

    def test_confirm_allowed_once_the_team_has_the_expertise(self):
        visit = self._agreed(self.psychiatric)
        visit.with_user(self.officer).action_reset_to_draft()
        self._cso_line(visit).with_user(self.officer).expertise_ids = self.medical
        # an NPM member may bring the other one
        npm_line = visit.member_ids.filtered(
            lambda m: m.partner_id == self.officer.partner_id
        )
        npm_line.with_user(self.officer).expertise_ids = self.mental_health
        visit.with_user(self.officer).action_agree_terms()
        visit.with_user(self.officer).action_confirm()
        self.assertEqual(visit.state, "confirmed")

    def test_women_only_place_requires_a_woman_whatever_its_type(self):
        visit = self._agreed(self.women_prison)
        with self.assertRaises(UserError) as caught:
            visit.with_user(self.officer).action_confirm()
        self.assertIn("a woman on the team", str(caught.exception))
        self.assertIn("holds only women", str(caught.exception))
        visit.with_user(self.officer).action_reset_to_draft()
        line = self._cso_line(visit).with_user(self.officer)
        line.gender = "undisclosed"
        visit.with_user(self.officer).action_agree_terms()
        with self.assertRaisesRegex(UserError, "a woman on the team"):
            visit.with_user(self.officer).action_confirm()
        visit.with_user(self.officer).action_reset_to_draft()
        line.gender = "woman"
        visit.with_user(self.officer).action_agree_terms()
        visit.with_user(self.officer).action_confirm()
        self.assertEqual(visit.state, "confirmed")

    def test_requirement_of_women_for_a_type(self):
        self.requirement.with_user(self.manager).women_required = True
        visit = self._visit(start=5, place_id=self.psychiatric.id)
        self._cso_line(visit).expertise_ids = self.medical | self.mental_health
        self.assertIn("a woman on the team", visit.team_gaps)
        self.assertIn("psychiatric institution", visit.team_gaps)

    def test_requirement_of_another_company_does_not_apply(self):
        company_b = self.env["res.company"].create({"name": "Regional NPM"})
        self.env["npm.team.requirement"].create(
            {
                "place_type": "prison",
                "women_required": True,
                "company_id": company_b.id,
            }
        )
        self.assertFalse(self._visit(start=5).has_team_gaps)

    # -- the manager's override -------------------------------------------------

    def test_officer_cannot_write_the_override_reason(self):
        visit = self._agreed(self.psychiatric)
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            visit.with_user(self.officer).write({"team_override_reason": "Urgent."})
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            visit.with_user(self.cleared).write({"team_override_reason": "Urgent."})
        with self.assertRaisesRegex(AccessError, "Only an NPM manager"):
            self.env["npm.joint.visit"].with_user(self.officer).create(
                {
                    "place_id": self.psychiatric.id,
                    "partnership_id": self.partnership.id,
                    "date_start": self._days(40),
                    "date_end": self._days(40),
                    "team_override_reason": "Urgent.",
                }
            )
        self.assertFalse(visit.team_override_reason)
        # writing back the value it has (a form saved) is no decision
        visit.with_user(self.officer).write({"team_override_reason": False})
        with self.assertRaises(UserError):
            visit.with_user(self.officer).action_confirm()

    def test_manager_override_is_tracked_and_lets_the_visit_be_confirmed(self):
        visit = self._agreed(self.psychiatric)
        reason = "The medical expert fell ill; the visit cannot wait."
        # as if the visit had been created in an earlier transaction: Odoo
        # does not track the records created in the current one
        self.env.flush_all()
        self.env.cr.precommit.run()
        visit.with_user(self.manager).with_context(tracking_disable=False).write(
            {"team_override_reason": reason}
        )
        # tracking values are written when the transaction is about to commit
        self.env.flush_all()
        self.env.cr.precommit.run()
        visit.invalidate_recordset(["message_ids"])
        tracked = visit.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "team_override_reason"
        )
        self.assertTrue(tracked)
        self.assertEqual(tracked.new_value_char or tracked.new_value_text, reason)
        # officers read it; the officer then confirms
        as_officer = visit.with_user(self.officer)
        self.assertEqual(as_officer.team_override_reason, reason)
        self.assertTrue(as_officer.has_team_gaps)
        as_officer.action_confirm()
        self.assertEqual(visit.state, "confirmed")
        # the reason on which it was confirmed stays as it was
        with self.assertRaises(UserError):
            visit.with_user(self.manager).write({"team_override_reason": "Other."})
        self.assertEqual(visit.team_override_reason, reason)
