"""The world of the mail side channels (issue 12, channels 1, 2 and 5).

On top of SideChannelCase, every piece of material gets, *before* it is
un-shared or raised, what the mail tables of a lived-in database hold about
it: followers (every role's partner is offered), an internal note with a
secret word, a public comment with another word, both notifying every role
(Odoo keeps only those who may read), an activity for the officer, tracked
changes, an attachment of the chatter and of the document's file with an
access token, and, on the visit's chatter, a note and a public comment that
name it.
"""

from markupsafe import Markup

from tests.core.side_channel_common import MATERIAL_KINDS, SITUATIONS, SideChannelCase

SECRET = "zebrafinch"  # in internal notes, activities: never for the portal
PUBLIC = "kingfisher"  # in public comments: the portal's control
REDACTED = "[redacted: strictly confidential material]"
UNSHARED = "[redacted: material not shared with the CSO]"
TODO = "mail.mail_activity_data_todo"


def secret_word(record):
    return f"{SECRET}{record._name.rsplit('.', 1)[-1]}{record.id}"


def public_word(record):
    return f"{PUBLIC}{record._name.rsplit('.', 1)[-1]}{record.id}"


class MailSideChannelCase(SideChannelCase):
    # Situations whose material is named on the visit's chatter (nobody names
    # strictly confidential material there; a public comment never names
    # material that was never shared).
    NAMED_ON_VISIT_NOTE = tuple(s for s in SITUATIONS if s != "strict")
    NAMED_ON_VISIT_COMMENT = tuple(
        s for s in SITUATIONS if s not in ("strict", "unshared")
    )

    @classmethod
    def setUpClass(cls):
        cls._next_situation = {kind: iter(SITUATIONS) for kind in MATERIAL_KINDS}
        cls.tokens = {}
        cls.visit_note = {}
        cls.visit_comment = {}
        super().setUpClass()
        cls._end_of_request()  # the tracking of un-sharing and raising
        cls._next_situation = None
        for (kind, situation), record in cls.material.items():
            # The hooks below guessed the situation from the base's order.
            assert record.name == cls._title(kind, situation), record.name
        cls.visit = cls.visits["shared"]
        cls.visit_undertaking = cls.env["npm.confidentiality.undertaking"].search(
            [("visit_id", "=", cls.visit.id), ("partner_id", "=", cls.cso_expert.id)]
        )
        for record in (cls.visit, cls.visit_undertaking):
            cls._decorate(record)

    @classmethod
    def _new_user(cls, login, groups, partner=None):
        user = super()._new_user(login, groups, partner=partner)
        if not user.share:
            # Discuss's inbox, rather than e-mail: notifications stay unread.
            user.notification_type = "inbox"
        return user

    @staticmethod
    def _title(kind, situation):
        return f"{kind} {situation}: secret title {situation}"

    @classmethod
    def _role_partners(cls):
        users = (
            cls.portal_expert,
            cls.other_portal_expert,
            cls.employee,
            cls.officer,
            cls.cleared,
            cls.manager,
            cls.mover_user,
        )
        return cls.env["res.partner"].union(*(u.partner_id for u in users))

    @classmethod
    def _finding(cls, visit, sensitivity="confidential", shared=False, **vals):
        return cls._made("finding", visit, sensitivity, shared, vals)

    @classmethod
    def _document(cls, visit, sensitivity="confidential", shared=False, **vals):
        return cls._made("document", visit, sensitivity, shared, vals)

    @classmethod
    def _made(cls, kind, visit, sensitivity, shared, vals):
        make = super()._finding if kind == "finding" else super()._document
        if not cls._next_situation:
            return make(visit, sensitivity, shared, **vals)
        situation = next(cls._next_situation[kind])
        vals.setdefault("name", cls._title(kind, situation))
        record = make(visit, sensitivity, shared, **vals)
        cls._end_of_request()  # created in a request of its own
        cls._decorate(record)
        cls._name_on_visit(record, situation)
        return record

    @classmethod
    def _decorate(cls, record):
        everyone = cls._role_partners()
        record.message_subscribe(partner_ids=everyone.ids)
        # A note logged in the chatter (type comment), and one as the app
        # logs them (type notification).
        record.message_post(
            body=f"Internal note {secret_word(record)}",
            subject=f"Subject {secret_word(record)}",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=everyone.ids,
        )
        record.message_post(
            body=f"Logged {secret_word(record)}", subtype_xmlid="mail.mt_note"
        )
        attachment = cls.env["ir.attachment"].create(
            {
                "name": f"{public_word(record)}.txt",
                "raw": b"attached to the chatter",
                "res_model": record._name,
                "res_id": record.id,
            }
        )
        cls.tokens[record, "chatter"] = (
            attachment,
            attachment.generate_access_token()[0],
        )
        record.message_post(
            body=f"Comment {public_word(record)}",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=everyone.ids,
            attachment_ids=attachment.ids,
        )
        # The officer's activity (nobody is given an activity on a record they
        # may not read: on strictly confidential material, the cleared head's).
        may_read = record.with_user(cls.officer)._filtered_access("read")
        record.activity_schedule(
            TODO,
            summary=f"Activity {secret_word(record)}",
            note=f"Note {secret_word(record)}",
            user_id=(cls.officer if may_read else cls.cleared).id,
        )
        if record._name == "npm.visit.document":
            file = cls.env["ir.attachment"].search(
                [
                    ("res_model", "=", record._name),
                    ("res_id", "=", record.id),
                    ("res_field", "=", "file"),
                ]
            )
            cls.tokens[record, "file"] = (file, file.generate_access_token()[0])
            record.document_type = "checklist"  # a tracked change
        elif record._name == "npm.visit.finding":
            # Tracked, and the urgent-action note on the visit names it.
            record.is_urgent = True
        cls._end_of_request()

    @classmethod
    def _end_of_request(cls):
        # Tracking is written when a request commits (a precommit hook).
        cls.env.flush_all()
        cls.env.cr.precommit.run()

    @classmethod
    def _name_on_visit(cls, record, situation):
        visit = record.visit_id
        if situation in cls.NAMED_ON_VISIT_NOTE:
            cls.visit_note[record] = visit.message_post(
                body=Markup("<p>See %s, and its secret title “%s”.</p>")
                % (record._get_html_link(), record.name),
                subtype_xmlid="mail.mt_note",
            )
        if situation in cls.NAMED_ON_VISIT_COMMENT:
            cls.visit_comment[record] = visit.message_post(
                body=Markup("<p>Shared with you: “%s”.</p>") % record.name,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _assert_activity_groups(self, groups, record, user, mine, allowed):
        """The activity menu's groups (``_get_activity_groups``, also sent by
        ``/mail/data``) never list ``user``'s activities on ``record`` as
        "other activities", and count exactly those ``user`` may read."""
        listed = {i for group in groups for i in group.get("activity_ids", [])}
        self.assertFalse(set(mine.ids) & listed, "never listed as 'other activities'")
        counted = sum(
            g["total_count"] + g["planned_count"]
            for g in groups
            if g["model"] == record._name
        )
        readable = (
            self.env["mail.activity"]
            .with_user(user)
            .search([("user_id", "=", user.id), ("res_model", "=", record._name)])
        )
        self.assertEqual(counted, len(readable))
        self.assertEqual(bool(mine & readable), allowed)
