"""Side channels of scope (issue 12): people who leave their CSO (channel 7),
shared material moved to another visit or CSO (channel 6), and "today" taken
from the caller's time zone (channel 11).

Each table is ``{(channel, situation): outcomes}`` over ROLES (see
tests/core/side_channel_common.py); ``A`` cells are the controls.
"""

from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError

from odoo.addons.npm_cso_cooperation.tools import npm_today

from tests.core.scope_common import LEAVER_SITUATIONS, PEOPLE_SITUATIONS, ScopeCase
from tests.core.side_channel_common import MATERIAL_KINDS, generate_cells

# AccessError and ValidationError are UserErrors: any refusal
REFUSED = UserError

# Channel 11: time zones a caller may send in the context. At 11:00 UTC, the
# first is a day behind (its "today" is yesterday), the second a day ahead.
TIME_ZONES = {
    "utc": "UTC",
    "minus_12": "Etc/GMT+12",
    "kiritimati": "Pacific/Kiritimati",
}
FROZEN_HOUR = time(11, 0)


def frozen_at_eleven(day):
    return freeze_time(datetime.combine(day, FROZEN_HOUR))


class TestSideChannelScope(ScopeCase):
    def _check_cell(self, channel, situation, role, allowed):
        family, _, rest = channel.partition("_")
        getattr(self, f"_check_{family}")(rest, situation, role, allowed)

    # Channel 7: people who leave the CSO ---------------------------------

    def _people_found(self, what, situation, user):
        """The records of ``what`` that ``user`` finds and reads for the
        visit of ``situation`` (empty when refused)."""
        visit = self.visits[situation]
        if what in MATERIAL_KINDS:
            record = self.material[what, situation]
            model, domain = record._name, [("id", "=", record.id)]
        elif what == "visit":
            record = visit
            model, domain = visit._name, [("id", "=", visit.id)]
        else:  # team
            record = visit.member_ids.filtered(lambda m: m.side == "cso")[:1]
            model, domain = "npm.joint.visit.member", [("visit_id", "=", visit.id)]
        Model = self.env[model].with_user(user)
        try:
            found = Model.search(domain)
        except AccessError:  # no access right on the model at all
            found = Model.browse()
        try:
            record.with_user(user).read(["display_name"])
            readable = True
        except AccessError:
            readable = False
        return found, readable

    def _check_people(self, what, situation, role, allowed):
        user = self.user_for(role, situation)
        if what == "request":
            return self._check_people_request(situation, user, allowed)
        if what == "own_request":
            return self._check_people_own_request(situation, user, allowed)
        found, readable = self._people_found(what, situation, user)
        self.assertEqual(bool(found), allowed)
        self.assertEqual(readable, allowed)

    def _check_people_request(self, situation, user, allowed):
        Request = self.env["npm.info.use.request"].with_user(user)
        vals = {
            "visit_id": self.visits[situation].id,
            "purpose": "report",
            "description": "Figures for our report.",
        }
        if allowed:
            self.assertEqual(Request.create(vals).partner_id, user.partner_id)
        else:
            with self.assertRaises(REFUSED):
                Request.create(vals)

    def _check_people_own_request(self, situation, user, allowed):
        # the request shows the visit's reference and its agreed terms
        request = self.own_requests[situation].with_user(user)
        Request = self.env["npm.info.use.request"].with_user(user)
        try:
            found = Request.search([("id", "=", request.id)])
        except AccessError:
            found = Request.browse()
        self.assertEqual(bool(found), allowed)
        if allowed:
            self.assertTrue(request.read(["visit_id", "information_use_terms"]))
        else:
            with self.assertRaises(AccessError):
                request.read(["visit_id", "information_use_terms"])

    # Channel 6: moving shared material ----------------------------------

    def _check_move(self, kind, situation, role, allowed):
        user = self.user_for(role, situation)
        record = self.material[kind, situation]
        before = record.visit_id
        target = self.other_visit
        if allowed:
            record.with_user(user).write({"visit_id": target.id})
            self.assertEqual(record.visit_id, target)
        else:
            with self.assertRaises(REFUSED):
                record.with_user(user).write({"visit_id": target.id})
            self.assertEqual(record.visit_id, before)
        # Either way, the other visit's CSO reads nothing it was not given.
        Model = self.env[record._name].with_user(self.other_portal_expert)
        self.assertFalse(Model.search([("id", "=", record.id)]))

    # Channel 11: the NPM's today ----------------------------------------

    def _check_today(self, rest, situation, role, allowed):
        what, _, zone = rest.partition("_tz_")
        user = self.user_for(role, situation)
        with frozen_at_eleven(self.today):
            env = self.env(user=user, context={"tz": TIME_ZONES[zone]})
            if what == "visit":
                visit = self.visits[situation]
                found = env["npm.joint.visit"].search([("id", "=", visit.id)])
                self.assertEqual(bool(found), allowed)
            elif what in MATERIAL_KINDS:
                record = self.material[what, situation]
                found = env[record._name].search([("id", "=", record.id)])
                self.assertEqual(bool(found), allowed)
                if allowed:
                    self.assertTrue(record.with_env(env).is_portal_readable)
            elif what == "undertaking":
                undertaking = (
                    self.undertaking_today
                    if situation == "lapsing_today"
                    else self.undertaking_lapsed
                ).with_env(env)
                self.assertEqual(undertaking.is_valid, allowed)
                valid = env["npm.confidentiality.undertaking"].search(
                    [("is_valid", "=", True), ("id", "=", undertaking.id)]
                )
                self.assertEqual(bool(valid), allowed)
            else:  # request
                vals = {
                    "visit_id": self.visits[situation].id,
                    "purpose": "report",
                    "description": "Figures for our report.",
                }
                Request = env["npm.info.use.request"]
                if allowed:
                    self.assertTrue(Request.create(vals))
                else:
                    with self.assertRaises(REFUSED):
                        Request.create(vals)

    # Plain tests ---------------------------------------------------------

    def test_leavers_were_readers_before_they_left(self):
        # The situations are real: every leaver is on the team, covered by
        # an undertaking for the visit, and the material was shared then.
        for situation in ("moved", *LEAVER_SITUATIONS):
            with self.subTest(situation=situation):
                person = self.user_for("portal", situation).partner_id
                visit = self.visits[situation]
                self.assertIn(person, visit.member_ids.partner_id)
                undertaking = self.env["npm.confidentiality.undertaking"].search(
                    [("partner_id", "=", person.id), ("visit_id", "=", visit.id)]
                )
                self.assertEqual(undertaking.state, "signed")
                released_to = (
                    self.env["npm.information.release"]
                    .search(
                        [
                            ("res_model", "=", "npm.visit.finding"),
                            ("res_id", "=", self.material["finding", situation].id),
                        ]
                    )
                    .partner_id
                )
                self.assertIn(person, released_to)

    def test_leaver_is_no_longer_covered_on_the_team(self):
        for situation in ("moved", "archived_expert"):
            with self.subTest(situation=situation):
                person = self.user_for("portal", situation).partner_id
                visit = self.visits[situation].with_user(self.manager)
                line = visit.member_ids.filtered(lambda m, p=person: m.partner_id == p)
                self.assertFalse(line.is_covered)
                self.assertIn(person, visit._get_uncovered_cso_members())
                self.assertNotIn(person, visit.covered_member_partner_ids)
        # control: the expert who stayed is still covered
        visit = self.visits["moved"].with_user(self.manager)
        self.assertIn(self.cso_expert, visit.covered_member_partner_ids)

    def test_user_without_portal_access_is_not_a_covered_member(self):
        for situation in ("archived_user", "portal_removed"):
            with self.subTest(situation=situation):
                person = self.leavers[situation].partner_id
                visit = self.visits[situation].with_user(self.manager)
                self.assertNotIn(person, visit.covered_member_partner_ids)
                self.assertNotIn(
                    visit,
                    visit.search([("covered_member_partner_ids", "in", person.ids)]),
                )

    def test_expert_who_comes_back_reads_again(self):
        # Access follows the person's current organisation, both ways.
        self.mover.parent_id = self.cso
        finding = self.material["finding", "moved"].with_user(self.mover_user)
        self.assertTrue(finding.read(["name"]))

    def test_shared_material_keeps_its_visit_when_unshared_then_moved(self):
        finding = self._finding(self.visits["shared"], shared=True)
        finding.with_user(self.officer).share_with_cso = False
        finding.with_user(self.officer).visit_id = self.other_visit
        # Nothing reaches the other CSO until it is shared there, which the
        # register then records for that CSO.
        Finding = self.env["npm.visit.finding"].with_user(self.other_portal_expert)
        self.assertFalse(Finding.search([("id", "=", finding.id)]))
        finding.with_user(self.officer).share_with_cso = True
        self.assertEqual(Finding.search([("id", "=", finding.id)]), finding)
        lines = self.env["npm.information.release"].search(
            [("res_model", "=", finding._name), ("res_id", "=", finding.id)]
        )
        new_lines = lines.filtered(lambda line: line.visit_id == self.other_visit)
        self.assertEqual(new_lines.cso_id, self.other_cso)
        self.assertEqual(new_lines.partner_id, self.other_expert)

    def test_visit_with_shared_material_cannot_change_csos(self):
        visit = self.visits["shared"].with_user(self.manager)
        visit.action_reset_to_draft()
        with self.assertRaisesRegex(UserError, "cannot change CSO"):
            visit.partnership_id = self.other_partnership
        self.assertEqual(visit.cso_id, self.cso)
        with self.assertRaisesRegex(UserError, "cannot change CSO"):
            self.partnership.with_user(self.manager).partner_id = self.other_cso
        self.assertEqual(visit.cso_id, self.cso)

    def test_visit_without_shared_material_may_change_partnership(self):
        visit = self._visit(start=10, cso_partners=self.env["res.partner"])
        self._finding(visit, "confidential")
        visit.with_user(self.manager).partnership_id = self.other_partnership
        self.assertEqual(visit.cso_id, self.other_cso)

    def test_member_covered_after_sharing_reads_what_the_register_names(self):
        visit = self._confirmed_visit(start=-5)
        finding = self._finding(visit, shared=True)
        late = self.env["res.partner"].create(
            {"name": "Late member", "parent_id": self.cso.id}
        )
        late_user = self._new_user("t_portal_late", "base.group_portal", partner=late)
        visit.action_reset_to_draft()
        visit.member_ids = [
            Command.create({"partner_id": late.id, "side": "cso", "role": "legal"})
        ]
        self._undertaking(late, signed=-15, visit=visit)
        visit.action_agree_terms()
        visit.action_confirm()
        self.assertTrue(finding.with_user(late_user).read(["name"]))
        lines = self.env["npm.information.release"].search(
            [("res_model", "=", finding._name), ("res_id", "=", finding.id)]
        )
        # the register names the reader's CSO (and the members covered then)
        self.assertIn(late.cso_id, lines.cso_id)
        self.assertEqual(lines.cso_id, visit.cso_id)
        self.assertNotIn(late, lines.partner_id)

    def test_npm_today_follows_the_company_time_zone(self):
        company = self.env.company
        with frozen_at_eleven(self.today):
            self.assertEqual(npm_today(self.env), self.today)
            company.partner_id.tz = "Etc/GMT+12"
            self.assertEqual(npm_today(self.env), self.today - timedelta(days=1))
            # The NPM's own day: a day behind, yesterday's undertaking still
            # covers (the caller's time zone has no say in it).
            visit = self.visits["lapsed"]
            Visit = self.env(
                user=self.portal_expert, context={"tz": "Pacific/Kiritimati"}
            )["npm.joint.visit"]
            self.assertEqual(Visit.search([("id", "=", visit.id)]), visit)
            company.partner_id.tz = False
            self.assertEqual(npm_today(self.env), self.today)


PEOPLE_TABLE = {}
for _situation in PEOPLE_SITUATIONS:
    _reads = "ADDAAA" if _situation == "shared" else "DDDAAA"
    for _what in (*MATERIAL_KINDS, "visit", "team"):
        PEOPLE_TABLE[f"people_{_what}", _situation] = _reads
    PEOPLE_TABLE["people_request", _situation] = _reads[:2] + "...."
    # An archived user has no session left (Odoo's session token covers
    # ``active``: see the HTTP module); a request stays their own record.
    _own = ".D" if _situation.startswith("archived") else _reads[:2]
    PEOPLE_TABLE["people_own_request", _situation] = _own + "...."

MOVE_TABLE = {
    ("move_finding", "shared"): "DDDDDD",
    ("move_finding", "unshared"): "DDDAAA",
    ("move_finding", "unshared_after_share"): "DDDAAA",
    ("move_finding", "strict"): "DDDDAA",
    ("move_document", "shared"): "DDDDDD",
    ("move_document", "unshared"): "DDDAAA",
    # released once: its visit is frozen with its file
    ("move_document", "unshared_after_share"): "DDDDDD",
    ("move_document", "strict"): "DDDDAA",
}

TODAY_TABLE = {
    (f"today_{what}_tz_{zone}", situation): (
        "A" if situation == "lapsing_today" else "D"
    )
    for what in ("visit", *MATERIAL_KINDS, "undertaking", "request")
    for zone in TIME_ZONES
    for situation in ("lapsed", "lapsing_today")
}

generate_cells(TestSideChannelScope, PEOPLE_TABLE)
generate_cells(TestSideChannelScope, MOVE_TABLE)
generate_cells(TestSideChannelScope, TODAY_TABLE, roles=("portal",))
