"""Issue 17, section 3: the access log of strictly confidential material.

Every read (a form, a list, ``read``/``search_read`` over RPC), download and
export of a strictly confidential finding or document, of a person's identity
or of an allegation of reprisals adds ONE line to ``npm.access.log`` per call
(a list is one line with its ids). Nobody changes or deletes a line; managers
read them, nobody else (the reader included).
"""

import base64

from odoo.exceptions import AccessError
from odoo.tests import HttpCase

from tests.common import call_kw_answer
from tests.core.export_common import ExportCase
from tests.core.visit_common import NpmVisitCase

IDENTITY = "Detainee L., cell 12"


class AccessLogCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.strict = cls._finding(cls.visit, "strictly_confidential", name="Beatings")
        cls.strict2 = cls._finding(
            cls.visit, "strictly_confidential", name="Isolation cells"
        )
        cls.confidential = cls._finding(cls.visit, "confidential", name="Cold cells")
        cls.strict_document = cls._document(cls.visit, "strictly_confidential")
        cls.document = cls._document(cls.visit, "confidential")
        cls.person = cls.env["npm.visit.person"].create(
            {
                "visit_id": cls.visit.id,
                "identity": IDENTITY,
                "finding_ids": [(4, cls.strict.id)],
            }
        )
        cls.allegation = cls.env["npm.reprisal.allegation"].create(
            {
                "visit_id": cls.visit.id,
                "person_id": cls.person.id,
                "description": "Moved to isolation after the visit.",
            }
        )
        cls.Log = cls.env["npm.access.log"]

    def _lines(self, user=None, model=None):
        domain = []
        if user:
            domain.append(("user_id", "=", user.id))
        if model:
            domain.append(("res_model", "=", model))
        return self.Log.search(domain)

    def _ids(self, line):
        return sorted(int(i) for i in line.res_ids.split(","))


class TestAccessLogReads(AccessLogCase):
    def test_form_read_of_a_strict_finding_is_one_line(self):
        self.strict.with_user(self.cleared).web_read({"name": {}, "description": {}})
        line = self._lines(self.cleared)
        self.assertEqual(len(line), 1)
        self.assertEqual(
            (line.res_model, line.res_id, line.action, line.record_count),
            ("npm.visit.finding", self.strict.id, "read", 1),
        )
        self.assertEqual(line.company_id, self.strict.company_id)
        self.assertIn("description", line.fields_read)

    def test_confidential_finding_read_is_not_logged(self):
        self.confidential.with_user(self.officer).read(["name", "description"])
        self.confidential.with_user(self.cleared).read(["name"])
        self.assertFalse(self._lines(model="npm.visit.finding"))

    def test_list_is_one_line_with_the_ids_not_one_per_row(self):
        answer = (
            self.env["npm.visit.finding"]
            .with_user(self.cleared)
            .web_search_read(
                [("visit_id", "=", self.visit.id)],
                {"name": {}, "sensitivity": {}},
                limit=80,
            )
        )
        self.assertEqual(answer["length"], 3)
        line = self._lines(self.cleared)
        self.assertEqual(len(line), 1)
        self.assertEqual(self._ids(line), sorted((self.strict | self.strict2).ids))
        self.assertEqual(line.record_count, 2)
        self.assertIn(line.res_id, (self.strict | self.strict2).ids)
        for finding in self.strict | self.strict2:
            self.assertEqual(self.Log.search([("searched_id", "=", finding.id)]), line)
        self.assertFalse(self.Log.search([("searched_id", "=", self.confidential.id)]))

    def test_search_read_is_logged(self):
        self.env["npm.visit.finding"].with_user(self.manager).search_read(
            [("id", "in", (self.strict | self.confidential).ids)], ["name"]
        )
        line = self._lines(self.manager)
        self.assertEqual(len(line), 1)
        self.assertEqual(self._ids(line), self.strict.ids)

    def test_officer_list_reads_no_strict_finding_and_logs_nothing(self):
        self.env["npm.visit.finding"].with_user(self.officer).web_search_read(
            [("visit_id", "=", self.visit.id)], {"name": {}}
        )
        self.assertFalse(self._lines(self.officer))

    def test_strict_document_read_is_logged(self):
        (self.strict_document | self.document).with_user(self.cleared).read(["name"])
        line = self._lines(self.cleared)
        self.assertEqual(line.res_model, "npm.visit.document")
        self.assertEqual(self._ids(line), self.strict_document.ids)

    def test_identity_read_is_logged_pseudonym_read_is_not(self):
        person = self.person.with_user(self.cleared)
        person.read(["pseudonym", "category"])
        self.assertFalse(self._lines(self.cleared))
        person.web_read({"pseudonym": {}, "identity": {}})
        line = self._lines(self.cleared)
        self.assertEqual(
            (line.res_model, line.res_id), (self.person._name, self.person.id)
        )
        self.assertEqual(line.fields_read, "identity, pseudonym")

    def test_read_of_every_field_by_cleared_staff_logs_the_identity(self):
        self.person.with_user(self.cleared).read()
        self.assertEqual(len(self._lines(self.cleared, "npm.visit.person")), 1)
        # an officer's read of every field reads no identity
        self.person.with_user(self.officer).read()
        self.assertFalse(self._lines(self.officer))

    def test_allegation_read_is_always_logged(self):
        self.allegation.with_user(self.cleared).read(["name"])
        line = self._lines(self.cleared)
        self.assertEqual(line.res_model, "npm.reprisal.allegation")
        self.assertEqual(line.res_id, self.allegation.id)

    def test_superuser_reads_are_the_apps_own_and_not_logged(self):
        (self.strict | self.strict2).read(["name"])
        self.allegation.sudo().read(["description"])
        self.assertFalse(self.Log.search([]))

    def test_list_export_is_logged_as_export(self):
        self.cleared.groups_id |= self.env.ref("base.group_allow_export")
        self.strict.with_user(self.cleared).export_data(["name", "description"])
        line = self._lines(self.cleared)
        self.assertEqual((line.action, line.res_id), ("export", self.strict.id))
        self.assertEqual(line.fields_read, "description, name")


class TestAccessLogIsAppendOnly(AccessLogCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.strict.with_user(cls.cleared).read(["name"])
        cls.line = cls.Log.search([])

    def test_one_line_to_test_on(self):
        self.assertEqual(len(self.line), 1)

    def test_manager_lists_groups_and_exports_the_log(self):
        Log = self.Log.with_user(self.manager)
        self.assertEqual(Log.search([]), self.line)
        groups = Log.read_group([], ["record_count:sum"], ["user_id"])
        self.assertEqual(groups[0]["user_id"][0], self.cleared.id)
        self.manager.groups_id |= self.env.ref("base.group_allow_export")
        exported = self.line.with_user(self.manager).export_data(
            ["user_id", "res_model", "res_ids", "action", "create_date"]
        )
        self.assertEqual(exported["datas"][0][1], "npm.visit.finding")

    def test_reader_and_officers_have_no_access_to_the_log(self):
        for user in (self.cleared, self.officer, self.employee, self.portal_expert):
            with self.assertRaises(AccessError):
                self.line.with_user(user).read(["res_ids"])
            with self.assertRaises(AccessError):
                self.Log.with_user(user).search_count([])

    def test_nobody_creates_changes_or_deletes_a_line(self):
        for user in (self.manager, self.cleared):
            with self.assertRaises(AccessError):
                self.Log.with_user(user).create(
                    {
                        "user_id": user.id,
                        "company_id": self.env.company.id,
                        "res_model": "npm.visit.finding",
                        "res_id": self.strict.id,
                    }
                )
            with self.assertRaises(AccessError):
                self.line.with_user(user).write({"ip": "10.0.0.1"})
            with self.assertRaises(AccessError):
                self.line.with_user(user).unlink()
        # the superuser neither
        with self.assertRaises(AccessError):
            self.line.sudo().write({"res_ids": "1"})
        with self.assertRaises(AccessError):
            self.line.sudo().unlink()
        self.assertTrue(self.line.exists())

    def test_manager_of_another_company_does_not_see_the_line(self):
        other = self.env["res.company"].create({"name": "Regional NPM (log)"})
        manager = self._new_user(
            "t_regional_log_manager", "npm_cso_cooperation.group_npm_manager"
        )
        manager.write({"company_ids": [(6, 0, other.ids)], "company_id": other.id})
        self.assertFalse(self.Log.with_user(manager).search([]))


class TestRegisterExportIsLogged(AccessLogCase, ExportCase):
    def test_findings_register_with_identities_logs_findings_and_persons(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.cleared)
            .create({"report_type": "findings", "include_identities": True})
        )
        wizard.action_export()
        findings = self._lines(self.cleared, "npm.visit.finding")
        self.assertEqual(findings.action, "export")
        # every strictly confidential row of the file (the demo data's too),
        # and no other
        strict = self.env["npm.visit.finding"].search(
            [("sensitivity", "=", "strictly_confidential")]
        )
        self.assertEqual(self._ids(findings), sorted(strict.ids))
        self.assertIn(self.strict.id, strict.ids)
        persons = self._lines(self.cleared, "npm.visit.person")
        self.assertEqual((persons.action, persons.res_id), ("export", self.person.id))

    def test_officer_register_export_logs_nothing(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "findings"})
        )
        wizard.action_export()
        self.assertFalse(self.Log.search([]))


class TestAccessLogHttp(AccessLogCase, HttpCase):
    def test_web_client_list_and_download_are_logged_with_the_ip(self):
        self.authenticate("t_cleared", "t_cleared")
        result, error = call_kw_answer(
            self,
            "npm.visit.finding",
            "web_search_read",
            [[("visit_id", "=", self.visit.id)], {"name": {}}],
            {"limit": 80},
        )
        self.assertIsNone(error)
        self.assertEqual(result["length"], 3)
        line = self._lines(self.cleared)
        self.assertEqual(len(line), 1)
        self.assertEqual(self._ids(line), sorted((self.strict | self.strict2).ids))
        self.assertEqual(line.ip, "127.0.0.1")
        response = self.url_open(
            f"/web/content/npm.visit.document/{self.strict_document.id}/file"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, base64.b64decode(self.strict_document.file))
        download = self._lines(self.cleared, "npm.visit.document").filtered(
            lambda log: log.action == "download"
        )
        self.assertEqual(download.res_id, self.strict_document.id)
        self.assertEqual(download.fields_read, "file")
        self.assertEqual(download.ip, "127.0.0.1")

    def test_download_of_an_allegation_attachment_is_logged(self):
        attachment = self.env["ir.attachment"].create(
            {
                "name": "medical.pdf",
                "raw": b"%PDF medical certificate",
                "res_model": self.allegation._name,
                "res_id": self.allegation.id,
            }
        )
        self.authenticate("t_manager", "t_manager")
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertEqual(response.content, b"%PDF medical certificate")
        line = self._lines(self.manager)
        self.assertEqual(
            (line.action, line.res_model, line.res_id),
            ("download", self.allegation._name, self.allegation.id),
        )

    def test_download_of_a_confidential_document_is_not_logged(self):
        self.authenticate("t_officer", "t_officer")
        response = self.url_open(
            f"/web/content/npm.visit.document/{self.document.id}/file"
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self.Log.search([]))
