from freezegun import freeze_time

from odoo.exceptions import ValidationError

from tests.core.visit_common import NpmVisitCase

ACTIVITY_TYPE = "npm_cso_cooperation.mail_activity_type_urgent_action"
PARAM = "npm_cso_cooperation.urgent_action_user_id"


class TestUrgentAction(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-1, end=0)
        cls.activity_type = cls.env.ref(ACTIVITY_TYPE)

    def _urgent_activities(self, finding):
        return finding.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )

    def _urgent(self, sensitivity="confidential", user=None, visit=None):
        Finding = self.env["npm.visit.finding"].with_user(user or self.officer)
        return Finding.create(
            {
                "visit_id": (visit or self.visit).id,
                "name": f"Detainee beaten ({sensitivity})",
                "sensitivity": sensitivity,
                "is_urgent": True,
            }
        )

    def test_urgent_finding_schedules_an_activity_for_the_head_due_today(self):
        finding = self._urgent()
        activity = self._urgent_activities(finding)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.cleared)  # head of delegation
        self.assertEqual(activity.date_deadline, self.today)
        self.assertIn("Call the director", activity.note)  # the agreed protocol
        self.assertEqual(finding.urgent_state, "open")
        self.assertEqual(finding.urgent_user_id, self.cleared)
        self.assertEqual(finding.urgent_deadline, self.today)

    def test_marking_an_existing_finding_urgent_starts_the_follow_up(self):
        finding = self._finding(self.visit, "internal").with_user(self.officer)
        self.assertFalse(self._urgent_activities(finding))
        finding.is_urgent = True
        self.assertEqual(finding.urgent_state, "open")
        self.assertEqual(len(self._urgent_activities(finding)), 1)

    def test_urgent_finding_is_posted_on_the_visit(self):
        finding = self._urgent()
        note = self.visit.message_ids.filtered(
            lambda m: "Urgent action required" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn(finding.name, note.body)
        self.assertIn(self.cleared.name, note.body)
        self.assertTrue(note.subtype_id.internal)

    def test_visit_note_does_not_leak_a_strictly_confidential_finding(self):
        finding = self._urgent("strictly_confidential", user=self.cleared)
        note = self.visit.message_ids.filtered(
            lambda m: "Urgent action required" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertNotIn(finding.name, note.body)
        self.assertIn("strictly confidential", note.body)

    def test_designated_officer_acts_when_the_head_has_no_user(self):
        self.env["ir.config_parameter"].set_param(PARAM, self.officer2.id)
        visit = self._visit(start=-1, end=0)
        head = visit.member_ids.filtered(lambda m: m.role == "head")
        head.partner_id = self.env["res.partner"].create({"name": "External head"})
        self._undertaking(self.cso_expert)
        finding = self._urgent(visit=visit)
        self.assertEqual(self._urgent_activities(finding).user_id, self.officer2)

    def test_designated_officer_is_a_setting(self):
        settings = self.env["res.config.settings"].create(
            {"npm_urgent_action_user_id": self.officer2.id}
        )
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(PARAM), str(self.officer2.id)
        )
        self.assertEqual(
            self.env["res.config.settings"].create({}).npm_urgent_action_user_id,
            self.officer2,
        )

    def test_strictly_confidential_goes_to_someone_who_may_read_it(self):
        # the head is a plain officer: they may not read the finding
        visit = self._visit(start=-1, end=0)
        visit.member_ids.filtered(
            lambda m: m.role == "head"
        ).partner_id = self.officer2.partner_id
        self.env["ir.config_parameter"].set_param(PARAM, self.manager2.id)
        self._undertaking(self.cso_expert)
        finding = self._urgent("strictly_confidential", user=self.cleared, visit=visit)
        self.assertEqual(self._urgent_activities(finding).user_id, self.manager2)

    def test_nobody_fit_alerts_the_managers_at_once(self):
        visit = self._visit(start=-1, end=0, user_id=self.officer.id)
        visit.member_ids.filtered(
            lambda m: m.role == "head"
        ).partner_id = self.officer2.partner_id
        self._undertaking(self.cso_expert)
        finding = self._urgent("strictly_confidential", user=self.cleared, visit=visit)
        users = self._urgent_activities(finding).user_id
        self.assertIn(self.manager, users)
        self.assertIn(self.manager2, users)
        self.assertNotIn(self.officer2, users)
        self.assertTrue(finding.urgent_escalated_on)

    def test_overdue_urgent_action_is_escalated_to_the_managers(self):
        finding = self._urgent()
        Finding = self.env["npm.visit.finding"]
        # due today: nothing to escalate yet
        self.assertNotIn(finding, Finding._cron_escalate_urgent_findings())
        with freeze_time(self._days(1)):
            escalated = Finding._cron_escalate_urgent_findings()
        self.assertIn(finding, escalated)
        managers = self._urgent_activities(finding).user_id - self.cleared
        self.assertIn(self.manager, managers)
        self.assertIn(self.manager2, managers)
        self.assertNotIn(self.env.ref("base.user_root"), managers)
        self.assertTrue(finding.urgent_escalated_on)
        self.assertTrue(
            self.visit.message_ids.filtered(
                lambda m: "escalated to the NPM managers" in (m.body or "")
            )
        )
        # only once
        with freeze_time(self._days(2)):
            self.assertNotIn(finding, Finding._cron_escalate_urgent_findings())

    def test_in_progress_urgent_action_is_escalated_too(self):
        finding = self._urgent()
        finding.action_start_urgent_action()
        self.assertEqual(finding.urgent_state, "in_progress")
        with freeze_time(self._days(1)):
            escalated = self.env["npm.visit.finding"]._cron_escalate_urgent_findings()
        self.assertIn(finding, escalated)

    def test_resolved_urgent_action_is_not_escalated_and_closes_activities(self):
        finding = self._urgent()
        finding.urgent_action_taken = "Director moved the detainee"
        finding.with_user(self.cleared).action_resolve_urgent_action()
        self.assertEqual(finding.urgent_state, "resolved")
        self.assertTrue(finding.urgent_resolved_on)
        self.assertFalse(self._urgent_activities(finding))
        with freeze_time(self._days(1)):
            self.assertNotIn(
                finding, self.env["npm.visit.finding"]._cron_escalate_urgent_findings()
            )

    def test_escalation_cron_runs_hourly(self):
        cron = self.env.ref("npm_cso_cooperation.ir_cron_escalate_urgent_findings")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "hours"))
        self.assertTrue(cron.active)

    def test_protocol_is_shown_with_the_finding(self):
        finding = self._urgent()
        self.assertEqual(
            finding.urgent_action_protocol, self.visit.urgent_action_protocol
        )

    def test_no_longer_urgent_ends_the_follow_up(self):
        finding = self._urgent()
        finding.is_urgent = False
        self.assertFalse(finding.urgent_state)
        self.assertFalse(self._urgent_activities(finding))

    def test_follow_up_needs_an_urgent_finding(self):
        finding = self._finding(self.visit, "internal")
        with self.assertRaisesRegex(ValidationError, "not marked urgent"):
            finding.urgent_state = "open"
