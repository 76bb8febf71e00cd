"""Two-factor sign-in for cleared staff (issue 17, part 2).

Cleared officers and managers reach NPM records only once they sign in with
a second factor (Odoo's auth_totp; a code by e-mail where
auth_totp_mail_enforce's policy applies counts too). Until then a password
alone reads nothing of the NPM: not over JSON-RPC, not over XML-RPC, not in
the web client. Officers who are not cleared are not affected; the setting
(on by default) lets the NPM decide.

The web tests sign in for real (``/web/login`` with the password, then the
code at ``/web/login/totp``): HttpCase.authenticate() would skip both.
"""

import base64
import json
import re
import time
import xmlrpc.client
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase

from odoo.addons.auth_totp.models.totp import hotp

from tests.common import TEST_TOTP_SECRET, NpmCase, enrol_second_factor

VISIT = "npm.joint.visit"
REFUSAL = "Enable two-factor authentication"
PARAM = "npm_cso_cooperation.require_second_factor"


def totp_code(secret=TEST_TOTP_SECRET):
    return f"{hotp(base64.b32decode(secret), int(time.time() / 30)):06d}"


class SecondFactorCase(NpmCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unenrolled = cls._new_user(
            "t_cleared_no_2fa",
            "npm_cso_cooperation.group_npm_confidential",
            second_factor=False,
        )
        cls.unenrolled_manager = cls._new_user(
            "t_manager_no_2fa",
            "npm_cso_cooperation.group_npm_manager",
            second_factor=False,
        )
        cls.partnership = cls.env["npm.cso.partnership"].create(
            {"name": "NPM – Test Watch", "partner_id": cls.cso.id}
        )


class TestAccessWithoutSecondFactor(SecondFactorCase):
    def test_unenrolled_cleared_staff_reach_no_npm_record(self):
        for user in (self.unenrolled, self.unenrolled_manager):
            with self.subTest(user=user.login):
                Partnership = self.env["npm.cso.partnership"].with_user(user)
                with self.assertRaisesRegex(AccessError, REFUSAL):
                    Partnership.search([])
                with self.assertRaisesRegex(AccessError, REFUSAL):
                    self.partnership.with_user(user).read(["name"])
                with self.assertRaises(AccessError):
                    Partnership.create({"name": "x", "partner_id": self.cso.id})
                with self.assertRaises(AccessError):
                    self.env["npm.overview.tile"].with_user(user).search([])
                # the app's own records only: Odoo's are theirs as before
                self.assertTrue(self.env["res.partner"].with_user(user).search([]))

    def test_nor_their_files_and_messages(self):
        message = self.partnership.message_post(body="Internal note on the CSO")
        attachment = self.env["ir.attachment"].create(
            {
                "name": "note.txt",
                "raw": b"npm",
                "res_model": self.partnership._name,
                "res_id": self.partnership.id,
            }
        )
        with self.assertRaises(AccessError):
            attachment.with_user(self.unenrolled).read(["raw"])
        with self.assertRaises(AccessError):
            message.with_user(self.unenrolled).read(["body"])

    def test_enrolled_cleared_staff_and_officers_do(self):
        for user in (self.cleared, self.manager, self.officer):
            with self.subTest(user=user.login):
                partnerships = (
                    self.env["npm.cso.partnership"].with_user(user).search([])
                )
                self.assertIn(self.partnership, partnerships)

    def test_enrolling_opens_and_disabling_closes_at_once(self):
        Partnership = self.env["npm.cso.partnership"].with_user(self.unenrolled)
        with self.assertRaises(AccessError):
            Partnership.search([])
        enrol_second_factor(self.unenrolled)
        self.assertIn(self.partnership, Partnership.search([]))
        self.unenrolled.sudo().write({"totp_secret": False})
        with self.assertRaises(AccessError):
            Partnership.search([])

    def test_gaining_clearance_closes_until_enrolled(self):
        officer = self._new_user(
            "t_officer_promoted", "npm_cso_cooperation.group_npm_user"
        )
        Partnership = self.env["npm.cso.partnership"].with_user(officer)
        self.assertTrue(Partnership.search([]))
        officer.write(
            {
                "groups_id": [
                    (4, self.env.ref("npm_cso_cooperation.group_npm_confidential").id)
                ]
            }
        )
        with self.assertRaises(AccessError):
            Partnership.search([])

    def test_setting_off_not_required(self):
        Partnership = self.env["npm.cso.partnership"].with_user(self.unenrolled)
        settings = self.env["res.config.settings"].create({})
        self.assertTrue(settings.npm_require_second_factor)
        settings.npm_require_second_factor = False
        settings.execute()
        self.assertEqual(self.env["ir.config_parameter"].get_param(PARAM), "0")
        self.assertIn(self.partnership, Partnership.search([]))
        settings = self.env["res.config.settings"].create({})
        self.assertFalse(settings.npm_require_second_factor)
        settings.npm_require_second_factor = True
        settings.execute()
        with self.assertRaises(AccessError):
            Partnership.search([])

    def test_missing_parameter_means_required(self):
        self.env["ir.config_parameter"].search([("key", "=", PARAM)]).unlink()
        with self.assertRaises(AccessError):
            self.env["npm.cso.partnership"].with_user(self.unenrolled).search([])

    def test_the_apps_own_sudo_paths_still_work(self):
        # what the application reads as superuser after its own checks (a
        # cron, a count) is not cut
        Partnership = self.env["npm.cso.partnership"].with_user(self.unenrolled)
        self.assertIn(self.partnership, Partnership.sudo().search([]))

    def test_code_by_email_counts_as_a_second_factor(self):
        users_class = type(self.env["res.users"])
        Partnership = self.env["npm.cso.partnership"].with_user(self.unenrolled)
        with patch.object(users_class, "_mfa_type", lambda self: "totp_mail"):
            self.env.registry.clear_cache()
            self.assertIn(self.partnership, Partnership.search([]))
            # and RPC with the password alone is refused for them
            self.assertTrue(self.unenrolled._rpc_api_keys_only())
            self.assertFalse(self.officer._rpc_api_keys_only())
        self.env.registry.clear_cache()


class TestSignInChannels(SecondFactorCase, HttpCase):
    """Over HTTP, as a client would: the password alone never reads NPM
    material; once enrolled, the code (web) or an API key (RPC) does."""

    def _jsonrpc(self, login, password, model=VISIT, method="search_read"):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    self.env.cr.dbname,
                    self.env["res.users"].search([("login", "=", login)]).id,
                    password,
                    model,
                    method,
                    [[]],
                    {"fields": ["name"]},
                ],
            },
        }
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        return answer.get("result"), answer.get("error")

    def _xmlrpc(self, login, password):
        uid = self.env["res.users"].search([("login", "=", login)]).id
        return self.xmlrpc_object.execute_kw(
            self.env.cr.dbname,
            uid,
            password,
            "npm.cso.partnership",
            "search_read",
            [[]],
            {"fields": ["name"]},
        )

    def _web_login(self, login, password):
        self.url_open("/web/session/logout")
        page = self.url_open("/web/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        return self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": token},
        )

    def _call_kw(self, model="npm.cso.partnership"):
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/search_read",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": "search_read",
                        "args": [[]],
                        "kwargs": {"fields": ["name"]},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        answer = response.json()
        return answer.get("result"), answer.get("error")

    def _api_key(self, user):
        return (
            self.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "test", None)
        )

    def test_jsonrpc_password_alone_reads_nothing(self):
        login = self.unenrolled.login
        result, error = self._jsonrpc(login, login, model="npm.cso.partnership")
        self.assertIsNone(result)
        self.assertIn(REFUSAL, error["data"]["message"])

    def test_jsonrpc_enrolled_needs_an_api_key_and_reads_with_it(self):
        login = self.cleared.login
        result, error = self._jsonrpc(login, login, model="npm.cso.partnership")
        self.assertIsNone(result)
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessDenied")
        result, error = self._jsonrpc(
            login, self._api_key(self.cleared), model="npm.cso.partnership"
        )
        self.assertIsNone(error)
        self.assertIn(self.partnership.id, [row["id"] for row in result])

    def test_xmlrpc_password_alone_reads_nothing(self):
        login = self.unenrolled.login
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(login, login)
        self.assertIn(REFUSAL, caught.exception.faultString)

    def test_xmlrpc_enrolled_reads_with_an_api_key_only(self):
        login = self.cleared.login
        with self.assertRaises(xmlrpc.client.Fault) as caught:
            self._xmlrpc(login, login)
        self.assertIn("Access Denied", caught.exception.faultString)
        rows = self._xmlrpc(login, self._api_key(self.cleared))
        self.assertIn(self.partnership.id, [row["id"] for row in rows])

    def test_officers_are_not_affected(self):
        login = self.officer.login
        result, error = self._jsonrpc(login, login, model="npm.cso.partnership")
        self.assertIsNone(error)
        self.assertIn(self.partnership.id, [row["id"] for row in result])

    def test_web_password_alone_reads_nothing(self):
        login = self.unenrolled.login
        response = self._web_login(login, login)
        self.assertNotIn("/web/login/totp", response.url)
        result, error = self._call_kw()
        self.assertIsNone(result)
        self.assertIn(REFUSAL, error["data"]["message"])

    def test_web_unenrolled_is_asked_to_enable_at_sign_in(self):
        login = self.unenrolled.login
        response = self._web_login(login, login)
        self.assertIn(
            "action-npm_cso_cooperation.action_npm_enable_second_factor", response.url
        )
        action = self.env.ref("npm_cso_cooperation.action_npm_enable_second_factor")
        answer = self.url_open(
            "/web/action/run",
            data=json.dumps(
                {"jsonrpc": "2.0", "method": "call", "params": {"action_id": action.id}}
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        # Odoo's enabling: the password is checked again, then the wizard
        self.assertIsNone(answer.get("error"))
        self.assertIn(
            answer["result"]["res_model"],
            ("res.users.identitycheck", "auth_totp.wizard"),
        )

    def test_web_others_land_where_they_did(self):
        for user in (self.officer,):
            response = self._web_login(user.login, user.login)
            self.assertNotIn("enable_second_factor", response.url)

    def test_web_enrolled_signs_in_with_the_code_and_reads(self):
        login = self.cleared.login
        response = self._web_login(login, login)
        self.assertIn("/web/login/totp", response.url)
        # the password alone opened no session
        result, error = self._call_kw()
        self.assertIsNone(result)
        self.assertTrue(error)
        page = response.text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        self.url_open(
            "/web/login/totp", data={"totp_token": totp_code(), "csrf_token": token}
        )
        result, error = self._call_kw()
        self.assertIsNone(error)
        self.assertIn(self.partnership.id, [row["id"] for row in result])
