"""Side channels 1 and 5 over HTTP: the routes of Odoo's web client.

What the mail suite checks through the ORM, checked here as the browser asks
it: the notification list with its message names (the reported attack), a
record's chatter (/mail/thread/messages), the Discuss inbox
(/mail/inbox/messages), the activities of the systray (/mail/data), reading
a message or an activity by id (/web/dataset/call_kw), and the attachment
links with an access token handed out earlier (/web/content), which open
nothing once the material lost readers.
"""

import json

from odoo.tests import HttpCase

from tests.common import call_kw_answer
from tests.core.mail_side_channel_common import (
    MailSideChannelCase,
    public_word,
    secret_word,
)
from tests.core.side_channel_common import MATERIAL_KINDS, SITUATIONS, generate_cells

LOGINS = {
    "portal": "t_portal",
    "other_portal": "t_portal_other",
    "employee": "t_employee",
    "officer": "t_officer",
    "cleared": "t_cleared",
    "manager": "t_manager",
}


class TestSideChannelMailHttp(MailSideChannelCase, HttpCase):
    def _login(self, role, situation):
        user = self.user_for(role, situation)
        self.authenticate(user.login, user.login)
        return user

    def _call_kw(self, model, method, args, kwargs=None):
        """The JSON-RPC answer: (result, error message)."""
        return call_kw_answer(self, model, method, args, kwargs)

    def _json(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        return response.json(), response.text

    def _check_cell(self, channel, situation, role, allowed):
        kind, channel = channel.split("_", 1)
        record = self.material[kind, situation]
        if role == "public":
            self.authenticate(None, None)
            user = None
        else:
            user = self._login(role, situation)
        getattr(self, f"_check_{channel}")(record, user, allowed)

    def _assert_silent(self, text, record):
        for word in (record.name, secret_word(record), public_word(record)):
            self.assertNotIn(word, text)

    # The reported attack: every notification with its message's name.
    def _check_notification_names(self, record, user, allowed):
        result, error = self._call_kw(
            "mail.notification",
            "web_search_read",
            [[]],
            {"specification": {"mail_message_id": {"fields": {"display_name": {}}}}},
        )
        names = {
            row["mail_message_id"]["display_name"]
            for row in (result or {}).get("records", [])
            if row["mail_message_id"]
        }
        if allowed:
            self.assertIn(record.display_name, names)
        else:
            self.assertNotIn(record.display_name, names)
            self.assertNotIn(record.display_name, json.dumps(error or {}))

    def _check_thread_messages(self, record, user, allowed):
        answer, text = self._json(
            "/mail/thread/messages",
            {"thread_model": record._name, "thread_id": record.id, "limit": 100},
        )
        messages = (answer.get("result") or {}).get("messages", [])
        if allowed:
            self.assertTrue(messages)
            self.assertIn(public_word(record), text)
            if user.share:
                self.assertNotIn(secret_word(record), text)
            else:
                self.assertIn(secret_word(record), text)
        else:
            self.assertFalse(messages)
            self._assert_silent(text, record)

    def _check_inbox(self, record, user, allowed):
        answer, text = self._json("/mail/inbox/messages", {"limit": 1000})
        self.assertIn("result", answer)
        if allowed:
            self.assertIn(public_word(record), text)
        else:
            self._assert_silent(text, record)

    def _check_message_by_id(self, record, user, allowed):
        notes = self.env["mail.message"].search(
            [
                ("model", "=", record._name),
                ("res_id", "=", record.id),
                ("body", "ilike", secret_word(record)),
                # (not the assignee's own notice of the activity)
                ("message_type", "!=", "user_notification"),
            ]
        )
        self.assertTrue(notes)
        result, error = self._call_kw(
            "mail.message",
            "web_read",
            [notes.ids],
            {"specification": {"record_name": {}, "body": {}, "subject": {}}},
        )
        if allowed:
            self.assertFalse(error)
            self.assertIn(secret_word(record), json.dumps(result))
        else:
            self.assertTrue(error)
            self.assertNotIn(record.name, json.dumps(error))
            self.assertNotIn(secret_word(record), json.dumps(error))

    def _check_activity_list(self, record, user, allowed):
        result, error = self._call_kw(
            "mail.activity",
            "web_search_read",
            [[("res_model", "=", record._name), ("res_id", "=", record.id)]],
            {"specification": {"res_name": {}, "summary": {}, "note": {}}},
        )
        text = json.dumps([result, error])
        if allowed:
            self.assertTrue(result["records"])
            self.assertIn(secret_word(record), text)
        else:
            self.assertFalse((result or {}).get("records"))
            self._assert_silent(text, record)

    def _check_systray(self, record, user, allowed):
        answer, _text = self._json("/mail/data", {"systray_get_activities": True})
        self.assertIn("result", answer)
        groups = answer["result"].get("Store", {}).get("activityGroups", [])
        mine = record.activity_ids.filtered(lambda a: a.user_id == user)
        self._assert_activity_groups(groups, record, user, mine, allowed)

    # Channel 5: a link with an access token, opened without any login.
    def _check_token_chatter(self, record, user, allowed):
        self._check_token(record, "chatter", allowed)

    def _check_token_file(self, record, user, allowed):
        self._check_token(record, "file", allowed)

    def _check_token(self, record, where, allowed):
        attachment, token = self.tokens[record, where]
        response = self.url_open(
            f"/web/content/{attachment.id}?access_token={token}&download=true"
        )
        if allowed:
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.content, attachment.raw)
        else:
            self.assertIn(response.status_code, (403, 404))
            self.assertNotEqual(response.content, attachment.raw)


def _tables():
    table = {}
    for kind in MATERIAL_KINDS:
        for situation, outcomes in MailSideChannelCase.expected(kind).items():
            internal = "D" + outcomes[1:]
            table[f"{kind}_notification_names", situation] = outcomes
            table[f"{kind}_thread_messages", situation] = outcomes
            table[f"{kind}_message_by_id", situation] = internal
            table[f"{kind}_activity_list", situation] = internal
            # The portal is notified by e-mail, not in Discuss's inbox.
            table[f"{kind}_inbox", situation] = "." + outcomes[1:]
            table[f"{kind}_systray", situation] = "..." + outcomes[3] + ".."
    return table


def _token_tables():
    lost = ("unshared_after_share", "raised")
    table = {}
    for kind in MATERIAL_KINDS:
        wheres = ("chatter", "file") if kind == "document" else ("chatter",)
        for where in wheres:
            for situation in SITUATIONS:
                table[f"{kind}_token_{where}", situation] = (
                    "D" if situation in lost else "A"
                )
    return table


generate_cells(TestSideChannelMailHttp, _tables())
generate_cells(TestSideChannelMailHttp, _token_tables(), roles=("public",))
