# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Spreadsheet exports of the registers: what each register holds
(``registers``), how rows are read with the exporting user's rights
(``reader``) and how they are written (``xlsx_writer``)."""
