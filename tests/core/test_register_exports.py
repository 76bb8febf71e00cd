"""Spreadsheet exports of the registers: the file, its safety, its trail."""

import hashlib
import io
import zipfile
from datetime import timedelta
from functools import partial
from unittest.mock import patch

from openpyxl.utils import get_column_letter

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from tests.core.export_common import HEADER_ROW, HOSTILE, ExportCase


class TestRegisterExports(ExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.NAME = (
            cls.env["npm.cso.agreement"]._fields["name"]._description_string(cls.env)
        )
        today = fields.Date.today()
        cls.today = today
        Partnership = cls.env["npm.cso.partnership"]
        cls.partnership = Partnership.create(
            {"name": "Watch partnership", "partner_id": cls.cso.id}
        )
        cls.other_partnership = Partnership.create(
            {"name": "Other partnership", "partner_id": cls.other_cso.id}
        )
        Agreement = cls.env["npm.cso.agreement"]
        cls.mou = Agreement.create(
            {
                "name": "MoU with Watch",
                "partnership_id": cls.partnership.id,
                "agreement_type": "mou",
                "date_start": today.replace(month=1, day=1),
                "state": "signed",
            }
        )
        cls.draft = Agreement.create(
            {
                "name": "Data sharing with Watch",
                "partnership_id": cls.partnership.id,
                "agreement_type": "data_sharing",
                "date_start": today.replace(month=6, day=1),
            }
        )
        cls.other_mou = Agreement.create(
            {
                "name": "MoU with Other",
                "partnership_id": cls.other_partnership.id,
                "date_start": today.replace(month=6, day=1),
            }
        )

    # -- the file ---------------------------------------------------------
    def test_export_fills_xlsx_file_and_offers_download(self):
        wizard, action, content = self._export(self.officer, "agreements")
        self.assertTrue(wizard.filename.endswith(".xlsx"))
        self.assertTrue(wizard.filename.startswith("agreements_"))
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={wizard.id}", action["url"])
        self.assertIn("field=data", action["url"])
        self.assertIn("download=true", action["url"])
        self.assertTrue(zipfile.is_zipfile(io.BytesIO(content)))
        self.assertEqual(
            wizard.row_count, self.env["npm.cso.agreement"].search_count([])
        )

    def test_agreements_sheet_headers_rows_and_title(self):
        _wizard, _action, content = self._export(self.officer, "agreements")
        sheet = self._sheet(content)
        self.assertEqual(sheet.title, "Agreements")
        register = self.env["npm.cso.export.wizard"]._get_registers()["agreements"]
        self.assertEqual(
            self._headers(sheet),
            [self._label("npm.cso.agreement", name) for name in register.columns],
        )
        self.assertIn("CSO", self._headers(sheet))
        self.assertIn("Agreements", sheet["A1"].value)
        self.assertIn(self.officer.name, sheet["A1"].value)
        self.assertIn("Filters: none", sheet["A2"].value)
        names = self._column(sheet, self.NAME)
        self.assertEqual(len(names), self.env["npm.cso.agreement"].search_count([]))
        self.assertIn("MoU with Watch", names)

    def test_header_is_bold_frozen_and_filtered_with_widths(self):
        _wizard, _action, content = self._export(self.officer, "agreements")
        sheet = self._sheet(content)
        self.assertTrue(all(cell.font.bold for cell in sheet[HEADER_ROW] if cell.value))
        self.assertEqual(sheet.freeze_panes, f"A{HEADER_ROW + 1}")
        last_column = get_column_letter(len(self._headers(sheet)))
        last_row = HEADER_ROW + len(self._rows(sheet))
        self.assertEqual(
            sheet.auto_filter.ref, f"A{HEADER_ROW}:{last_column}{last_row}"
        )
        self.assertGreaterEqual(
            sheet.column_dimensions["A"].width, len("MoU with Watch")
        )

    def test_dates_are_real_dates_and_selections_are_labels(self):
        _wizard, _action, content = self._export(
            self.officer, "agreements", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        mou = next(r for r in self._records(sheet) if r[self.NAME] == "MoU with Watch")
        label = partial(self._label, "npm.cso.agreement")
        self.assertEqual(mou[label("date_start")].date(), self.mou.date_start)
        column = self._headers(sheet).index(label("date_start")) + 1
        cell = sheet.cell(row=HEADER_ROW + 1, column=column)
        self.assertTrue(cell.is_date)
        # the officer reads dates as English (US) writes them
        self.assertEqual(cell.number_format, "mm/dd/yyyy")
        self.assertEqual(mou[label("agreement_type")], "Memorandum of Understanding")
        self.assertEqual(mou[label("state")], "Signed")
        self.assertEqual(mou[label("partner_id")], self.cso.display_name)

    def test_selection_labels_follow_the_users_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        ngo = self.env["ir.model.fields.selection"].search(
            [
                ("field_id.model", "=", "res.partner"),
                ("field_id.name", "=", "cso_type"),
                ("value", "=", "ngo"),
            ]
        )
        ngo.with_context(lang="fr_FR").name = "ONG"
        self.env.registry.clear_cache()
        self.officer.lang = "fr_FR"
        _wizard, _action, content = self._export(
            self.officer, "partners", partner_id=self.cso.id
        )
        sheet = self._sheet(content)
        self.assertEqual(self._rows(sheet)[0][1], "ONG")
        self.officer.lang = "en_US"
        _wizard, _action, content = self._export(
            self.officer, "partners", partner_id=self.cso.id
        )
        self.assertEqual(self._rows(self._sheet(content))[0][1], "NGO")

    def test_constant_memory_mode_writes_inline_strings(self):
        # constant_memory mode streams rows and so cannot use the shared
        # string table: every string is inline.
        _wizard, _action, content = self._export(self.officer, "partners")
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            self.assertNotIn("xl/sharedStrings.xml", archive.namelist())
            sheet_xml = archive.read("xl/worksheets/sheet1.xml")
        self.assertIn(b'"inlineStr"', sheet_xml)

    # -- filters ------------------------------------------------------------
    def test_cso_date_and_state_filters(self):
        wizard, _action, content = self._export(
            self.officer, "agreements", partner_id=self.cso.id
        )
        names = set(self._column(self._sheet(content), self.NAME))
        self.assertEqual(names, {"MoU with Watch", "Data sharing with Watch"})
        self.assertEqual(wizard.row_count, 2)

        # the demo data has signed agreements of other CSOs: filter on ours
        _wizard, _action, content = self._export(
            self.officer, "agreements", state="signed", partner_id=self.cso.id
        )
        self.assertEqual(
            self._column(self._sheet(content), self.NAME), ["MoU with Watch"]
        )

        june = self.today.replace(month=6, day=1)
        _wizard, _action, content = self._export(
            self.officer, "agreements", date_from=june, date_to=june
        )
        names = set(self._column(self._sheet(content), self.NAME))
        self.assertEqual(names, {"Data sharing with Watch", "MoU with Other"})
        self.assertIn("CSO: Test Watch NGO", wizard._filters_description())

    def test_date_range_on_a_datetime_field_counts_whole_local_days(self):
        # partners are filtered on their creation time (a datetime)
        self.officer.tz = "Pacific/Auckland"
        local_today = fields.Date.context_today(self.cso.with_user(self.officer))
        yesterday = local_today - timedelta(days=1)
        _wizard, _action, content = self._export(
            self.officer, "partners", date_from=local_today, date_to=local_today
        )
        self.assertIn(self.cso.name, self._column(self._sheet(content), "Name"))
        _wizard, _action, content = self._export(
            self.officer, "partners", date_from=yesterday, date_to=yesterday
        )
        self.assertNotIn(self.cso.name, self._column(self._sheet(content), "Name"))

    def test_partners_register_lists_csos_only(self):
        _wizard, _action, content = self._export(self.officer, "partners")
        names = self._column(self._sheet(content), "Name")
        self.assertIn(self.cso.name, names)
        self.assertNotIn(self.cso_expert.name, names)
        self.assertEqual(
            len(names), self.env["res.partner"].search_count([("is_cso", "=", True)])
        )

    def test_state_of_another_register_is_refused(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "partnerships", "state": "signed"})
        )
        with self.assertRaisesRegex(UserError, "has no state"):
            wizard.action_export()

    def test_date_range_backwards_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self.env["npm.cso.export.wizard"].with_user(self.officer).create(
                {
                    "report_type": "agreements",
                    "date_from": self.today,
                    "date_to": self.today.replace(year=self.today.year - 1),
                }
            )

    # -- formula injection -----------------------------------------------
    def test_hostile_values_are_text_never_formulas(self):
        Partner = self.env["res.partner"]
        for value in HOSTILE:
            Partner.create(
                {
                    "name": value,
                    "is_company": True,
                    "is_cso": True,
                    "cso_type": "ngo",
                    "cso_mandate": value,
                    "city": value,
                }
            )
        self.officer.name = '=HYPERLINK("http://x","officer")'
        _wizard, _action, content = self._export(self.officer, "partners")
        self.assertNoFormula(content)
        sheet = self._sheet(content)
        self.assertEqual(sheet["A1"].data_type, "s")
        names = self._column(sheet, "Name")
        mandates = self._column(sheet, "Mandate")
        for value in HOSTILE:
            # stored unchanged, as a string
            self.assertIn(value, [self._unescape(n) for n in names])
            self.assertIn(value, [self._unescape(m) for m in mandates])

    def test_hostile_values_in_linked_names_are_text(self):
        hostile_cso = self.env["res.partner"].create(
            {
                "name": '=HYPERLINK("http://x","click")',
                "is_company": True,
                "is_cso": True,
                "cso_type": "ngo",
            }
        )
        partnership = self.env["npm.cso.partnership"].create(
            {"name": "@SUM(A1)", "partner_id": hostile_cso.id}
        )
        self.env["npm.cso.agreement"].create(
            {"name": "+1", "partnership_id": partnership.id}
        )
        for register in ("partnerships", "agreements"):
            _wizard, _action, content = self._export(self.manager, register)
            self.assertNoFormula(content)

    # -- who may export what -----------------------------------------------
    def test_row_counts_per_role(self):
        for user in (self.officer, self.cleared, self.manager):
            for register, model in (
                ("partnerships", "npm.cso.partnership"),
                ("agreements", "npm.cso.agreement"),
            ):
                wizard, _action, content = self._export(user, register)
                expected = self.env[model].with_user(user).search_count([])
                self.assertEqual(wizard.row_count, expected)
                self.assertEqual(len(self._rows(self._sheet(content))), expected)

    def test_portal_user_and_employee_cannot_use_the_wizard(self):
        for user in (self.portal_expert, self.employee):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["npm.cso.export.wizard"].with_user(user).create(
                    {"report_type": "partners"}
                )

    def test_export_menus_per_role(self):
        export = self.env.ref("npm_cso_cooperation.menu_npm_cso_export")
        log = self.env.ref("npm_cso_cooperation.menu_npm_cso_export_log")
        Menu = self.env["ir.ui.menu"]
        employee_menus = Menu.with_user(self.employee)._visible_menu_ids()
        self.assertNotIn(export.id, employee_menus)
        self.assertNotIn(log.id, employee_menus)
        officer_menus = Menu.with_user(self.officer)._visible_menu_ids()
        self.assertIn(export.id, officer_menus)
        self.assertNotIn(log.id, officer_menus)
        manager_menus = Menu.with_user(self.manager)._visible_menu_ids()
        self.assertIn(export.id, manager_menus)
        self.assertIn(log.id, manager_menus)
        # a portal user may not read back-office menus at all
        with self.assertRaises(AccessError):
            Menu.with_user(self.portal_expert)._visible_menu_ids()
        with self.assertRaises(AccessError):
            Menu.with_user(self.portal_expert).load_menus(False)

    def test_export_action_is_for_npm_staff(self):
        action = self.env.ref("npm_cso_cooperation.npm_cso_export_wizard_action")
        self.assertEqual(
            action.groups_id, self.env.ref("npm_cso_cooperation.group_npm_user")
        )
        self.assertFalse(
            self.portal_expert.has_group("npm_cso_cooperation.group_npm_user")
        )

    def test_nobody_else_can_fetch_my_file(self):
        wizard, _action, _content = self._export(self.cleared, "agreements")
        Binary = self.env["ir.binary"]
        # the author downloads it as the web client does (/web/content)
        own = Binary.with_user(self.cleared)._find_record(
            res_model=wizard._name, res_id=wizard.id, field="data"
        )
        self.assertEqual(own, wizard)
        for user in (self.officer, self.officer2, self.manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                Binary.with_user(user)._find_record(
                    res_model=wizard._name, res_id=wizard.id, field="data"
                )

    def test_register_not_installed_is_reported(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "agreements"})
        )
        registers = wizard._get_registers()
        registers["agreements"] = registers["agreements"].__class__(
            model="npm.not.installed", columns=("name",)
        )
        with (
            patch.object(type(wizard), "_get_registers", return_value=registers),
            self.assertRaisesRegex(UserError, "not available"),
        ):
            wizard.action_export()

    # -- the export log ------------------------------------------------------
    def test_every_export_is_logged(self):
        Log = self.env["npm.cso.export.log"]
        before = Log.search_count([])
        wizard, _action, content = self._export(
            self.officer, "agreements", partner_id=self.cso.id, state="signed"
        )
        log = Log.search([], limit=1)
        self.assertEqual(Log.search_count([]), before + 1)
        self.assertEqual(log.user_id, self.officer)
        self.assertEqual(log.report_type, "agreements")
        self.assertEqual(log.row_count, 1)
        self.assertEqual(log.partner_id, self.cso)
        self.assertEqual(log.state_filter, "signed")
        self.assertIn("CSO: Test Watch NGO", log.filters)
        self.assertIn("State: Signed", log.filters)
        self.assertEqual(log.filename, wizard.filename)
        self.assertEqual(log.file_sha256, hashlib.sha256(content).hexdigest())
        self.assertTrue(log.create_date)

    def test_managers_list_the_log_officers_do_not(self):
        self._export(self.officer, "partners")
        self._export(self.manager2, "agreements")
        logs = self.env["npm.cso.export.log"].with_user(self.manager).search([])
        self.assertIn(self.officer, logs.user_id)
        self.assertIn(self.manager2, logs.user_id)
        for user in (self.officer, self.cleared, self.portal_expert):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["npm.cso.export.log"].with_user(user).search([])

    def test_log_is_append_only(self):
        self._export(self.officer, "partners")
        log = self.env["npm.cso.export.log"].search([], limit=1)
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            log.with_user(self.manager).write({"row_count": 0})
        with self.assertRaises(AccessError):  # no delete right for anyone
            log.with_user(self.manager).unlink()
        # and the model refuses even the superuser
        with self.assertRaisesRegex(UserError, "cannot be changed"):
            log.sudo().write({"row_count": 0})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            log.sudo().unlink()
        self.assertTrue(log.exists())
        # and nobody creates lines by hand
        with self.assertRaises(AccessError):
            self.env["npm.cso.export.log"].with_user(self.manager).create(
                {
                    "user_id": self.manager.id,
                    "company_id": self.env.company.id,
                    "report_type": "partners",
                }
            )
