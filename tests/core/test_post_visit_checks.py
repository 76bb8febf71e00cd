"""Post-visit checks of persons at high risk of reprisals (issue 15).

- the daily cron gives the head of delegation (or, without one who may read
  the person, the visit's responsible officer) an activity N days after the
  visit ends (setting, default 14), for high-risk persons only, never twice
  while one is open, again N days after the previous one is done, until the
  check is closed with an outcome (refused without one); the note names the
  pseudonym only;
- an allegation names the person met it concerns, of its own visit only; an
  officer reads neither the allegation nor its link to the person.
"""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from tests.core.visit_common import NpmVisitCase

ACTIVITY = "npm_cso_cooperation.mail_activity_type_post_visit_check"
PARAM = "npm_cso_cooperation.post_visit_check_days"
IDENTITY = "Jane Doe, cell 14"


class PostVisitCheckCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref(ACTIVITY)
        # ended 20 days ago: the check (14 days after) is due
        cls.visit = cls._confirmed_visit(start=-21, end=-20, user_id=cls.officer.id)
        cls.persons = cls.env["npm.visit.person"]

    def _person(self, visit=None, risk="high", **vals):
        return self.persons.create(
            {
                "visit_id": (visit or self.visit).id,
                "reprisal_risk": risk,
                "identity": IDENTITY,
                **vals,
            }
        )

    def _visit_headed_by(self, partner):
        """A visit that ended 20 days ago, headed by ``partner``, its
        responsible officer ``self.officer``."""
        visit = self._visit(start=-21, end=-20, user_id=self.officer.id)
        head = visit.member_ids.filtered(lambda m: m.role == "head")
        head.partner_id = partner
        for expert in visit.member_ids.filtered(lambda m: m.side == "cso").partner_id:
            self._undertaking(expert, signed=-31, visit=visit)
        visit.action_agree_terms()
        visit.action_confirm()
        return visit

    def _checks(self, person):
        return person.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    def _cron(self):
        self.persons._cron_post_visit_checks()


class TestPostVisitChecks(PostVisitCheckCase):
    def test_cron_schedules_high_risk_only_for_the_head(self):
        high = self._person()
        low = self._person(risk="low")
        none = self._person(risk="none")
        self._cron()
        check = self._checks(high)
        self.assertEqual(len(check), 1)
        self.assertEqual(check.user_id, self.cleared)  # head of delegation
        self.assertEqual(check.date_deadline, self.visit.date_end + timedelta(days=14))
        self.assertEqual(high.post_visit_check_state, "scheduled")
        self.assertIn(high.pseudonym, check.summary)
        self.assertIn(high.pseudonym, str(check.note))
        self.assertNotIn("Jane", str(check.note) + check.summary)
        for person in (low, none):
            self.assertFalse(self._checks(person))
            self.assertEqual(person.post_visit_check_state, "none")

    def test_not_before_n_days_after_the_end(self):
        visit = self._confirmed_visit(start=-6, end=-5)
        person = self._person(visit)
        self._cron()
        self.assertFalse(self._checks(person))
        self.assertEqual(person.post_visit_check_state, "none")
        with freeze_time(visit.date_end + timedelta(days=13)):
            self._cron()
        self.assertFalse(self._checks(person))
        with freeze_time(visit.date_end + timedelta(days=14)):
            self._cron()
        self.assertEqual(
            self._checks(person).date_deadline, visit.date_end + timedelta(days=14)
        )

    def test_setting_changes_the_delay(self):
        self.env["ir.config_parameter"].set_param(PARAM, "30")
        person = self._person()
        self._cron()
        self.assertFalse(self._checks(person))  # ended 20 days ago
        self.env["ir.config_parameter"].set_param(PARAM, "20")
        self._cron()
        self.assertEqual(self._checks(person).date_deadline, self.today)

    def test_settings_refuse_less_than_a_day(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.npm_post_visit_check_days, 14)
        with self.assertRaises(ValidationError):
            self.env["res.config.settings"].create({"npm_post_visit_check_days": 0})

    def test_not_twice_while_open_again_after_done_until_closed(self):
        person = self._person()
        self._cron()
        self._cron()
        self.assertEqual(len(self._checks(person)), 1)
        # the head does the check: the next one comes N days later
        self._checks(person).with_user(self.cleared).action_feedback(
            feedback="Seen him, no reprisals so far."
        )
        self._cron()
        self.assertFalse(self._checks(person))
        later = self.today + timedelta(days=14)
        with freeze_time(later):
            self._cron()
            self._cron()
        self.assertEqual(len(self._checks(person)), 1)
        self.assertEqual(self._checks(person).date_deadline, later)
        # closed with an outcome: the open check is done, no further one
        officer_person = person.with_user(self.officer)
        officer_person.post_visit_outcome = "Transferred; no reprisals reported."
        officer_person.action_close_post_visit_check()
        self.assertEqual(person.post_visit_check_state, "closed")
        self.assertEqual(person.post_visit_closed_by_id, self.officer)
        self.assertFalse(self._checks(person))
        with freeze_time(self.today + timedelta(days=60)):
            self._cron()
        self.assertFalse(self._checks(person))
        # the outcome is the record of the check
        with self.assertRaises(UserError), mute_logger("odoo.models"):
            officer_person.post_visit_outcome = "Changed"
        with self.assertRaises(UserError):
            officer_person.action_close_post_visit_check()

    def test_closing_without_outcome_is_refused(self):
        person = self._person()
        self._cron()
        for outcome in (False, "   "):
            person.post_visit_outcome = outcome
            with self.assertRaises(UserError) as caught:
                person.with_user(self.cleared).action_close_post_visit_check()
            self.assertIn(person.pseudonym, str(caught.exception))
            self.assertIn("outcome", str(caught.exception))
        self.assertEqual(person.post_visit_check_state, "scheduled")
        self.assertEqual(len(self._checks(person)), 1)

    def test_state_is_written_by_the_application_only(self):
        person = self._person()
        with self.assertRaises(UserError), mute_logger("odoo.models"):
            person.with_user(self.officer).post_visit_check_state = "closed"
        self.assertEqual(person.post_visit_check_state, "none")

    def test_outsiders_cannot_close(self):
        person = self._person()
        person.post_visit_outcome = "Fine"
        for user in (self.employee, self.portal_expert):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                person.with_user(user).action_close_post_visit_check()
        self.assertEqual(person.post_visit_check_state, "none")

    def test_responsible_officer_when_the_head_has_no_user(self):
        external = self.env["res.partner"].create({"name": "External head"})
        visit = self._visit_headed_by(external)
        self.assertFalse(visit.head_user_id)
        person = self._person(visit)
        self._cron()
        self.assertEqual(self._checks(person).user_id, self.officer)

    def test_only_to_a_user_who_may_read_the_person(self):
        company_b = self.env["res.company"].create({"name": "Regional NPM"})
        outsider = self._new_user("t_b_head", "npm_cso_cooperation.group_npm_user")
        outsider.write(
            {"company_ids": [Command.set(company_b.ids)], "company_id": company_b.id}
        )
        visit = self._visit_headed_by(outsider.partner_id)
        self.assertEqual(visit.head_user_id, outsider)
        person = self._person(visit)
        self.assertFalse(person.with_user(outsider).has_access("read"))
        self._cron()
        self.assertEqual(self._checks(person).user_id, self.officer)
        # nobody who may read it: no activity at all
        self._checks(person).unlink()
        visit.user_id = outsider
        self._cron()
        self.assertFalse(self._checks(person))

    def test_cancelled_or_draft_visit_gets_no_check(self):
        draft = self._visit(start=-30, end=-29)
        person = self._person(draft)
        self._cron()
        self.assertFalse(self._checks(person))


class TestAllegationPerson(PostVisitCheckCase):
    def _allegation(self, person, visit=None):
        return (
            self.env["npm.reprisal.allegation"]
            .with_user(self.cleared)
            .create(
                {
                    "visit_id": (visit or self.visit).id,
                    "person_id": person.id,
                    "description": "Beaten after the visit",
                }
            )
        )

    def test_person_of_the_same_visit(self):
        person = self._person()
        allegation = self._allegation(person)
        self.assertEqual(allegation.person_id, person)

    def test_person_of_another_visit_refused(self):
        other = self._confirmed_visit(start=-3)
        person = self._person(other)
        with self.assertRaises(ValidationError) as caught:
            self._allegation(person)
        self.assertIn(person.pseudonym, str(caught.exception))
        allegation = self._allegation(self._person())
        with self.assertRaises(ValidationError):
            allegation.person_id = person

    def test_officer_cannot_read_the_link(self):
        person = self._person()
        allegation = self._allegation(person)
        for user in (self.officer, self.employee, self.portal_expert):
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                allegation.with_user(user).read(["person_id"])
            with self.assertRaises(AccessError), mute_logger("odoo.models"):
                self.env["npm.reprisal.allegation"].with_user(user).search_count(
                    [("person_id", "=", person.id)]
                )
        # the person, which officers read, has no field pointing back
        self.assertFalse(
            [
                name
                for name, field in self.persons._fields.items()
                if field.type in ("one2many", "many2many", "many2one")
                and field.comodel_name == "npm.reprisal.allegation"
            ]
        )
        self.assertTrue(person.with_user(self.officer).has_access("read"))
        self.assertEqual(allegation.with_user(self.manager).person_id, person)
