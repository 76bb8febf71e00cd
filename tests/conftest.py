"""A skipped test is a test that did not run: the suite treats it as failed.

Odoo skips browser tests quietly when Chromium or websocket-client is missing,
and pytest-odoo skips HttpCase tests without --odoo-http; CI must never pass
on a suite that silently did less than it claims.
"""

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        report.outcome = "failed"
        report.longrepr = f"skipped tests count as failures here: {reason}"
