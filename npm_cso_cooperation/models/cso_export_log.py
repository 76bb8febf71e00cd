# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models

from ..exports.registers import REPORT_TYPES


class NpmCsoExportLog(models.Model):
    """One line per spreadsheet export of a register.

    Exported files leave Odoo's protection, so their trail stays: who exported
    which register, how many rows, with which filters and columns, when, and
    the SHA-256 of the file (to recognise a file found elsewhere); and every
    attempt refused for lack of access (who, which register, when). Lines are
    written by the export wizard only and can never be changed or deleted;
    NPM managers list them, officers have no access (see the access file).
    """

    _name = "npm.cso.export.log"
    _description = "Register Export Log"
    _inherit = ["npm.lifecycle.mixin"]
    _lifecycle_append_only = True
    _order = "id desc"
    _rec_name = "filename"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        string="Exported By",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    report_type = fields.Selection(
        REPORT_TYPES,
        string="Register",
        required=True,
        readonly=True,
        index=True,
    )
    outcome = fields.Selection(
        [("exported", "Exported"), ("refused", "Refused")],
        required=True,
        readonly=True,
        default="exported",
        index=True,
        help="Refused: the user asked for a register their role does not let "
        "them export; nothing was written.",
    )
    row_count = fields.Integer(string="Rows", readonly=True)
    date_from = fields.Date(string="Filter From", readonly=True)
    date_to = fields.Date(string="Filter To", readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="CSO Filter",
        readonly=True,
        index=True,
        ondelete="set null",
    )
    state_filter = fields.Char(readonly=True)
    filters = fields.Text(string="Filters Applied", readonly=True)
    columns = fields.Text(string="Columns Exported", readonly=True)
    filename = fields.Char(string="File Name", readonly=True)
    included_identities = fields.Boolean(
        readonly=True,
        help="The exporting user (cleared staff) asked for the identities of "
        "the persons met next to their pseudonyms.",
    )
    file_sha256 = fields.Char(
        string="File SHA-256",
        readonly=True,
        help="Fingerprint of the exported file: a file found elsewhere can be "
        "matched to this line.",
    )

    def _lifecycle_append_only_message(self, operation):
        if operation == "unlink":
            return self.env._(
                "Export log lines cannot be deleted: they are the trail of what "
                "left Odoo in spreadsheets."
            )
        return self.env._(
            "The export log cannot be changed: it is the trail of what left Odoo "
            "in spreadsheets."
        )
