"""The recommendations a CSO follows up, in its expert's portal, over real
HTTP (issue 16): /my/recommendations lists what is shared with the expert's
CSO, each page shows the recommendation and the fate of the expert's own
observations, the form adds one (CSRF), and anything else answers 404."""

import re

from odoo.tests import HttpCase

from tests.core.recommendation_common import NpmRecommendationCase

NOT_FOUND = 404


class TestRecommendationPortalPages(NpmRecommendationCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authority = cls.env["res.partner"].create({"name": "Prison Service"})
        cls.shared = cls._recommendation(
            issued=-30,
            shared=True,
            text="Examine every arrival within 24 hours.",
            authority_id=cls.authority.id,
            due_date=cls._days(30),
            note="<p>NPM only: the director resists.</p>",
        )
        cls.shared.sensitivity = "internal"
        cls.unshared = cls._recommendation(issued=-30, text="Not shared text.")
        cls.others = cls._recommendation(
            issued=-30,
            shared=True,
            partnerships=cls.other_following,
            text="Other CSO text.",
        )
        cls.npm_followup = cls._followup(
            cls.shared, "in_progress", observation="NPM internal observation."
        )
        cls.dismissed = cls.env["npm.recommendation.followup"].browse(
            cls.env["npm.recommendation.followup"]
            .with_user(cls.portal_expert)
            .create(
                {
                    "recommendation_id": cls.shared.id,
                    "observation": "Families say it is done.",
                    "assessed_status": "implemented",
                }
            )
            .id
        )
        cls.dismissed.with_user(cls.officer).action_dismiss(
            reason="The register shows weekdays only."
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

    def _post(self, recommendation, data, token_from=None):
        url = f"/my/recommendations/{recommendation.id}/followups"
        if token_from is not False:
            data = {
                "csrf_token": self._csrf_token(token_from or self.shared.access_url),
                **data,
            }
        return self.url_open(url, data=data, allow_redirects=False)

    def test_home_counts_the_shared_recommendations(self):
        response = self.url_open(
            "/my/counters",
            data='{"params": {"counters": ["npm_recommendation_count"]}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["npm_recommendation_count"], 1)
        self.assertIn("/my/recommendations", self._get("/my/home").text)

    def test_list_shows_only_what_is_shared_with_the_expert_cso(self):
        page = self._get("/my/recommendations").text
        self.assertIn(self.shared.name, page)
        self.assertNotIn(self.unshared.name, page)
        self.assertNotIn(self.others.name, page)

    def test_page_shows_the_recommendation_and_nothing_internal(self):
        page = self._get(self.shared.access_url).text
        self.assertIn("Examine every arrival within 24 hours.", page)
        self.assertIn(self.place.name, page)
        self.assertIn("Prison Service", page)
        for internal in ("director resists", "NPM internal observation", "Internal"):
            self.assertNotIn(internal, page)

    def test_page_shows_the_fate_of_the_expert_observation(self):
        page = self._get(self.shared.access_url).text
        self.assertIn("Families say it is done.", page)
        self.assertIn("Dismissed by the NPM", page)
        self.assertIn("The register shows weekdays only.", page)

    def test_what_is_not_shared_with_the_cso_answers_not_found(self):
        for recommendation in (self.unshared, self.others):
            self._get(f"/my/recommendations/{recommendation.id}", NOT_FOUND)
        self._get("/my/recommendations/999999999", NOT_FOUND)

    def test_another_cso_expert_gets_not_found(self):
        self.authenticate("t_portal_other", "t_portal_other")
        self._get(self.shared.access_url, NOT_FOUND)
        self.assertIn(self.others.name, self._get("/my/recommendations").text)

    def test_expert_sends_an_observation(self):
        response = self._post(
            self.shared,
            {
                "observation": "Posters seen in block A.",
                "assessed_status": "in_progress",
            },
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(
                f"{self.shared.access_url}?message=sent"
            )
        )
        created = self.env["npm.recommendation.followup"].search(
            [("observation", "=", "Posters seen in block A.")]
        )
        self.assertEqual(created.partner_id, self.cso_expert)
        self.assertEqual(created.source, "cso")
        self.assertEqual(created.state, "submitted")
        self.assertEqual(created.assessed_status, "in_progress")
        self.assertEqual(self.shared.implementation_status, "in_progress")  # NPM's
        self.assertIn(
            "Posters seen in block A.", self._get(self.shared.access_url).text
        )

    def test_the_form_needs_the_csrf_token(self):
        response = self._post(
            self.shared, {"observation": "No token."}, token_from=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(
            self.env["npm.recommendation.followup"].search(
                [("observation", "=", "No token.")]
            )
        )

    def test_an_empty_observation_is_refused_with_a_message(self):
        response = self.url_open(
            f"/my/recommendations/{self.shared.id}/followups",
            data={
                "csrf_token": self._csrf_token(self.shared.access_url),
                "observation": " ",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_npm_followup_error", response.text)

    def test_no_observation_on_what_is_not_shared(self):
        for recommendation in (self.unshared, self.others):
            response = self._post(recommendation, {"observation": "Sneaky."})
            self.assertEqual(response.status_code, NOT_FOUND)
        self.assertFalse(
            self.env["npm.recommendation.followup"].search(
                [("observation", "=", "Sneaky.")]
            )
        )

    def test_no_form_once_the_follow_up_is_closed(self):
        token = self._csrf_token(self.shared.access_url)
        self.shared.action_close()
        self.assertNotIn("o_npm_followup_form", self._get(self.shared.access_url).text)
        response = self.url_open(
            f"/my/recommendations/{self.shared.id}/followups",
            data={"csrf_token": token, "observation": "Too late."},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_npm_followup_error", response.text)
        self.assertFalse(
            self.env["npm.recommendation.followup"].search(
                [("observation", "=", "Too late.")]
            )
        )
