"""Side channel 1 (issue 12): the failed notifications Odoo lists to their
author name no record the author may no longer read.

The web client asks ``/mail/data`` for ``failures``: the author's messages
whose e-mail bounced, with the thread they are about, read as superuser. An
uncleared officer who wrote on a finding later raised to strictly
confidential would still read the finding's title there.
"""

import json

from odoo.tests import HttpCase

from tests.core.visit_common import NpmVisitCase


class TestSideChannelMailFailures(NpmVisitCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visit = cls._confirmed_visit(start=-3)
        cls.finding = cls._finding(visit, "confidential")
        cls.finding.name = "Beatings by night staff"
        recipient = cls.env["res.partner"].create(
            {"name": "Lawyer of the detainee", "email": "lawyer@example.org"}
        )
        cls.message = cls.finding.with_user(cls.officer).message_post(
            body="Please call me about the night shift.",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        cls.env["mail.notification"].create(
            {
                "mail_message_id": cls.message.id,
                "author_id": cls.officer.partner_id.id,
                "res_partner_id": recipient.id,
                "notification_type": "email",
                "notification_status": "bounce",
            }
        )

    def _failures(self):
        self.authenticate(self.officer.login, self.officer.login)
        response = self.url_open(
            "/mail/data",
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "params": {"failures": True}}
            ),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        self.assertIn("result", answer)
        messages = answer["result"].get("mail.message", [])
        return {message["id"] for message in messages}, response.text

    def test_author_sees_the_failure_while_they_may_read_the_record(self):
        ids, _text = self._failures()
        self.assertIn(self.message.id, ids)

    def test_author_no_longer_sees_it_once_the_record_is_closed_to_them(self):
        self.finding.with_user(self.cleared).sensitivity = "strictly_confidential"
        ids, text = self._failures()
        self.assertNotIn(self.message.id, ids)
        self.assertNotIn("Beatings by night staff", text)
