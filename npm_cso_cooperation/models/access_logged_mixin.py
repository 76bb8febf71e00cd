# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models


class NpmAccessLoggedMixin(models.AbstractModel):
    """Strictly confidential material whose every read is logged.

    A model inheriting it says which of its records a call exposes
    (``_npm_access_logged``: a strictly confidential finding or document,
    the identity of a person met, every allegation of reprisals); each read
    over RPC (``read``, and so the web client's ``web_read`` of a form and
    ``web_search_read`` of a list, and ``search_read``), each list export
    (``export_data``), file download (ir.binary) and register export (the
    export wizard) adds ONE line to ``npm.access.log`` with the ids it
    exposed, however many records (a list is one line, not one per row).

    Reads as the superuser are the application's own (crons, computations)
    and are not logged. The methods the web client may call on a read-only
    cursor are redefined here without ``@api.readonly``: they write the log
    line, so they run in a read/write transaction.
    """

    _name = "npm.access.logged.mixin"
    _description = "Reads Logged in the Access Log"

    def _npm_access_logged(self, fnames=None):
        """The records of ``self`` whose read of ``fnames`` is logged
        (``None``: every field the user may read)."""
        return self

    def _npm_log_access(self, action, fnames=None):
        if self.env.su or not self:
            return
        # sudo: whether the read is logged depends on the records, not on
        # what this user may read of them (a download reads no sensitivity);
        # nothing of it is returned.
        records = self.sudo()._npm_access_logged(fnames)
        if records:
            self.env["npm.access.log"]._npm_log(
                records.with_env(self.env), action, fnames
            )

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        if result:
            self.browse([values["id"] for values in result])._npm_log_access(
                "read", fields
            )
        return result

    @api.model
    def search_read(
        self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs
    ):
        result = super().search_read(
            domain=domain,
            fields=fields,
            offset=offset,
            limit=limit,
            order=order,
            **read_kwargs,
        )
        if result:
            self.browse([values["id"] for values in result])._npm_log_access(
                "read", fields
            )
        return result

    # (no @api.readonly: they write the log line through read())
    def web_read(self, specification):
        return super().web_read(specification)

    @api.model
    def web_search_read(
        self, domain, specification, offset=0, limit=None, order=None, count_limit=None
    ):
        return super().web_search_read(
            domain,
            specification,
            offset=offset,
            limit=limit,
            order=order,
            count_limit=count_limit,
        )

    def export_data(self, fields_to_export):
        result = super().export_data(fields_to_export)
        # the fields of the model itself that the export walked through
        fnames = {path.split("/")[0] for path in fields_to_export}
        self._npm_log_access("export", fnames - {".id", "id"})
        return result
