from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from tests.core.visit_common import NpmVisitCase


class TestConfidentialAccess(NpmVisitCase):
    """Who reads what, and for how long (issue 4)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5, end=-4)
        cls.shared = cls._finding(cls.visit, "confidential", shared=True)
        cls.unshared = cls._finding(cls.visit, "internal")
        cls.strict = cls._finding(cls.visit, "strictly_confidential")

    def _portal_visits(self, user=None):
        return self.env["npm.joint.visit"].with_user(user or self.portal_expert)

    def _portal_findings(self, user=None):
        return self.env["npm.visit.finding"].with_user(user or self.portal_expert)

    def _lapsing_visit(self, expiry):
        """A past visit of the expert, covered by an undertaking ending ``expiry``."""
        visit = self._visit(start=-10, end=-9)
        self._undertaking(self.cso_expert, signed=-20, expiry=expiry, visit=visit)
        visit.action_agree_terms()
        visit.action_confirm()
        return visit

    # --- portal expert: visits ------------------------------------------

    def test_covered_cso_member_reads_the_visit(self):
        self.assertEqual(self._portal_visits().search([]), self.visit)
        self.assertEqual(
            self.visit.with_user(self.portal_expert).read(["name"])[0]["name"],
            self.visit.name,
        )

    def test_expert_never_writes_a_visit(self):
        with self.assertRaises(AccessError):
            self.visit.with_user(self.portal_expert).write({"color": 3})

    def test_cso_member_without_undertaking_reads_nothing(self):
        visit = self._visit(start=3)  # member, no undertaking
        self.assertNotIn(visit, self._portal_visits().search([]))
        with self.assertRaises(AccessError):
            visit.with_user(self.portal_expert).read(["name"])

    def test_covered_expert_who_is_not_a_member_reads_nothing(self):
        visit = self._visit(start=3, cso_partners=self.cso_colleague)
        self._undertaking(self.cso_expert)  # general, but not on the team
        self.assertNotIn(visit, self._portal_visits().search([]))

    def test_expert_of_another_cso_reads_nothing_of_this_cso(self):
        other = self.other_portal_expert
        self._undertaking(self.other_expert)
        self.assertFalse(self._portal_visits(other).search([]))
        self.assertFalse(self._portal_findings(other).search([]))
        with self.assertRaises(AccessError):
            self.visit.with_user(other).read(["name"])
        with self.assertRaises(AccessError):
            self.shared.with_user(other).read(["name"])

    def test_undertaking_lapsing_tomorrow_still_gives_access_today(self):
        visit = self._lapsing_visit(expiry=0)
        self.assertIn(visit, self._portal_visits().search([]))

    def test_undertaking_lapsed_yesterday_gives_no_access_today(self):
        visit = self._lapsing_visit(expiry=-1)
        # the cron has not run: the state still says signed
        undertaking = self.env["npm.confidentiality.undertaking"].search(
            [("visit_id", "=", visit.id)]
        )
        self.assertEqual(undertaking.state, "signed")
        self.assertNotIn(visit, self._portal_visits().search([]))

    def test_expert_loses_access_when_undertaking_lapses_overnight(self):
        visit = self._lapsing_visit(expiry=0)
        finding = self._finding(visit, "internal", shared=True)
        self.assertIn(visit, self._portal_visits().search([]))
        self.assertIn(finding, self._portal_findings().search([]))
        # The rule domains are now cached for this user: the next day must
        # still see the lapse, without any cache reset nor the cron.
        with freeze_time(self._days(1)):
            self.assertNotIn(visit, self._portal_visits().search([]))
            self.assertNotIn(finding, self._portal_findings().search([]))
            with self.assertRaises(AccessError):
                finding.with_user(self.portal_expert).read(["name"])

    def test_expert_loses_access_when_undertaking_is_revoked(self):
        undertaking = self.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", self.cso_expert.id)]
        )
        self.assertIn(self.shared, self._portal_findings().search([]))
        undertaking.with_user(self.officer).action_revoke(reason="Leak suspected")
        self.assertFalse(self._portal_visits().search([]))
        self.assertFalse(self._portal_findings().search([]))
        with self.assertRaises(AccessError):
            self.visit.with_user(self.portal_expert).read(["name"])

    # --- portal expert: findings ----------------------------------------

    def test_expert_reads_only_shared_findings_of_the_visit(self):
        self.assertEqual(self._portal_findings().search([]), self.shared)
        with self.assertRaises(AccessError):
            self.unshared.with_user(self.portal_expert).read(["name"])
        with self.assertRaises(AccessError):
            self.strict.with_user(self.portal_expert).read(["name"])

    def test_visit_shows_the_expert_only_the_shared_findings(self):
        visit = self.visit.with_user(self.portal_expert)
        # the one2many would list the ids of hidden findings: not for portal
        with self.assertRaises(AccessError):
            visit.read(["finding_ids"])
        with self.assertRaises(AccessError):
            visit.read(["info_use_request_ids"])
        Finding = self.env["npm.visit.finding"].with_user(self.portal_expert)
        self.assertEqual(
            Finding.search([("visit_id", "=", self.visit.id)]), self.shared
        )
        self.assertEqual(visit.finding_count, 1)
        self.assertEqual(self.visit.with_user(self.cleared).finding_count, 3)

    def test_portal_rule_helper_fields_are_not_portal_fields(self):
        self.assertNotIn(
            "covered_member_partner_ids",
            self._portal_visits().fields_get(),
        )
        Finding = self.env["npm.visit.finding"].with_user(self.portal_expert)
        self.assertEqual(
            Finding.search([("is_portal_readable", "=", True)]), self.shared
        )
        self.assertTrue(self.shared.with_user(self.portal_expert).is_portal_readable)
        self.assertFalse(self.shared.with_user(self.officer).is_portal_readable)

    def test_expert_never_writes_a_finding(self):
        with self.assertRaises(AccessError):
            self.shared.with_user(self.portal_expert).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            self._portal_findings().create(
                {"visit_id": self.visit.id, "name": "From the portal"}
            )

    def test_expert_does_not_get_sensitive_personal_fields(self):
        fields = self._portal_findings().fields_get()
        self.assertNotIn("interviewee_identity", fields)
        self.assertNotIn("reprisal_risk_notes", fields)
        # issue 15: the identity is a person's; the portal reads no person
        person = self.env["npm.visit.person"].create(
            {"visit_id": self.shared.visit_id.id, "identity": "Detainee in cell 12"}
        )
        with self.assertRaises(AccessError):
            person.with_user(self.portal_expert).read(["identity"])

    def test_expert_reads_visit_team_only_of_readable_visits(self):
        Member = self.env["npm.joint.visit.member"].with_user(self.portal_expert)
        self._visit(start=3)  # uncovered visit: its team stays hidden
        self.assertEqual(Member.search([]).visit_id, self.visit)

    # --- sensitivity for NPM staff -------------------------------------

    def test_officer_does_not_see_strictly_confidential_findings(self):
        Finding = self.env["npm.visit.finding"].with_user(self.officer)
        found = Finding.search([("visit_id", "=", self.visit.id)])
        self.assertEqual(found, self.shared | self.unshared)
        with self.assertRaises(AccessError):
            self.strict.with_user(self.officer).read(["name"])
        self.assertEqual(self.visit.with_user(self.officer).finding_count, 2)

    def test_officer_cannot_record_a_strictly_confidential_finding(self):
        with self.assertRaises(AccessError):
            self._finding(self.visit, "strictly_confidential").with_user(
                self.officer
            ).name = "x"
        with self.assertRaises(AccessError):
            self.env["npm.visit.finding"].with_user(self.officer).create(
                {
                    "visit_id": self.visit.id,
                    "name": "Secret",
                    "sensitivity": "strictly_confidential",
                }
            )

    def test_cleared_officer_and_manager_see_everything(self):
        for user in (self.cleared, self.manager):
            with self.subTest(user=user.login):
                Finding = self.env["npm.visit.finding"].with_user(user)
                self.assertEqual(
                    Finding.search([("visit_id", "=", self.visit.id)]),
                    self.shared | self.unshared | self.strict,
                )
                self.assertEqual(self.visit.with_user(user).finding_count, 3)

    def test_sensitive_personal_fields_are_for_cleared_staff(self):
        # issue 15: the identity is a person's field (same group)
        person = self.env["npm.visit.person"].create(
            {"visit_id": self.shared.visit_id.id, "identity": "Detainee in cell 12"}
        )
        self.shared.reprisal_risk_notes = "Threatened by guard"
        with self.assertRaises(AccessError):
            person.with_user(self.officer).read(["identity"])
        with self.assertRaises(AccessError):
            self.shared.with_user(self.officer).write(
                {"reprisal_risk_notes": "changed"}
            )
        self.assertNotIn(
            "reprisal_risk_notes",
            self.env["npm.visit.finding"].with_user(self.officer).fields_get(),
        )
        values = self.shared.with_user(self.cleared).read(["reprisal_risk_notes"])[0]
        self.assertEqual(
            person.with_user(self.cleared).read(["identity"])[0]["identity"],
            "Detainee in cell 12",
        )
        self.assertEqual(values["reprisal_risk_notes"], "Threatened by guard")

    def test_strictly_confidential_finding_cannot_be_shared(self):
        with self.assertRaisesRegex(ValidationError, "cannot be shared"):
            self._finding(self.visit, "strictly_confidential", shared=True)
        with self.assertRaisesRegex(ValidationError, "cannot be shared"):
            self.strict.with_user(self.cleared).share_with_cso = True
        with self.assertRaisesRegex(ValidationError, "cannot be shared"):
            self.shared.with_user(self.cleared).sensitivity = "strictly_confidential"

    def test_sharing_needs_a_covered_cso_member(self):
        visit = self._visit(start=3)
        with self.assertRaisesRegex(UserError, "nobody may receive it"):
            self._finding(visit, "internal", shared=True)
        finding = self._finding(visit, "internal")
        with self.assertRaisesRegex(UserError, "nobody may receive it"):
            finding.with_user(self.officer).share_with_cso = True

    # --- employees outside the app --------------------------------------

    def test_employee_outside_the_app_has_no_access(self):
        for model, record in (
            ("npm.joint.visit", self.visit),
            ("npm.visit.finding", self.shared),
            ("npm.detention.place", self.place),
        ):
            with self.subTest(model=model), self.assertRaises(AccessError):
                record.with_user(self.employee).read(["name"])

    # --- undertakings and agreements through the portal -----------------

    def test_expert_reads_own_undertakings_only(self):
        mine = self.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", self.cso_expert.id)]
        )
        theirs = self._undertaking(self.cso_colleague)
        Undertaking = self.env["npm.confidentiality.undertaking"].with_user(
            self.portal_expert
        )
        self.assertEqual(Undertaking.search([]), mine)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_expert).read(["name"])
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_expert).write({"note": "mine"})
        self.assertTrue(mine.with_user(self.portal_expert).read(["signed_copy"]))

    def _agreement(self, partnership, state):
        return self.env["npm.cso.agreement"].create(
            {
                "name": f"{partnership.name} {state}",
                "agreement_type": "confidentiality",
                "partnership_id": partnership.id,
                "state": state,
            }
        )

    def test_expert_reads_their_csos_signed_agreements_only(self):
        signed = self._agreement(self.partnership, "signed")
        draft = self._agreement(self.partnership, "draft")
        others = self._agreement(self.other_partnership, "signed")
        Agreement = self.env["npm.cso.agreement"].with_user(self.portal_expert)
        self.assertEqual(Agreement.search([]), signed)
        for hidden in (draft, others):
            with self.assertRaises(AccessError):
                hidden.with_user(self.portal_expert).read(["name"])
        # (merge of issues 3 and 4: a signed agreement is also frozen, and the
        # freeze answers first on write; the access rights refuse it anyway)
        with self.assertRaises(AccessError):
            signed.with_user(self.portal_expert).check_access("write")
        self.assertEqual(
            self.env["npm.cso.agreement"]
            .with_user(self.other_portal_expert)
            .search([]),
            others,
        )

    def test_expert_who_moves_to_another_cso_stops_seeing_the_agreements(self):
        signed = self._agreement(self.partnership, "signed")
        Agreement = self.env["npm.cso.agreement"].with_user(self.portal_expert)
        self.assertEqual(Agreement.search([]), signed)  # rule cache now warm
        self.cso_expert.parent_id = self.other_cso
        self.assertFalse(Agreement.search([]))
