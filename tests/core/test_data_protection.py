"""The NPM's data-protection notice and its acknowledgments (issue 17, part 1).

A manager publishes a version of the notice: it becomes the one current
notice of its company and supersedes the one before; its text no longer
changes. CSO experts acknowledge it in the portal, for themselves; NPM staff
record on paper what a CSO (its representative) or an expert acknowledged. A
partnership is agreed, and a joint visit confirmed, only once its CSO and its
CSO members acknowledged the current notice.
"""

import base64
import re

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase
from odoo.tools import mute_logger

from tests.core.visit_common import NpmVisitCase

NOTICE = "npm.data.protection.notice"
ACK = "npm.data.protection.acknowledgment"
ACTIVITY = "npm_cso_cooperation.mail_activity_type_data_protection_notice"
SCAN = base64.b64encode(b"%PDF-1.4 signed acknowledgment")


class DataProtectionCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notice = cls.env[NOTICE]
        cls.Ack = cls.env[ACK]
        cls.first = cls.Notice._current(cls.env.company)

    @classmethod
    def _new_version(cls, publish=True, by=None):
        notice = cls.Notice.with_user(by or cls.manager).create(
            {"name": "Our obligations", "body": "<p>Version two.</p>"}
        )
        if publish:
            notice.action_publish()
        return notice.with_user(cls.env.user)

    def _agreeable_partnership(self, cso):
        partnership = self.env["npm.cso.partnership"].create(
            {
                "name": f"NPM – {cso.name}",
                "partner_id": cso.id,
                "user_id": self.officer.id,
                "expectations": "<p>Expertise.</p>",
                "possibilities": "<p>Two visits a year.</p>",
                "limits": "<p>No case files.</p>",
                "safeguard_line_ids": [fields.Command.create({"name": "No orders"})],
            }
        )
        partnership.safeguard_line_ids.with_user(self.manager).action_confirm()
        partnership.action_start_negotiation()
        return partnership


class TestNoticeLifecycle(DataProtectionCase):
    def test_fresh_install_has_a_current_notice(self):
        self.assertTrue(self.first)
        self.assertEqual(self.first.state, "published")
        self.assertTrue(self.first.date_published)

    def test_manager_publishes_and_supersedes_the_last(self):
        notice = self._new_version()
        self.assertEqual(notice.state, "published")
        self.assertEqual(notice.date_published, fields.Date.context_today(notice))
        self.assertEqual(notice.version, self.first.version + 1)
        self.assertEqual(self.first.state, "superseded")
        self.assertEqual(self.Notice._current(self.env.company), notice)

    def test_officer_may_not_publish(self):
        draft = self._new_version(publish=False)
        with self.assertRaises(AccessError):
            draft.with_user(self.officer).action_publish()
        with self.assertRaises(AccessError):
            self.Notice.with_user(self.officer).create(
                {"name": "N", "body": "<p>x</p>"}
            )
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.first.state, "published")

    def test_published_text_is_frozen(self):
        for field, value in (
            ("body", "<p>Rewritten</p>"),
            ("name", "Other"),
            ("version", 99),
        ):
            with self.subTest(field=field), self.assertRaises(UserError):
                self.first.with_user(self.manager).write({field: value})
        with self.assertRaises(UserError):
            self.first.with_user(self.manager).unlink()

    def test_state_changes_only_through_publish(self):
        draft = self._new_version(publish=False)
        with self.assertRaises(UserError):
            draft.with_user(self.manager).write({"state": "published"})
        with self.assertRaises(UserError):
            draft.with_user(self.manager).write({"date_published": "2020-01-01"})

    def test_draft_is_editable_and_deletable(self):
        draft = self._new_version(publish=False)
        draft.with_user(self.manager).body = "<p>Better</p>"
        draft.with_user(self.manager).unlink()
        self.assertFalse(draft.exists())

    def test_portal_reads_the_current_notice_only(self):
        draft = self._new_version(publish=False)
        Notice = self.Notice.with_user(self.portal_expert)
        self.assertEqual(Notice.search([]), self.first)
        self.assertTrue(self.first.with_user(self.portal_expert).read(["body"]))
        with self.assertRaises(AccessError):
            draft.with_user(self.portal_expert).read(["body"])
        with self.assertRaises(AccessError):
            self.first.with_user(self.portal_expert).read(["company_id"])
        with self.assertRaises(AccessError):
            self.first.with_user(self.employee).read(["body"])


class TestAcknowledgments(DataProtectionCase):
    def test_expert_acknowledges_in_the_portal(self):
        notice = self._new_version()
        ack = notice.with_user(self.portal_expert).action_acknowledge()
        self.assertEqual(ack.partner_id, self.cso_expert)
        self.assertEqual(ack.channel, "portal")
        self.assertEqual(ack.acknowledged_by, self.portal_expert)
        self.assertTrue(ack.acknowledged_on)
        self.assertEqual(ack.cso_id, self.cso)
        # twice is once
        self.assertEqual(notice.with_user(self.portal_expert).action_acknowledge(), ack)
        self.assertEqual(self.Ack.search_count([("notice_id", "=", notice.id)]), 1)

    def test_expert_cannot_acknowledge_for_someone_else(self):
        notice = self._new_version()
        Ack = self.Ack.with_user(self.portal_expert)
        for partner in (self.cso_colleague, self.cso, self.other_expert):
            with self.subTest(partner=partner.name), self.assertRaises(AccessError):
                Ack.create({"notice_id": notice.id, "partner_id": partner.id})
        self.assertFalse(self.Ack.search([("notice_id", "=", notice.id)]))

    def test_expert_cannot_forge_the_stamps(self):
        notice = self._new_version()
        Ack = self.Ack.with_user(self.portal_expert)
        for forged in (
            {"channel": "paper"},
            {"acknowledged_on": "2020-01-01 00:00:00"},
            {"acknowledged_by": self.officer.id},
        ):
            with self.subTest(forged=forged), self.assertRaises(UserError):
                Ack.create(
                    {"notice_id": notice.id, "partner_id": self.cso_expert.id, **forged}
                )

    def test_only_the_current_notice_is_acknowledged(self):
        self._new_version()
        with self.assertRaises(AccessError):
            # the superseded version is no longer readable in the portal
            self.first.with_user(self.portal_expert).action_acknowledge()
        with self.assertRaises(UserError):
            self.Ack.with_user(self.officer).create(
                {"notice_id": self.first.id, "partner_id": self.cso_colleague.id}
            )

    def test_officer_records_a_paper_acknowledgment(self):
        notice = self._new_version()
        ack = self.Ack.with_user(self.officer).create(
            {
                "notice_id": notice.id,
                "partner_id": self.cso.id,
                "scanned_copy": SCAN,
                "scanned_copy_filename": "ack.pdf",
            }
        )
        self.assertEqual(ack.channel, "paper")
        self.assertEqual(ack.acknowledged_by, self.officer)
        self.assertEqual(ack.cso_id, self.cso)
        # what it says never changes, nor does its scanned copy
        for vals in (
            {"partner_id": self.other_cso.id},
            {"notice_id": self.first.id},
            {"scanned_copy": base64.b64encode(b"other")},
        ):
            with self.subTest(vals=list(vals)), self.assertRaises(UserError):
                ack.with_user(self.manager).write(vals)
        attachment = self.env["ir.attachment"].search(
            [
                ("res_model", "=", ACK),
                ("res_id", "=", ack.id),
                ("res_field", "=", "scanned_copy"),
            ]
        )
        self.assertTrue(attachment)
        with self.assertRaises(UserError):
            attachment.with_user(self.manager).write({"raw": b"replaced"})
        with self.assertRaises(UserError):
            attachment.with_user(self.manager).unlink()
        with self.assertRaises(UserError):
            ack.with_user(self.manager).unlink()
        # the internal note stays editable
        ack.with_user(self.officer).note = "Given at the meeting."

    def test_scanned_copy_may_come_later_then_stays(self):
        notice = self._new_version()
        ack = self.Ack.with_user(self.officer).create(
            {"notice_id": notice.id, "partner_id": self.cso.id}
        )
        ack.with_user(self.officer).write(
            {"scanned_copy": SCAN, "scanned_copy_filename": "ack.pdf"}
        )
        with self.assertRaises(UserError):
            ack.with_user(self.officer).write({"scanned_copy": False})

    def test_staff_do_not_acknowledge_in_the_portal_way(self):
        notice = self._new_version()
        with self.assertRaises(UserError):
            notice.with_user(self.officer).action_acknowledge()

    def test_only_csos_and_their_experts_acknowledge(self):
        outsider = self.env["res.partner"].create({"name": "Journalist"})
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            self.Ack.with_user(self.officer).create(
                {"notice_id": self.first.id, "partner_id": outsider.id}
            )

    def test_one_acknowledgment_per_partner_and_notice(self):
        with (
            self.assertRaises(IntegrityError),
            mute_logger("odoo.sql_db"),
            self.cr.savepoint(),
        ):
            self.Ack.with_user(self.officer).create(
                {"notice_id": self.first.id, "partner_id": self.cso.id}
            )

    def test_portal_reads_only_their_own(self):
        notice = self._new_version()
        own = notice.with_user(self.portal_expert).action_acknowledge()
        theirs = self.Ack.with_user(self.officer).create(
            {"notice_id": notice.id, "partner_id": self.other_expert.id}
        )
        Ack = self.Ack.with_user(self.portal_expert)
        self.assertEqual(Ack.search([("notice_id", "=", notice.id)]), own)
        self.assertEqual(Ack.search([]).partner_id, self.cso_expert)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_expert).read(["partner_id"])
        with self.assertRaises(AccessError):
            own.with_user(self.portal_expert).read(["note"])
        with self.assertRaises(AccessError):
            own.with_user(self.portal_expert).write({"note": "x"})
        with self.assertRaises(AccessError):
            own.with_user(self.employee).read(["partner_id"])

    def test_other_company_staff_see_no_acknowledgment(self):
        other_company = self.env["res.company"].create({"name": "Regional NPM"})
        regional = self._new_user(
            "t_regional_dp", "npm_cso_cooperation.group_npm_manager"
        )
        regional.write(
            {"company_ids": [(6, 0, other_company.ids)], "company_id": other_company.id}
        )
        self.assertFalse(self.Ack.with_user(regional).search([]))
        self.assertFalse(self.Notice.with_user(regional).search([]))
        with self.assertRaises(AccessError):
            self.first.with_user(regional).read(["body"])


class TestGates(DataProtectionCase):
    def test_partnership_agreed_only_once_the_cso_acknowledged(self):
        cso = self.env["res.partner"].create(
            {"name": "New Watch", "is_company": True, "is_cso": True, "cso_type": "ngo"}
        )
        partnership = self._agreeable_partnership(cso)
        with self.assertRaisesRegex(UserError, "data-protection notice"):
            partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "negotiation")
        self.Ack.with_user(self.officer).create(
            {"notice_id": self.first.id, "partner_id": cso.id}
        )
        partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "agreed")

    def test_an_expert_acknowledging_is_not_the_cso_acknowledging(self):
        cso = self.env["res.partner"].create(
            {
                "name": "Other Watch",
                "is_company": True,
                "is_cso": True,
                "cso_type": "ngo",
            }
        )
        expert = self.env["res.partner"].create(
            {"name": "Its expert", "parent_id": cso.id}
        )
        self._acknowledge(expert)
        partnership = self._agreeable_partnership(cso)
        with self.assertRaises(UserError):
            partnership.with_user(self.officer).action_agree()

    def test_new_version_asks_the_partnership_officer_and_keeps_agreed(self):
        partnership = self._agreeable_partnership(self.cso)
        partnership.with_user(self.officer).action_agree()
        notice = self._new_version()
        self.assertEqual(partnership.state, "agreed")
        activity = partnership.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(ACTIVITY)
        )
        self.assertEqual(activity.user_id, self.officer)
        # reopened, it cannot be agreed again before the new acknowledgment
        partnership.with_user(self.officer).action_reopen_negotiation()
        with self.assertRaises(UserError):
            partnership.with_user(self.officer).action_agree()
        self.Ack.with_user(self.officer).create(
            {"notice_id": notice.id, "partner_id": self.cso.id}
        )
        self.assertFalse(activity.exists(), "the activity is done")
        partnership.with_user(self.officer).action_agree()
        self.assertEqual(partnership.state, "agreed")

    def test_visit_confirmed_only_once_every_cso_member_acknowledged(self):
        visit = self._visit(start=5, cso_partners=self.cso_expert | self.cso_colleague)
        for partner in self.cso_expert | self.cso_colleague:
            self._undertaking(partner, signed=-1, visit=visit)
        visit.action_agree_terms()
        notice = self._new_version()
        with self.assertRaisesRegex(UserError, "Colleague of Test Watch"):
            visit.with_user(self.officer).action_confirm()
        notice.with_user(self.portal_expert).action_acknowledge()
        with self.assertRaisesRegex(UserError, "Colleague of Test Watch") as caught:
            visit.with_user(self.officer).action_confirm()
        self.assertNotIn("Expert of Test Watch", str(caught.exception))
        self.Ack.with_user(self.officer).create(
            {"notice_id": notice.id, "partner_id": self.cso_colleague.id}
        )
        visit.with_user(self.officer).action_confirm()
        self.assertEqual(visit.state, "confirmed")

    def test_new_version_does_not_cut_existing_access(self):
        visit = self._confirmed_visit(start=-2, end=2)
        self._new_version()
        self.assertEqual(visit.state, "confirmed")
        self.assertTrue(visit.with_user(self.portal_expert).read(["name"]))

    def test_no_notice_in_the_company_no_gate(self):
        other_company = self.env["res.company"].create({"name": "Regional NPM"})
        self.assertFalse(self.Notice._current(other_company))
        self.assertFalse(
            self.Notice._missing_acknowledgments(other_company, self.cso_colleague)
        )


class TestPortalPages(DataProtectionCase, HttpCase):
    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def test_banner_page_and_acknowledgment(self):
        notice = self._new_version()
        self.authenticate("t_portal", "t_portal")
        home = self.url_open("/my/home").text
        self.assertIn("o_npm_data_protection_banner", home)
        page = self.url_open("/my/data-protection").text
        self.assertIn("Version two.", page)
        url = f"/my/data-protection/{notice.id}/acknowledge"
        # without the tick, nothing is recorded
        answer = self.url_open(url, data={"csrf_token": self._csrf(page)})
        self.assertIn("Tick the box", answer.text)
        self.assertFalse(self.Ack.search([("notice_id", "=", notice.id)]))
        answer = self.url_open(
            url, data={"csrf_token": self._csrf(page), "read_and_understood": "1"}
        )
        self.assertIn("your acknowledgment is recorded", answer.text)
        ack = self.Ack.search([("notice_id", "=", notice.id)])
        self.assertEqual(ack.partner_id, self.cso_expert)
        self.assertEqual(ack.channel, "portal")
        self.assertNotIn("o_npm_data_protection_banner", self.url_open("/my/home").text)

    def test_no_banner_once_acknowledged(self):
        self.authenticate("t_portal", "t_portal")
        self.assertNotIn("o_npm_data_protection_banner", self.url_open("/my/home").text)

    def test_draft_notice_answers_404(self):
        draft = self._new_version(publish=False)
        self.authenticate("t_portal", "t_portal")
        self.assertNotIn("Version two.", self.url_open("/my/data-protection").text)
        answer = self.url_open(
            f"/my/data-protection/{draft.id}/acknowledge",
            data={
                "csrf_token": self._csrf(self.url_open("/my/account").text),
                "read_and_understood": "1",
            },
        )
        self.assertEqual(answer.status_code, 404)
        self.assertFalse(self.Ack.search([("notice_id", "=", draft.id)]))
