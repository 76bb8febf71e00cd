# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Read a register's rows with the exporting user's own rights.

Nothing here uses ``sudo()``: rows come from a ``search`` in the user's
environment (access rights and record rules apply), columns whose field is
restricted at field level (``groups=``) and that the user may not read are
left out, and names of linked records the user may not read are not written.
Rows are read in chunks and the cache is emptied after each one, so memory
stays flat however long the register is.
"""

import html
import re
from dataclasses import dataclass

import pytz

from .registers import Register

#: Field types written as numbers, dates, booleans; everything else is text.
KIND_BY_TYPE = {
    "integer": "number",
    "float": "number",
    "monetary": "number",
    "date": "date",
    "datetime": "datetime",
    "boolean": "boolean",
}
HTML_BREAK = re.compile(
    r"<\s*(?:br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>", re.IGNORECASE
)
HTML_TAG = re.compile(r"<[^>]*>")
BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(value):
    """Plain text of an HTML field: line breaks kept, tags dropped, entities
    decoded. A light version of ``html2plaintext`` (which parses the HTML with
    lxml), fast enough for tens of thousands of rows."""
    text = html.unescape(HTML_TAG.sub("", HTML_BREAK.sub("\n", value)))
    return BLANK_LINES.sub("\n", text).strip() or None


def user_tz(env):
    """The time zone the exporting user reads dates in: the context's, else
    the user's own, else UTC (also for a name pytz does not know)."""
    tz_name = env.context.get("tz") or env.user.tz or "UTC"
    try:
        return pytz.timezone(tz_name)
    except pytz.UnknownTimeZoneError:
        return pytz.utc


def walk_path(env, model_name, path):
    """Yield ``(model, field)`` for each name of a field path of
    ``model_name`` such as ``visit_id.date_start``, following relational
    fields to their comodel. A name the model lacks, or a path going on
    past a field that links to no model, is a ValueError."""
    model = env[model_name]
    names = path.split(".")
    for position, name in enumerate(names):
        field = model._fields.get(name)
        if field is None:
            raise ValueError(f"{model._name} has no field {name!r}")
        yield model, field
        if position < len(names) - 1:
            if not field.relational:
                raise ValueError(f"{model._name}.{name} links to no model")
            model = env[field.comodel_name]


def path_field(env, model_name, path):
    """The last field of a field path (see ``walk_path``)."""
    *_, (_model, field) = walk_path(env, model_name, path)
    return field


def field_path_label(env, model_name, path):
    """The label, in the user's language, of the last field of a path."""
    return path_field(env, model_name, path)._description_string(env)


@dataclass
class Column:
    """A column the exporting user may read."""

    path: str
    header: str
    kind: str  # text, number, date, datetime or boolean
    hops: tuple  # many2one fields walked before the last field
    field: object  # the last field of the path


class RegisterReader:
    """Columns and rows of one register, as the environment's user sees them."""

    chunk_size = 1000

    def __init__(self, env, register: Register):
        self.env = env
        self.register = register
        self.model = env[register.model]
        self.columns = []
        self.omitted = []
        for spec in register.columns:
            path, header = spec if isinstance(spec, tuple) else (spec, None)
            column = self._resolve(path, header)
            if column:
                self.columns.append(column)
            else:
                self.omitted.append(path)
        self.tz = user_tz(env)

    # ------------------------------------------------------------------
    # Columns
    # ------------------------------------------------------------------
    def _resolve(self, path, header):
        """The column for ``path``, or None when the user may not read it:
        a field restricted by ``groups=`` they lack, or a linked model they
        have no read access to."""
        try:
            steps = list(walk_path(self.env, self.model._name, path))
        except ValueError as error:
            raise ValueError(
                f"Register of {self.model._name} declares column {path!r}, but {error}."
            ) from None
        hops = []
        for position, (model, field) in enumerate(steps):
            if not field.is_accessible(self.env):
                return None
            if field.relational and not self.env[field.comodel_name].has_access("read"):
                return None
            if position < len(steps) - 1:
                if field.type != "many2one":
                    raise ValueError(
                        f"Column {path!r}: only many2one fields can be walked, "
                        f"{model._name}.{field.name} is a {field.type}."
                    )
                hops.append(field)
        if header is None:
            header = field._description_string(self.env)
        elif not isinstance(header, str):
            header = header._translate(self.env.lang or "en_US")  # lazy _lt()
        return Column(
            path=path,
            header=header,
            kind=KIND_BY_TYPE.get(field.type, "text"),
            hops=tuple(hops),
            field=field,
        )

    @property
    def headers(self):
        return [column.header for column in self.columns]

    @property
    def kinds(self):
        return [column.kind for column in self.columns]

    def omitted_headers(self):
        """Labels of the declared columns left out for this user."""
        return [
            field_path_label(self.env, self.model._name, path) for path in self.omitted
        ]

    # ------------------------------------------------------------------
    # Rows
    # ------------------------------------------------------------------
    def search_ids(self, domain):
        """Ids of the rows, searched with the user's rights (record rules)."""
        return self.model.search(domain, order=self.register.order or None).ids

    def rows(self, ids):
        """Yield one list of plain values (str, number, date, datetime, bool or
        None) per row, in the order of ``ids``."""
        direct = [
            column.path
            for column in self.columns
            if not column.hops and column.field.store
        ]
        for start in range(0, len(ids), self.chunk_size):
            records = self.model.browse(ids[start : start + self.chunk_size])
            if direct:
                records.fetch(direct)
            values = [self._column_values(records, column) for column in self.columns]
            yield from zip(*values, strict=True)
            # Keep memory flat: forget what this chunk loaded.
            self.env.invalidate_all()

    def _column_values(self, records, column):
        """The values of ``column`` for each of ``records``, in order."""
        current = list(records)
        for hop in column.hops:
            targets = [record[hop.name] if record else None for record in current]
            readable = self._readable(targets, hop.comodel_name)
            current = [
                target if target and target.id in readable else None
                for target in targets
            ]
        field = column.field
        raw = [record[field.name] if record else None for record in current]
        return self._convert(field, raw)

    def _readable(self, recordsets, model_name):
        """Ids among ``recordsets`` the user may read."""
        ids = {
            record_id for records in recordsets if records for record_id in records.ids
        }
        if not ids:
            return set()
        return set(self.env[model_name].browse(ids)._filtered_access("read").ids)

    def _names(self, recordsets, model_name):
        """Display names of the records the user may read, by id."""
        readable = self._readable(recordsets, model_name)
        return {
            record.id: record.display_name
            for record in self.env[model_name].browse(list(readable))
        }

    def _convert(self, field, raw):
        kind = KIND_BY_TYPE.get(field.type, "text")
        if field.type in ("many2one", "many2many", "one2many"):
            names = self._names(raw, field.comodel_name)
            return [
                "; ".join(names[i] for i in value.ids if i in names) or None
                if value
                else None
                for value in raw
            ]
        if field.type == "reference":
            return self._convert_reference(raw)
        if field.type == "selection":
            labels = dict(field._description_selection(self.env))
            return [labels.get(value, value) if value else None for value in raw]
        if field.type == "html":
            return [html_to_text(value) if value else None for value in raw]
        if kind == "datetime":
            return [
                pytz.utc.localize(value).astimezone(self.tz).replace(tzinfo=None)
                if value
                else None
                for value in raw
            ]
        if kind == "boolean":
            return [bool(value) for value in raw]
        if kind == "number":
            return [value if value is not False else None for value in raw]
        # char, text, date and whatever else: False means empty
        return [value if value not in (False, None, "") else None for value in raw]

    def _convert_reference(self, raw):
        by_model = {}
        for value in raw:
            if value:
                by_model.setdefault(value._name, []).append(value)
        names = {}
        for model_name, values in by_model.items():
            for record_id, name in self._names(values, model_name).items():
                names[model_name, record_id] = name
        return [names.get((value._name, value.id)) if value else None for value in raw]
