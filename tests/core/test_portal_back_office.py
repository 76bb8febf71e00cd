"""CSO experts are portal users: the back office is closed to them.

Odoo sends a portal user who opens the web client back to the portal, and its
JSON-RPC answers only within the user's access rights; these tests pin that
down for the app's own routes, actions and models.
"""

from urllib.parse import urlparse

from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException

from tests.core.visit_common import NpmVisitCase


class TestPortalUserBackOffice(NpmVisitCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A visit of another CSO, with a finding shared with that CSO.
        cls.other_visit = cls._confirmed_visit(partnership=cls.other_partnership)
        cls.other_finding = cls._finding(cls.other_visit, shared=True)

    def setUp(self):
        super().setUp()
        self.authenticate("t_portal", "t_portal")

    def _final_path(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return urlparse(response.url).path, response

    def test_web_client_sends_portal_user_back_to_portal(self):
        action = self.env.ref("npm_cso_cooperation.res_partner_action_cso")
        for url in (
            "/odoo",
            "/web",
            f"/odoo/action-{action.id}",
            "/odoo/action-npm_cso_cooperation.res_partner_action_cso",
            f"/odoo/npm-csos/{self.other_cso.id}",
            f"/web#action={action.id}&model=res.partner&view_type=list",
        ):
            with self.subTest(url=url):
                path, response = self._final_path(url)
                self.assertEqual(path, "/my")
                self.assertNotIn("o_web_client", response.text)

    def test_internal_user_gets_the_web_client(self):
        # The positive case: the same URL opens the back office for an officer.
        self.authenticate("t_officer", "t_officer")
        path, response = self._final_path("/odoo")
        self.assertEqual(path, "/odoo")
        self.assertIn("o_web_client", response.text)

    def _call_kw(self, model, method, *args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {}},
        )

    def test_back_office_rpc_refused_to_portal_user(self):
        # Models the portal has no right on at all.
        for model in (
            "npm.cso.partnership",
            "npm.cso.expertise",
            "npm.detention.place",
            "npm.information.release",
        ):
            with self.subTest(model=model), self.assertRaises(JsonRpcException):
                self._call_kw(model, "search_read")

    def test_rpc_gives_portal_user_no_more_than_the_portal(self):
        # JSON-RPC is another door to the same records: the rules still hold.
        self.assertEqual(self._call_kw("npm.joint.visit", "search_read"), [])
        self.assertEqual(self._call_kw("npm.visit.finding", "search_read"), [])
        for model, record in (
            ("npm.joint.visit", self.other_visit),
            ("npm.visit.finding", self.other_finding),
        ):
            with self.subTest(model=model), self.assertRaises(JsonRpcException):
                self._call_kw(model, "read", record.ids, ["name"])

    def test_back_office_menus_refused_to_portal_user(self):
        response = self.url_open("/web/webclient/load_menus/x")
        self.assertNotEqual(response.status_code, 200)
