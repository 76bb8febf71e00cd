"""Side channels 1, 2 (mail half) and 5: the mail tables of the app's records.

Channel 1: notifications, messages, followers, activities and tracking values
of a finding or a visit document are read and searched only by those who may
read it (``SideChannelCase.may_read``), whatever their group; the internal
note and the tracking never reach the portal. Channel 2: a record one may
read cannot be filtered on words of its chatter one may not read. Channel 5:
un-sharing or raising cuts what those who lost the record still held, and
what the visit's chatter said about it.
"""

from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from odoo.addons.mail.tools.discuss import Store

from tests.core.mail_side_channel_common import (
    REDACTED,
    UNSHARED,
    MailSideChannelCase,
    public_word,
    secret_word,
)
from tests.core.side_channel_common import (
    MATERIAL_KINDS,
    ROLES,
    SITUATIONS,
    generate_cells,
)

INTERNAL = ("officer", "cleared", "manager")


def _about(rows, record, message_field=None):
    """The rows of ``rows`` (read as superuser) about ``record``."""
    rows = rows.sudo()
    if message_field:
        return rows.filtered(
            lambda r: (
                r[message_field].model == record._name
                and r[message_field].res_id == record.id
            )
        )
    model_field = "model" if rows._name == "mail.message" else "res_model"
    return rows.filtered(
        lambda r: r[model_field] == record._name and r.res_id == record.id
    )


class TestSideChannelMail(MailSideChannelCase):
    # ------------------------------------------------------------------
    # Channel 1: the mail tables themselves
    # ------------------------------------------------------------------

    def _rows_as(self, model, user, domain):
        try:
            return self.env[model].with_user(user).search(domain)
        except AccessError:  # no access right on the table at all
            return self.env[model]

    def _assert_unreadable(self, rows, user, fields):
        """Every row of ``rows`` is refused to ``user`` by id."""
        self.assertTrue(rows, "the world must hold rows about the record")
        for row in rows:
            with self.assertRaises(AccessError):
                row.with_user(user).read(fields)

    def _check_table(self, model, record, user, allowed, fields, message_field=None):
        domain = (
            [("mail_message_id.model", "=", record._name)]
            if message_field
            else [
                ("model" if model == "mail.message" else "res_model", "=", record._name)
            ]
        )
        seen = _about(self._rows_as(model, user, domain), record, message_field)
        everything = _about(
            self.env[model].sudo().search(domain), record, message_field
        )
        if allowed:
            self.assertTrue(seen)
            self.assertTrue(seen.with_user(user).read(fields))
        else:
            self.assertFalse(seen)
            self._assert_unreadable(everything, user, fields)
        return seen

    def _check_cell(self, channel, situation, role, allowed):
        kind, channel = channel.split("_", 1)
        if kind in ("visit", "undertaking"):
            record = self.visit if kind == "visit" else self.visit_undertaking
        else:
            record = self.material[kind, situation]
        user = self.user_for(role, situation)
        getattr(self, f"_check_{channel}")(record, user, allowed)

    def _check_notification(self, record, user, allowed):
        # The reported attack: list notifications, read the message's name
        # (the record's title, read as superuser as every many2one name).
        Notification = self.env["mail.notification"].with_user(user)
        try:
            listed = Notification.search_read([], ["mail_message_id"])
        except AccessError:
            listed = []
        names = {row["mail_message_id"][1] for row in listed}
        if allowed:
            self.assertIn(record.display_name, names)
        else:
            self.assertNotIn(record.display_name, names)
            self._check_table(
                "mail.notification",
                record,
                user,
                False,
                ["mail_message_id"],
                "mail_message_id",
            )

    def _check_message(self, record, user, allowed):
        seen = self._check_table(
            "mail.message", record, user, allowed, ["record_name", "subject", "body"]
        )
        if allowed and user.share:
            # Neither found nor read by id: the notes of either type, tracking.
            internal = _about(self.env["mail.message"].search([]), record).filtered(
                lambda m: m.is_internal or not m.subtype_id or m.subtype_id.internal
            )
            self.assertTrue(internal)
            self.assertFalse(seen & internal)
            self._assert_unreadable(internal, user, ["body"])

    def _check_internal_note(self, record, user, allowed):
        found = self._rows_as(
            "mail.message", user, [("body", "ilike", secret_word(record))]
        )
        self.assertEqual(bool(found), allowed)

    def _check_attachment(self, record, user, allowed):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        seen = self._rows_as("ir.attachment", user, domain)
        self.assertEqual(bool(seen), allowed)
        if not allowed:
            attachment = self.tokens[record, "chatter"][0]
            with self.assertRaises(AccessError):
                attachment.with_user(user).read(["name", "raw"])

    def _check_activity(self, record, user, allowed):
        self._check_table(
            "mail.activity", record, user, allowed, ["res_name", "summary", "note"]
        )

    def _check_activity_systray(self, record, user, allowed):
        groups = user.with_user(user)._get_activity_groups()
        activities = _about(self.env["mail.activity"].search([]), record)
        mine = activities.filtered(lambda a: a.user_id == user)
        self.assertTrue(mine or not allowed)
        self._assert_activity_groups(groups, record, user, mine, allowed)

    def _check_follower(self, record, user, allowed):
        self._check_table(
            "mail.followers", record, user, allowed, ["partner_id", "res_id"]
        )

    def _check_tracking(self, record, user, allowed):
        domain = [
            ("model", "=", record._name),
            ("res_id", "=", record.id),
            ("message_type", "=", "notification"),
        ]
        tracked = self.env["mail.message"].search(domain).filtered("tracking_value_ids")
        self.assertTrue(tracked)
        seen = self._rows_as("mail.message", user, domain)
        if allowed:
            store = Store(seen.with_user(user), for_current_user=True).get_result()
            values = [
                v for m in store["mail.message"] for v in m.get("trackingValues", [])
            ]
            self.assertTrue(values)
        else:
            self.assertFalse(seen & tracked)
            with self.assertRaises(AccessError):
                tracked.tracking_value_ids[:1].with_user(user).read(["old_value_char"])
            for message in tracked:
                with self.assertRaises(AccessError):
                    message.with_user(user).read(["body"])

    # ------------------------------------------------------------------
    # Channel 2: searching a record one may read on its chatter
    # ------------------------------------------------------------------

    def _search(self, record, user, leaf):
        try:
            return record.with_user(user).search([("id", "=", record.id), leaf])
        except AccessError:  # the model or the field is closed to the user
            return record.browse()

    def _check_by_note_body(self, record, user, allowed):
        found = self._search(
            record, user, ("message_ids.body", "ilike", secret_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_note_subject(self, record, user, allowed):
        found = self._search(
            record, user, ("message_ids.subject", "ilike", secret_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_website_message(self, record, user, allowed):
        found = self._search(
            record, user, ("website_message_ids.body", "ilike", secret_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_comment_body(self, record, user, allowed):
        found = self._search(
            record, user, ("message_ids.body", "ilike", public_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_activity_summary(self, record, user, allowed):
        found = self._search(
            record, user, ("activity_ids.summary", "ilike", secret_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_activity_note(self, record, user, allowed):
        found = self._search(
            record, user, ("activity_ids.note", "ilike", secret_word(record))
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_follower(self, record, user, allowed):
        found = self._search(
            record,
            user,
            ("message_follower_ids.partner_id", "=", self.cleared.partner_id.id),
        )
        self.assertEqual(bool(found), allowed)

    def _check_by_follower_partner(self, record, user, allowed):
        found = self._search(
            record, user, ("message_partner_ids", "in", self.cleared.partner_id.ids)
        )
        self.assertEqual(bool(found), allowed)

    # ------------------------------------------------------------------
    # Channel 5: what readers who lost the record still hold
    # ------------------------------------------------------------------

    def _check_still_follows(self, record, user, allowed):
        followers = record.sudo().message_follower_ids.partner_id
        self.assertEqual(user.partner_id in followers, allowed)

    def _check_holds_activity(self, record, user, allowed):
        held = record.sudo().activity_ids.filtered(lambda a: a.user_id == user)
        self.assertEqual(bool(held), allowed)

    def _check_unread_notification(self, record, user, allowed):
        unread = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", record._name),
                ("mail_message_id.res_id", "=", record.id),
                ("res_partner_id", "=", user.partner_id.id),
                ("is_read", "=", False),
            ]
        )
        self.assertEqual(bool(unread), allowed)

    # ------------------------------------------------------------------
    # Channel 5, beyond the table: what the visit's chatter said about
    # material it may no longer show, activities of those who lost it
    # ------------------------------------------------------------------

    def test_raised_material_is_redacted_on_the_visit_chatter(self):
        for kind in MATERIAL_KINDS:
            record = self.material[kind, "raised"]
            for message in (self.visit_note[record], self.visit_comment[record]):
                self.assertEqual(html2plaintext(message.body), REDACTED)
                self.assertNotIn(record.name, message.body)
            # Nothing is lost: the original is on the record's own chatter.
            kept = record.message_ids.filtered(
                lambda m, r=record: (
                    "Withdrawn from the chatter" in (m.body or "") and r.name in m.body
                )
            )
            self.assertTrue(kept)

    def test_raised_finding_urgent_note_is_redacted(self):
        record = self.material["finding", "raised"]
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "npm.joint.visit"),
                ("res_id", "=", record.visit_id.id),
                ("body", "ilike", record.name),
            ]
        )
        self.assertFalse(notes)

    def test_unshared_material_leaves_the_visit_public_chatter_only(self):
        for kind in MATERIAL_KINDS:
            record = self.material[kind, "unshared_after_share"]
            self.assertEqual(html2plaintext(self.visit_comment[record].body), UNSHARED)
            # The officers' note stays: every officer still reads the record.
            self.assertIn(record.name, self.visit_note[record].body)

    def test_shared_material_stays_named_on_the_visit(self):
        for kind in MATERIAL_KINDS:
            for situation in ("shared", "lapsed", "revoked", "moved"):
                record = self.material[kind, situation]
                self.assertIn(record.name, self.visit_note[record].body)
                self.assertIn(record.name, self.visit_comment[record].body)

    def test_officer_activity_on_raised_material_goes_to_the_cleared_head(self):
        for kind in MATERIAL_KINDS:
            record = self.material[kind, "raised"]
            activity = record.activity_ids.filtered(
                lambda a, r=record: secret_word(r) in (a.summary or "")
            )
            self.assertEqual(activity.user_id, self.cleared)  # head of delegation
            self.assertIn(self.officer.name, html2plaintext(activity.note))
            self.assertTrue(
                record.message_ids.filtered(
                    lambda m: "Reassigned from" in (m.body or "")
                )
            )

    def test_activity_is_closed_when_nobody_cleared_can_take_it(self):
        finding = self.material["finding", "shared"]
        activity = finding.activity_ids.filtered(lambda a: a.user_id == self.officer)
        self.assertTrue(activity)
        # Nobody who could take it over may read the finding once raised.
        with patch.object(
            type(finding),
            "_npm_substitute_candidates",
            lambda record: record.env["res.users"],
        ):
            finding.write(
                {"sensitivity": "strictly_confidential", "share_with_cso": False}
            )
        self.assertNotIn(activity, finding.activity_ids)
        done = finding.message_ids.filtered(
            lambda m: "nobody who may read it" in (m.body or "")
        )
        self.assertTrue(done)

    def test_nobody_who_may_not_read_is_notified_of_a_new_message(self):
        record = self.material["finding", "raised"]
        everyone = self._role_partners()
        message = record.message_post(
            body="After the raise",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=everyone.ids,
        )
        notified = message.sudo().notification_ids.res_partner_id
        self.assertEqual(notified, self.cleared.partner_id | self.manager.partner_id)

    def test_an_activity_goes_only_to_someone_who_may_read(self):
        record = self.material["finding", "strict"]
        with self.assertRaisesRegex(UserError, "may not read this record"):
            record.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.officer.id
            )
        activity = record.activity_ids[:1]
        with self.assertRaisesRegex(UserError, "may not read this record"):
            activity.user_id = self.officer
        record.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.manager.id
        )

    def test_inbox_counter_counts_only_what_the_user_may_read(self):
        # The counter of Discuss's icon is computed in SQL: the notifications
        # of those who lost a record were marked read, so it agrees.
        for user in (self.officer, self.cleared, self.manager, self.employee):
            readable = (
                self.env["mail.message"]
                .with_user(user)
                .search([("needaction", "=", True)])
            )
            self.assertEqual(user.partner_id._get_needaction_count(), len(readable))
        raised = self.material["finding", "raised"]
        self.assertFalse(
            self.env["mail.notification"].search(
                [
                    ("res_partner_id", "=", self.officer.partner_id.id),
                    ("mail_message_id.model", "=", raised._name),
                    ("mail_message_id.res_id", "=", raised.id),
                    ("is_read", "=", False),
                ]
            )
        )

    def test_nobody_who_may_not_read_becomes_a_follower(self):
        record = self.material["document", "strict"]
        record.message_subscribe(partner_ids=self._role_partners().ids)
        followers = record.message_follower_ids.partner_id
        self.assertNotIn(self.officer.partner_id, followers)
        self.assertNotIn(self.employee.partner_id, followers)
        self.assertIn(self.cleared.partner_id, followers)

    def test_raising_refuses_to_keep_sharing(self):
        record = self.material["finding", "shared"]
        with self.assertRaises(ValidationError), self.cr.savepoint():
            record.sensitivity = "strictly_confidential"
        self.assertTrue(record.share_with_cso)

    def test_tokens_of_lost_material_are_cleared_others_kept(self):
        situations = {record: s for (_kind, s), record in self.material.items()}
        for (record, _where), (attachment, token) in self.tokens.items():
            if record not in situations:
                continue
            lost = situations[record] in ("unshared_after_share", "raised")
            self.assertEqual(
                attachment.sudo().access_token == token, not lost, record.name
            )


def _internal_only(outcomes):
    """The portal never reads internal material, even of what it may read."""
    return "D" + outcomes[1:]


def _tables():
    table = {}
    for kind in MATERIAL_KINDS:
        for situation, outcomes in MailSideChannelCase.expected(kind).items():
            internal = _internal_only(outcomes)
            portal_closed = internal  # fields of internal users only
            for channel in ("notification", "message", "by_comment_body"):
                table[f"{kind}_{channel}", situation] = outcomes
            # Odoo opens no attachment to the portal directly (the portal
            # downloads a shared document's file through its own route).
            table[f"{kind}_attachment", situation] = internal
            for channel in (
                "internal_note",
                "tracking",
                "by_note_body",
                "by_note_subject",
                "by_website_message",
            ):
                table[f"{kind}_{channel}", situation] = internal
            for channel in (
                "activity",
                "follower",
                "by_activity_summary",
                "by_activity_note",
                "by_follower",
                "by_follower_partner",
            ):
                table[f"{kind}_{channel}", situation] = portal_closed
            # The officer's own activity, as their systray counts it.
            table[f"{kind}_activity_systray", situation] = "..." + outcomes[3] + ".."
        # Where a write took readers away, what they held is cut: exactly
        # the readers still follow, hold the activity, have unread news.
        for situation in (
            "shared",
            "strict",
            "unshared",
            "unshared_after_share",
            "raised",
        ):
            outcomes = MailSideChannelCase.expected(kind)[situation]
            table[f"{kind}_still_follows", situation] = outcomes
            # (the portal is notified by e-mail: never an unread row)
            table[f"{kind}_unread_notification", situation] = "." + outcomes[1:]
            table[f"{kind}_holds_activity", situation] = "..." + outcomes[3] + ".."
    # The visit and the portal expert's undertaking for it: both read by the
    # portal expert and every officer, their internal notes by officers only.
    for kind in ("visit", "undertaking"):
        readers = "ADDAAA"
        for channel in ("message", "by_comment_body", "notification"):
            table[f"{kind}_{channel}", "shared"] = readers
        for channel in (
            "internal_note",
            "by_note_body",
            "by_note_subject",
            "by_website_message",
            "by_activity_summary",
            "by_activity_note",
            "by_follower",
            "activity",
            "follower",
        ):
            table[f"{kind}_{channel}", "shared"] = _internal_only(readers)
    return table


assert set(ROLES) >= set(INTERNAL)
assert set(SITUATIONS) >= {"unshared_after_share", "raised"}
generate_cells(TestSideChannelMail, _tables())
