"""Shared base for the pytest-odoo suite.

The tests live outside the addons, so Odoo's test metaclass cannot infer
their module and tags from the Python path: the bases here set them.
"""

import json
from typing import ClassVar

from odoo.tests import HttpCase, TransactionCase, new_test_user

MODULE = "npm_cso_cooperation"
CLEARED_GROUP = "npm_cso_cooperation.group_npm_confidential"
# The authenticator secret the test users who are cleared enrol with (base32).
TEST_TOTP_SECRET = "NPMTESTSECRETTWOFACTORAAAAAAAAAA"


def enrol_second_factor(users, secret=TEST_TOTP_SECRET):
    """Give ``users`` a second factor (an authenticator secret), as
    superuser: what a cleared user does once in their preferences."""
    users.sudo().write({"totp_secret": secret})


def acknowledge_notice(env, partners, company=None):
    """Record, on paper, that ``partners`` (CSOs and their experts)
    acknowledged the current data-protection notice of ``company`` (the
    current one): what partnerships and joint visits need first."""
    company = company or env.company
    # (only CSOs and their experts acknowledge: a test may build a
    # partnership with another organisation to see it refused)
    partners = partners.filtered("cso_id")
    notice = env["npm.data.protection.notice"].sudo()._current(company)
    if not notice:
        return env["npm.data.protection.acknowledgment"]
    Acknowledgment = env["npm.data.protection.acknowledgment"].sudo()
    missing = (
        partners
        - Acknowledgment.search(
            [("notice_id", "=", notice.id), ("partner_id", "in", partners.ids)]
        ).partner_id
    )
    return Acknowledgment.create(
        [{"notice_id": notice.id, "partner_id": partner.id} for partner in missing]
    )


class NpmCase(TransactionCase):
    """A world with one user per role, built once per test class."""

    test_module = MODULE
    test_tags: ClassVar[set[str]] = {"standard", "post_install", MODULE}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.cso = cls.env["res.partner"].create(
            {
                "name": "Test Watch NGO",
                "is_company": True,
                "is_cso": True,
                "cso_type": "ngo",
            }
        )
        cls.cso_expert = cls.env["res.partner"].create(
            {"name": "Expert of Test Watch", "parent_id": cls.cso.id}
        )
        cls.other_cso = cls.env["res.partner"].create(
            {
                "name": "Other Test CSO",
                "is_company": True,
                "is_cso": True,
                "cso_type": "academic",
            }
        )
        cls.other_expert = cls.env["res.partner"].create(
            {"name": "Expert of Other CSO", "parent_id": cls.other_cso.id}
        )
        cls.officer = cls._new_user("t_officer", "npm_cso_cooperation.group_npm_user")
        cls.officer2 = cls._new_user("t_officer2", "npm_cso_cooperation.group_npm_user")
        cls.cleared = cls._new_user(
            "t_cleared", "npm_cso_cooperation.group_npm_confidential"
        )
        cls.manager = cls._new_user(
            "t_manager", "npm_cso_cooperation.group_npm_manager"
        )
        cls.manager2 = cls._new_user(
            "t_manager2", "npm_cso_cooperation.group_npm_manager"
        )
        cls.employee = cls._new_user("t_employee", "base.group_user")
        cls.portal_expert = cls._new_user(
            "t_portal", "base.group_portal", partner=cls.cso_expert
        )
        cls.other_portal_expert = cls._new_user(
            "t_portal_other", "base.group_portal", partner=cls.other_expert
        )
        cls._acknowledge(cls.cso | cls.cso_expert | cls.other_cso | cls.other_expert)

    @classmethod
    def _acknowledge(cls, partners, company=None):
        """These CSOs and experts acknowledged the current data-protection
        notice (on paper)."""
        return acknowledge_notice(cls.env, partners, company)

    @classmethod
    def _new_user(cls, login, groups, partner=None, second_factor=True):
        """A user of ``groups``; a cleared one enrolled in two-factor sign-in
        unless ``second_factor`` is false (the NPM requires it of them)."""
        user = new_test_user(
            cls.env,
            login=login,
            groups=groups,
            name=partner.name if partner else login.replace("_", " ").title(),
            email=f"{login}@example.org",
        )
        if partner:
            # A portal expert is the CSO's own contact, not a new partner.
            user.partner_id = partner
        if second_factor and user.has_group(CLEARED_GROUP):
            enrol_second_factor(user)
        return user


class NpmHttpCase(HttpCase):
    test_module = MODULE
    test_tags: ClassVar[set[str]] = {"standard", "post_install", MODULE}


def call_kw_answer(case, model, method, args, kwargs=None):
    """What the web client gets from ``/web/dataset/call_kw`` as the user
    ``case`` is logged in as: ``(result, error)``, the error being the
    JSON-RPC error (``None`` when the call succeeded)."""
    response = case.url_open(
        f"/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    answer = response.json()
    return answer.get("result"), answer.get("error")
