# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

ACCESS_ACTIONS = [
    ("read", "Read"),
    ("download", "Download"),
    ("export", "Export"),
]


class NpmAccessLog(models.Model):
    """One line per read of strictly confidential material.

    Who opened, listed, downloaded or exported a strictly confidential
    finding or visit document, the identity of a person met, or an
    allegation of reprisals (``npm.access.logged.mixin``), when, and from
    which address. A list read is one line holding the ids it read. Lines
    are written by the application only and never changed or deleted
    (except by the retention rules, see npm.retention.rule); NPM managers
    list, filter, group and export them, nobody else reads them.
    """

    _name = "npm.access.log"
    _description = "Access Log of Strictly Confidential Material"
    _inherit = ["npm.lifecycle.mixin"]
    _lifecycle_append_only = True
    _order = "id desc"
    _rec_name = "res_model"
    _check_company_auto = True

    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    model_name = fields.Char(
        string="Kind of Record",
        compute="_compute_model_name",
        help="The kind of record read, in words.",
    )
    res_id = fields.Many2oneReference(
        string="Record ID",
        model_field="res_model",
        readonly=True,
        index=True,
        help="The record read; the first of them when one call read several "
        "(a list): all of them are in “Record IDs”.",
    )
    res_ids = fields.Char(
        string="Record IDs",
        readonly=True,
        help="Every record the call read, comma-separated.",
    )
    searched_id = fields.Integer(
        string="Any Record ID",
        compute="_compute_searched_id",
        search="_search_searched_id",
        help="Search the lines that read a given record, alone or in a list.",
    )
    record_count = fields.Integer(string="Records", readonly=True, default=1)
    action = fields.Selection(
        ACCESS_ACTIONS, required=True, readonly=True, index=True, default="read"
    )
    fields_read = fields.Char(string="Fields", readonly=True)
    ip = fields.Char(string="IP Address", readonly=True)

    @api.depends("res_model")
    def _compute_model_name(self):
        # sudo: the name of a model (metadata), for the managers' list
        IrModel = self.env["ir.model"].sudo()
        for line in self:
            model = IrModel._get(line.res_model) if line.res_model else None
            line.model_name = model.name if model else line.res_model

    def _compute_searched_id(self):
        for line in self:
            line.searched_id = line.res_id

    def _search_searched_id(self, operator, value):
        if operator not in ("=", "in") or not value:
            return [("id", "=", 0)]
        values = value if isinstance(value, list | tuple) else [value]
        domain = []
        for record_id in values:
            record_id = int(record_id)
            domain = (
                (["|"] if domain else [])
                + domain
                + [
                    "|",
                    "|",
                    "|",
                    ("res_ids", "=", str(record_id)),
                    ("res_ids", "=like", f"{record_id},%"),
                    ("res_ids", "=like", f"%,{record_id}"),
                    ("res_ids", "=like", f"%,{record_id},%"),
                ]
            )
        return domain

    def action_open_records(self):
        """The records the line is about (as far as the manager may read
        them: their own rights)."""
        self.ensure_one()
        ids = [int(i) for i in (self.res_ids or "").split(",") if i]
        return {
            "type": "ir.actions.act_window",
            "name": self.model_name,
            "res_model": self.res_model,
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", ids)],
            "target": "current",
        }

    @api.model
    def _npm_log(self, records, action, fnames=None):
        """Add the lines saying that the current user read ``records`` (of
        one model): one line per company of the records, however many
        records."""
        if not records or self.env.su:
            return self.browse()
        # The IP address of the request the read came with, when there is one.
        from odoo.http import request

        ip = False
        if request and getattr(request, "httprequest", None):
            ip = request.httprequest.remote_addr
        by_company = {}
        for record in records:
            by_company.setdefault(record.company_id.id, []).append(record.id)
        vals_list = [
            {
                "user_id": self.env.uid,
                "company_id": company_id or self.env.company.id,
                "res_model": records._name,
                "res_id": ids[0],
                "res_ids": ",".join(map(str, ids)),
                "record_count": len(ids),
                "action": action,
                "fields_read": ", ".join(sorted(fnames)) if fnames else False,
                "ip": ip,
            }
            for company_id, ids in by_company.items()
        ]
        # sudo() is safe here: the reader has no right on the log (managers
        # read it), yet every read must add its line. The values are the
        # reader's own call (who, which ids, when, from where), not free
        # input; the line gives the reader nothing back (it is not
        # returned), and the log refuses any change or deletion.
        return self.sudo().create(vals_list)
