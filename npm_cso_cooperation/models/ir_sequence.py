# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    def _npm_use_no_gap(self):
        """Make these sequences no-gap, keeping their next numbers.

        A standard sequence keeps its next number in PostgreSQL, not in
        ``number_next``: switching it as Odoo does (dropping the PostgreSQL
        sequences) would start it again from its stored, stale number and draw
        references already given. The next numbers (``number_next_actual``,
        read from PostgreSQL) are written back first, per date range too.
        """
        DateRange = self.env["ir.sequence.date_range"]
        for sequence in self.filtered(lambda seq: seq.implementation == "standard"):
            # Searched and read afresh: the cache may miss a range created in
            # this transaction, and keeps next numbers computed before draws.
            date_ranges = DateRange.search([("sequence_id", "=", sequence.id)])
            date_ranges.invalidate_recordset(["number_next_actual"])
            sequence.invalidate_recordset(["date_range_ids", "number_next_actual"])
            ranges = {
                date_range: date_range.number_next_actual for date_range in date_ranges
            }
            sequence.write(
                {
                    "implementation": "no_gap",
                    "number_next": sequence.number_next_actual,
                }
            )
            for date_range, number_next in ranges.items():
                date_range.number_next = number_next
