"""Helpers for the register export tests: run an export as a user, open the
file with openpyxl, and check that no cell is a formula."""

import base64
import io
import zipfile

import openpyxl

from tests.common import NpmCase

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]
HEADER_ROW = 3  # 1-based: title, filters, then the header


class ExportCase(NpmCase):
    """Helpers to run an export as a given user and open the file."""

    def _export(self, user, report_type, **filters):
        wizard = (
            self.env["npm.cso.export.wizard"]
            .with_user(user)
            .create({"report_type": report_type, **filters})
        )
        action = wizard.action_export()
        return wizard, action, self._decode(wizard)

    def _decode(self, wizard):
        return base64.b64decode(wizard.data)

    def _sheet(self, content):
        return openpyxl.load_workbook(io.BytesIO(content)).active

    def _headers(self, sheet):
        return [cell.value for cell in sheet[HEADER_ROW] if cell.value is not None]

    def _rows(self, sheet):
        return list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))

    def _records(self, sheet):
        """The rows as dicts by header."""
        headers = self._headers(sheet)
        return [dict(zip(headers, row, strict=False)) for row in self._rows(sheet)]

    def _label(self, model, field_name):
        """The header of a column: the field's label."""
        return self.env[model]._fields[field_name]._description_string(self.env)

    def _column(self, sheet, header):
        index = self._headers(sheet).index(header)
        return [row[index] for row in self._rows(sheet)]

    @staticmethod
    def _unescape(value):
        """openpyxl does not decode the XML escape of a carriage return in
        inline strings (Excel does)."""
        return value.replace("_x000D_", "\r") if isinstance(value, str) else value

    def assertNoFormula(self, content):
        sheet = self._sheet(content)
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(
                    cell.data_type, "f", f"{cell.coordinate} is a formula"
                )
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    self.assertNotIn(b"<f>", archive.read(name), name)
                    self.assertNotIn(b"<f ", archive.read(name), name)
