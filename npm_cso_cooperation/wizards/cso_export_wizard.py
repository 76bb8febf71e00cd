# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import base64
import hashlib
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_date, format_datetime

from ..exports.filters import export_domain
from ..exports.reader import RegisterReader, field_path_label
from ..exports.registers import REGISTERS
from ..exports.xlsx_writer import XlsxRegisterWriter, excel_date_format
from ..groups import GROUP_CONFIDENTIAL, GROUP_OFFICER
from ..tools import check_date_order

_logger = logging.getLogger(__name__)

#: The mimetype of the file, given to the download so that Odoo does not
#: guess it from the file's first bytes (its guess opens them as a zip file
#: and logs a warning when the archive is cut short).
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NpmCsoExportWizard(models.TransientModel):
    """Export one register to a spreadsheet, with the user's own rights.

    Which model, columns and filter fields each register uses is declared in
    ``exports/registers.py``; the rows the filters select
    (``exports/filters.py``), reading (``exports/reader.py``) and writing
    (``exports/xlsx_writer.py``) are generic. The wizard is the form, its
    checks and wording, and the button. Every export is logged in
    ``npm.cso.export.log``, and so is every attempt refused for lack of
    access. Only the registers the user may export are offered, and the
    state filter offers only the states of the chosen register.
    """

    _name = "npm.cso.export.wizard"
    _description = "Export NPM registers to a spreadsheet"

    # The registers this user may export; any key is still accepted (and
    # refused, logged, by action_export if the user may not read it).
    report_type = fields.Selection(
        selection="_selection_report_type",
        string="Register",
        required=True,
        default="partners",
    )
    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    partner_id = fields.Many2one(
        "res.partner", string="CSO", domain=[("is_cso", "=", True)]
    )
    state = fields.Selection(
        selection="_selection_state",
        help="Only rows in this state. The states offered depend on the "
        "register: pick one the chosen register has.",
    )
    has_date_filter = fields.Boolean(compute="_compute_filters")
    has_cso_filter = fields.Boolean(compute="_compute_filters")
    has_state_filter = fields.Boolean(compute="_compute_filters")
    # the states of the chosen register: the values the form's state filter
    # offers (widget filterable_selection)
    state_options = fields.Json(compute="_compute_filters")
    date_filter_label = fields.Char(
        compute="_compute_filters",
        string="Date Filter Applies To",
        help="The date of each row that the date range is compared with.",
    )
    # The file: kept in the wizard's own table (not the filestore) and
    # readable by its creator only (record rule), until the wizard is vacuumed.
    data = fields.Binary(string="File", readonly=True, attachment=False)
    filename = fields.Char(readonly=True)
    row_count = fields.Integer(string="Rows Exported", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    # Cleared staff only (field groups, and refused in create/write/export
    # for anyone else, RPC included); recorded in the export log.
    include_identities = fields.Boolean(
        groups=GROUP_CONFIDENTIAL,
        help="Write the identity of each person met next to their pseudonym "
        "(e.g. JV/2026/0001-P01 (identity)). The export log records it.",
    )
    names_persons = fields.Boolean(compute="_compute_filters")

    @api.model
    def _selection_report_type(self):
        """The registers the current user may export (read access to the
        register's model, in their own rights), labelled in their language."""
        labels = self._report_type_labels()
        env = self.env(su=False)
        if not env.user.has_group(GROUP_OFFICER):
            return []  # the wizard is for NPM staff only
        return [
            (key, labels.get(key, key))
            for key, register in self._get_registers().items()
            if register.model in env and env[register.model].has_access("read")
        ]

    @api.model
    def _report_type_labels(self):
        """Every register's label, translated (the export log's selection,
        which lists them all)."""
        field = self.env["npm.cso.export.log"]._fields["report_type"]
        return dict(field._description_selection(self.env))

    @api.model
    def _selection_state(self):
        """States of every register, in register order, each value once."""
        seen = {}
        for register in self._get_registers().values():
            if not register.state_field or register.model not in self.env:
                continue
            field = self.env[register.model]._fields[register.state_field]
            for value, label in field._description_selection(self.env):
                seen.setdefault(value, label)
        return list(seen.items())

    @api.depends("report_type")
    def _compute_filters(self):
        registers = self._get_registers()
        for wizard in self:
            register = registers.get(wizard.report_type)
            available = bool(register) and register.model in self.env
            wizard.has_date_filter = available and bool(register.date_field)
            wizard.has_cso_filter = available and bool(register.cso_field)
            wizard.has_state_filter = available and bool(register.state_field)
            wizard.names_persons = available and register.names_persons
            wizard.state_options = list(wizard._register_states())
            wizard.date_filter_label = (
                field_path_label(self.env, register.model, register.date_field)
                if wizard.has_date_filter
                else False
            )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        check_date_order(
            self,
            lambda wizard: self.env._(
                "The date range ends (%(end)s) before it starts "
                "(%(start)s): swap the two dates or clear one of them.",
                start=format_date(self.env, wizard.date_from),
                end=format_date(self.env, wizard.date_to),
            ),
            start="date_from",
            end="date_to",
        )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("include_identities") for vals in vals_list):
            self._check_may_include_identities()
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("include_identities"):
            self._check_may_include_identities()
        return super().write(vals)

    def _check_may_include_identities(self):
        """Only cleared officers and managers may export identities (the
        real user, whatever sudo() the caller used)."""
        if not self.env.user.has_group(GROUP_CONFIDENTIAL):
            raise AccessError(
                self.env._(
                    "Only cleared officers and NPM managers may export the "
                    "identities of persons met."
                )
            )

    def _includes_identities(self, register):
        """Whether this export writes identities: asked for (and allowed) on
        a register that names persons met."""
        # sudo: the wizard's own flag, readable by its creator only
        return bool(register.names_persons and self.sudo().include_identities)

    @api.onchange("report_type")
    def _onchange_report_type(self):
        if self.state and self.state not in self._register_states():
            self.state = False

    # ------------------------------------------------------------------
    # Action
    # ------------------------------------------------------------------
    def action_export(self):
        """Write the chosen register, as this user may read it, into ``data``
        and offer it for download. The export is logged."""
        self.ensure_one()
        if not self.env.context.get("lang") and self.env.user.lang:
            # The file speaks its author's language, also when the call
            # carries none (RPC, server code): titles as well as headers.
            return self.with_context(lang=self.env.user.lang).action_export()
        register = self._get_register()
        identities = self._includes_identities(register)
        if identities:
            self._check_may_include_identities()
        # The user's own rights, even if the caller used sudo(): the file may
        # hold only what its author may read.
        env = self.env(
            su=False,
            context=dict(self._export_context(), npm_include_identities=identities),
        )
        try:
            reader = self._get_reader(env, register)
        except AccessError:
            self._log_refusal()
            raise
        ids = reader.search_ids(self._get_export_domain(register))
        if len(ids) > XlsxRegisterWriter.MAX_ROWS:
            raise UserError(
                self.env._(
                    "%(count)s rows are too many for one spreadsheet: narrow the "
                    "date range or choose a CSO.",
                    count=len(ids),
                )
            )
        now = fields.Datetime.now()
        filters = self._filters_description()
        content = self._write_xlsx(reader, ids, filters, now, identities)
        filename = "{}_{}.xlsx".format(
            self.report_type,
            fields.Datetime.context_timestamp(env.user, now).strftime("%Y-%m-%d_%H%M"),
        )
        self.write(
            {
                "data": base64.b64encode(content),
                "filename": filename,
                "row_count": len(ids),
            }
        )
        self._log_export(
            filters=filters,
            columns=reader.headers,
            filename=filename,
            sha256=hashlib.sha256(content).hexdigest(),
            identities=identities,
        )
        self._log_access(env[register.model].browse(ids), reader, identities)
        return {
            "type": "ir.actions.act_url",
            "target": "download",
            "url": f"/web/content?model={self._name}&id={self.id}&field=data"
            f"&filename_field=filename&download=true&mimetype={XLSX_MIMETYPE}",
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _get_registers(self):
        """The exportable registers by report type (extend to add one)."""
        return dict(REGISTERS)

    def _get_register(self):
        register = self._get_registers().get(self.report_type)
        if not register or register.model not in self.env:
            raise UserError(
                self.env._(
                    "The %(register)s register is not available in this database "
                    "yet (its model %(model)s is not installed).",
                    register=self._register_label(),
                    model=register.model if register else self.report_type,
                )
            )
        return register

    def _get_reader(self, env, register):
        """The register's reader in ``env``, refusing a user who may read
        neither the register nor any of its columns."""
        if not env[register.model].has_access("read"):
            raise AccessError(
                self.env._(
                    "You cannot export the %(register)s register: your role does "
                    "not give you access to it. Ask an NPM manager.",
                    register=self._register_label(),
                )
            )
        reader = RegisterReader(env, register)
        if not reader.columns:
            raise AccessError(
                self.env._(
                    "You may read none of the columns of the %(register)s register.",
                    register=self._register_label(),
                )
            )
        return reader

    def _write_xlsx(self, reader, ids, filters, now, identities=False):
        """The xlsx file of rows ``ids``: title, filters, header, rows."""
        tz = reader.tz.zone
        subtitle = self.env._(
            "Filters: %(filters)s. Rows: %(count)s. Confidential NPM material: "
            "handle and share under the NPM's confidentiality rules.",
            filters=filters,
            count=len(ids),
        )
        if identities:
            subtitle += " " + self.env._(
                "Identities of persons met included: strictly confidential."
            )
        omitted = reader.omitted_headers()
        if omitted:
            subtitle += " " + self.env._(
                "Columns you may not read were left out: %(columns)s.",
                columns=", ".join(omitted),
            )
        writer = XlsxRegisterWriter(
            sheet_name=self._register_label(),
            title=self.env._(
                "%(register)s — exported by %(user)s on %(when)s (%(tz)s)",
                register=self._register_label(),
                user=self.env.user.name,
                when=format_datetime(reader.env, now, tz=tz, dt_format="medium"),
                tz=tz,
            ),
            subtitle=subtitle,
            headers=reader.headers,
            kinds=reader.kinds,
            author=self.env.user.name,
            **self._xlsx_date_formats(reader.env),
        )
        for row in reader.rows(ids):
            writer.write_row(row)
        return writer.close()

    def _xlsx_date_formats(self, env):
        """The date formats of the exporting user's language, in Excel's
        codes: the cells stay real dates, shown as the user reads dates."""
        lang = self.env["res.lang"]._get_data(code=env.lang or "en_US")
        if not lang.date_format:
            return {}
        date_format = excel_date_format(lang.date_format)
        time_format = excel_date_format(lang.time_format or "%H:%M")
        return {
            "date_format": date_format,
            "datetime_format": f"{date_format} {time_format}",
        }

    def _register_label(self):
        return self._report_type_labels().get(self.report_type, self.report_type)

    def _register_states(self):
        register = self._get_registers().get(self.report_type)
        if not register or not register.state_field or register.model not in self.env:
            return {}
        field = self.env[register.model]._fields[register.state_field]
        return dict(field._description_selection(self.env))

    def _export_context(self):
        context = dict(self.env.context)
        context.setdefault("lang", self.env.user.lang)
        context.setdefault("tz", self.env.user.tz)
        # never from the caller: only the wizard's checked, logged flag
        context.pop("npm_include_identities", None)
        return context

    def _get_export_domain(self, register):
        """The register's own domain plus the wizard's filters."""
        if self.state:
            states = self._register_states()
            if self.state not in states:
                raise UserError(
                    self.env._(
                        "The %(register)s register has no state “%(state)s”. "
                        "Choose one of: %(states)s.",
                        register=self._register_label(),
                        state=dict(self._selection_state()).get(self.state, self.state),
                        states=", ".join(states.values()) or self.env._("none"),
                    )
                )
        return export_domain(
            self.env,
            register,
            partner=self.partner_id,
            date_from=self.date_from,
            date_to=self.date_to,
            state=self.state,
        )

    def _filters_description(self):
        """The filters, in words, for the file's second row and the log."""
        parts = []
        if self.partner_id:
            parts.append(self.env._("CSO: %(cso)s", cso=self.partner_id.display_name))
        if self.date_from or self.date_to:
            parts.append(
                self.env._(
                    "%(field)s from %(start)s to %(end)s",
                    field=self.date_filter_label or self.env._("Date"),
                    start=format_date(self.env, self.date_from)
                    if self.date_from
                    else "…",
                    end=format_date(self.env, self.date_to) if self.date_to else "…",
                )
            )
        if self.state:
            parts.append(
                self.env._(
                    "State: %(state)s",
                    state=self._register_states().get(self.state, self.state),
                )
            )
        return "; ".join(parts) or self.env._("none")

    def _log_export(self, filters, columns, filename, sha256, identities=False):
        # sudo() is safe here: officers may not read or write the export log
        # (it is the managers' trail of what left Odoo), yet every export must
        # add its line. The values are those of the export just made by this
        # user, not free input, and the log refuses any change or deletion.
        return (
            self.env["npm.cso.export.log"]
            .sudo()
            .create(
                {
                    "user_id": self.env.user.id,
                    "company_id": self.env.company.id,
                    "report_type": self.report_type,
                    "row_count": self.row_count,
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                    "partner_id": self.partner_id.id,
                    "state_filter": self.state or False,
                    "filters": filters,
                    "columns": ", ".join(columns),
                    "filename": filename,
                    "file_sha256": sha256,
                    "included_identities": identities,
                }
            )
        )

    def _log_access(self, records, reader, identities=False):
        """The strictly confidential rows of the file, and the identities of
        the persons it names, in the access log (one line each)."""
        if not hasattr(records, "_npm_log_access"):
            return
        records._npm_log_access(
            "export", {column.path.split(".")[0] for column in reader.columns}
        )
        if identities and "person_ids" in records._fields:
            records.person_ids._npm_log_access("export", {"identity"})

    def _log_refusal(self):
        """Log an export refused for lack of access: who, which register,
        when, and that it was refused; nothing of the register's data.

        The refusal rolls the transaction back, and the line with it: if it
        does, the line is written again in a transaction of its own."""
        vals = {
            "user_id": self.env.user.id,
            "company_id": self.env.company.id,
            "report_type": self.report_type,
            "outcome": "refused",
            "row_count": 0,
        }
        # sudo() is safe here, as in _log_export: the line says only who was
        # refused which register, and the log refuses any change or deletion.
        self.env["npm.cso.export.log"].sudo().create(vals)
        registry = self.env.registry

        def persist():
            try:
                with registry.cursor() as cr:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    # a user created in the rolled back transaction is gone
                    # with it: nothing left to log about
                    if env["res.users"].browse(vals["user_id"]).exists():
                        env["npm.cso.export.log"].create(vals)
            except Exception:
                _logger.exception("Could not log a refused register export")

        self.env.cr.postrollback.add(persist)
