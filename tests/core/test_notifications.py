"""Work that reaches the people who must act (issue 14): who gets what, and
who does not.

- a request to use information gives the managers of its company a *Decide
  on request* activity, and its answer reaches the expert who asked (portal
  page, message, e-mail);
- an officer asks the managers to review the safeguards they cannot confirm;
- decision activities belong to their assignees, and the decision closes
  them;
- an undertaking expiring before an upcoming visit ends warns the visit's
  responsible officer.
"""

import re

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user
from odoo.tools import html2plaintext, mute_logger

from tests.agreement_common import AgreementCase
from tests.common import MODULE
from tests.core.visit_common import NpmVisitCase
from tests.i18n_common import translation

DECISION = "npm_cso_cooperation.mail_activity_type_info_use_decision"
APPROVAL = "npm_cso_cooperation.mail_activity_type_agreement_approval"
REVIEW = "npm_cso_cooperation.mail_activity_type_safeguard_review"
EXPIRY = "npm_cso_cooperation.mail_activity_type_undertaking_expiry"
MANAGER_GROUP = "npm_cso_cooperation.group_npm_manager"
OFFICER_GROUP = "npm_cso_cooperation.group_npm_user"


def _activities(env, record, xmlid, active_test=True):
    return (
        env["mail.activity"]
        .with_context(active_test=active_test)
        .search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                ("activity_type_id", "=", env.ref(xmlid).id),
            ]
        )
    )


def _done_messages(record, xmlid):
    """The chatter's "<activity> done" messages of that type, as text."""
    record = record.sudo()
    activity_type = record.env.ref(xmlid)
    return [
        html2plaintext(message.body or "")
        for message in record.message_ids
        if message.mail_activity_type_id == activity_type
    ]


class OtherCompanyMixin:
    @classmethod
    def _other_company_users(cls):
        cls.company_b = cls.env["res.company"].create({"name": "Other NPM"})
        cls.manager_b = new_test_user(
            cls.env,
            login="t_manager_b",
            groups=MANAGER_GROUP,
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
            email="t_manager_b@example.org",
        )
        cls.officer_b = new_test_user(
            cls.env,
            login="t_officer_b",
            groups=OFFICER_GROUP,
            company_id=cls.company_b.id,
            company_ids=[(6, 0, cls.company_b.ids)],
            email="t_officer_b@example.org",
        )


# ---------------------------------------------------------------------------
# Requests to use information
# ---------------------------------------------------------------------------
class TestRequestReachesTheManagers(OtherCompanyMixin, NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._other_company_users()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.visit.action_done()
        cls.Request = cls.env["npm.info.use.request"]

    def _ask(self, user=None, **vals):
        return self.Request.with_user(user or self.portal_expert).create(
            {
                "visit_id": self.visit.id,
                "purpose": "report",
                "description": "Quote the overcrowding figures in our report.",
                **vals,
            }
        )

    def _managers(self):
        return (
            self.env["res.users"]
            .search([("groups_id", "in", self.env.ref(MANAGER_GROUP).id)])
            .filtered(lambda u: self.env.company in u.company_ids)
        )

    def test_portal_request_asks_the_managers_of_its_company(self):
        request = self._ask()
        asked = _activities(self.env, request, DECISION).user_id
        self.assertLessEqual(self.manager | self.manager2, asked)
        self.assertLessEqual(asked, self._managers())
        for user in (
            self.officer,
            self.officer2,
            self.cleared,
            self.employee,
            self.portal_expert,
            self.other_portal_expert,
            self.manager_b,
            self.officer_b,
        ):
            with self.subTest(user=user.login):
                self.assertNotIn(user, asked)
        note = html2plaintext(_activities(self.env, request, DECISION)[0].note)
        self.assertIn("Expert of Test Watch asks to use information", note)

    def test_request_recorded_by_an_officer_asks_the_managers_too(self):
        request = self._ask(user=self.officer, partner_id=self.cso_expert.id)
        asked = _activities(self.env, request, DECISION).user_id
        self.assertLessEqual(self.manager | self.manager2, asked)
        self.assertLessEqual(asked, self._managers())

    def test_expert_holds_no_activity_and_reads_none(self):
        request = self._ask()
        Activity = self.env["mail.activity"]
        domain = [("res_model", "=", request._name), ("res_id", "=", request.id)]
        for user in (self.portal_expert, self.other_portal_expert):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Activity.with_user(user).search(domain)
        for user in (self.employee, self.officer_b, self.manager_b):
            with self.subTest(user=user.login):
                self.assertFalse(Activity.with_user(user).search(domain))

    def test_approval_closes_the_activities_with_who_decided(self):
        request = self._ask()
        request.with_user(self.manager).decision_note = "Only aggregated figures."
        request.with_user(self.manager).action_approve()
        self.assertFalse(_activities(self.env, request, DECISION))
        done = _done_messages(request, DECISION)
        self.assertEqual(len(done), len(self._managers()))
        self.assertTrue(any("Decided by T Manager: Approved" in text for text in done))

    def test_rejection_closes_the_activities_too(self):
        request = self._ask()
        request.with_user(self.manager2).action_reject()
        self.assertFalse(_activities(self.env, request, DECISION))
        done = _done_messages(request, DECISION)
        self.assertTrue(any("Decided by T Manager2: Rejected" in text for text in done))

    def test_officer_cannot_close_a_managers_decision_activity(self):
        request = self._ask(user=self.officer, partner_id=self.cso_expert.id)
        activity = _activities(self.env, request, DECISION).filtered(
            lambda a: a.user_id == self.manager
        )
        with self.assertRaisesRegex(UserError, "only they may mark it done"):
            activity.with_user(self.officer).action_feedback(feedback="Done")
        with self.assertRaisesRegex(UserError, "only they may mark it done"):
            activity.with_user(self.officer).unlink()
        self.assertTrue(activity.exists())
        self.assertEqual(request.state, "submitted")


class TestDecisionReachesTheExpert(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.visit.action_done()
        cls.request = (
            cls.env["npm.info.use.request"]
            .with_user(cls.portal_expert)
            .create(
                {
                    "visit_id": cls.visit.id,
                    "purpose": "report",
                    "description": "Quote the overcrowding figures.",
                }
            )
            .with_user(cls.env.user)
        )

    def _decision_message(self):
        comment = self.env.ref("mail.mt_comment")
        return self.request.message_ids.filtered(
            lambda m: m.subtype_id == comment and self.cso_expert in m.partner_ids
        )

    def _notified(self, message):
        return (
            self.env["mail.notification"]
            .sudo()
            .search([("mail_message_id", "=", message.id)])
        )

    def test_approval_with_conditions_reaches_the_expert(self):
        request = self.request.with_user(self.manager)
        request.decision_note = "Only aggregated figures, no names."
        request.action_approve()
        message = self._decision_message()
        self.assertEqual(len(message), 1)
        text = html2plaintext(message.body)
        self.assertIn("The NPM approved your request", text)
        self.assertIn("Conditions:", text)
        self.assertIn("Only aggregated figures, no names.", text)
        self.assertEqual(message.author_id, self.manager.partner_id)
        self.assertFalse(message.subtype_id.internal)
        # by e-mail, to the expert only
        notifications = self._notified(message)
        mine = notifications.filtered(lambda n: n.res_partner_id == self.cso_expert)
        self.assertEqual(mine.notification_type, "email")
        for partner in (
            self.other_expert,
            self.employee.partner_id,
            self.cso_colleague,
        ):
            with self.subTest(partner=partner.name):
                self.assertNotIn(partner, notifications.res_partner_id)
        # and the expert reads it in the portal, on their request
        seen = (
            self.env["mail.message"]
            .with_user(self.portal_expert)
            .search([("model", "=", request._name), ("res_id", "=", request.id)])
        )
        self.assertIn(message, seen)
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.other_portal_expert)
            .search([("id", "=", message.id)])
        )

    def test_rejection_gives_the_reason(self):
        request = self.request.with_user(self.manager)
        request.decision_note = "Names of detainees could be inferred."
        request.action_reject()
        text = html2plaintext(self._decision_message().body)
        self.assertIn("The NPM rejected your request", text)
        self.assertIn("Reason:", text)
        self.assertIn("Names of detainees could be inferred.", text)

    def test_rejection_without_a_reason_says_so(self):
        self.request.with_user(self.manager).action_reject()
        text = html2plaintext(self._decision_message().body)
        self.assertIn("No reason was given.", text)

    def test_expert_who_left_the_cso_is_not_told(self):
        # Moved to another organisation: they may no longer read the request.
        self.cso_expert.parent_id = self.other_cso
        self.request.with_user(self.manager).action_approve()
        messages = self.request.message_ids.filtered(
            lambda m: "approved your request" in (m.body or "")
        )
        self.assertTrue(messages)
        self.assertNotIn(self.cso_expert, self._notified(messages).res_partner_id)

    def test_decision_in_the_experts_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.cso_expert.lang = "fr_FR"
        self.request.with_user(self.manager).action_approve()
        # the addon's French (i18n/fr.po), whatever the manager's language
        french = translation(
            MODULE,
            "fr_FR",
            "The NPM approved your request %(name)s to use information of %(visit)s.",
        )
        self.assertTrue(french)
        body = html2plaintext(self._decision_message().body)
        self.assertIn(french.split("%(")[0].strip(), body)
        self.assertNotIn("The NPM approved your request", body)


class TestDecisionOnThePortalPage(NpmVisitCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5, end=-4)

    def test_request_to_answer_end_to_end(self):
        self.authenticate("t_portal", "t_portal")
        url = self.visit.access_url
        page = self.url_open(url).text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.url_open(
            f"{url}/requests",
            data={
                "csrf_token": token,
                "purpose": "advocacy",
                "description": "Brief the parliament's committee.",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("receive it by e-mail", response.text)
        request = self.env["npm.info.use.request"].search(
            [("visit_id", "=", self.visit.id), ("partner_id", "=", self.cso_expert.id)]
        )
        self.assertEqual(len(request), 1)
        self.assertLessEqual(
            self.manager | self.manager2,
            _activities(self.env, request, DECISION).user_id,
        )
        self.assertIn("Awaiting the NPM", self.url_open(request.access_url).text)
        # the manager decides
        request.with_user(self.manager2).decision_note = "Anonymised only."
        request.with_user(self.manager2).action_approve()
        self.assertFalse(_activities(self.env, request, DECISION))
        page = self.url_open(request.access_url).text
        self.assertIn("Approved", page)
        self.assertIn("Conditions:", page)
        self.assertIn("Anonymised only.", page)
        # told by e-mail
        message = request.message_ids.filtered(
            lambda m: self.cso_expert in m.partner_ids
        )
        notification = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", message.ids),
                    ("res_partner_id", "=", self.cso_expert.id),
                ]
            )
        )
        self.assertEqual(notification.notification_type, "email")


# ---------------------------------------------------------------------------
# Approval activities belong to their approvers
# ---------------------------------------------------------------------------
class TestApprovalActivityGuard(AgreementCase):
    def _managers_activity(self, agreement, user=None):
        return self.approval_activities(agreement).filtered(
            lambda a: a.user_id == (user or self.manager)
        )

    def test_submitter_cannot_mark_done_edit_or_cancel(self):
        agreement = self.submitted()
        activity = self._managers_activity(agreement).with_user(self.officer)
        self.assertFalse(activity.can_write)
        for call in (
            lambda: activity.action_feedback(feedback="Approved (not really)"),
            activity.action_done,
            lambda: activity.write({"note": "<p>Changed</p>"}),
            lambda: activity.write({"user_id": self.officer.id}),
            activity.action_cancel,
            activity.unlink,
        ):
            with self.assertRaisesRegex(UserError, "only they may mark it done"):
                call()
        self.assertTrue(activity.exists())
        self.assertEqual(agreement.state, "to_approve")
        self.assertFalse(_done_messages(agreement, APPROVAL))

    def test_another_manager_cannot_close_it_either(self):
        agreement = self.submitted()
        activity = self._managers_activity(agreement).with_user(self.manager2)
        with self.assertRaisesRegex(UserError, "asks T Manager for a decision"):
            activity.action_feedback()
        self.assertTrue(activity.exists())

    def test_assignee_may_edit_and_mark_done(self):
        agreement = self.submitted()
        activity = self._managers_activity(agreement).with_user(self.manager)
        self.assertTrue(activity.can_write)
        activity.write({"note": "<p>I read clause 3 first.</p>"})
        activity.action_feedback(feedback="Seen")
        self.assertFalse(activity.exists())

    def test_approval_closes_the_others_with_who_decided(self):
        agreement = self.submitted()
        asked = self.approval_activities(agreement)
        agreement.with_user(self.manager).action_approve()
        self.assertFalse(self.approval_activities(agreement))
        done = _done_messages(agreement, APPROVAL)
        self.assertEqual(len(done), len(asked))
        self.assertTrue(any("Decided by T Manager: Approved" in text for text in done))

    def test_rejection_closes_the_others_with_who_decided(self):
        agreement = self.submitted()
        asked = self.approval_activities(agreement)
        agreement.with_user(self.manager2).action_reject(reason="Clause 4.")
        self.assertFalse(self.approval_activities(agreement))
        done = _done_messages(agreement, APPROVAL)
        self.assertEqual(len(done), len(asked))
        self.assertTrue(
            any("Decided by T Manager2: Rejected: Clause 4." in t for t in done)
        )

    def test_guard_speaks_the_users_language(self):
        agreement = self.submitted()
        activity = self._managers_activity(agreement).with_user(self.officer)
        with self.assertRaises(UserError) as caught:
            activity.with_context(lang="en_US").unlink()
        self.assertNotIn("Records:", str(caught.exception))

    def test_archiving_an_approver_still_works(self):
        agreement = self.submitted()
        admin = self.env.ref("base.user_admin")
        self.manager2.with_user(admin).action_archive()
        self.assertFalse(self.manager2.active)
        self.assertNotIn(self.manager2, self.approval_activities(agreement).user_id)
        self.assertIn(self.manager, self.approval_activities(agreement).user_id)

    def test_other_activities_keep_odoos_rules(self):
        agreement = self.submitted()
        todo = agreement.with_user(self.officer).activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.manager.id
        )
        todo.with_user(self.officer).write({"note": "<p>Call the CSO.</p>"})
        todo.with_user(self.officer).unlink()
        self.assertFalse(todo.exists())


# ---------------------------------------------------------------------------
# Safeguards an officer cannot confirm
# ---------------------------------------------------------------------------
class TestSafeguardReview(OtherCompanyMixin, AgreementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._other_company_users()

    def _negotiating(self):
        partnership = self.make_partnership()
        partnership.with_user(self.officer).action_start_negotiation()
        self.fill_terms(partnership)
        return partnership

    def _refusal(self, agreement, user):
        with self.assertRaises(UserError) as caught:
            agreement.with_user(user).action_submit()
        return str(caught.exception)

    def test_officer_reads_one_item_saying_how_to_ask(self):
        partnership = self._negotiating()
        agreement = self.make_agreement(partnership)
        message = self._refusal(agreement, self.officer)
        items = [line for line in message.splitlines() if line.startswith("- ")]
        self.assertEqual(len(items), 1, message)
        self.assertIn("“Request Safeguard Review” on the partnership", message)
        self.assertIn("7 awaiting", message)

    def test_manager_still_reads_each_safeguard(self):
        partnership = self._negotiating()
        agreement = self.make_agreement(partnership, user=self.manager)
        message = self._refusal(agreement, self.manager)
        items = [line for line in message.splitlines() if line.startswith("- ")]
        self.assertEqual(len(items), len(partnership.safeguard_line_ids), message)
        self.assertNotIn("Request Safeguard Review", message)

    def test_officer_asks_the_managers_once(self):
        partnership = self._negotiating()
        action = partnership.with_user(self.officer).action_request_safeguard_review()
        self.assertEqual(action["params"]["type"], "success")
        asked = _activities(self.env, partnership, REVIEW).user_id
        self.assertLessEqual(self.manager | self.manager2, asked)
        self.assertTrue(all(user.has_group(MANAGER_GROUP) for user in asked))
        for user in (self.officer, self.officer2, self.employee, self.manager_b):
            self.assertNotIn(user, asked)
        self.assertIn(
            "Safeguard review requested by T Officer", self.notes(partnership)[0]
        )
        # no duplicates
        again = partnership.with_user(self.officer2).action_request_safeguard_review()
        self.assertEqual(again["params"]["type"], "info")
        self.assertEqual(_activities(self.env, partnership, REVIEW).user_id, asked)
        # the refusal now says they were asked
        agreement = self.make_agreement(partnership)
        message = self._refusal(agreement, self.officer)
        self.assertIn("the managers have been asked to review them", message)

    def test_confirming_closes_the_review(self):
        partnership = self._negotiating()
        partnership.with_user(self.officer).action_request_safeguard_review()
        review = _activities(self.env, partnership, REVIEW)
        asked = review.user_id
        with self.assertRaisesRegex(UserError, "only they may mark it done"):
            review.with_user(self.officer).unlink()
        first, *_rest = partnership.safeguard_line_ids
        first.with_user(self.manager).action_confirm()
        self.assertEqual(_activities(self.env, partnership, REVIEW).user_id, asked)
        partnership.with_user(self.manager).action_confirm_safeguards()
        self.assertFalse(_activities(self.env, partnership, REVIEW))
        done = _done_messages(partnership, REVIEW)
        self.assertTrue(
            any("Safeguards confirmed by T Manager." in text for text in done)
        )
        agreement = self.make_agreement(partnership)
        agreement.with_user(self.officer).action_submit()
        self.assertEqual(agreement.state, "to_approve")

    def test_nothing_to_review_is_refused(self):
        partnership = self.safeguarded_partnership()
        with self.assertRaisesRegex(UserError, "already confirmed"):
            partnership.with_user(self.officer).action_request_safeguard_review()
        empty = self.make_partnership(name="Empty")
        empty.safeguard_line_ids.with_user(self.manager).unlink()
        with self.assertRaisesRegex(UserError, "no independence safeguard to review"):
            empty.with_user(self.officer).action_request_safeguard_review()
        self.assertFalse(_activities(self.env, partnership, REVIEW))

    def test_users_outside_the_app_cannot_ask(self):
        partnership = self._negotiating()
        for user in (self.employee, self.portal_expert, self.officer_b):
            with (
                self.subTest(user=user.login),
                self.assertRaises(AccessError),
                mute_logger("odoo.addons.base.models.ir_rule"),
            ):
                partnership.with_user(user).action_request_safeguard_review()
        self.assertFalse(_activities(self.env, partnership, REVIEW))

    def test_button_is_for_officers(self):
        Partnership = self.env["npm.cso.partnership"]

        def arch(user):
            views = Partnership.with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        self.assertIn("action_request_safeguard_review", arch(self.officer))
        self.assertNotIn("action_request_safeguard_review", arch(self.manager))


# ---------------------------------------------------------------------------
# Undertakings expiring before an upcoming visit ends
# ---------------------------------------------------------------------------
class TestUndertakingExpiryReminder(OtherCompanyMixin, NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._other_company_users()
        cls.Undertaking = cls.env["npm.confidentiality.undertaking"]

    def _run(self):
        self.Undertaking._cron_expire_undertakings()

    def _reminders(self, visit):
        return _activities(self.env, visit, EXPIRY)

    def test_responsible_officer_is_warned_once(self):
        undertaking = self._undertaking(self.cso_expert, expiry=10)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        self._run()
        reminder = self._reminders(visit)
        self.assertEqual(reminder.user_id, self.officer)
        note = html2plaintext(reminder.note)
        self.assertIn("Expert of Test Watch", note)
        self.assertIn(visit.name, note)
        self.assertLessEqual(reminder.date_deadline, visit.date_start)
        self.assertIn(visit, undertaking.sudo().expiry_reminder_visit_ids)
        # once per visit and undertaking, even once the activity is done
        # nobody else is told: every reminder of the database is the officer's
        everyone = self.env["mail.activity"].search(
            [("activity_type_id", "=", self.env.ref(EXPIRY).id)]
        )
        self.assertEqual(everyone.user_id, self.officer)
        for user in (self.portal_expert, self.other_portal_expert):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["mail.activity"].with_user(user).search([])
        for user in (self.employee, self.manager_b, self.officer_b):
            with self.subTest(user=user.login):
                self.assertFalse(
                    self.env["mail.activity"]
                    .with_user(user)
                    .search([("res_model", "=", visit._name)])
                )
        # once per visit and undertaking, even once the activity is done
        reminder.with_user(self.officer).action_feedback(feedback="Asked for a new one")
        self._run()
        self.assertFalse(self._reminders(visit))

    def test_each_visit_is_warned(self):
        self._undertaking(self.cso_expert, expiry=10)
        first = self._visit(start=5, end=15, user_id=self.officer.id)
        second = self._visit(start=8, end=12, user_id=self.officer2.id)
        self._run()
        self.assertEqual(self._reminders(first).user_id, self.officer)
        self.assertEqual(self._reminders(second).user_id, self.officer2)

    def test_no_warning_when_it_covers_the_visit(self):
        self._undertaking(self.cso_expert, expiry=20)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        self._run()
        self.assertFalse(self._reminders(visit))

    def test_no_warning_when_another_undertaking_covers_the_visit(self):
        self._undertaking(self.cso_expert, expiry=10)
        self._undertaking(self.cso_expert, signed=-1, expiry=100)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        self._run()
        self.assertFalse(self._reminders(visit))

    def test_no_warning_before_the_renewal_period(self):
        self.env["ir.config_parameter"].set_param(
            "npm_cso_cooperation.agreement_renewal_days", "5"
        )
        self._undertaking(self.cso_expert, expiry=10)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        self._run()
        self.assertFalse(self._reminders(visit))
        self.env["ir.config_parameter"].set_param(
            "npm_cso_cooperation.agreement_renewal_days", "30"
        )
        self._run()
        self.assertTrue(self._reminders(visit))

    def test_no_warning_for_visits_past_or_cancelled(self):
        self._undertaking(self.cso_expert, expiry=10)
        cancelled = self._visit(start=5, end=15, user_id=self.officer.id)
        cancelled.action_cancel()
        past = self._visit(start=-20, end=-18, user_id=self.officer.id)
        self._run()
        self.assertFalse(self._reminders(cancelled))
        self.assertFalse(self._reminders(past))

    def test_no_warning_for_another_cso_members_visit(self):
        self._undertaking(self.other_expert, expiry=10)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        self._run()
        self.assertFalse(self._reminders(visit))

    def test_responsible_who_may_not_read_the_visit_gets_nothing(self):
        self._undertaking(self.cso_expert, expiry=10)
        visit = self._visit(start=5, end=15)
        # an internal user outside the app, or of another company: their
        # reminder goes to the partnership's officer, else a manager
        visit.sudo().write({"user_id": self.employee.id})
        self.partnership.user_id = self.officer_b
        self._run()
        reminder = self._reminders(visit)
        self.assertTrue(reminder)
        self.assertNotIn(reminder.user_id, self.employee | self.officer_b)
        self.assertTrue(reminder.user_id.has_group(MANAGER_GROUP))
        self.assertIn(self.env.company, reminder.user_id.company_ids)

    def test_partnership_officer_when_the_visit_has_none(self):
        self._undertaking(self.cso_expert, expiry=10)
        visit = self._visit(start=5, end=15)
        visit.sudo().write({"user_id": False})
        self.partnership.user_id = self.officer2
        self._run()
        self.assertEqual(self._reminders(visit).user_id, self.officer2)

    def test_nobody_sets_the_reminders_by_hand(self):
        undertaking = self._undertaking(self.cso_expert, expiry=10)
        visit = self._visit(start=5, end=15, user_id=self.officer.id)
        with self.assertRaisesRegex(UserError, "set by the application"):
            undertaking.with_user(self.manager).write(
                {"expiry_reminder_visit_ids": [fields.Command.link(visit.id)]}
            )
        with self.assertRaises(UserError):  # AccessError is one too
            undertaking.with_user(self.officer).write(
                {"expiry_reminder_visit_ids": [fields.Command.link(visit.id)]}
            )
        self._run()
        self.assertTrue(self._reminders(visit))
