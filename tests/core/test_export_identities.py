"""Issue 15: the findings register names persons met by their pseudonyms;
cleared staff may tick *Include identities*, which the export log records.
Officers may not, even over RPC."""

from odoo.exceptions import AccessError, UserError

from tests.core.export_common import ExportCase
from tests.core.visit_common import NpmVisitCase

IDENTITY = "Detainee K., cell 3, born 1990"


class TestExportIdentities(NpmVisitCase, ExportCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.visit = cls._confirmed_visit(start=-5)
        cls.finding = cls._finding(cls.visit, "confidential", name="Cold cells")
        cls.person = cls.env["npm.visit.person"].create(
            {
                "visit_id": cls.visit.id,
                "identity": IDENTITY,
                "finding_ids": [(4, cls.finding.id)],
            }
        )

    def _persons_cell(self, content):
        sheet = self._sheet(content)
        rows = {row["Title"]: row for row in self._records(sheet)}
        return sheet, rows[self.finding.name]["Persons Concerned"]

    def _last_log(self, user):
        return self.env["npm.cso.export.log"].search(
            [("user_id", "=", user.id)], limit=1
        )

    def _export_with_context(self, user, **context):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_context(**context)
            .with_user(user)
            .create({"report_type": "findings"})
        )
        wizard.action_export()
        return self._decode(wizard)

    def _wizard_values(self):
        return {"report_type": "findings", "include_identities": True}

    # -- officers: refused ------------------------------------------------
    def test_officer_cannot_tick_include_identities_on_create(self):
        Wizard = self.env["npm.cso.export.wizard"].with_user(self.officer)
        with self.assertRaises(AccessError):
            Wizard.create(self._wizard_values())

    def test_officer_cannot_tick_include_identities_on_write(self):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "findings"})
        )
        with self.assertRaises(AccessError):
            wizard.write({"include_identities": True})

    def test_officer_cannot_tick_it_over_rpc(self):
        # the web client's create and write, as a JSON-RPC call would run them
        Wizard = self.env["npm.cso.export.wizard"].with_user(self.officer)
        with self.assertRaises(AccessError):
            Wizard.web_save(self._wizard_values(), specification={"id": {}})

    def test_officer_sudo_flag_is_still_refused_on_export(self):
        # even sudo() cannot tick it for an officer; a flag set behind the
        # ORM's back (SQL) is refused again on export
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .create({"report_type": "findings"})
        )
        with self.assertRaises(AccessError):
            wizard.sudo().write({"include_identities": True})
        self.env.cr.execute(
            "UPDATE npm_cso_export_wizard SET include_identities = TRUE WHERE id = %s",
            (wizard.id,),
        )
        wizard.invalidate_recordset()
        with self.assertRaises(AccessError):
            wizard.action_export()
        self.assertFalse(
            self.env["npm.cso.export.log"].search(
                [("user_id", "=", self.officer.id), ("outcome", "=", "exported")]
            )
        )

    def test_officer_context_key_shows_no_identity(self):
        content = self._export_with_context(self.officer, npm_include_identities=True)
        sheet, cell = self._persons_cell(content)
        self.assertEqual(cell, self.person.pseudonym)
        self.assertNotIn(IDENTITY, str(list(sheet.values)))
        person = self.person.with_user(self.officer).with_context(
            npm_include_identities=True
        )
        self.assertEqual(person.display_name, self.person.pseudonym)

    def test_officer_form_does_not_show_the_option(self):
        arch = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.officer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("include_identities", arch)

    # -- cleared staff and managers ---------------------------------------
    def test_cleared_form_shows_the_option(self):
        arch = (
            self.env["npm.cso.export.wizard"]
            .with_user(self.cleared)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("include_identities", arch)

    def test_cleared_export_without_it_has_no_identity(self):
        _wizard, _action, content = self._export(self.cleared, "findings")
        sheet, cell = self._persons_cell(content)
        self.assertEqual(cell, self.person.pseudonym)
        self.assertNotIn(IDENTITY, str(list(sheet.values)))
        self.assertFalse(self._last_log(self.cleared).included_identities)

    def test_cleared_context_key_alone_adds_no_identity(self):
        # only the wizard's ticked (and logged) flag adds identities
        content = self._export_with_context(self.cleared, npm_include_identities=True)
        _sheet, cell = self._persons_cell(content)
        self.assertEqual(cell, self.person.pseudonym)
        self.assertFalse(self._last_log(self.cleared).included_identities)

    def test_cleared_export_with_it_has_identities_and_is_logged(self):
        _wizard, _action, content = self._export(
            self.cleared, "findings", include_identities=True
        )
        sheet, cell = self._persons_cell(content)
        self.assertEqual(cell, f"{self.person.pseudonym} ({IDENTITY})")
        self.assertIn("Identities of persons met included", sheet["A2"].value)
        log = self._last_log(self.cleared)
        self.assertEqual(log.outcome, "exported")
        self.assertTrue(log.included_identities)

    def test_manager_export_with_it_has_identities_and_is_logged(self):
        _wizard, _action, content = self._export(
            self.manager, "findings", include_identities=True
        )
        _sheet, cell = self._persons_cell(content)
        self.assertEqual(cell, f"{self.person.pseudonym} ({IDENTITY})")
        self.assertTrue(self._last_log(self.manager).included_identities)

    def test_register_without_persons_logs_no_identities(self):
        self._export(self.cleared, "visits", include_identities=True)
        self.assertFalse(self._last_log(self.cleared).included_identities)

    def test_log_line_flag_cannot_be_changed(self):
        self._export(self.manager, "findings")
        log = self._last_log(self.manager).with_user(self.manager)
        with self.assertRaises(UserError):
            log.write({"included_identities": True})
        self.assertFalse(log.included_identities)

    def test_pseudonym_elsewhere_for_cleared_staff(self):
        person = self.person.with_user(self.cleared)
        self.assertEqual(person.display_name, self.person.pseudonym)
