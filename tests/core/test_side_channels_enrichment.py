"""Side channel 10 (issue 12): nothing leaves the server.

Odoo installs Partner Autocomplete by itself with Discuss; the bridge
``npm_cso_cooperation_no_enrichment`` installs with it and closes every door
the module opens to outside services. Each cell calls one of those doors as a
user of the app while every way out is watched (Odoo's IAP JSON-RPC, any HTTP
request made with ``requests``, the EU's VIES service) and asserts that
nothing went out. The control cells call partner_autocomplete's and base's
own code, below the bridge, and see the watch catch the request: the watch
works, so an empty watch means nothing was sent.
"""

from contextlib import ExitStack, contextmanager, suppress
from unittest.mock import patch
from urllib.parse import urlparse

import requests

from odoo.modules.registry import Registry

from odoo.addons.base.models.res_partner import Partner as BasePartner
from odoo.addons.iap.tools import iap_tools
from odoo.addons.mail.tools.discuss import Store
from odoo.addons.partner_autocomplete.models import res_company as autocomplete_company
from odoo.addons.partner_autocomplete.models import res_partner as autocomplete_partner
from odoo.addons.partner_autocomplete.models.iap_autocomplete_api import (
    IapAutocompleteEnrichAPI,
)

from tests.common import NpmCase
from tests.core.side_channel_common import generate_cells

ENRICHMENT_ROLES = ("employee", "officer", "manager")
CSO_NAME = "Prison Watch Initiative"


class Blocked(requests.exceptions.ConnectionError, ConnectionError):
    """What the watch raises instead of sending: a connection failure, as
    each caller expects one (requests' or Python's)."""


@contextmanager
def watch_the_way_out():
    """Record every request to an outside service instead of sending it."""
    calls = []

    def record(what):
        def fake(*args, **kwargs):
            calls.append((what, args, kwargs))
            raise Blocked("blocked by the test")

        return fake

    with ExitStack() as stack:
        stack.enter_context(
            patch.object(iap_tools, "iap_jsonrpc", side_effect=record("iap"))
        )
        send = requests.sessions.Session.request
        blocked = record("http")

        def request(session, method, url, *args, **kwargs):
            # the test's own requests to this server go through
            if urlparse(url).hostname in ("127.0.0.1", "localhost"):
                return send(session, method, url, *args, **kwargs)
            return blocked(method, url, *args, **kwargs)

        stack.enter_context(patch.object(requests.sessions.Session, "request", request))
        stack.enter_context(
            patch.object(autocomplete_partner, "check_vies", side_effect=record("vies"))
        )
        # Odoo's IAP helpers refuse to call out in test mode: lifted, so that
        # only the bridge stands between the user and the service.
        stack.enter_context(patch.object(Registry, "in_test_mode", lambda self: False))
        yield calls


class TestSideChannelEnrichment(NpmCase):
    def _call(self, channel, env):
        Partner = env["res.partner"]
        if channel == "autocomplete":
            return Partner.autocomplete(CSO_NAME)
        if channel == "enrich":
            return Partner.enrich_company("watch.example.org", False, "BE0477472701")
        if channel == "vat":
            return Partner.read_by_vat("BE0477472701")
        if channel == "create":
            cso = Partner.create(
                {
                    "name": CSO_NAME,
                    "is_company": True,
                    "is_cso": True,
                    "cso_type": "ngo",
                    "vat": "BE0477472701",
                    "partner_gid": 42,
                    "website": "https://watch.example.org",
                }
            )
            env["res.partner.autocomplete.sync"].sudo().start_sync()
            return cso
        if channel == "gravatar":
            person = Partner.with_context(gravatar_image=True).new(
                {"name": "Jane Doe", "email": "jane@watch.example.org"}
            )
            person.onchange_email()
            return person.image_1920
        if channel == "settings":
            return (
                env["res.config.settings"]
                .sudo()
                .new({})["partner_autocomplete_insufficient_credit"]
            )
        raise AssertionError(channel)

    def _check_cell(self, channel, situation, role, allowed):
        user = getattr(self, role)
        env = self.env(user=user)
        with watch_the_way_out() as calls:
            if channel == "create" and role == "employee":
                env = self.env(user=self.officer)  # employees create no CSO
            self._call(channel, env)
        self.assertEqual(calls, [], f"{channel} sent {calls}")

    def test_bridge_installs_itself_with_partner_autocomplete(self):
        Module = self.env["ir.module.module"]
        for name in ("partner_autocomplete", "npm_cso_cooperation_no_enrichment"):
            with self.subTest(module=name):
                self.assertEqual(
                    Module.search([("name", "=", name)]).state, "installed"
                )

    def test_contact_forms_keep_plain_fields(self):
        for model in ("res.partner", "res.company"):
            with self.subTest(model=model):
                arch = (
                    self.env[model]
                    .with_user(self.officer)
                    .get_views([(False, "form")])["views"]["form"]["arch"]
                )
                self.assertNotIn("field_partner_autocomplete", arch)
                self.assertIn('name="name"', arch)

    def test_web_client_gets_plain_widgets(self):
        # The browser side (Clearbit suggestions, logo downloads) is closed by
        # the bridge's asset, loaded after partner_autocomplete's widgets.
        paths = [
            asset[0]
            for asset in self.env["ir.asset"]._get_asset_paths("web.assets_backend", {})
        ]
        ours = "/npm_cso_cooperation_no_enrichment/static/src/js/no_enrichment.js"
        theirs = "/partner_autocomplete/static/src/js/partner_autocomplete_many2one.js"
        self.assertIn(ours, paths)
        self.assertGreater(paths.index(ours), paths.index(theirs))

    def test_company_is_not_enriched_from_its_domain(self):
        admin = self.env.ref("base.user_admin")
        company = self.env.company
        # (with or without demo data: the e-mail's domain is asked first)
        company.write(
            {
                "website": "https://npm.example.org",
                "email": "office@example.org",
                "vat": False,
            }
        )
        company.iap_enrich_auto_done = False
        with watch_the_way_out() as calls:
            company.with_user(admin).iap_enrich_auto()
        self.assertEqual(calls, [])
        self.assertTrue(company.iap_enrich_auto_done)
        # control: without the bridge (its door and its _enrich taken away),
        # partner_autocomplete sends the company's domain to the service
        Api = type(self.env["iap.autocomplete.api"])
        with (
            watch_the_way_out() as calls,
            patch.object(
                Api,
                "_request_partner_autocomplete",
                IapAutocompleteEnrichAPI._request_partner_autocomplete,
            ),
            suppress(Exception),
        ):
            autocomplete_company.ResCompany._enrich(company.with_user(admin))
        self.assertEqual([what for what, *_ in calls], ["iap"])
        self.assertEqual(calls[0][2]["params"]["domain"], "example.org")

    # Controls: the watch catches what Odoo would send without the bridge.

    def test_watch_catches_partner_autocomplete_without_the_bridge(self):
        api = self.env["iap.autocomplete.api"]
        with watch_the_way_out() as calls, suppress(Exception):
            IapAutocompleteEnrichAPI._request_partner_autocomplete(
                api, "search", {"query": CSO_NAME}
            )
        self.assertEqual([what for what, *_ in calls], ["iap"])
        self.assertEqual(calls[0][2]["params"]["query"], CSO_NAME)

    def test_watch_catches_vies_and_gravatar_without_the_guards(self):
        with watch_the_way_out() as calls:
            with suppress(Exception):
                autocomplete_partner.ResPartner.read_by_vat(
                    self.env["res.partner"], "BE0477472701"
                )
            with suppress(Exception):
                BasePartner._get_gravatar_image(
                    self.env["res.partner"], "jane@watch.example.org"
                )
        self.assertIn("vies", [what for what, *_ in calls])
        self.assertIn("http", [what for what, *_ in calls])


TABLE = {
    (channel, "cso_name"): "DDD"
    for channel in (
        "autocomplete",
        "enrich",
        "vat",
        "create",
        "gravatar",
        "settings",
    )
}
generate_cells(TestSideChannelEnrichment, TABLE, roles=ENRICHMENT_ROLES)


class TestNothingReportedOutside(NpmCase):
    """Odoo's own reports to the outside are off once the app is installed."""

    def test_update_notification_to_odoo_is_off(self):
        # it sends the users count (portal users: the CSO experts), the
        # installed apps and the company's name, e-mail and phone
        cron = self.env.ref("mail.ir_cron_module_update_notification")
        self.assertFalse(cron.with_context(active_test=False).active)

    def test_links_posted_in_a_chatter_are_not_fetched(self):
        # /mail/link_preview answers nothing, and the web client does not ask
        self.assertFalse(self.env["mail.link.preview"]._is_link_preview_enabled())
        store = Store()
        self.env["res.users"].with_user(self.officer)._init_store_data(store)
        self.assertIs(store.get_result()["Store"]["hasLinkPreviewFeature"], False)
