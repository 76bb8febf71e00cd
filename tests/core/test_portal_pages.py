"""The CSO expert's portal under /my, over real HTTP (issue 7).

Each page answers to the logged-in user's rights: another CSO's visit,
undertaking, finding or request answers 404, like an id that does not exist.
"""

import base64
import io
import re

from PIL import Image

from odoo.exceptions import UserError
from odoo.tests import HttpCase

from tests.core.visit_common import NpmVisitCase

NOT_FOUND = 404


def _signature_png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


class NpmPortalCase(NpmVisitCase, HttpCase):
    """The expert of ``cls.cso`` on one visit; another CSO's world beside it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5, end=-4)
        cls.visit.note = "<p>Internal: the director was hostile.</p>"
        cls.shared = cls._finding(
            cls.visit,
            "confidential",
            shared=True,
            name="Overcrowding in block C",
            description="<p>212 persons for 120 places.</p>",
        )
        cls.unshared = cls._finding(cls.visit, "internal", name="Kitchen hygiene")
        cls.strict = cls._finding(
            cls.visit, "strictly_confidential", name="Beatings at night"
        )
        cls.own_undertaking = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.cso_expert.id), ("visit_id", "=", cls.visit.id)]
        )
        cls.draft_undertaking = cls.env["npm.confidentiality.undertaking"].create(
            {"partner_id": cls.cso_expert.id, "scope": "general"}
        )
        cls.own_request = cls.env["npm.info.use.request"].create(
            {
                "visit_id": cls.visit.id,
                "partner_id": cls.cso_expert.id,
                "purpose": "report",
                "description": "Occupancy figures in our annual report.",
            }
        )
        # Another CSO's visit, finding, undertaking and request.
        cls.other_visit = cls._confirmed_visit(
            start=-5, end=-4, partnership=cls.other_partnership
        )
        cls.other_finding = cls._finding(
            cls.other_visit, shared=True, name="Other CSO finding"
        )
        cls.other_undertaking = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.other_expert.id)]
        )
        cls.other_request = cls.env["npm.info.use.request"].create(
            {
                "visit_id": cls.other_visit.id,
                "partner_id": cls.other_expert.id,
                "purpose": "research",
                "description": "Other CSO research.",
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate("t_portal", "t_portal")

    def _get(self, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def _csrf_token(self, url):
        page = self._get(url).text
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


class TestPortalHome(NpmPortalCase):
    def test_home_counts_what_the_expert_has(self):
        counters = self.make_jsonrpc_request(
            "/my/counters",
            {
                "counters": [
                    "npm_visit_count",
                    "npm_undertaking_count",
                    "npm_undertaking_to_sign_count",
                    "npm_request_count",
                ]
            },
        )
        self.assertEqual(
            counters,
            {
                "npm_visit_count": 1,
                "npm_undertaking_count": 2,
                "npm_undertaking_to_sign_count": 1,
                "npm_request_count": 1,
            },
        )

    def test_home_links_to_the_expert_pages(self):
        page = self._get("/my").text
        for url in ("/my/visits", "/my/undertakings", "/my/requests"):
            self.assertIn(f'href="{url}"', page)

    def test_expert_of_another_cso_counts_only_their_own(self):
        self.authenticate("t_portal_other", "t_portal_other")
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["npm_visit_count", "npm_request_count"]}
        )
        self.assertEqual(counters, {"npm_visit_count": 1, "npm_request_count": 1})


class TestPortalVisits(NpmPortalCase):
    def test_list_shows_only_the_experts_visits(self):
        page = self._get("/my/visits").text
        self.assertIn(self.visit.name, page)
        self.assertIn(self.visit.access_url, page)
        self.assertNotIn(self.other_visit.name, page)

    def test_visit_page_shows_what_the_expert_needs(self):
        page = self._get(f"/my/visits/{self.visit.id}").text
        self.assertIn(self.place.name, page)
        self.assertIn("Legal Expert", page)  # their role on the team
        for term in (
            "NPM leads; the CSO lawyer interviews.",
            "Unannounced; private interviews.",
            "Call the director, then the prosecutor.",
            "Anonymised use in the annual report only.",
        ):
            self.assertIn(term, page)
        self.assertIn(self.shared.name, page)
        self.assertIn("212 persons for 120 places.", page)
        self.assertIn(self.own_request.name, page)

    def test_visit_page_leaks_nothing_else(self):
        page = self._get(f"/my/visits/{self.visit.id}").text
        for secret in (
            self.unshared.name,
            self.strict.name,
            "the director was hostile",  # internal notes
            self.cleared.name,  # the rest of the team
            self.officer.name,
            "access_token",
            "/web/content",
            'href="/odoo',
            'href="/web#',
        ):
            with self.subTest(secret=secret):
                self.assertNotIn(secret, page)

    def test_another_csos_visit_answers_not_found(self):
        self._get(f"/my/visits/{self.other_visit.id}", NOT_FOUND)
        self._get(f"/my/visits/{self.other_visit.id + 10000}", NOT_FOUND)

    def test_visit_without_covering_undertaking_answers_not_found(self):
        visit = self._visit(start=30)  # the expert is on the team, not covered
        visit.action_agree_terms()
        self._get(f"/my/visits/{visit.id}", NOT_FOUND)

    def test_visit_closes_the_day_the_undertaking_is_revoked(self):
        self._get(f"/my/visits/{self.visit.id}")
        self.own_undertaking.with_user(self.manager).action_revoke(
            reason="Left the CSO"
        )
        self._get(f"/my/visits/{self.visit.id}", NOT_FOUND)
        self._get(f"/my/findings/{self.shared.id}", NOT_FOUND)
        # Their request stays theirs: it names the visit, without a link.
        page = self._get(self.own_request.access_url).text
        self.assertIn(self.visit.name, page)
        self.assertNotIn(f'href="{self.visit.access_url}"', page)

    def test_an_access_token_opens_nothing(self):
        self.assertFalse(self.visit._portal_ensure_token())
        self.assertFalse(self.visit.access_token)
        self.assertEqual(self.visit.get_portal_url(), f"/my/visits/{self.visit.id}")
        self.other_visit.sudo().access_token = "leaked-token"
        self._get(
            f"/my/visits/{self.other_visit.id}?access_token=leaked-token", NOT_FOUND
        )

    def test_chatter_accepts_no_token_nor_partner_hash(self):
        other = self.other_portal_expert.partner_id
        thread = self.env["npm.joint.visit"].with_user(self.other_portal_expert)
        self.assertFalse(
            thread._get_thread_with_access(
                self.visit.id,
                hash=self.visit._sign_token(other.id),
                pid=other.id,
                token="anything",
            )
        )
        self.assertEqual(
            thread.with_user(self.portal_expert)._get_thread_with_access(self.visit.id),
            self.visit,
        )

    def test_notification_mails_carry_no_access_token(self):
        message = self.draft_undertaking.with_user(self.officer).message_post(
            body="Please sign your undertaking.",
            partner_ids=self.cso_expert.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        mail = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertTrue(mail, "the expert is notified by e-mail")
        link = (
            "/mail/view?model=npm.confidentiality.undertaking"
            f"&amp;res_id={self.draft_undertaking.id}"
        )
        self.assertIn(link, mail.body_html)
        self.assertNotIn("access_token", mail.body_html)
        self.assertNotIn("hash=", mail.body_html)
        # The link asks for a login, then opens the portal page.
        response = self.url_open(link.replace("&amp;", "&"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith(self.draft_undertaking.access_url))

    def test_findings(self):
        page = self._get(f"/my/findings/{self.shared.id}").text
        self.assertIn("212 persons for 120 places.", page)
        for finding in (self.unshared, self.strict, self.other_finding):
            with self.subTest(finding=finding.name):
                self._get(f"/my/findings/{finding.id}", NOT_FOUND)

    def test_attachments_of_a_visit_stay_closed(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "interview-notes.txt",
                "raw": b"names of interviewees",
                "res_model": "npm.joint.visit",
                "res_id": self.visit.id,
            }
        )
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("names of interviewees", response.text)


class TestPortalUndertakings(NpmPortalCase):
    def test_list_shows_own_undertakings_only(self):
        page = self._get("/my/undertakings").text
        self.assertIn(self.own_undertaking.access_url, page)
        self.assertIn(self.draft_undertaking.access_url, page)
        self.assertNotIn(self.other_undertaking.access_url, page)

    def test_another_persons_undertaking_answers_not_found(self):
        self._get(f"/my/undertakings/{self.other_undertaking.id}", NOT_FOUND)
        self._get(
            f"/my/undertakings/{self.other_undertaking.id}/signed-copy", NOT_FOUND
        )
        response = self.url_open(
            "/web/content/npm.confidentiality.undertaking/"
            f"{self.other_undertaking.id}/signed_copy"
        )
        self.assertIn(response.status_code, (403, 404))

    def test_draft_page_offers_the_signature_widget(self):
        page = self._get(f"/my/undertakings/{self.draft_undertaking.id}").text
        self.assertIn("portal.signature_form", page)
        self.assertIn(f"/my/undertakings/{self.draft_undertaking.id}/sign", page)
        signed_page = self._get(f"/my/undertakings/{self.own_undertaking.id}").text
        self.assertNotIn("portal.signature_form", signed_page)

    def _sign(self, undertaking, name="Expert of Test Watch", signature=None):
        return self.make_jsonrpc_request(
            f"/my/undertakings/{undertaking.id}/sign",
            {
                "name": name,
                "signature": _signature_png() if signature is None else signature,
            },
        )

    def test_expert_signs_online_and_downloads_the_signed_copy(self):
        undertaking = self.draft_undertaking
        result = self._sign(undertaking)
        self.assertEqual(
            result,
            {
                "force_refresh": True,
                "redirect_url": f"{undertaking.access_url}?message=signed",
            },
        )
        self.assertEqual(undertaking.state, "signed")
        self.assertEqual(undertaking.date_signed, self.today)
        self.assertEqual(undertaking.signed_by, "Expert of Test Watch")
        self.assertTrue(undertaking.signed_on)
        self.assertTrue(undertaking.signature)
        self.assertTrue(undertaking.is_valid)
        message = undertaking.message_ids.filtered(
            lambda m: "Signed in the portal by Expert of Test Watch" in m.body
        )
        self.assertEqual(message.author_id, self.cso_expert)

        page = self._get(f"{undertaking.access_url}?message=signed").text
        self.assertIn("your undertaking is signed", page)
        response = self._get(f"{undertaking.access_url}/signed-copy")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertIn("_signed.html", response.headers["Content-Disposition"])
        self.assertIn("Expert of Test Watch", response.text)
        self.assertIn("data:image/png;base64,", response.text)

    def test_signature_signed_online_is_frozen(self):
        self._sign(self.draft_undertaking)
        with self.assertRaisesRegex(UserError, "can no longer be changed"):
            self.draft_undertaking.with_user(self.manager).write(
                {"signed_by": "Someone"}
            )

    def test_signing_refusals(self):
        cases = (
            (self.other_undertaking, {}, "not yours"),
            (self.own_undertaking, {}, "no longer awaits"),
            (self.draft_undertaking, {"name": " "}, "full name"),
            (self.draft_undertaking, {"signature": ""}, "signature"),
            (self.draft_undertaking, {"signature": "not base64!"}, "could not be read"),
        )
        for undertaking, params, error in cases:
            with self.subTest(error=error):
                result = self._sign(undertaking, **params)
                self.assertIn(error, result["error"])
        self.assertEqual(self.draft_undertaking.state, "draft")
        self.assertEqual(self.other_undertaking.state, "signed")

    def test_only_the_person_named_signs(self):
        with self.assertRaisesRegex(UserError, "only they can sign it"):
            self.draft_undertaking._portal_sign(
                self.other_expert, "X", _signature_png()
            )


class TestPortalRequests(NpmPortalCase):
    def test_list_and_page_show_the_state_and_the_answer(self):
        self.own_request.decision_note = "Only aggregated figures."
        self.own_request.with_user(self.manager).action_approve()
        page = self._get("/my/requests").text
        self.assertIn(self.own_request.name, page)
        self.assertNotIn(self.other_request.name, page)
        page = self._get(self.own_request.access_url).text
        self.assertIn("Approved", page)
        self.assertIn("Only aggregated figures.", page)

    def test_another_experts_request_answers_not_found(self):
        self._get(f"/my/requests/{self.other_request.id}", NOT_FOUND)

    def test_expert_asks_from_the_visit_page(self):
        url = self.visit.access_url
        response = self.url_open(
            f"{url}/requests",
            data={
                "csrf_token": self._csrf_token(url),
                "purpose": "advocacy",
                "description": "Brief the parliament's committee.",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        created = self.env["npm.info.use.request"].search(
            [("description", "=", "Brief the parliament's committee.")]
        )
        self.assertEqual(created.partner_id, self.cso_expert)
        self.assertEqual(created.visit_id, self.visit)
        self.assertEqual(created.state, "submitted")
        self.assertTrue(
            response.headers["Location"].endswith(created.access_url + "?message=sent")
        )

    def test_request_form_needs_the_csrf_token(self):
        response = self.url_open(
            f"{self.visit.access_url}/requests",
            data={"purpose": "advocacy", "description": "No token."},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["npm.info.use.request"].search([("description", "=", "No token.")])
        )

    def test_request_needs_purpose_and_description(self):
        url = self.visit.access_url
        count = self.env["npm.info.use.request"].search_count([])
        for purpose, description in (("", "Text"), ("gossip", "Text"), ("report", " ")):
            with self.subTest(purpose=purpose, description=description):
                response = self.url_open(
                    f"{url}/requests",
                    data={
                        "csrf_token": self._csrf_token(url),
                        "purpose": purpose,
                        "description": description,
                    },
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_npm_request_error", response.text)
        self.assertEqual(self.env["npm.info.use.request"].search_count([]), count)

    def test_no_request_on_another_csos_visit(self):
        url = self.visit.access_url
        response = self.url_open(
            f"{self.other_visit.access_url}/requests",
            data={
                "csrf_token": self._csrf_token(url),
                "purpose": "advocacy",
                "description": "Sneaky.",
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, NOT_FOUND)
        self.assertFalse(
            self.env["npm.info.use.request"].search([("description", "=", "Sneaky.")])
        )
