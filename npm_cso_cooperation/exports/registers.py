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
    """

    model: str
    columns: tuple
    date_field: str | None = None
    cso_field: str | None = None
    state_field: str | None = None
    domain: tuple = field(default_factory=tuple)
    order: str | None = None


#: The registers, as the wizard offers them (public API: the keys).
REPORT_TYPES = [
    ("partners", "CSOs"),
    ("partnerships", "Partnerships"),
    ("agreements", "Agreements"),
    ("undertakings", "Confidentiality Undertakings"),
    ("visits", "Joint Visits"),
    ("findings", "Visit Findings"),
    ("releases", "Information Releases"),
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
            "company_id",
        ),
        date_field="date_start",
        cso_field="partner_id",
        state_field="state",
    ),
    "agreements": Register(
        model="npm.cso.agreement",
        columns=(
            "name",
            "agreement_type",
            "partnership_id",
            "partner_id",
            "state",
            "date_start",
            "date_end",
        ),
        date_field="date_start",
        cso_field="partner_id",
        state_field="state",
    ),
    # Registers of the confidentiality and visits issues: their models are
    # completed below once they exist (the wizard reports a register whose
    # model is not installed as unavailable).
    "undertakings": Register(
        model="npm.confidentiality.undertaking",
        columns=("partner_id", "scope", "state", "date_signed", "date_expiry"),
        date_field="date_signed",
        cso_field="partner_id.cso_id",
        state_field="state",
    ),
    "visits": Register(
        model="npm.joint.visit",
        columns=("name", "place_id", "partnership_id", "state"),
        date_field="date_start",
        cso_field="partnership_id.partner_id",
        state_field="state",
    ),
    "findings": Register(
        model="npm.visit.finding",
        columns=("visit_id", "name", "sensitivity", "share_with_cso", "is_urgent"),
        date_field="visit_id.date_start",
        cso_field="visit_id.partnership_id.partner_id",
    ),
    "releases": Register(
        model="npm.information.release",
        columns=("partner_id",),
        cso_field="partner_id.cso_id",
    ),
}
