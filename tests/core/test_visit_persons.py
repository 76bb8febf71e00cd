"""Persons met on a joint visit (issue 15): pseudonyms, identity for cleared
staff only, consent by scope, and consent governing sharing with the CSO.

Each rule is tried as the role that would try it: the portal CSO expert, an
officer without clearance, a cleared officer, a manager, an internal employee
outside the app and an officer of another company.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.npm_cso_cooperation.exports.registers import REGISTERS
from odoo.addons.npm_cso_cooperation.tools import npm_today

from tests.core.visit_common import NpmVisitCase

IDENTITY = "Ivan Petrov, born 1990, cell 12"


class TestVisitPersons(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.visit.user_id = cls.officer
        cls.other_visit = cls._confirmed_visit(start=-7)
        cls.Person = cls.env["npm.visit.person"]
        cls.person = cls.Person.create(
            {
                "visit_id": cls.visit.id,
                "category": "detainee",
                "identity": IDENTITY,
                "consent_cso": True,
            }
        )
        cls.other_company = cls.env["res.company"].create({"name": "Other NPM"})
        cls.other_officer = new_test_user(
            cls.env,
            login="t_other_company_officer",
            groups="npm_cso_cooperation.group_npm_user",
            company_id=cls.other_company.id,
            company_ids=[Command.set(cls.other_company.ids)],
        )

    def _person(self, **vals):
        return self.Person.create({"visit_id": self.visit.id, **vals})

    # --- pseudonyms -------------------------------------------------------------

    def test_pseudonym_is_drawn_per_visit(self):
        second = self._person()
        other = self.Person.create({"visit_id": self.other_visit.id})
        self.assertEqual(self.person.pseudonym, f"{self.visit.name}-P01")
        self.assertEqual(second.pseudonym, f"{self.visit.name}-P02")
        self.assertEqual(other.pseudonym, f"{self.other_visit.name}-P01")
        self.assertEqual(self.person.display_name, self.person.pseudonym)
        # as the officer too: display_name is the pseudonym for everyone
        self.assertEqual(
            self.person.with_user(self.officer).display_name, self.person.pseudonym
        )

    def test_pseudonym_is_set_by_the_app_only_and_never_changes(self):
        for user in (self.officer, self.cleared, self.manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.person.with_user(user).write({"pseudonym": "Forged"})
                with self.assertRaises(UserError):
                    self.Person.with_user(user).create(
                        {"visit_id": self.visit.id, "pseudonym": "Chosen"}
                    )
        with self.assertRaises(UserError):
            self.person.with_user(self.manager).write({"visit_id": self.other_visit.id})
        self.assertEqual(self.person.pseudonym, f"{self.visit.name}-P01")

    def test_pseudonym_is_unique_in_the_visit(self):
        second = self._person()
        with (
            self.assertRaises(Exception),  # noqa: B017 (the SQL constraint)
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            second._lifecycle_write({"pseudonym": False})
            self.env.cr.execute(
                "UPDATE npm_visit_person SET pseudonym = %s WHERE id = %s",
                (self.person.pseudonym, second.id),
            )

    # --- identity ------------------------------------------------------------------

    def test_identity_is_unreadable_for_officer_and_others(self):
        for user in (self.officer,):
            person = self.person.with_user(user)
            with self.assertRaises(AccessError):
                person.read(["identity"])
            self.assertNotIn("identity", self.Person.with_user(user).fields_get())
            with self.assertRaises(AccessError):
                self.Person.with_user(user).search([("identity", "ilike", "Petrov")])
            with self.assertRaises(AccessError):
                person._export_rows([["identity"]])
            self.assertNotIn("Petrov", person.display_name)
            # the officer still reads the person by the pseudonym
            self.assertEqual(
                person.read(["pseudonym"])[0]["pseudonym"], person.pseudonym
            )
        for user in (self.portal_expert, self.employee, self.other_officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.person.with_user(user).read(["pseudonym"])
            try:
                found = self.Person.with_user(user).search(
                    [("id", "=", self.person.id)]
                )
            except AccessError:
                found = self.Person.browse()
            self.assertFalse(found)

    def test_identity_is_for_cleared_officers_and_managers(self):
        for user in (self.cleared, self.manager):
            with self.subTest(user=user.login):
                person = self.person.with_user(user)
                self.assertEqual(person.identity, IDENTITY)
                self.assertEqual(
                    self.Person.with_user(user).search(
                        [("identity", "ilike", "Petrov")]
                    ),
                    self.person,
                )
        with self.assertRaises(AccessError):
            self.person.with_user(self.officer).write({"identity": "Other"})

    def test_identity_never_reaches_the_chatter(self):
        person = self.person.with_context(tracking_disable=False)
        person.with_user(self.cleared).write(
            {"identity": "New name, cell 14", "reprisal_risk": "high"}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        messages = self.env["mail.message"].search(
            [("model", "=", person._name), ("res_id", "=", person.id)]
        )
        texts = " ".join(
            (m.body or "")
            + " ".join(
                f"{t.old_value_char} {t.new_value_char}" for t in m.tracking_value_ids
            )
            for m in messages
        )
        self.assertNotIn("cell 14", texts)
        self.assertNotIn("Petrov", texts)
        # the control: the tracked risk is in the chatter
        self.assertIn("High", texts)
        self.assertFalse(getattr(self.Person._fields["identity"], "tracking", None))

    # --- same visit ------------------------------------------------------------------

    def test_material_of_another_visit_is_refused(self):
        other_finding = self._finding(self.other_visit)
        with (
            self.assertRaisesRegex(ValidationError, "only material of that visit"),
            self.env.cr.savepoint(),
        ):
            self.person.with_user(self.officer).finding_ids = [
                Command.link(other_finding.id)
            ]
        with (
            self.assertRaisesRegex(ValidationError, "only persons met on"),
            self.env.cr.savepoint(),
        ):
            other_finding.with_user(self.officer).person_ids = [
                Command.link(self.person.id)
            ]
        finding = self._finding(self.visit)
        self.env.invalidate_all()
        finding.with_user(self.officer).person_ids = [Command.link(self.person.id)]
        self.assertEqual(self.person.finding_ids, finding)

    # --- consent stamps ------------------------------------------------------------

    def test_consent_is_stamped_with_who_recorded_it(self):
        person = self._person()
        self.assertFalse(person.consent_recorded_by_id)
        person.with_user(self.officer).write(
            {"consent_publication": True, "consent_date": npm_today(self.env)}
        )
        self.assertEqual(person.consent_recorded_by_id, self.officer)
        self.assertTrue(person.consent_recorded_on)
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                person.with_user(user).write(
                    {"consent_recorded_by_id": self.manager.id}
                )
        self.assertEqual(person.consent_recorded_by_id, self.officer)
        with self.assertRaises(UserError):
            self.Person.with_user(self.officer).create(
                {"visit_id": self.visit.id, "consent_recorded_by_id": self.manager.id}
            )

    # --- limited capacity --------------------------------------------------------

    def test_best_interest_decision_by_managers_only(self):
        person = self._person(limited_capacity=True, limited_capacity_note="Child")
        for user in (self.officer, self.cleared):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                person.with_user(user).write({"best_interest_decision": "Publish"})
        self.assertFalse(person.best_interest_decision)
        person.with_user(self.manager).write({"best_interest_decision": "Publish"})
        self.assertEqual(person.best_interest_decided_by_id, self.manager)
        self.assertTrue(person.best_interest_decided_on)
        with self.assertRaises(UserError):
            person.with_user(self.manager).write(
                {"best_interest_decided_by_id": self.officer.id}
            )
        with self.assertRaises(AccessError):
            self.Person.with_user(self.officer).create(
                {"visit_id": self.visit.id, "best_interest_decision": "Mine"}
            )

    # --- consent governs sharing ---------------------------------------------------

    def test_sharing_is_refused_without_consent_cso(self):
        person = self._person(consent_publication=True)
        finding = self._finding(self.visit)
        finding.person_ids = [Command.link(person.id), Command.link(self.person.id)]
        with self.assertRaises(ValidationError) as caught:
            finding.with_user(self.officer).share_with_cso = True
        self.assertIn(person.pseudonym, str(caught.exception))
        self.assertNotIn(self.person.pseudonym, str(caught.exception))
        self.assertFalse(finding.share_with_cso)
        # created shared, or a person linked to shared material: refused too
        with self.assertRaisesRegex(ValidationError, person.pseudonym):
            self._finding(self.visit, shared=True, person_ids=[Command.link(person.id)])
        shared = self._finding(self.visit, shared=True)
        with self.assertRaisesRegex(ValidationError, person.pseudonym):
            person.with_user(self.officer).finding_ids = [Command.link(shared.id)]
        document = self._document(self.visit, person_ids=[Command.link(person.id)])
        with self.assertRaisesRegex(ValidationError, person.pseudonym):
            document.with_user(self.officer).share_with_cso = True
        # the control: with consent it is shared
        person.consent_cso = True
        finding.with_user(self.officer).share_with_cso = True
        self.assertTrue(finding.share_with_cso)

    def _shared_material(self):
        finding = self._finding(
            self.visit, shared=True, person_ids=[Command.link(self.person.id)]
        )
        document = self._document(
            self.visit, shared=True, person_ids=[Command.link(self.person.id)]
        )
        return finding, document

    def _ended_lines(self, record):
        return self.env["npm.information.release"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("release_type", "=", "sharing_ended"),
            ]
        )

    def test_withdrawing_consent_cso_unshares_and_tells_the_officer(self):
        finding, document = self._shared_material()
        self.person.with_user(self.officer).consent_cso = False
        for record in (finding, document):
            self.assertFalse(record.share_with_cso)
            lines = self._ended_lines(record)
            self.assertTrue(lines)
            self.assertIn(self.person.pseudonym, lines[0].description)
            self.assertNotIn("Petrov", lines[0].description)
        activity = self.person.activity_ids.filtered(
            lambda a: a.user_id == self.officer
        )
        self.assertTrue(activity)
        self.assertNotIn("Petrov", activity.summary + (activity.note or ""))

    def test_action_withdraw_consent(self):
        finding, _document = self._shared_material()
        self.person.consent_publication = True
        person = self.person.with_user(self.officer)
        person.action_withdraw_consent()
        self.assertEqual(self.person.consent_withdrawn_on, npm_today(self.env))
        self.assertFalse(
            self.person.consent_cso
            or self.person.consent_publication
            or self.person.consent_authorities
        )
        self.assertFalse(finding.share_with_cso)
        self.assertTrue(self._ended_lines(finding))
        self.assertTrue(
            self.person.activity_ids.filtered(lambda a: a.user_id == self.manager)
        )
        self.assertIn(
            "Consent withdrawn", " ".join(self.person.message_ids.mapped("body"))
        )
        # consent no longer changes, and it is not withdrawn twice
        with self.assertRaises(UserError):
            person.write({"consent_cso": True})
        with self.assertRaisesRegex(UserError, "already withdrew"):
            person.action_withdraw_consent()
        with self.assertRaises(UserError):
            person.write({"consent_withdrawn_on": False})
        # nor shared again
        with self.assertRaisesRegex(ValidationError, self.person.pseudonym):
            finding.with_user(self.officer).share_with_cso = True

    def test_withdrawal_refused_outside_the_app(self):
        for user in (self.portal_expert, self.employee, self.other_officer):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.person.with_user(user).action_withdraw_consent()
        self.assertFalse(self.person.consent_withdrawn_on)

    # --- the portal and the exports -------------------------------------------

    def test_portal_reads_no_person_of_a_shared_finding(self):
        self._undertaking(self.cso_expert, signed=-30)
        finding, _document = self._shared_material()
        portal = finding.with_user(self.portal_expert)
        self.assertTrue(portal.read(["name"]))
        with self.assertRaises(AccessError):
            portal.read(["person_ids"])
        self.assertNotIn("person_ids", portal.fields_get())

    def test_findings_register_shows_pseudonyms(self):
        finding, _document = self._shared_material()
        for user in (self.officer, self.cleared):
            rows = finding.with_user(user)._export_rows([["person_ids"]])
            self.assertEqual(rows, [[self.person.pseudonym]])
        self.assertIn("person_ids", REGISTERS["findings"].columns)
        self.assertNotIn("identity", str(REGISTERS["findings"].columns))
