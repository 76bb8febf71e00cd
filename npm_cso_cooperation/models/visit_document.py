# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

from ..groups import GROUP_OFFICER
from ..tools import selection_label

DOCUMENT_TYPES = [
    ("visit_report", "Visit Report"),
    ("interview_notes", "Interview Notes"),
    ("photograph", "Photograph"),
    ("checklist", "Checklist"),
    ("register_extract", "Extract of a Register"),
    ("correspondence", "Correspondence"),
    ("other", "Other"),
]


class NpmVisitDocument(models.Model):
    """A file the NPM holds about a joint visit: notes, photographs, reports.

    Like a finding, it carries a ``sensitivity`` that decides which NPM staff
    read it, and it may be shared with the covered CSO members of the visit
    (written in the information release register). The file is an attachment
    of this record, so it is read exactly by those who read the record; once
    the document was released, its file can no longer be replaced.
    """

    _name = "npm.visit.document"
    _description = "Joint Visit Document"
    _inherit = [
        "npm.cso.shareable.mixin",
        "npm.portal.readable.mixin",
        "npm.access.logged.mixin",
        "npm.retention.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "id desc"
    # What the portal shows of a shared document, and its file.
    _portal_readable_fields = (
        "name",
        "document_type",
        "document_date",
        "description",
        "file",
        "file_name",
        "visit_id",
        "is_portal_readable",
    )
    _check_company_auto = True

    # What the CSO was given must stay what the register refers to.
    _lifecycle_frozen = ((("file", "file_name", "visit_id"), "_is_released"),)
    # What an anonymisation removes: the file, its name and the description;
    # title, type, date and visit stay.
    _retention_anonymise_fields = ("file", "file_name", "description")

    name = fields.Char(string="Title", required=True, tracking=True)
    document_type = fields.Selection(
        DOCUMENT_TYPES,
        string="Type",
        required=True,
        default="other",
        index=True,
        tracking=True,
    )
    document_date = fields.Date(
        string="Date",
        default=fields.Date.context_today,
        help="When the document was written, taken or received.",
    )
    file = fields.Binary(
        required=True,
        attachment=True,
        help="Stored as an attachment of this document: only those who may "
        "read the document may open it.",
    )
    file_name = fields.Char()
    description = fields.Text()
    # The persons met whom it concerns (see npm.visit.finding.person_ids).
    person_ids = fields.Many2many(
        "npm.visit.person",
        "npm_visit_document_person_rel",
        "document_id",
        "person_id",
        string="Persons Concerned",
        groups=GROUP_OFFICER,
        help="Persons met on the visit whom this concerns or quotes. It is "
        "shared with the CSO only if each of them consented to it.",
    )

    def _is_released(self):
        self.ensure_one()
        return bool(self._get_released())

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        return self.env._(
            "“%(name)s” was shared with the CSO: the information release register "
            "refers to this file, so it cannot be replaced or moved to another "
            "visit. Add the new version as a new document.",
            name=self.name,
        )

    @api.onchange("file_name")
    def _onchange_file_name(self):
        if self.file_name and not self.name:
            self.name = self.file_name.rsplit(".", 1)[0]

    def _npm_access_logged(self, fnames=None):
        # every read of a strictly confidential document is logged
        return self.filtered(lambda r: r.sensitivity == "strictly_confidential")

    def _release_description(self):
        return self.env._(
            "Document “%(name)s” (%(type)s, %(sensitivity)s) shared with the CSO.",
            name=self.name,
            type=selection_label(self, "document_type"),
            sensitivity=self._sensitivity_label(),
        )
