"""Side channels of issue 12 around fields: x2many ids and searches
(channel 2, x2many half), error messages (3), fields only the app sets (4)
and the NPM's internal fields on records the portal reads (8).

Each class builds its world once and generates one test per cell (see
tests/core/side_channel_common.py for the letters A, D and .).
"""

import base64

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from tests.core.recommendation_common import active_partnership
from tests.core.side_channel_common import (
    MATERIAL_KINDS,
    ROLES,
    SITUATIONS,
    SideChannelCase,
    generate_cells,
)
from tests.core.visit_common import NpmVisitCase

REFUSALS = (AccessError, UserError, ValidationError)
# "moved" (an expert who left the CSO) is channel 7's: whether the moved
# expert still reads the visit is decided there (test_side_channels_records);
# the channels here follow the rules, so they are tested where the rules are
# settled.
FIELD_SITUATIONS = tuple(s for s in SITUATIONS if s != "moved")
INTERNAL_APP_ROLES = ("officer", "cleared", "manager")
FIELD_OF = {"finding": "finding_ids", "document": "document_ids"}


# ---------------------------------------------------------------------------
# Channel 2 (x2many half): the ids a visit gives and the searches on them
# ---------------------------------------------------------------------------
class TestSideChannelX2many(SideChannelCase):
    """Officers and the NPM search visits by their findings and documents;
    the answer must agree with what each reader may read of them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A visit whose only material is strictly confidential: "has any
        # finding / document" must say no to whoever may not read them.
        cls.strict_only_visit = cls._confirmed_visit(start=-4)
        for kind, make in (("finding", cls._finding), ("document", cls._document)):
            record = make(cls.strict_only_visit, "strictly_confidential")
            record.name = f"{kind} strict only: hidden title"
            cls.material[kind, "strict_only"] = record
        cls.visits["strict_only"] = cls.strict_only_visit
        # Nothing read as superuser may stay in the cache the cells read.
        cls.env.invalidate_all()

    def _visits_as(self, user):
        return self.env["npm.joint.visit"].with_user(user)

    def _search(self, user, domain, visit):
        try:
            return self._visits_as(user).search(domain + [("id", "=", visit.id)])
        except AccessError:  # the field or the model is closed to the user
            return self.env["npm.joint.visit"]

    def _check_cell(self, channel, situation, role, allowed):
        how, kind = channel.rsplit("_", 1)
        user = self.user_for(role, situation)
        record = self.material[kind, situation]
        visit = self.visits[situation]
        fname = FIELD_OF[kind]
        self.env.invalidate_all()
        if how == "ids":
            # the cache as server code running as superuser leaves it: with
            # every line of the visit in it
            visit.sudo().mapped(fname)
            try:
                ids = visit.with_user(user).read([fname])[0][fname]
            except AccessError:
                ids = []
            self.assertEqual(record.id in ids, allowed)
        elif how == "webread":
            visit.sudo().mapped(fname)
            try:
                lines = visit.with_user(user).web_read(
                    {fname: {"fields": {"name": {}}}}
                )[0][fname]
            except AccessError as error:
                # a refusal must not come from the hidden line itself
                self.assertNotIn(record.name, str(error))
                lines = []
            self.assertEqual(record.name in [line["name"] for line in lines], allowed)
        elif how == "searchids":
            found = self._search(user, [(fname, "in", record.ids)], visit)
            self.assertEqual(bool(found), allowed)
            found = self._search(user, [(fname, "=", record.id)], visit)
            self.assertEqual(bool(found), allowed)
        elif how == "searchname":
            found = self._search(user, [(fname, "ilike", record.name)], visit)
            self.assertEqual(bool(found), allowed)
            found = self._search(user, [(f"{fname}.name", "ilike", record.name)], visit)
            self.assertEqual(bool(found), allowed)
        elif how == "searchset":
            found = self._search(user, [(fname, "!=", False)], visit)
            self.assertEqual(bool(found), allowed)
            empty = self._search(user, [(fname, "=", False)], visit)
            if role in INTERNAL_APP_ROLES:
                # the complement agrees: "no material" for who sees none
                self.assertEqual(bool(empty), not allowed)
        else:
            raise AssertionError(channel)


def _x2many_outcomes(kind, situations):
    """What the rules let each role read (a visit whose only material is
    strictly confidential reads like "strict"). The x2many fields of a visit
    are for the NPM only (groups): the portal and an internal user outside
    the app neither read them nor search through them (the chatter guard
    refuses a domain through a field the user may not read)."""
    return {
        situation: "".join(
            "A"
            if role in INTERNAL_APP_ROLES
            and TestSideChannelX2many.may_read(
                role, kind, "strict" if situation == "strict_only" else situation
            )
            else "D"
            for role in ROLES
        )
        for situation in situations
    }


X2MANY_TABLE = {
    (f"{how}_{kind}", situation): outcomes
    for kind in MATERIAL_KINDS
    for how in ("ids", "webread", "searchids", "searchname")
    for situation, outcomes in _x2many_outcomes(
        kind, (*FIELD_SITUATIONS, "strict_only")
    ).items()
}
X2MANY_TABLE.update(
    {
        (f"searchset_{kind}", "strict_only"): outcomes
        for kind in MATERIAL_KINDS
        for outcomes in _x2many_outcomes(kind, ("strict_only",)).values()
    }
)
# The control: the visit of all situations has readable material for them.
X2MANY_TABLE.update(
    {(f"searchset_{kind}", "shared"): "DDDAAA" for kind in MATERIAL_KINDS}
)
generate_cells(TestSideChannelX2many, X2MANY_TABLE)


class TestSideChannelX2manyPortalTeam(SideChannelCase):
    """The team lines a portal expert reads on their visit are exactly those
    the rules let them read (the control of the portal side)."""

    def test_portal_reads_the_team_of_their_visit_without_refusal(self):
        visit = self.visits["shared"].with_user(self.portal_expert)
        self.env.invalidate_all()
        lines = visit.web_read({"member_ids": {"fields": {"role": {}}}})[0]
        readable = (
            self.env["npm.joint.visit.member"]
            .with_user(self.portal_expert)
            .search([("visit_id", "=", visit.id)])
        )
        self.assertEqual(
            {line["id"] for line in lines["member_ids"]}, set(readable.ids)
        )
        self.assertTrue(readable)

    def test_portal_cannot_search_visits_by_team_lines_of_others(self):
        other_line = self.other_visit.member_ids[:1]
        found = (
            self.env["npm.joint.visit"]
            .with_user(self.portal_expert)
            .search([("member_ids", "in", other_line.ids)])
        )
        self.assertFalse(found)


# ---------------------------------------------------------------------------
# Channel 3: refusals name nothing the caller may not read
# ---------------------------------------------------------------------------
class TestSideChannelErrorMessages(SideChannelCase):
    """``create`` of a request to use information is the probe of the issue:
    any visit id, any person id. And a refused read in debug mode."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Debug mode ("technical features"): Odoo's refusals would list the
        # refused records by name.
        no_one = cls.env.ref("base.group_no_one")
        (cls.officer | cls.cleared | cls.manager | cls.employee).groups_id = [
            fields.Command.link(no_one.id)
        ]
        cls.probe_visits = {
            "own": cls.visits["shared"],
            "other_cso": cls.other_visit,
            "lapsed": cls.visits["lapsed"],
            "revoked": cls.visits["revoked"],
        }
        cls.secret_words = [visit.name for visit in cls.probe_visits.values()] + [
            cls.cso_colleague.name,
            cls.other_expert.name,
            cls.cso_expert.name,
            cls.mover.name,
        ]

    def _ask(self, user, visit_id, partner):
        with mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"):
            return (
                self.env["npm.info.use.request"]
                .with_user(user)
                .create(
                    {
                        "visit_id": visit_id,
                        "partner_id": partner.id,
                        "purpose": "report",
                        "description": "Probe",
                    }
                )
            )

    def _check_cell(self, channel, situation, role, allowed):
        user = self.user_for(role, situation)
        if channel.startswith("rule_error_"):
            return self._check_rule_error(channel, situation, user, allowed)
        visit_id = (
            self.probe_visits[situation].id if situation in self.probe_visits else 10**8
        )
        if channel == "ask_own_name":
            partner = user.partner_id
        else:  # ask_for_other: a colleague (on the team of the expert's visits)
            partner = self.cso_colleague
        try:
            with self.env.cr.savepoint():
                request = self._ask(user, visit_id, partner)
        except REFUSALS as error:
            message = str(error)
            named = [word for word in self.secret_words if word in message]
            if allowed:
                # someone who may read the visit is told precisely why
                self.assertTrue(named, message)
            else:
                self.assertEqual(named, [], message)
                self.assertNotIn("team of", message)
            return
        self.assertTrue(allowed, "the request was created")
        self.assertTrue(request.name.startswith("REQ") or request.name)

    def _check_rule_error(self, channel, situation, user, allowed):
        kind = channel.removeprefix("rule_error_")
        record = self.material[kind, situation].with_user(user)
        self.env.invalidate_all()
        if allowed:
            self.assertEqual(record.read(["name"])[0]["name"], record.sudo().name)
            return
        with self.assertRaises(AccessError) as caught:
            record.read(["name"])
        message = str(caught.exception)
        self.assertNotIn(record.sudo().name, message)
        self.assertNotIn(self.visits[situation].name, message)


# Who may name what: the portal expert asks about their own covered visit in
# their own name (the request is made), never about other visits, and never
# for someone else; officers read every visit, so their refusals may name it;
# an internal user outside the app has no right to ask at all.
ERROR_TABLE = {
    ("ask_own_name", "own"): "ADDAAA",
    ("ask_own_name", "other_cso"): "DADAAA",
    ("ask_own_name", "lapsed"): "DDDAAA",
    ("ask_own_name", "revoked"): "DDDAAA",
    ("ask_own_name", "missing"): "DDDDDD",
    ("ask_for_other", "own"): "DDDAAA",
    ("ask_for_other", "other_cso"): "DDDAAA",
    ("ask_for_other", "lapsed"): "DDDAAA",
    ("ask_for_other", "revoked"): "DDDAAA",
    ("ask_for_other", "missing"): "DDDDDD",
}
ERROR_TABLE.update(
    {
        (f"rule_error_{kind}", situation): outcomes
        for kind in MATERIAL_KINDS
        for situation, outcomes in SideChannelCase.expected(kind).items()
        if situation in FIELD_SITUATIONS
    }
)
generate_cells(TestSideChannelErrorMessages, ERROR_TABLE)


class TestSideChannelErrorMessagesCompany(NpmVisitCase):
    def test_company_check_does_not_name_another_company_visit(self):
        other_company = self.env["res.company"].create({"name": "Other NPM office"})
        place = self.env["npm.detention.place"].create(
            {
                "name": "Far prison",
                "place_type": "prison",
                "company_id": other_company.id,
            }
        )
        partnership = self.env["npm.cso.partnership"].create(
            {
                "name": "Far partnership",
                "partner_id": self.other_cso.id,
                "company_id": other_company.id,
            }
        )
        visit = self._visit(
            company_id=other_company.id, place_id=place.id, partnership=partnership
        )
        visit.name = "JV/FAR/0001"
        self.officer.company_ids = [fields.Command.link(other_company.id)]
        with self.assertRaises(UserError) as caught:
            self.env["npm.visit.finding"].with_user(self.officer).with_context(
                allowed_company_ids=[self.env.company.id]
            ).create({"visit_id": visit.id, "name": "Cross-company"})
        self.assertNotIn("JV/FAR/0001", str(caught.exception))


# ---------------------------------------------------------------------------
# Channel 4: stamps and computed fields are the app's
# ---------------------------------------------------------------------------
class TestSideChannelAppOnlyFields(NpmVisitCase):
    """Every guarded field of every guarded model, written by hand by each
    role that may write the record: refused, the stored value unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        draft = cls._visit(start=10)
        confirmed = cls._confirmed_visit(start=-2)
        agreement = cls.env["npm.cso.agreement"].create(
            {
                "name": "Guarded MoU",
                "agreement_type": "mou",
                "partnership_id": cls.partnership.id,
            }
        )
        cls.guarded_records = {
            "npm.joint.visit": draft,
            "npm.joint.visit.member": draft.member_ids.filtered(
                lambda m: m.side == "cso"
            )[:1],
            "npm.visit.finding": cls._finding(confirmed),
            "npm.visit.document": cls._document(confirmed),
            "npm.confidentiality.undertaking": cls._undertaking(
                cls.cso_colleague, sign=False
            ),
            "npm.info.use.request": cls.env["npm.info.use.request"]
            .with_user(cls.portal_expert)
            .create(
                {
                    "visit_id": confirmed.id,
                    "purpose": "report",
                    "description": "For the annual report",
                }
            )
            .sudo(False)
            .with_user(cls.env.user),
            "npm.cso.agreement": agreement,
            "npm.cso.partnership": cls.partnership,
            "npm.cso.partnership.safeguard": cls.partnership.safeguard_line_ids[:1],
        }
        cls.roles = {
            "officer": cls.officer,
            "cleared": cls.cleared,
            "manager": cls.manager,
            "portal": cls.portal_expert,
        }

    def test_every_stored_field_the_app_sets_is_in_the_table(self):
        for model, names in APP_ONLY_STORED.items():
            Model = self.env[model]
            guarded = {
                name
                for name in Model._npm_app_only_field_names()
                if Model._fields[name].store
                and (Model._fields[name]._module or "").startswith(
                    "npm_cso_cooperation"
                )
            }
            self.assertEqual(guarded, set(names), model)

    def test_uncleared_officer_cannot_cover_a_team_line_by_hand(self):
        # The attack of the issue: a team line of a draft visit marked covered
        # by hand would open the visit to an expert with no undertaking.
        newcomer = self.env["res.partner"].create(
            {"name": "Expert without undertaking", "parent_id": self.cso.id}
        )
        newcomer_user = self._new_user(
            "t_portal_newcomer", "base.group_portal", partner=newcomer
        )
        visit = self._visit(start=3, cso_partners=newcomer)
        line = visit.member_ids.filtered(lambda m: m.partner_id == newcomer)
        for vals in (
            {"is_covered": True},
            {"is_covered": True, "covered_until": False},
            {"undertaking_id": self._undertaking(self.cso_colleague).id},
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesRegex(UserError, "cannot be set by hand"),
            ):
                line.with_user(self.officer).write(vals)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self.env["npm.joint.visit.member"].with_user(self.officer).create(
                {
                    "visit_id": visit.id,
                    "partner_id": self.cso_colleague.id,
                    "side": "cso",
                    "is_covered": True,
                }
            )
        self.assertFalse(line.is_covered)
        Visits = self.env["npm.joint.visit"].with_user(newcomer_user)
        self.assertFalse(Visits.search([("id", "=", visit.id)]))
        with self.assertRaises(AccessError):
            visit.with_user(newcomer_user).read(["name"])
        # The control: the app covers the line once the undertaking is signed.
        self._undertaking(newcomer, signed=-1, visit=visit)
        self.assertTrue(line.is_covered)
        self.assertEqual(Visits.search([("id", "=", visit.id)]), visit)

    def test_a_client_cannot_send_the_app_marker(self):
        line = self.guarded_records["npm.joint.visit.member"]
        for marker in (True, "1", "npm_app_write", object.__name__):
            with (
                self.subTest(marker=marker),
                self.assertRaisesRegex(UserError, "cannot be set by hand"),
            ):
                line.with_user(self.manager).with_context(npm_app_write=marker).write(
                    {"is_covered": True}
                )

    def test_portal_expert_cannot_choose_the_reference(self):
        visit = self.guarded_records["npm.info.use.request"].visit_id
        Requests = self.env["npm.info.use.request"].with_user(self.portal_expert)
        values = {"visit_id": visit.id, "purpose": "media", "description": "Press"}
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            Requests.create(dict(values, name="REQ/CHOSEN"))
        request = Requests.create(values)
        self.assertNotEqual(request.name, "REQ/CHOSEN")
        self.assertNotEqual(request.name, "New")

    def test_online_signature_only_by_the_person_in_the_portal(self):
        undertaking = self._undertaking(self.cso_colleague, sign=False)
        undertaking.signed_copy = False
        png = base64.b64encode(
            base64.b64decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNk"
                "YAAAAAYAAjCB0C8AAAAASUVORK5CYII="
            )
        )
        for user in (self.officer, self.manager):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(UserError, "cannot be set by hand"),
            ):
                undertaking.with_user(user).write(
                    {"signature": png, "signed_by": "Colleague"}
                )
        self.assertFalse(undertaking.signature)
        with self.assertRaisesRegex(UserError, "only they can sign it"):
            undertaking._portal_sign(self.cso_expert, "Expert", png)
        undertaking._portal_sign(self.cso_colleague, "Colleague of Test Watch", png)
        self.assertEqual(undertaking.state, "signed")
        self.assertEqual(undertaking.signature_method, "portal")
        # The officer records a scanned copy instead: the record says so.
        paper = self._undertaking(self.cso_expert)
        self.assertEqual(paper.signature_method, "paper")
        self.assertFalse(paper.signature)

    def test_visit_stamps_are_refused_on_create(self):
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self._visit(start=20).copy().with_user(self.officer).create(
                {
                    "place_id": self.place.id,
                    "partnership_id": self.partnership.id,
                    "date_start": self._days(20),
                    "date_end": self._days(20),
                    "terms_agreed_by_id": self.manager.id,
                }
            )
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            self.env["npm.joint.visit"].with_user(self.officer).create(
                {
                    "name": "JV/CHOSEN",
                    "place_id": self.place.id,
                    "partnership_id": self.partnership.id,
                    "date_start": self._days(20),
                    "date_end": self._days(20),
                }
            )

    def test_registers_are_written_by_the_app_only(self):
        for model in ("npm.information.release", "npm.cso.export.log"):
            for user in (self.officer, self.manager):
                with (
                    self.subTest(model=model, user=user.login),
                    self.assertRaises(AccessError),
                ):
                    self.env[model].with_user(user).create({})

    @classmethod
    def _forged_value(cls, field):
        if field.type == "boolean":
            return True
        if field.type == "date":
            return fields.Date.today()
        if field.type == "datetime":
            return fields.Datetime.now()
        if field.type in ("integer", "float", "monetary"):
            return 7
        if field.type in ("many2one",):
            comodel = cls.env[field.comodel_name]
            return comodel.search([], limit=1, order="id desc").id or 1
        if field.type in ("one2many", "many2many"):
            return [fields.Command.set([])]
        if field.type == "selection":
            return field.get_values(cls.env)[-1]
        if field.type in ("binary", "image"):
            return base64.b64encode(b"forged")
        return "Forged"

    def _check_cell(self, channel, situation, role, allowed):
        model, fname = APP_ONLY_CHANNELS[channel]
        record = self.guarded_records[model]
        user = self.roles[role]
        before = record.sudo()[fname]
        value = self._forged_value(record._fields[fname])
        self.assertTrue(record, model)
        with (
            self.assertRaises(UserError) as caught,
            mute_logger("odoo.models"),
            self.env.cr.savepoint(),
        ):
            record.with_user(user).write({fname: value})
        if isinstance(caught.exception, UserError) and not isinstance(
            caught.exception, AccessError
        ):
            self.assertRegex(
                str(caught.exception),
                "cannot be set by hand|changes only through its",
            )
        self.env.invalidate_all()
        self.assertEqual(record.sudo()[fname], before)


# The stored fields only the app sets, per model (the completeness test
# below fails when a model gains one that this table does not list).
APP_ONLY_STORED = {
    "npm.joint.visit": (
        "name",
        "terms_agreed_by_id",
        "terms_agreed_on",
        "cso_id",
        "place_type",
    ),
    "npm.joint.visit.member": (
        "company_id",
        "is_covered",
        "covered_until",
        "undertaking_id",
    ),
    "npm.visit.finding": ("company_id", "place_id", "cso_id", "anonymised_on"),
    "npm.visit.document": ("company_id", "place_id", "cso_id", "anonymised_on"),
    "npm.confidentiality.undertaking": (
        "name",
        "cso_id",
        "signature",
        "signed_by",
        "signed_on",
        "signature_method",
        "revoked_by_id",
        "revoked_on",
        "anonymised_on",
    ),
    "npm.info.use.request": ("name", "company_id", "cso_id", "anonymised_on"),
    "npm.cso.agreement": ("company_id", "partner_id", "version", "anonymised_on"),
    "npm.cso.partnership": ("is_safeguarded",),
    "npm.cso.partnership.safeguard": ("company_id",),
}
# Officer, cleared officer and manager may write these records (or are
# refused by their rights); the portal expert may write none of them.
APP_ONLY_ROLES = ("officer", "cleared", "manager", "portal")
APP_ONLY_CHANNELS = {
    f"{model.replace('.', '_')}__{fname}": (model, fname)
    for model, names in APP_ONLY_STORED.items()
    for fname in names
}
APP_ONLY_TABLE = {(channel, "by_hand"): "DDDD" for channel in APP_ONLY_CHANNELS}
generate_cells(TestSideChannelAppOnlyFields, APP_ONLY_TABLE, roles=APP_ONLY_ROLES)


# ---------------------------------------------------------------------------
# Channel 8: the portal reads the fields its pages show, no other
# ---------------------------------------------------------------------------
# What the portal may read, per model: the allow-list the models declare
# (``_portal_readable_fields`` + id, display_name, access_url), said again here
# so that a change to either shows.
# fmt: off
PORTAL_ALLOWED = {
    "npm.joint.visit": (
        "id", "display_name", "access_url", "name", "state", "date_start",
        "date_end", "portal_place_name", "roles_agreed", "approach",
        "urgent_action_protocol", "information_use_terms", "member_ids",
    ),
    "npm.joint.visit.member": (
        "id", "display_name", "visit_id", "partner_id", "side", "role", "sequence",
    ),
    "npm.visit.finding": (
        "id", "display_name", "name", "description", "is_urgent", "visit_id",
        "is_portal_readable",
    ),
    "npm.visit.document": (
        "id", "display_name", "name", "document_type", "document_date",
        "description", "file", "file_name", "visit_id", "is_portal_readable",
    ),
    "npm.confidentiality.undertaking": (
        "id", "display_name", "access_url", "name", "partner_id", "scope",
        "visit_id", "portal_visit_name", "state", "date_signed", "date_expiry",
        "is_valid", "signed_copy", "signed_copy_filename", "signature",
        "signed_by", "signed_on", "signature_method", "create_date",
    ),
    "npm.info.use.request": (
        "id", "display_name", "access_url", "name", "visit_id",
        "portal_visit_name", "partner_id", "purpose", "description",
        "finding_ids", "information_use_terms", "state", "decided_on",
        "decision_note", "create_date",
    ),
    "npm.recommendation": (
        "id", "display_name", "access_url", "name", "text", "date_issued",
        "due_date", "report_reference", "state", "implementation_status",
        "portal_place_name", "portal_authority_name", "is_portal_readable",
    ),
    "npm.recommendation.followup": (
        "id", "display_name", "recommendation_id", "date", "source", "observation",
        "assessed_status", "partner_id", "state", "dismiss_reason", "decided_on",
        "create_date",
    ),
    "npm.cso.agreement": (
        "id", "display_name", "active", "name", "reference", "version",
        "agreement_type", "state", "date_start", "date_end", "date_signed",
        "objectives", "modalities", "terms", "signed_copy", "signed_copy_name",
    ),
    "npm.data.protection.notice": (
        "id", "display_name", "name", "version", "body", "state", "date_published",
    ),
    "npm.data.protection.acknowledgment": (
        "id", "display_name", "notice_id", "notice_version", "partner_id",
        "channel", "acknowledged_on",
    ),
}
# The thread and activity fields of mail: the portal reads none of them.
MAIL_FIELDS = (
    "activity_date_deadline", "activity_exception_decoration",
    "activity_exception_icon", "activity_ids", "activity_state", "activity_summary",
    "activity_type_icon", "activity_type_id", "activity_user_id", "has_message",
    "message_attachment_count", "message_follower_ids", "message_has_error",
    "message_has_error_counter", "message_has_sms_error", "message_ids",
    "message_is_follower", "message_needaction", "message_needaction_counter",
    "message_partner_ids", "my_activity_date_deadline", "website_message_ids",
)
# What the portal may not read, per model (with MAIL_FIELDS where the model
# has a thread): every field of the model is in one of the two lists.
PORTAL_FORBIDDEN = {
    "npm.joint.visit": (
        *MAIL_FIELDS,
        "access_token", "access_warning", "calendar_title", "color", "company_id",
        "covered_member_partner_ids", "create_date", "create_uid", "cso_id",
        "document_count", "document_ids", "finding_count", "finding_ids",
        "head_partner_id", "head_user_id", "info_use_request_count", "is_ready",
        "info_use_request_ids", "is_user_covered", "note", "partnership_id",
        "person_ids", "place_id", "place_type", "terms_agreed_by_id", "terms_agreed_on",
        "urgent_finding_count", "user_id", "write_date", "write_uid",
        "has_team_gaps", "team_gaps", "team_override_reason",
        "reprisal_allegation_count", "recommendation_count", "recommendation_ids",
    ),
    "npm.joint.visit.member": (
        "company_id", "covered_until", "create_date", "create_uid", "cso_id",
        "is_covered", "undertaking_id", "user_id", "visit_state", "write_date",
        "write_uid", "expertise_ids", "gender",
    ),
    "npm.visit.finding": (
        *MAIL_FIELDS,
        # retention (issue 17): managers only, set by the rules
        "legal_hold", "legal_hold_reason", "anonymised_on",
        "company_id", "create_date", "create_uid", "cso_id", "person_ids",
        "place_id", "reprisal_risk_notes", "sensitivity", "share_with_cso",
        "urgent_action_protocol", "urgent_action_taken", "urgent_deadline",
        "urgent_escalated_on", "urgent_resolved_on", "urgent_state",
        "urgent_user_id", "visit_date", "visit_state", "write_date", "write_uid",
    ),
    "npm.visit.document": (
        *MAIL_FIELDS,
        # retention (issue 17): managers only, set by the rules
        "legal_hold", "legal_hold_reason", "anonymised_on",
        "company_id", "create_date", "create_uid", "cso_id", "person_ids", "place_id",
        "sensitivity", "share_with_cso", "visit_date", "write_date", "write_uid",
    ),
    "npm.confidentiality.undertaking": (
        *MAIL_FIELDS,
        # retention (issue 17): managers only, set by the rules
        "legal_hold", "legal_hold_reason", "anonymised_on",
        "access_token", "access_warning", "agreement_id", "company_id",
        "create_uid", "cso_id", "expiry_reminder_visit_ids", "note",
        "revoke_reason", "revoked_by_id", "revoked_on", "write_date", "write_uid",
    ),
    "npm.info.use.request": (
        *MAIL_FIELDS,
        # retention (issue 17): managers only, set by the rules
        "legal_hold", "legal_hold_reason", "anonymised_on",
        "access_token", "access_warning", "company_id", "create_uid", "cso_id",
        "decided_by_id", "write_date", "write_uid",
    ),
    "npm.recommendation": (
        *MAIL_FIELDS,
        "authority_id", "authority_response", "authority_response_date",
        "authority_response_text", "closed_by_id", "closed_on", "company_id",
        "create_date", "create_uid", "finding_ids", "followup_count", "followup_ids",
        "implementation_rate", "is_overdue", "is_repeated", "issued_by_id",
        "last_followup_date", "note", "overdue_notified_on", "partnership_ids",
        "place_id", "priority", "repeated_from_id", "sensitivity", "share_with_cso",
        "submitted_followup_count", "theme_ids", "user_id", "visit_id", "write_date",
        "write_uid",
    ),
    "npm.recommendation.followup": (
        "company_id", "create_uid", "cso_id", "decided_by_id", "write_date",
        "write_uid",
    ),
    "npm.cso.agreement": (
        *MAIL_FIELDS,
        # retention (issue 17): managers only, set by the rules
        "legal_hold", "legal_hold_reason", "anonymised_on",
        "amended_agreement_id", "amendment_count", "amendment_ids", "approved_by_id",
        "approved_on", "awaits_my_decision", "can_decide", "color", "company_id",
        "create_date",
        "create_uid", "is_renewal_scheduled", "note", "partner_id", "partnership_id",
        "rejected_by_id", "rejected_on", "rejection_reason", "safeguard_line_ids",
        "submitted_by_id", "submitted_on", "terminated_on", "user_id", "write_date",
        "write_uid",
    ),
    # (a thread without activities)
    "npm.data.protection.notice": (
        "acknowledgment_count", "acknowledgment_ids", "company_id", "create_date",
        "create_uid", "has_message", "message_attachment_count",
        "message_follower_ids", "message_has_error", "message_has_error_counter",
        "message_has_sms_error", "message_ids", "message_is_follower",
        "message_needaction", "message_needaction_counter", "message_partner_ids",
        "website_message_ids", "write_date", "write_uid",
    ),
    "npm.data.protection.acknowledgment": (
        "acknowledged_by", "company_id", "create_date", "create_uid", "cso_id",
        "note", "scanned_copy", "scanned_copy_filename", "write_date", "write_uid",
    ),
}
# fmt: on


PORTAL_MODEL_SLUGS = {model.replace(".", "_"): model for model in PORTAL_ALLOWED}


class TestSideChannelPortalFields(NpmVisitCase):
    """A covered CSO expert reads records of nine models; on each, only the
    fields of the allow-list (the manager reads them all: the control)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visit = cls._confirmed_visit(start=-3)
        agreement = cls.env["npm.cso.agreement"].create(
            {
                "name": "Signed MoU",
                "agreement_type": "mou",
                "partnership_id": cls.partnership.id,
                "note": "<p>NPM only: the CSO's director is under pressure.</p>",
                "state": "signed",
            }
        )
        undertaking = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.cso_expert.id), ("visit_id", "=", visit.id)]
        )
        undertaking.note = "NPM only: checked with the prosecutor."
        request = (
            cls.env["npm.info.use.request"]
            .with_user(cls.portal_expert)
            .create(
                {
                    "visit_id": visit.id,
                    "purpose": "report",
                    "description": "For the annual report",
                }
            )
        )
        following = active_partnership(cls.env, cls.cso, "Follow-up")
        recommendation = cls.env["npm.recommendation"].create(
            {
                "visit_id": visit.id,
                "text": "Examine every arrival within 24 hours.",
                "note": "<p>NPM only: the director resists.</p>",
            }
        )
        recommendation.action_issue()
        recommendation.write(
            {"partnership_ids": [(6, 0, following.ids)], "share_with_cso": True}
        )
        followup = cls.env["npm.recommendation.followup"].browse(
            cls.env["npm.recommendation.followup"]
            .with_user(cls.portal_expert)
            .create({"recommendation_id": recommendation.id, "observation": "Seen."})
            .id
        )
        followup.action_dismiss(reason="Hearsay")
        cls.portal_records = {
            "npm.recommendation": recommendation,
            "npm.recommendation.followup": followup,
            "npm.joint.visit": visit,
            "npm.joint.visit.member": visit.member_ids.filtered(
                lambda m: m.partner_id == cls.cso_expert
            ),
            "npm.visit.finding": cls._finding(visit, shared=True),
            "npm.visit.document": cls._document(visit, shared=True),
            "npm.confidentiality.undertaking": undertaking,
            "npm.info.use.request": request.with_user(cls.env.user),
            "npm.cso.agreement": agreement,
            "npm.data.protection.notice": cls.env[
                "npm.data.protection.notice"
            ]._current(cls.env.company),
            "npm.data.protection.acknowledgment": cls.env[
                "npm.data.protection.acknowledgment"
            ].search([("partner_id", "=", cls.cso_expert.id)], limit=1),
        }
        cls.roles = {"portal": cls.portal_expert, "manager": cls.manager}

    def _check_cell(self, channel, situation, role, allowed):
        slug, fname = channel.split("__", 1)
        model = PORTAL_MODEL_SLUGS[slug]
        record = self.portal_records[model].with_user(self.roles[role])
        self.assertTrue(record.sudo().exists(), model)
        self.env.invalidate_all()
        Model = record.browse()
        field = record._fields[fname]
        if situation == "read":
            if allowed:
                self.assertIn(fname, record.read([fname])[0])
                self.assertIn(fname, Model.fields_get([fname]))
            else:
                with self.assertRaises(AccessError):
                    record.read([fname])
                with self.assertRaises(AccessError):
                    record.search_read([("id", "=", record.id)], [fname])
                with self.assertRaises(AccessError):
                    record.web_read({fname: {}})
                self.assertNotIn(fname, Model.fields_get())
                # nor does reading everything bring it
                self.assertNotIn(fname, record.read()[0])
        elif situation == "search":
            if allowed:
                either = ["|", (fname, "=", False), (fname, "!=", False)]
                self.assertEqual(
                    Model.search([("id", "=", record.id), *either]), record
                )
            else:
                with self.assertRaises(AccessError):
                    Model.search([(fname, "!=", False)])
                with self.assertRaises(AccessError):
                    Model.search([], order=f"{fname} desc")
        elif situation == "groupby":
            domain = [("id", "=", record.id)]
            if allowed:
                self.assertTrue(Model.read_group(domain, ["__count"], [fname]))
            else:
                with self.assertRaises(AccessError):
                    Model.read_group(domain, ["__count"], [fname])
                with self.assertRaises(AccessError):
                    Model.read_group(domain, [f"{fname}:count_distinct"], [])
        elif situation == "export":
            # export_data needs the export right, which experts lack; its rows
            # read each field through the same check
            if allowed:
                self.assertTrue(record._export_rows([[fname]]))
            else:
                with self.assertRaises(AccessError):
                    record._export_rows([[fname]])
        else:
            raise AssertionError(situation)
        self.assertTrue(field)

    def test_every_field_is_allowed_or_forbidden(self):
        for model, allowed in PORTAL_ALLOWED.items():
            Model = self.env[model]
            self.assertEqual(
                set(Model._npm_portal_readable_field_names()), set(allowed), model
            )
            self.assertEqual(
                set(Model._fields),
                set(allowed) | set(PORTAL_FORBIDDEN[model]),
                model,
            )

    def test_internal_notes_never_reach_the_portal(self):
        agreement = self.portal_records["npm.cso.agreement"]
        undertaking = self.portal_records["npm.confidentiality.undertaking"]
        for record, fname in (
            (agreement, "note"),
            (agreement, "rejection_reason"),
            (undertaking, "note"),
            (undertaking, "revoke_reason"),
            (undertaking, "revoked_by_id"),
        ):
            with self.subTest(model=record._name, field=fname):
                portal = record.with_user(self.portal_expert)
                with self.assertRaises(AccessError):
                    portal.read([fname])
                self.assertTrue(portal.read(["display_name"]))


# Groupable stored fields (the others are read and searched only).
_GROUPABLE = {"char", "selection", "many2one", "date", "datetime", "boolean", "integer"}
_SEARCH_SKIP = {"id"}
PORTAL_FIELDS_TABLE = {}
for _model, _names in PORTAL_ALLOWED.items():
    _slug = _model.replace(".", "_")
    for _name in _names:
        PORTAL_FIELDS_TABLE[f"{_slug}__{_name}", "read"] = "AA"
    for _name in PORTAL_FORBIDDEN[_model]:
        PORTAL_FIELDS_TABLE[f"{_slug}__{_name}", "read"] = "DA"
# Searching, grouping and exporting the NPM's internal fields, with the
# allowed fields of the same kind as controls.
PORTAL_FIELDS_TABLE.update(
    {
        (f"{_model.replace('.', '_')}__{_name}", _how): _outcomes
        for _model, _name, _outcomes in (
            ("npm.cso.agreement", "note", "DA"),
            ("npm.cso.agreement", "rejection_reason", "DA"),
            ("npm.cso.agreement", "approved_by_id", "DA"),
            ("npm.cso.agreement", "reference", "AA"),
            ("npm.confidentiality.undertaking", "note", "DA"),
            ("npm.confidentiality.undertaking", "revoke_reason", "DA"),
            ("npm.confidentiality.undertaking", "revoked_by_id", "DA"),
            ("npm.confidentiality.undertaking", "agreement_id", "DA"),
            ("npm.confidentiality.undertaking", "scope", "AA"),
            ("npm.visit.finding", "reprisal_risk_notes", "DA"),
            ("npm.visit.finding", "sensitivity", "DA"),
            ("npm.visit.finding", "urgent_user_id", "DA"),
            ("npm.visit.finding", "name", "AA"),
            ("npm.visit.document", "sensitivity", "DA"),
            ("npm.visit.document", "document_type", "AA"),
            ("npm.joint.visit", "note", "DA"),
            ("npm.joint.visit", "user_id", "DA"),
            ("npm.joint.visit", "partnership_id", "DA"),
            ("npm.joint.visit", "state", "AA"),
            ("npm.info.use.request", "decided_by_id", "DA"),
            ("npm.info.use.request", "purpose", "AA"),
            ("npm.recommendation", "sensitivity", "DA"),
            ("npm.recommendation", "note", "DA"),
            ("npm.recommendation", "authority_response_text", "DA"),
            ("npm.recommendation", "user_id", "DA"),
            ("npm.recommendation", "is_repeated", "DA"),
            ("npm.recommendation", "text", "AA"),
            ("npm.recommendation.followup", "decided_by_id", "DA"),
            ("npm.recommendation.followup", "observation", "AA"),
        )
        for _how in ("search", "export")
    }
)
PORTAL_FIELDS_TABLE.update(
    {
        (f"{_model.replace('.', '_')}__{_name}", "groupby"): _outcomes
        for _model, _name, _outcomes in (
            ("npm.cso.agreement", "approved_by_id", "DA"),
            ("npm.cso.agreement", "agreement_type", "AA"),
            ("npm.confidentiality.undertaking", "revoked_by_id", "DA"),
            ("npm.confidentiality.undertaking", "agreement_id", "DA"),
            ("npm.confidentiality.undertaking", "state", "AA"),
            ("npm.visit.finding", "sensitivity", "DA"),
            ("npm.visit.finding", "urgent_state", "DA"),
            ("npm.visit.finding", "is_urgent", "AA"),
            ("npm.joint.visit", "user_id", "DA"),
            ("npm.joint.visit", "state", "AA"),
            ("npm.info.use.request", "decided_by_id", "DA"),
            ("npm.info.use.request", "state", "AA"),
            ("npm.recommendation", "sensitivity", "DA"),
            ("npm.recommendation", "user_id", "DA"),
            ("npm.recommendation", "priority", "DA"),
            ("npm.recommendation", "implementation_status", "AA"),
            ("npm.recommendation.followup", "decided_by_id", "DA"),
            ("npm.recommendation.followup", "state", "AA"),
        )
    }
)
generate_cells(
    TestSideChannelPortalFields, PORTAL_FIELDS_TABLE, roles=("portal", "manager")
)
