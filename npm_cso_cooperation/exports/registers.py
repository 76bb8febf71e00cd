# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The registers an NPM officer can export, declared in one place.

Each register says which model it reads, which columns it writes (field names
on that model, or paths through many2one fields such as ``visit_id.place_id``),
and which field the wizard's date range, CSO and state filters apply to. The
reader and the writer are generic: adding a register, or a column, is a change
to this file only. Column headers are the fields' own labels, translated into
the exporting user's language, unless a column gives its own header.
"""

from dataclasses import dataclass, field

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


@dataclass(frozen=True)
class Register:
    """One exportable register.

    :param model: the model read, with the exporting user's rights
    :param columns: field names or many2one paths, in sheet order; a
        ``(path, header)`` pair gives the column a header of its own
    :param date_field: field (or path) the date range applies to
    :param cso_field: field (or path) holding the CSO, for the CSO filter
    :param state_field: selection field (on ``model``) for the state filter
    :param domain: rows every export of this register is limited to
    :param order: sort order of the rows (the model's own order if empty)
    :param names_persons: the register names persons met (by their
        pseudonyms); cleared staff may ask for their identities too
    """

    model: str
    columns: tuple
    date_field: str | None = None
    cso_field: str | None = None
    state_field: str | None = None
    domain: tuple = field(default_factory=tuple)
    order: str | None = None
    names_persons: bool = False


#: The registers, as the wizard offers them (public API: the keys).
REPORT_TYPES = [
    ("partners", "CSOs"),
    ("partnerships", "Partnerships"),
    ("agreements", "Agreements"),
    ("undertakings", "Confidentiality Undertakings"),
    ("visits", "Joint Visits"),
    ("findings", "Visit Findings"),
    ("releases", "Information Releases"),
    ("recommendations", "Recommendations"),
]

REGISTERS = {
    # The CSO registry: organisations only, their people are contacts of them.
    "partners": Register(
        model="res.partner",
        columns=(
            "name",
            "cso_type",
            "cso_expertise_ids",
            "email",
            "phone",
            "street",
            "city",
            "country_id",
            "website",
            "cso_mandate",
            "create_date",
        ),
        date_field="create_date",
        cso_field="id",
        domain=(("is_cso", "=", True),),
        order="name, id",
    ),
    "partnerships": Register(
        model="npm.cso.partnership",
        columns=(
            "name",
            "partner_id",
            "user_id",
            "state",
            "date_start",
            "date_end",
            "is_safeguarded",
            "agreement_count",
            "company_id",
        ),
        date_field="date_start",
        cso_field="partner_id",
        state_field="state",
    ),
    "agreements": Register(
        model="npm.cso.agreement",
        columns=(
            "reference",
            "name",
            "agreement_type",
            "version",
            "partnership_id",
            "partner_id",
            "user_id",
            "state",
            "date_start",
            "date_end",
            "submitted_by_id",
            "approved_by_id",
            "approved_on",
            "date_signed",
            "rejection_reason",
            "terminated_on",
        ),
        date_field="date_start",
        cso_field="partner_id",
        state_field="state",
    ),
    "undertakings": Register(
        model="npm.confidentiality.undertaking",
        columns=(
            "name",
            "partner_id",
            "cso_id",
            "scope",
            "visit_id",
            "agreement_id",
            "state",
            "date_signed",
            "date_expiry",
            "is_valid",
            "revoked_on",
            "revoke_reason",
        ),
        date_field="date_signed",
        cso_field="cso_id",
        state_field="state",
    ),
    "visits": Register(
        model="npm.joint.visit",
        columns=(
            "name",
            "place_id",
            "place_type",
            "partnership_id",
            "cso_id",
            "user_id",
            "head_partner_id",
            "date_start",
            "date_end",
            "state",
            "terms_agreed_on",
            # counted with the exporting user's rights
            ("finding_count", _lt("Findings")),
            ("urgent_finding_count", _lt("Urgent Findings")),
            "note",
        ),
        date_field="date_start",
        cso_field="cso_id",
        state_field="state",
    ),
    # Strictly confidential findings are left out for officers by the record
    # rules; the reprisal-risk notes by their field group (cleared staff
    # only). Persons concerned are named by their pseudonyms.
    "findings": Register(
        model="npm.visit.finding",
        columns=(
            "visit_id",
            # the visit's own field, not the finding's related ``visit_date``:
            # same value, read once per visit instead of computed per finding
            ("visit_id.date_start", _lt("Visit Date")),
            "place_id",
            "cso_id",
            "name",
            "sensitivity",
            "share_with_cso",
            "is_urgent",
            "urgent_state",
            "urgent_user_id",
            "urgent_deadline",
            "urgent_action_taken",
            "description",
            # the persons concerned by their pseudonyms; their identities only
            # when cleared staff tick "Include identities" (logged)
            "person_ids",
            "reprisal_risk_notes",
        ),
        date_field="visit_id.date_start",
        cso_field="cso_id",
        state_field="urgent_state",
        order="visit_id, id",
        names_persons=True,
    ),
    "releases": Register(
        model="npm.information.release",
        columns=(
            "date",
            "release_type",
            "record_name",
            "partner_id",
            "cso_id",
            "released_by_id",
            "visit_id",
            "agreement_id",
            "description",
        ),
        date_field="date",
        cso_field="cso_id",
    ),
    # Strictly confidential recommendations are left out for officers by the
    # record rules; follow-ups are counted with the exporting user's rights.
    "recommendations": Register(
        model="npm.recommendation",
        columns=(
            "name",
            "date_issued",
            "place_id",
            "authority_id",
            "visit_id",
            "report_reference",
            "theme_ids",
            "text",
            "priority",
            "due_date",
            "state",
            "authority_response",
            "authority_response_date",
            "implementation_status",
            "is_repeated",
            "repeated_from_id",
            "sensitivity",
            "share_with_cso",
            "partnership_ids",
            "user_id",
            ("followup_count", _lt("Follow-ups")),
            ("last_followup_date", _lt("Last Follow-up")),
        ),
        date_field="date_issued",
        cso_field="partnership_ids.partner_id",
        state_field="implementation_status",
        order="date_issued desc, id desc",
    ),
}
