# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Write one register as one xlsx sheet, safely and in constant memory.

- **No formula injection.** Every text cell goes through ``write_string`` with
  the Text number format (``@``): a value starting with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return is stored as a string cell, never as a
  formula, and stays text when someone edits the cell in Excel later. The
  workbook is also opened with ``strings_to_formulas``/``_numbers``/``_urls``
  off, so even a stray ``write()`` could not turn text into a formula. (Odoo's
  own list export writes strings with ``write()`` and xlsxwriter's defaults, so
  a contact named ``=HYPERLINK(...)`` becomes a live formula there.)
- **Constant memory.** xlsxwriter's ``constant_memory`` mode flushes each row
  to a temporary file as soon as the next one starts: rows must come in order,
  which they do, and memory does not grow with the number of rows.
- Layout: a title row (register, who exported it, when), a row with the
  filters and row count, then a bold, frozen header row with an autofilter;
  column widths follow the content; dates are real Excel dates, shown in the
  date format of the exporting user's language (``excel_date_format``).
"""

import io
import re

import xlsxwriter

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH = 8
MAX_WIDTH = 60
#: column widths follow the content of the first rows only
WIDTH_SAMPLE_ROWS = 1000
WIDTH_BY_KIND = {"date": 12, "datetime": 17, "boolean": 8, "number": 10}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: strftime directives (the formats of Odoo's languages) in Excel's codes
EXCEL_CODES = {
    "d": "dd",
    "e": "d",
    "m": "mm",
    "y": "yy",
    "Y": "yyyy",
    "b": "mmm",
    "B": "mmmm",
    "a": "ddd",
    "A": "dddd",
    "H": "hh",
    "I": "hh",
    "M": "mm",
    "S": "ss",
    "p": "AM/PM",
    "%": "%",
}
STRFTIME_DIRECTIVE = re.compile(r"%([a-zA-Z%])")


def excel_date_format(strftime_format):
    """Excel's number format for a date written with ``strftime_format``
    (a language's ``date_format``/``time_format``, e.g. ``%d/%m/%Y`` →
    ``dd/mm/yyyy``); a directive Excel has no code for is left out."""
    return STRFTIME_DIRECTIVE.sub(
        lambda match: EXCEL_CODES.get(match.group(1), ""), strftime_format
    ).strip()


class XlsxRegisterWriter:
    """Writes rows of plain values under a header, then returns the file.

    :param sheet_name: name of the (only) sheet, e.g. the register's label
    :param title: first row, e.g. "Agreements — exported by … on …"
    :param subtitle: second row, e.g. the filters and the row count
    :param headers: column headers
    :param kinds: per column, ``text``, ``number``, ``date``, ``datetime`` or
        ``boolean``: how its values are written
    :param date_format: Excel's number format for dates (default ISO)
    :param datetime_format: Excel's number format for date and times
    """

    HEADER_ROW = 2
    #: data rows that fit under the header (an xlsx sheet has 1,048,576 rows)
    MAX_ROWS = 1048576 - HEADER_ROW - 1

    def __init__(
        self,
        sheet_name,
        title,
        subtitle,
        headers,
        kinds,
        author=None,
        date_format=DATE_FORMAT,
        datetime_format=DATETIME_FORMAT,
    ):
        if len(headers) != len(kinds):
            raise ValueError("one kind per header")
        self.kinds = list(kinds)
        self.output = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(
            self.output,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.workbook.set_properties({"title": title, "author": author or ""})
        self.formats = {
            "title": self.workbook.add_format({"bold": True, "font_size": 13}),
            "subtitle": self.workbook.add_format({"italic": True}),
            "header": self.workbook.add_format(
                {"bold": True, "bottom": 1, "bg_color": "#E9ECEF", "num_format": "@"}
            ),
            "text": self.workbook.add_format({"num_format": "@"}),
            "date": self.workbook.add_format({"num_format": date_format}),
            "datetime": self.workbook.add_format({"num_format": datetime_format}),
        }
        self.sheet = self.workbook.add_worksheet(self._sheet_name(sheet_name))
        self.sheet.write_string(0, 0, title, self.formats["title"])
        if subtitle:
            self.sheet.write_string(1, 0, subtitle, self.formats["subtitle"])
        for col, header in enumerate(headers):
            self.sheet.write_string(
                self.HEADER_ROW, col, header, self.formats["header"]
            )
        self.widths = [
            max(len(header) + 2, WIDTH_BY_KIND.get(kind, MIN_WIDTH))
            for header, kind in zip(headers, kinds, strict=True)
        ]
        self.row = self.HEADER_ROW
        self.row_count = 0

    @staticmethod
    def _sheet_name(name):
        return SHEET_NAME_FORBIDDEN.sub(" ", name).strip()[:31] or "Register"

    def write_row(self, values):
        """Write the next row; ``None`` leaves a cell empty."""
        self.row += 1
        self.row_count += 1
        sheet = self.sheet
        row = self.row
        text_format = self.formats["text"]
        widths = self.widths
        sample = self.row_count <= WIDTH_SAMPLE_ROWS
        for col, (value, kind) in enumerate(zip(values, self.kinds, strict=True)):
            if value is None:
                continue
            if kind == "text":
                text = value if isinstance(value, str) else str(value)
                if not text:
                    continue
                # write_string: never a formula, whatever the first character.
                sheet.write_string(row, col, text, text_format)
                if sample and len(text) + 2 > widths[col]:
                    longest = max(text.splitlines() or [""], key=len)
                    widths[col] = max(widths[col], min(len(longest) + 2, MAX_WIDTH))
            elif kind in ("date", "datetime"):
                sheet.write_datetime(row, col, value, self.formats[kind])
            elif kind == "number":
                sheet.write_number(row, col, value)
            elif kind == "boolean":
                sheet.write_boolean(row, col, bool(value))
            else:
                raise ValueError(f"unknown column kind {kind!r}")

    def close(self):
        """Finish the sheet (widths, frozen header, autofilter) and return the
        xlsx file as bytes."""
        last_col = max(len(self.kinds) - 1, 0)
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, width)
        self.sheet.freeze_panes(self.HEADER_ROW + 1, 0)
        self.sheet.autofilter(self.HEADER_ROW, 0, self.row, last_col)
        self.sheet.repeat_rows(self.HEADER_ROW)
        self.sheet.set_landscape()
        self.sheet.fit_to_pages(1, 0)
        self.workbook.close()
        content = self.output.getvalue()
        self.output.close()  # free the buffer: only the returned copy remains
        return content
