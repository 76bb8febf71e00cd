"""Requests to use information name the findings they would use, and the
consent of the persons those findings concern governs the approval (issue 15:
consent governs use).

Each rule is tried as the role that would try it: the portal CSO expert who
asks, the officer who may not decide, the manager who decides.
"""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from tests.core.test_portal_pages import NpmPortalCase
from tests.core.visit_common import NpmVisitCase


class TestRequestConsent(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.other_visit = cls._confirmed_visit(start=-3)
        cls.Person = cls.env["npm.visit.person"]
        cls.person = cls.Person.create(
            {"visit_id": cls.visit.id, "category": "detainee", "consent_cso": True}
        )
        cls.shared = cls._finding(
            cls.visit, shared=True, name="Overcrowding in block B"
        )
        cls.shared.person_ids = cls.person
        cls.unshared = cls._finding(cls.visit, name="Internal staff note")
        cls.elsewhere = cls._finding(
            cls.other_visit, shared=True, name="Finding of another visit"
        )
        cls.Request = cls.env["npm.info.use.request"]

    def _ask(self, findings=None, purpose="report", user=None, visit=None):
        return self.Request.with_user(user or self.portal_expert).create(
            {
                "visit_id": (visit or self.visit).id,
                "purpose": purpose,
                "description": "Quote the finding in our report.",
                "finding_ids": [Command.set((findings or self.shared).ids)],
            }
        )

    # --- naming findings --------------------------------------------------------

    def test_portal_expert_names_shared_findings_and_reads_them(self):
        request = self._ask()
        self.assertEqual(request.finding_ids, self.shared)
        values = request.with_user(self.portal_expert).read(["finding_ids"])[0]
        self.assertEqual(values["finding_ids"], self.shared.ids)

    def test_portal_expert_cannot_name_an_unshared_finding(self):
        for finding in (self.unshared, self.elsewhere):
            with self.subTest(finding=finding.name):
                with self.assertRaisesRegex(
                    ValidationError, "only findings of its visit that are shared"
                ) as caught:
                    self._ask(findings=finding)
                # the refusal names no finding (ids cannot be probed)
                self.assertNotIn(finding.name, str(caught.exception))

    def test_chosen_findings_are_frozen_once_decided(self):
        request = self._ask()
        self.person.consent_publication = True
        request.with_user(self.manager).action_approve()
        with self.assertRaises(UserError):
            request.with_user(self.manager).write({"finding_ids": [Command.clear()]})
        self.assertEqual(request.finding_ids, self.shared)

    # --- consent governs approval ---------------------------------------------

    def test_approval_refused_without_consent_to_publication(self):
        for purpose in ("report", "advocacy", "media", "research", "training", "other"):
            with self.subTest(purpose=purpose):
                request = self._ask(purpose=purpose)
                with self.assertRaisesRegex(
                    UserError, "no consent to publication"
                ) as caught:
                    request.with_user(self.manager).action_approve()
                self.assertIn(self.person.pseudonym, str(caught.exception))
                self.assertEqual(request.state, "submitted")

    def test_approval_allowed_once_publication_is_consented(self):
        request = self._ask()
        self.person.consent_publication = True
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")

    def test_litigation_needs_consent_to_the_authorities(self):
        self.person.consent_publication = True
        request = self._ask(purpose="litigation")
        with self.assertRaisesRegex(
            UserError, "no consent to transmission to the authorities"
        ) as caught:
            request.with_user(self.manager).action_approve()
        self.assertIn(self.person.pseudonym, str(caught.exception))
        self.person.consent_authorities = True
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")

    def test_withdrawn_consent_refuses(self):
        request = self._ask()
        self.person.consent_publication = True
        self.person.with_user(self.manager).action_withdraw_consent()
        with self.assertRaisesRegex(UserError, "consent withdrawn on") as caught:
            request.with_user(self.manager).action_approve()
        self.assertIn(self.person.pseudonym, str(caught.exception))
        self.assertEqual(request.state, "submitted")

    def test_limited_capacity_needs_a_best_interest_decision(self):
        request = self._ask()
        self.person.write({"consent_publication": True, "limited_capacity": True})
        with self.assertRaisesRegex(UserError, "no best-interest decision") as caught:
            request.with_user(self.manager).action_approve()
        self.assertIn(self.person.pseudonym, str(caught.exception))
        self.person.with_user(
            self.manager
        ).best_interest_decision = "Reporting the conditions protects the person."
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")

    def test_message_lists_each_person_and_what_is_missing(self):
        second = self.Person.create(
            {
                "visit_id": self.visit.id,
                "consent_cso": True,
                "consent_publication": True,
                "limited_capacity": True,
            }
        )
        self.shared.person_ids = self.person | second
        request = self._ask()
        with self.assertRaises(UserError) as caught:
            request.with_user(self.manager).action_approve()
        message = str(caught.exception)
        self.assertIn(f"{self.person.pseudonym}: no consent to publication", message)
        self.assertIn(f"{second.pseudonym}: limited capacity", message)

    def test_finding_no_longer_shared_refuses(self):
        finding = self._finding(self.visit, shared=True, name="Kitchen hygiene")
        request = self._ask(findings=finding)
        finding.with_user(self.manager).share_with_cso = False
        with self.assertRaisesRegex(UserError, "no longer shared with the CSO"):
            request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "submitted")

    def test_request_without_findings_is_approved_as_before(self):
        request = self.Request.with_user(self.portal_expert).create(
            {
                "visit_id": self.visit.id,
                "purpose": "report",
                "description": "General figures only.",
            }
        )
        request.with_user(self.manager).action_approve()
        self.assertEqual(request.state, "approved")

    def test_officer_cannot_approve(self):
        self.person.consent_publication = True
        request = self._ask()
        with self.assertRaises(AccessError):
            request.with_user(self.officer).action_approve()
        self.assertEqual(request.state, "submitted")


class TestPortalRequestFindings(NpmPortalCase):
    """The visit page offers exactly the findings the expert reads; the
    request's page lists the chosen findings by name."""

    def test_form_offers_the_shared_findings_only(self):
        page = self._get(self.visit.access_url).text
        self.assertIn(f'id="npm_request_finding_{self.shared.id}"', page)
        self.assertEqual(page.count('name="finding_ids"'), 1)
        for finding in (self.unshared, self.strict, self.other_finding):
            self.assertNotIn(f'id="npm_request_finding_{finding.id}"', page)

    def test_expert_names_findings_and_the_page_lists_them(self):
        url = self.visit.access_url
        response = self.url_open(
            f"{url}/requests",
            data={
                "csrf_token": self._csrf_token(url),
                "purpose": "report",
                "description": "Quote the occupancy finding.",
                "finding_ids": [str(self.shared.id)],
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        created = self.env["npm.info.use.request"].search(
            [("description", "=", "Quote the occupancy finding.")]
        )
        self.assertEqual(created.finding_ids, self.shared)
        page = self._get(created.access_url).text
        self.assertIn("o_npm_request_findings", page)
        self.assertIn(self.shared.name, page)

    def test_naming_a_finding_not_offered_is_refused(self):
        url = self.visit.access_url
        for finding in (self.unshared, self.other_finding):
            with self.subTest(finding=finding.name):
                response = self.url_open(
                    f"{url}/requests",
                    data={
                        "csrf_token": self._csrf_token(url),
                        "purpose": "report",
                        "description": f"Forged {finding.id}",
                        "finding_ids": [str(finding.id)],
                    },
                    allow_redirects=False,
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("only findings of its visit", response.text)
                self.assertNotIn(finding.name, response.text)
                self.assertFalse(
                    self.env["npm.info.use.request"].search(
                        [("description", "=", f"Forged {finding.id}")]
                    )
                )
