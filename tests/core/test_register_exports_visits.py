"""Exports of the confidentiality and visit registers: what each role's file
holds, and what it never holds."""

import io
import zipfile

from odoo import fields
from odoo.exceptions import AccessError

from tests.core.export_common import HOSTILE, ExportCase
from tests.core.visit_common import NpmVisitCase

SECRET_IDENTITY = "Detainee Q., cell 14, spoke about beatings"
SECRET_RISK = "High risk of reprisal: transferred twice after complaints"


class TestVisitRegisterExports(NpmVisitCase, ExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.other_visit = cls._visit(start=-40, partnership=cls.other_partnership)
        cls.internal = cls._finding(cls.visit, "internal", shared=True)
        cls.confidential = cls._finding(cls.visit, "confidential")
        cls.secret = cls._finding(
            cls.visit,
            "strictly_confidential",
            name="Beatings in the punishment block",
            reprisal_risk_notes=SECRET_RISK,
        )
        # issue 15: the identity is the person's, the register shows the pseudonym
        cls.secret_person = cls.env["npm.visit.person"].create(
            {
                "visit_id": cls.visit.id,
                "identity": SECRET_IDENTITY,
                "finding_ids": [(4, cls.secret.id)],
            }
        )
        cls.urgent = cls._finding(
            cls.visit, "confidential", name="No water in block D", is_urgent=True
        )
        cls.hostile = [
            cls._finding(cls.visit, "confidential", name=value, description=value)
            for value in HOSTILE
        ]
        cls.other_finding = cls._finding(cls.other_visit, "internal")

    def _names(self, content, header="Title"):
        return self._column(self._sheet(content), header)

    def _all_text(self, content):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return b"".join(archive.read(name) for name in archive.namelist())

    # -- findings: strictly confidential rows and restricted columns ------
    def test_officer_file_never_holds_strictly_confidential_findings(self):
        wizard, _action, content = self._export(self.officer, "findings")
        names = self._names(content)
        self.assertNotIn(self.secret.name, names)
        self.assertNotIn(
            "Strictly Confidential", self._column(self._sheet(content), "Sensitivity")
        )
        self.assertNotIn(self.secret.name.encode(), self._all_text(content))
        expected = (
            self.env["npm.visit.finding"].with_user(self.officer).search_count([])
        )
        self.assertEqual(wizard.row_count, expected)
        self.assertEqual(len(names), expected)
        self.assertIn(self.confidential.name, names)

    def test_cleared_officer_and_manager_files_hold_every_finding(self):
        for user in (self.cleared, self.manager):
            with self.subTest(user=user.login):
                wizard, _action, content = self._export(user, "findings")
                names = self._names(content)
                self.assertIn(self.secret.name, names)
                self.assertEqual(
                    wizard.row_count, self.env["npm.visit.finding"].search_count([])
                )

    def test_sudo_caller_still_exports_only_what_the_user_may_read(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "findings"})
        )
        wizard.sudo().action_export()
        content = self._decode(wizard)
        self.assertNotIn(self.secret.name, self._names(content))

    def test_restricted_fields_are_left_out_for_officers(self):
        _wizard, _action, content = self._export(self.officer, "findings")
        sheet = self._sheet(content)
        headers = self._headers(sheet)
        self.assertNotIn("Reprisal-Risk Notes", headers)
        self.assertIn("Columns you may not read were left out", sheet["A2"].value)
        self.assertIn("Reprisal-Risk Notes", sheet["A2"].value)
        self.assertNotIn(SECRET_IDENTITY, str(list(sheet.values)))

    def test_restricted_fields_are_exported_for_cleared_staff(self):
        _wizard, _action, content = self._export(self.cleared, "findings")
        sheet = self._sheet(content)
        rows = {
            row[self._headers(sheet).index("Title")]: row for row in self._rows(sheet)
        }
        persons = self._headers(sheet).index("Persons Concerned")
        risk = self._headers(sheet).index("Reprisal-Risk Notes")
        # issue 15: pseudonyms, never identities, even for cleared staff
        self.assertEqual(rows[self.secret.name][persons], self.secret_person.pseudonym)
        self.assertNotIn(SECRET_IDENTITY, str(list(sheet.values)))
        self.assertEqual(rows[self.secret.name][risk], SECRET_RISK)

    def test_findings_filters_by_cso_date_and_urgent_state(self):
        wizard, _action, content = self._export(
            self.cleared, "findings", partner_id=self.other_cso.id
        )
        self.assertEqual(self._names(content), [self.other_finding.name])
        wizard, _action, content = self._export(
            self.cleared,
            "findings",
            date_from=self._days(-6),
            date_to=self._days(-4),
        )
        self.assertNotIn(self.other_finding.name, self._names(content))
        self.assertEqual(wizard.row_count, len(self.visit.finding_ids))
        wizard, _action, content = self._export(
            self.cleared, "findings", state="open", partner_id=self.cso.id
        )
        self.assertEqual(self._names(content), [self.urgent.name])

    def test_finding_descriptions_are_plain_text(self):
        self.confidential.description = "<p>Mould &amp; damp</p><p>in cell 3</p>"
        _wizard, _action, content = self._export(self.officer, "findings")
        sheet = self._sheet(content)
        rows = {
            row[self._headers(sheet).index("Title")]: row for row in self._rows(sheet)
        }
        description = self._headers(sheet).index("Description")
        self.assertEqual(
            rows[self.confidential.name][description], "Mould & damp\nin cell 3"
        )

    # -- the other registers --------------------------------------------------
    def test_visit_counts_follow_the_users_rights(self):
        for user, expected in ((self.officer, 10), (self.cleared, 11)):
            with self.subTest(user=user.login):
                _wizard, _action, content = self._export(
                    user, "visits", partner_id=self.cso.id
                )
                sheet = self._sheet(content)
                self.assertEqual(self._column(sheet, "Reference"), [self.visit.name])
                self.assertEqual(self._column(sheet, "Findings"), [expected])
                self.assertEqual(self._column(sheet, "Urgent Findings"), [1])
                self.assertEqual(self._column(sheet, "State"), ["Confirmed"])

    def test_undertakings_register(self):
        wizard, _action, content = self._export(
            self.officer, "undertakings", state="signed", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        Undertaking = self.env["npm.confidentiality.undertaking"]
        self.assertEqual(
            wizard.row_count,
            Undertaking.search_count(
                [("state", "=", "signed"), ("cso_id", "=", self.cso.id)]
            ),
        )
        self.assertIn(self.cso_expert.display_name, self._column(sheet, "Person"))
        self.assertEqual(set(self._column(sheet, "State")), {"Signed"})
        self.assertEqual(set(self._column(sheet, "Scope")), {"One Joint Visit"})

    def test_release_register_is_for_managers_only(self):
        for user in (self.officer, self.cleared):
            with (
                self.subTest(user=user.login),
                self.assertRaisesRegex(AccessError, "Information Releases"),
            ):
                self._export(user, "releases")
        wizard, _action, content = self._export(self.manager, "releases")
        sheet = self._sheet(content)
        Release = self.env["npm.information.release"]
        self.assertTrue(Release.search_count([]))
        self.assertEqual(wizard.row_count, Release.search_count([]))
        self.assertIn(self.internal.name, self._column(sheet, "What"))
        # labels, not keys (the demo data, when loaded, shares a document and
        # recommendations too)
        kinds = set(self._column(sheet, "Kind of Release"))
        self.assertIn("Finding Shared", kinds)
        self.assertLessEqual(
            kinds, {"Finding Shared", "Document Shared", "Recommendation Shared"}
        )

    def test_release_times_are_in_the_users_time_zone(self):
        self.manager.tz = "Asia/Kolkata"
        line = self.env["npm.information.release"].search(
            [("res_id", "=", self.internal.id)], limit=1
        )
        _wizard, _action, content = self._export(
            self.manager, "releases", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        local = fields.Datetime.context_timestamp(
            line.with_user(self.manager), line.date
        )
        dates = self._column(sheet, "Date")
        self.assertIn(
            local.replace(tzinfo=None, second=0, microsecond=0),
            [d.replace(second=0, microsecond=0) for d in dates],
        )
        cell = next(c for c in sheet["A"] if c.row > 3 and c.value)
        self.assertTrue(cell.is_date)
        # the manager reads dates as English (US) writes them
        self.assertEqual(cell.number_format, "mm/dd/yyyy hh:mm:ss")

    def test_every_register_opens_for_every_role_with_its_rows(self):
        Wizard = self.env["npm.cso.export.wizard"]
        registers = Wizard._get_registers()
        for user in (self.officer, self.cleared, self.manager):
            for report_type, register in registers.items():
                model = self.env[register.model].with_user(user)
                if not model.has_access("read"):
                    continue
                with self.subTest(user=user.login, register=report_type):
                    wizard, _action, content = self._export(user, report_type)
                    sheet = self._sheet(content)
                    self.assertTrue(self._headers(sheet))
                    expected = model.search_count(list(register.domain))
                    self.assertEqual(wizard.row_count, expected)
                    self.assertEqual(len(self._rows(sheet)), expected)
                    self.assertNoFormula(content)

    def test_hostile_values_are_never_formulas_in_any_register(self):
        for report_type in self.env["npm.cso.export.wizard"]._get_registers():
            with self.subTest(register=report_type):
                _wizard, _action, content = self._export(self.manager, report_type)
                self.assertNoFormula(content)
        _wizard, _action, content = self._export(self.manager, "findings")
        names = self._names(content)
        for value in HOSTILE:
            self.assertIn(value, [self._unescape(name) for name in names])
