"""Side channels of scope over HTTP (issue 12, channels 7, 10 and 11): the
portal pages for an expert who left their CSO, JSON-RPC with a time zone of
the caller's choosing, and the partner autocomplete routes of the web client.
"""

from odoo.tests import HttpCase

from tests.core.scope_common import ScopeCase
from tests.core.side_channel_common import generate_cells
from tests.core.test_side_channels_enrichment import CSO_NAME, watch_the_way_out
from tests.core.test_side_channels_scope import TIME_ZONES, frozen_at_eleven

NOT_FOUND = 404
LOGINS = {"portal": "t_portal", "other_portal": "t_portal_other"}


class TestSideChannelScopeHttp(ScopeCase, HttpCase):
    def _login(self, role, situation):
        login = self.user_for(role, situation).login
        self.authenticate(login, login)

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _check_cell(self, channel, situation, role, allowed):
        family, _, rest = channel.partition("_")
        getattr(self, f"_check_{family}")(rest, situation, role, allowed)

    def _check_page(self, what, situation, role, allowed):
        # channel 7: the portal page of the visit
        self._login(role, situation)
        visit = self.visits[situation]
        response = self.url_open(f"/my/visits/{visit.id}", allow_redirects=False)
        finding = self.material["finding", situation]
        if allowed:
            self.assertEqual(response.status_code, 200)
            self.assertIn(finding.name, response.text)
        else:
            self.assertEqual(response.status_code, NOT_FOUND)
            self.assertNotIn(finding.name, response.text)

    def _check_rpc(self, rest, situation, role, allowed):
        # channel 11: JSON-RPC with the caller's time zone in the context
        what, _, zone = rest.partition("_tz_")
        if what == "visit":
            record = self.visits[situation]
        else:
            record = self.material[what, situation]
        with frozen_at_eleven(self.today):
            self._login(role, situation)
            rows = self._call_kw(
                record._name,
                "search_read",
                [[("id", "=", record.id)]],
                {"fields": ["display_name"], "context": {"tz": TIME_ZONES[zone]}},
            )
        self.assertEqual([row["id"] for row in rows], record.ids if allowed else [])

    def test_archived_users_session_ends_at_once(self):
        # Channel 7 relies on it for an archived expert: Odoo's session token
        # includes ``active``, so no request of theirs is served any more.
        partner = self.env["res.partner"].create(
            {"name": "Expert archived mid-session", "parent_id": self.cso.id}
        )
        user = self._new_user("t_portal_session", "base.group_portal", partner=partner)
        visit = self._confirmed_visit(start=-5, cso_partners=partner)
        self.authenticate(user.login, user.login)
        url = f"/my/visits/{visit.id}"
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 200)
        user.active = False
        self.env.flush_all()
        response = self.url_open(url, allow_redirects=False)
        self.assertNotEqual(response.status_code, 200)
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_autocomplete_routes_send_nothing(self):
        # channel 10: what the web client's widgets would call, over HTTP
        self.authenticate("t_officer", "t_officer")
        with watch_the_way_out() as calls:
            self.assertEqual(
                self._call_kw("res.partner", "autocomplete", [CSO_NAME]), []
            )
            self.assertEqual(
                self._call_kw("res.partner", "read_by_vat", ["BE0477472701"]), []
            )
            enriched = self._call_kw(
                "res.partner",
                "enrich_company",
                ["watch.example.org", False, "BE0477472701"],
            )
        self.assertEqual(calls, [])
        self.assertTrue(enriched.get("error"))

    def test_web_client_does_not_enrich_the_company(self):
        self.authenticate("admin", "admin")
        info = self.make_jsonrpc_request("/web/session/get_session_info")
        self.assertTrue(info["is_admin"])
        self.assertNotIn("iap_company_enrich", info)


TABLE = {
    ("page_visit", "shared"): "AD",
    ("page_visit", "moved"): "DD",
}
generate_cells(TestSideChannelScopeHttp, TABLE, roles=("portal", "other_portal"))
RPC_TABLE = {
    (f"rpc_{what}_tz_{zone}", situation): "A" if situation == "lapsing_today" else "D"
    for what in ("visit", "finding")
    for zone in ("minus_12", "kiritimati")
    for situation in ("lapsed", "lapsing_today")
}
generate_cells(TestSideChannelScopeHttp, RPC_TABLE, roles=("portal",))
