# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Spreadsheet exports of the registers: what each register holds
(``registers``), which rows the chosen filters select (``filters``), how rows
are read with the exporting user's rights, in their time zone (``reader``) and
how they are written (``xlsx_writer``)."""
