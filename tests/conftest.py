"""A skipped test is a test that did not run: the suite treats it as failed.

Odoo skips browser tests quietly when Chromium or websocket-client is missing,
and pytest-odoo skips HttpCase tests without --odoo-http; CI must never pass
on a suite that silently did less than it claims.
"""

from unittest.mock import patch

import pytest

from odoo.tests import HttpCase


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"skipped tests count as failures here: {reason}"


# HttpCase.authenticate() opens a session as a user without their password
# (it patches the password check) and without the second step of a
# two-factor login. With auth_totp, a user who enabled a second factor is
# refused by the "API keys only" rule before the patched check is reached;
# the suite's sessions skip that rule the same way, so that tests and tours
# of enrolled users (cleared staff must be) run. The real sign-in, password
# then code, is tested in tests/core/test_second_factor.py without it.
def _authenticate_past_second_factor(self, user, password, browser=None):
    users_class = type(self.env["res.users"])
    with patch.object(users_class, "_rpc_api_keys_only", lambda self: False):
        return _odoo_authenticate(self, user, password, browser=browser)


_odoo_authenticate = HttpCase.authenticate
HttpCase.authenticate = _authenticate_past_second_factor
