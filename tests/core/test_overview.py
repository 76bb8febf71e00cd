"""The overview the app opens on (issue 14): tiles per role, counted with the
reader's rights, each opening the list of what it counts; NPM staff land on
it."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from tests.agreement_common import AgreementCase
from tests.core.visit_common import NpmVisitCase

OVERVIEW = "npm_cso_cooperation.npm_overview_tile_action"
TILE = "npm_cso_cooperation.overview_tile_"


class TestOverview(NpmVisitCase, AgreementCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Tile = cls.env["npm.overview.tile"]
        # urgent findings of a visit that ended today
        cls.urgent_visit = cls._confirmed_visit(start=-1, end=0)
        Finding = cls.env["npm.visit.finding"]
        cls.urgent = Finding.with_user(cls.officer).create(
            {
                "visit_id": cls.urgent_visit.id,
                "name": "Detainee beaten",
                "sensitivity": "confidential",
                "is_urgent": True,
            }
        )
        cls.urgent_strict = Finding.with_user(cls.cleared).create(
            {
                "visit_id": cls.urgent_visit.id,
                "name": "Informant threatened",
                "sensitivity": "strictly_confidential",
                "is_urgent": True,
            }
        )
        cls.urgent_officer = Finding.with_user(cls.officer).create(
            {
                "visit_id": cls.urgent_visit.id,
                "name": "No water in block C",
                "sensitivity": "confidential",
                "is_urgent": True,
            }
        )
        cls.urgent_officer.with_user(cls.officer).write(
            {"urgent_user_id": cls.officer.id}
        )
        cls.resolved = Finding.with_user(cls.officer).create(
            {
                "visit_id": cls.urgent_visit.id,
                "name": "Resolved already",
                "sensitivity": "confidential",
                "is_urgent": True,
            }
        )
        cls.resolved.with_user(cls.cleared).action_resolve_urgent_action()
        # planned visits: one ready, one not
        cls.ready_visit = cls._confirmed_visit(start=10)
        cls.draft_visit = cls._visit(start=12)
        # an undertaking that ends during a planned visit of its person
        cls.lapsing = cls._undertaking(cls.cso_colleague, signed=-30, expiry=11)
        cls.lapsing_visit = cls._visit(start=10, end=14, cso_partners=cls.cso_colleague)
        cls.lasting = cls._undertaking(cls.cso_colleague, signed=-30, expiry=20)

    # helpers -----------------------------------------------------------

    def _tile(self, name, user):
        return self.env.ref(TILE + name).with_user(user)

    def _listed(self, tile):
        """The records the tile's action lists, searched as its reader."""
        action = tile.action_open()
        return (
            self.env[action["res_model"]]
            .with_user(tile.env.user)
            .search(action["domain"])
        )

    def _check(self, name, user, present=(), absent=()):
        tile = self._tile(name, user)
        tile.invalidate_recordset(["count", "alert_count"])
        listed = self._listed(tile)
        self.assertEqual(tile.count, len(listed), name)
        for record in present:
            self.assertIn(record, listed, f"{name}: {record._name} {record.id}")
        for record in absent:
            self.assertNotIn(record, listed, f"{name}: {record._name} {record.id}")
        return tile, listed

    def _visible_tiles(self, user):
        return {
            tile.get_external_id()[tile.id].removeprefix(TILE)
            for tile in self.Tile.with_user(user).search([])
        }

    # tiles per role ----------------------------------------------------

    def test_each_role_sees_the_tiles_of_its_groups(self):
        staff = {
            "my_urgent_actions",
            "urgent_actions",
            "upcoming_visits",
            "undertakings_lapsing",
            "agreements_renewal",
            "overdue_recommendations",
        }
        deciders = {"agreements_to_decide", "requests_to_decide"}
        self.assertEqual(self._visible_tiles(self.officer), staff)
        self.assertEqual(self._visible_tiles(self.cleared), staff)
        self.assertEqual(self._visible_tiles(self.manager), staff | deciders)

    def test_employee_outside_the_app_and_portal_are_refused(self):
        tile = self.env.ref(TILE + "upcoming_visits")
        for user in (self.employee, self.portal_expert):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Tile.with_user(user).search([])
                with self.assertRaises(AccessError):
                    tile.with_user(user).read(["name", "count"])
                with self.assertRaises(AccessError):
                    tile.with_user(user).action_open()

    def test_officer_counts_no_strictly_confidential_finding(self):
        self._check(
            "urgent_actions",
            self.officer,
            present=self.urgent | self.urgent_officer,
            absent=self.urgent_strict | self.resolved,
        )
        officer_count = self._tile("urgent_actions", self.officer).count
        for user in (self.cleared, self.manager):
            tile, listed = self._check(
                "urgent_actions",
                user,
                present=self.urgent | self.urgent_strict | self.urgent_officer,
                absent=self.resolved,
            )
            strict = listed.filtered(lambda f: f.sensitivity == "strictly_confidential")
            self.assertIn(self.urgent_strict, strict)
            self.assertEqual(tile.count, officer_count + len(strict))

    def test_overdue_recommendations_tile_counts_what_the_reader_reads(self):
        Recommendation = self.env["npm.recommendation"]
        values = {
            "place_id": self.place.id,
            "text": "Repair the ventilation.",
            "date_issued": self._days(-100),
            "due_date": self._days(-1),
        }
        overdue = Recommendation.create(values)
        strict = Recommendation.create(
            dict(values, sensitivity="strictly_confidential")
        )
        later = Recommendation.create(dict(values, due_date=self._days(5)))
        (overdue | strict | later).action_issue()
        self._check(
            "overdue_recommendations",
            self.officer,
            present=overdue,
            absent=strict | later,
        )
        self._check("overdue_recommendations", self.cleared, present=overdue | strict)

    def test_my_urgent_actions_are_those_i_act_on(self):
        # the officer is responsible for one; the head of delegation (the
        # cleared officer) has the urgent-action activities of the others
        self._check(
            "my_urgent_actions",
            self.officer,
            present=self.urgent_officer,
            absent=self.urgent | self.urgent_strict | self.resolved,
        )
        self._check(
            "my_urgent_actions",
            self.cleared,
            present=self.urgent | self.urgent_strict,
            absent=self.resolved,
        )
        self._check("my_urgent_actions", self.manager, absent=self.urgent)

    def test_overdue_urgent_actions_come_first(self):
        self.urgent.urgent_deadline = self.today - timedelta(days=2)
        tile = self._tile("urgent_actions", self.officer)
        self.assertGreaterEqual(tile.alert_count, 1)
        action = tile.action_open()
        view_id, mode = action["views"][0]
        self.assertEqual(mode, "list")
        arch = self.env["npm.visit.finding"].get_view(view_id, "list")["arch"]
        self.assertIn('default_order="urgent_deadline, id desc"', arch)
        listed = (
            self.env["npm.visit.finding"]
            .with_user(self.officer)
            .search(action["domain"], order="urgent_deadline, id desc")
        )
        self.assertEqual(listed[0], self.urgent)

    def test_manager_decides_colleagues_agreements_not_own(self):
        own = self.submitted(by=self.manager)
        colleagues = self.submitted(
            self.make_agreement(
                partnership=own.partnership_id,
                name="Data sharing",
                agreement_type="data_sharing",
            )
        )
        self._check(
            "agreements_to_decide", self.manager, present=colleagues, absent=own
        )
        self._check("agreements_to_decide", self.manager2, present=own | colleagues)
        self.assertNotIn("agreements_to_decide", self._visible_tiles(self.officer))
        with self.assertRaises(AccessError):
            self._tile("agreements_to_decide", self.cleared).read(["count"])

    def test_requests_waiting_for_a_decision(self):
        visit = self._confirmed_visit(start=-5)
        visit.action_done()
        request = (
            self.env["npm.info.use.request"]
            .with_user(self.portal_expert)
            .create(
                {
                    "visit_id": visit.id,
                    "purpose": "report",
                    "description": "Quote the figures.",
                }
            )
        )
        tile, _listed = self._check("requests_to_decide", self.manager, present=request)
        count = tile.count
        request.with_user(self.manager).action_approve()
        tile.invalidate_recordset()
        self.assertEqual(tile.count, count - 1)
        with self.assertRaises(AccessError):
            self._tile("requests_to_decide", self.officer).read(["count"])

    def test_upcoming_visits_and_whether_each_is_ready(self):
        self.assertTrue(self.ready_visit.is_ready)
        self.assertFalse(self.draft_visit.is_ready)
        self.assertFalse(self.lapsing_visit.is_ready)
        for user in (self.officer, self.manager):
            tile, listed = self._check(
                "upcoming_visits",
                user,
                present=self.ready_visit | self.draft_visit | self.lapsing_visit,
                absent=self.urgent_visit,
            )
            self.assertEqual(
                tile.alert_count, len(listed.filtered(lambda v: not v.is_ready))
            )
            self.assertGreaterEqual(tile.alert_count, 2)
        # the terms agreed, but the expert is not covered: still not ready
        self.draft_visit.action_agree_terms()
        self.assertFalse(self.draft_visit.is_ready)
        Visit = self.env["npm.joint.visit"].with_user(self.officer)
        self.assertIn(self.ready_visit, Visit.search([("is_ready", "=", True)]))
        self.assertNotIn(self.draft_visit, Visit.search([("is_ready", "=", True)]))
        self.assertIn(self.draft_visit, Visit.search([("is_ready", "!=", True)]))

    def test_undertakings_ending_before_a_planned_visit(self):
        self._check(
            "undertakings_lapsing",
            self.officer,
            present=self.lapsing,
            absent=self.lasting,
        )
        # an undertaking outside the app's groups is not counted for anybody
        with self.assertRaises(AccessError):
            self._tile("undertakings_lapsing", self.employee).read(["count"])

    def test_agreements_due_for_renewal_follow_the_setting(self):
        soon = self.signed(date_end=self.today + timedelta(days=20))
        later = self.signed(
            self.make_agreement(
                partnership=soon.partnership_id,
                name="Later confidentiality agreement",
                agreement_type="confidentiality",
                date_end=self.today + timedelta(days=200),
            )
        )
        self._check("agreements_renewal", self.officer, present=soon, absent=later)
        self.env["ir.config_parameter"].set_param(
            "npm_cso_cooperation.agreement_renewal_days", 10
        )
        self._check("agreements_renewal", self.officer, absent=soon | later)

    def test_dates_are_those_of_the_reading_day(self):
        soon = self.signed(date_end=self.today + timedelta(days=20))
        self._check("agreements_renewal", self.officer, present=soon)
        # the same data read 25 days later: the agreement has ended
        with freeze_time(self.today + timedelta(days=25)):
            tile = self._tile("agreements_renewal", self.officer)
            self.assertNotIn(soon, self._listed(tile))

    def test_every_tile_opens_the_list_of_what_it_counts(self):
        for user in (self.officer, self.cleared, self.manager):
            for tile in self.Tile.with_user(user).search([]):
                with self.subTest(user=user.login, tile=tile.name):
                    action = tile.action_open()
                    self.assertEqual(action["type"], "ir.actions.act_window")
                    self.assertEqual(action["views"][0][1], "list")
                    self.assertFalse(
                        [k for k in action["context"] if k.startswith("search_default")]
                    )
                    Model = self.env[action["res_model"]].with_user(user)
                    self.assertEqual(Model.search_count(action["domain"]), tile.count)
                    # the views the list opens render for this user
                    Model.get_views([(v, m) for v, m in action["views"]])

    def test_the_app_opens_on_the_overview(self):
        root = self.env.ref("npm_cso_cooperation.menu_npm_cso_root")
        self.assertEqual(root.action.id, self.env.ref(OVERVIEW).id)
        views = (
            self.env["npm.overview.tile"]
            .with_user(self.officer)
            .get_views([(False, "kanban")])
        )
        self.assertIn("action_open", views["views"]["kanban"]["arch"])

    # home action -------------------------------------------------------

    def test_new_staff_land_on_the_overview(self):
        overview = self.env.ref(OVERVIEW)
        for user in (self.officer, self.cleared, self.manager):
            self.assertEqual(user.action_id.id, overview.id, user.login)
        for user in (self.employee, self.portal_expert):
            self.assertFalse(user.action_id, user.login)

    def test_a_chosen_home_action_is_kept(self):
        discuss = self.env.ref("base.action_res_users")
        user = self.env["res.users"].create(
            {
                "name": "Chooser",
                "login": "t_chooser",
                "action_id": discuss.id,
                "groups_id": [Command.set([self.env.ref(GROUP).id])],
            }
        )
        self.assertEqual(user.action_id.id, discuss.id)
        # given a role later, a chosen home action stays too
        employee = new_test_user(self.env, login="t_chooser2", groups="base.group_user")
        employee.action_id = discuss.id
        employee.write({"groups_id": [Command.link(self.env.ref(GROUP).id)]})
        self.assertEqual(employee.action_id.id, discuss.id)
        # and a user who clears it keeps their choice
        self.officer.action_id = False
        self.officer.write({"name": "Renamed officer"})
        self.assertFalse(self.officer.action_id)

    def test_a_role_given_later_sets_the_home_action(self):
        overview = self.env.ref(OVERVIEW)
        group = self.env.ref(GROUP)
        employee = new_test_user(self.env, login="t_later", groups="base.group_user")
        self.assertFalse(employee.action_id)
        employee.write({"groups_id": [Command.link(group.id)]})
        self.assertEqual(employee.action_id.id, overview.id)
        # from the group's side (its Users tab)
        other = new_test_user(self.env, login="t_later2", groups="base.group_user")
        group.write({"users": [Command.link(other.id)]})
        self.assertEqual(other.action_id.id, overview.id)
        # the user form writes groups as reified fields
        third = new_test_user(self.env, login="t_later3", groups="base.group_user")
        manager = self.env.ref("npm_cso_cooperation.group_npm_manager")
        field = next(
            name
            for name in self.env["res.users"].fields_get()
            if name.startswith("sel_groups_") and str(manager.id) in name.split("_")
        )
        third.write({field: manager.id})
        self.assertEqual(third.action_id.id, overview.id)
        # other groups change nothing
        fourth = new_test_user(self.env, login="t_later4", groups="base.group_user")
        fourth.write(
            {"groups_id": [Command.link(self.env.ref("base.group_partner_manager").id)]}
        )
        self.assertFalse(fourth.action_id)


GROUP = "npm_cso_cooperation.group_npm_user"
