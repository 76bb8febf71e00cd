from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError

from tests.agreement_common import AgreementCase

RENEWAL = "npm_cso_cooperation.mail_activity_type_agreement_renewal"


class TestAgreementExpiry(AgreementCase):
    def renewal_activities(self, agreement):
        return agreement.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(RENEWAL)
        )

    def test_cron_expires_signed_agreements_past_their_end(self):
        ending = self.signed(date_end=self.today + timedelta(days=5))
        approved = self.approved(
            self.make_agreement(date_end=self.today + timedelta(days=5))
        )
        with freeze_time(self.today + timedelta(days=5)):
            self.Agreement._cron_expire_agreements()
        self.assertEqual(ending.state, "signed", "still valid on its last day")
        with freeze_time(self.today + timedelta(days=6)):
            self.Agreement._cron_expire_agreements()
        self.assertEqual(ending.state, "expired")
        self.assertIn("Expired", self.notes(ending)[0])
        self.assertEqual(approved.state, "approved", "unsigned: nothing to expire")

    def test_cron_is_scheduled_daily(self):
        cron = self.env.ref("npm_cso_cooperation.ir_cron_npm_cso_agreement_expiry")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.code.strip(), "model._cron_expire_agreements()")

    def test_renewal_reminder_30_days_before_by_default(self):
        soon = self.signed(date_end=self.today + timedelta(days=30))
        later = self.signed(date_end=self.today + timedelta(days=31))
        no_end = self.signed(date_end=False)
        self.Agreement._cron_expire_agreements()
        activity = self.renewal_activities(soon)
        self.assertEqual(activity.user_id, self.officer)
        self.assertEqual(activity.date_deadline, soon.date_end)
        self.assertTrue(soon.is_renewal_scheduled)
        self.assertFalse(self.renewal_activities(later))
        self.assertFalse(self.renewal_activities(no_end))

    def test_renewal_reminder_goes_to_the_responsible_officer(self):
        agreement = self.signed(date_end=self.today + timedelta(days=3))
        agreement.with_user(self.officer).user_id = self.officer2
        self.Agreement._cron_expire_agreements()
        self.assertEqual(self.renewal_activities(agreement).user_id, self.officer2)

    def test_renewal_reminder_only_once(self):
        agreement = self.signed(date_end=self.today + timedelta(days=10))
        self.Agreement._cron_expire_agreements()
        self.renewal_activities(agreement).action_feedback("Discussed with the CSO")
        self.Agreement._cron_expire_agreements()
        self.assertFalse(self.renewal_activities(agreement))

    def test_no_reminder_when_a_renewal_is_under_way(self):
        agreement = self.signed(date_end=self.today + timedelta(days=10))
        agreement.with_user(self.officer).action_create_amendment()
        self.Agreement._cron_expire_agreements()
        self.assertFalse(self.renewal_activities(agreement))

    def test_renewal_period_is_a_setting(self):
        agreement = self.signed(date_end=self.today + timedelta(days=45))
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.npm_agreement_renewal_days, 30)
        settings.npm_agreement_renewal_days = 60
        settings.execute()
        self.assertEqual(
            self.env["ir.config_parameter"].get_param(
                "npm_cso_cooperation.agreement_renewal_days"
            ),
            "60",
        )
        self.Agreement._cron_expire_agreements()
        self.assertTrue(self.renewal_activities(agreement))

    def test_renewal_period_must_be_positive(self):
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            self.env["res.config.settings"].create({"npm_agreement_renewal_days": 0})

    def test_termination_cancels_the_renewal_reminder(self):
        agreement = self.signed(date_end=self.today + timedelta(days=10))
        self.Agreement._cron_expire_agreements()
        agreement.with_user(self.manager).action_terminate()
        self.assertFalse(self.renewal_activities(agreement))
