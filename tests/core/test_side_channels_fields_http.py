"""The field side channels of issue 12 over HTTP: what a portal expert (or
an officer) gets from ``/web/dataset/call_kw``, the door a script uses.

Channel 8: the NPM's internal fields of records the expert may read are
refused by read, search_read, web_read, web_search_read, read_group and a
search or order on them; the fields of their portal pages answer (control).
Channel 3: a request probing another visit answers naming nothing. Channel 2:
an officer's web_read and search of a visit tell nothing of a strictly
confidential finding. Channel 4: an officer cannot cover a team line.
"""

from odoo.tests import HttpCase
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from tests.common import call_kw_answer
from tests.core.side_channel_common import generate_cells
from tests.core.visit_common import NpmVisitCase

METHODS = (
    "read",
    "search_read",
    "web_read",
    "web_search_read",
    "read_group",
    "search",
    "order",
)
# model, record key, internal field, a field of the portal pages (control)
FIELD_CASES = (
    ("npm.cso.agreement", "agreement", "note", "terms"),
    ("npm.cso.agreement", "agreement", "rejection_reason", "reference"),
    ("npm.confidentiality.undertaking", "undertaking", "note", "scope"),
    ("npm.confidentiality.undertaking", "undertaking", "revoke_reason", "state"),
    ("npm.confidentiality.undertaking", "undertaking", "revoked_by_id", "partner_id"),
    ("npm.visit.finding", "finding", "reprisal_risk_notes", "name"),
    ("npm.visit.finding", "finding", "sensitivity", "is_urgent"),
    ("npm.joint.visit", "visit", "note", "date_start"),
    ("npm.info.use.request", "request", "decided_by_id", "purpose"),
)


class TestSideChannelFieldsHttp(NpmVisitCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        visit = cls._confirmed_visit(start=-3)
        visit.note = "<p>NPM only: the director threatened a detainee.</p>"
        cls.strict = cls._finding(visit, "strictly_confidential")
        cls.strict.name = "Allegations of beatings by night staff"
        cls.hidden_visit = cls._confirmed_visit(
            start=-3, partnership=cls.other_partnership
        )
        undertaking = cls.env["npm.confidentiality.undertaking"].search(
            [("partner_id", "=", cls.cso_expert.id), ("visit_id", "=", visit.id)]
        )
        undertaking.note = "NPM only: checked with the prosecutor."
        cls.records = {
            "visit": visit,
            "finding": cls._finding(visit, shared=True),
            "undertaking": undertaking,
            "agreement": cls.env["npm.cso.agreement"].create(
                {
                    "name": "Signed MoU",
                    "agreement_type": "mou",
                    "partnership_id": cls.partnership.id,
                    "note": "<p>NPM only.</p>",
                    "state": "signed",
                }
            ),
            "request": cls.env["npm.info.use.request"]
            .with_user(cls.portal_expert)
            .create(
                {
                    "visit_id": visit.id,
                    "purpose": "report",
                    "description": "For the annual report",
                }
            ),
        }

    def _call_kw(self, model, method, args, kwargs=None):
        with mute_logger("odoo.http"):
            return self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )

    def _rpc_error(self, model, method, args, kwargs=None):
        """The error a call answers, as the client gets it (name, message)."""
        with mute_logger("odoo.http"):
            _result, error = call_kw_answer(self, model, method, args, kwargs)
        self.assertTrue(error, "the call was expected to be refused")
        return error["data"]["name"], error["data"]["message"]

    def _call(self, method, model, record, fname):
        domain = [("id", "=", record.id)]
        if method == "read":
            return self._call_kw(model, "read", [record.ids, [fname]])
        if method == "search_read":
            return self._call_kw(model, "search_read", [domain, [fname]])
        if method == "web_read":
            return self._call_kw(model, "web_read", [record.ids, {fname: {}}])
        if method == "web_search_read":
            return self._call_kw(model, "web_search_read", [domain, {fname: {}}])[
                "records"
            ]
        if method == "read_group":
            return self._call_kw(
                model, "read_group", [domain, ["__count"], [fname]], {"lazy": False}
            )
        if method == "search":
            return self._call_kw(
                model,
                "search",
                [[*domain, "|", (fname, "=", False), (fname, "!=", False)]],
            )
        if method == "order":
            return self._call_kw(model, "search", [domain], {"order": f"{fname} desc"})
        raise AssertionError(method)

    def _check_cell(self, channel, situation, role, allowed):
        method, index = channel.rsplit("__", 1)
        model, key, internal, shown = FIELD_CASES[int(index)]
        record = self.records[key]
        self.authenticate("t_portal", "t_portal")
        fname = shown if situation == "page_field" else internal
        if allowed:
            self.assertTrue(self._call(method, model, record, fname))
        else:
            with self.assertRaises(JsonRpcException) as caught:
                self._call(method, model, record, fname)
            self.assertEqual(str(caught.exception), "odoo.exceptions.AccessError")

    # Channel 3 over HTTP
    def test_portal_probe_of_another_visit_names_nothing(self):
        self.authenticate("t_portal", "t_portal")
        for partner in (self.cso_expert, self.other_expert):
            with self.subTest(partner=partner.name):
                name, message = self._rpc_error(
                    "npm.info.use.request",
                    "create",
                    [
                        {
                            "visit_id": self.hidden_visit.id,
                            "partner_id": partner.id,
                            "purpose": "report",
                            "description": "Probe",
                        }
                    ],
                )
                self.assertIn("odoo.exceptions", name)
                self.assertIn("You cannot ask about this visit", message)
                self.assertNotIn(self.hidden_visit.name, message)
                self.assertNotIn(self.other_expert.name, message)

    # Channel 2 over HTTP
    def test_officer_learns_nothing_of_a_strictly_confidential_finding(self):
        visit = self.records["visit"]
        self.authenticate("t_officer", "t_officer")
        values = self._call_kw(
            "npm.joint.visit",
            "web_read",
            [visit.ids, {"finding_ids": {"fields": {"name": {}}}}],
        )[0]
        names = [line["name"] for line in values["finding_ids"]]
        self.assertNotIn(self.strict.name, names)
        self.assertIn(self.records["finding"].name, names)  # the control
        for domain in (
            [("finding_ids", "in", self.strict.ids)],
            [("finding_ids", "ilike", "beatings")],
            [("finding_ids.name", "ilike", "beatings")],
        ):
            with self.subTest(domain=domain):
                self.assertEqual(
                    self._call_kw("npm.joint.visit", "search", [domain]), []
                )
        self.authenticate("t_cleared", "t_cleared")
        self.assertEqual(
            self._call_kw(
                "npm.joint.visit", "search", [[("finding_ids", "in", self.strict.ids)]]
            ),
            visit.ids,
        )

    # Channel 4 over HTTP
    def test_officer_cannot_cover_a_team_line_over_rpc(self):
        draft = self._visit(start=5)
        line = draft.member_ids.filtered(lambda m: m.side == "cso")
        self.authenticate("t_officer", "t_officer")
        for kwargs in ({}, {"context": {"npm_app_write": True}}):
            with self.subTest(kwargs=kwargs):
                name, message = self._rpc_error(
                    "npm.joint.visit.member",
                    "write",
                    [line.ids, {"is_covered": True}],
                    kwargs,
                )
                self.assertEqual(name, "odoo.exceptions.UserError")
                self.assertIn("cannot be set by hand", message)
        self.assertFalse(line.is_covered)


FIELDS_HTTP_TABLE = {}
for _index in range(len(FIELD_CASES)):
    for _method in METHODS:
        FIELDS_HTTP_TABLE[f"{_method}__{_index}", "internal_field"] = "D"
        FIELDS_HTTP_TABLE[f"{_method}__{_index}", "page_field"] = "A"
generate_cells(TestSideChannelFieldsHttp, FIELDS_HTTP_TABLE, roles=("portal",))
