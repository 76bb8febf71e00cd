# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from collections import defaultdict

from odoo import models
from odoo.exceptions import AccessError
from odoo.tools import SQL


class NpmMailSideTable(models.AbstractModel):
    """Rows of Odoo's mail tables are read only by those who read their record.

    Messages, notifications, followers, activities and tracking values of the
    app's records (every model inheriting ``npm.mail.guard.mixin``) say what
    the record is (a message's ``record_name`` is the record's title, an
    activity's ``res_name`` too), what was written about it and who follows
    it. Odoo lets the author, the recipients, the assignee of an activity and,
    for notifications and followers, any user read them whatever the record
    rules say: a portal user listing ``mail.notification`` reads the title of
    any finding through ``mail_message_id``'s display name.

    This mixin is the one rule that closes it, like a record rule on each mail
    table: a row about an app record exists for a user only if that user may
    read the record itself (for every operation, search, read_group and the
    many2many reads included). Rows about other models keep Odoo's rules.
    ``_apply_ir_rules`` narrows every search in SQL (so limits, counts and
    groups stay right); ``_check_access`` refuses the same rows when read by
    id. The superuser (``sudo()``) is not narrowed: Odoo's own code reads
    these tables as superuser after it checked the record.
    """

    _name = "npm.mail.side.table"
    _description = "Mail Rows Readable Only With Their Record"

    # Columns naming the record a row is about, or the many2one to the
    # mail.message whose record it is about.
    _npm_record_columns = ("res_model", "res_id")
    _npm_message_column = None

    def _apply_ir_rules(self, query, mode="read"):
        result = super()._apply_ir_rules(query, mode)
        if not self.env.su:
            query.add_where(self._npm_readable_rows_sql(query.table))
        return result

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if self.env.su or not self._ids:
            return result
        checked = self - result[0] if result else self
        forbidden = checked._npm_rows_about_unreadable_records()
        if not forbidden:
            return result
        if result:
            return result[0] + forbidden, result[1]
        return forbidden, forbidden._npm_access_error

    def _npm_access_error(self):
        # Names nothing: the display name of these rows is the record's title
        # (messages) or a person (notifications, followers).
        return AccessError(
            self.env._("You cannot open this: it is about a record you may not read.")
        )

    def _npm_record_sql(self, alias):
        """(model, res_id) of the row at ``alias``, and the FROM of a
        correlated subquery when they are on the row's message."""
        if self._npm_message_column:
            return (
                SQL.identifier("npm_side_message", "model"),
                SQL.identifier("npm_side_message", "res_id"),
                SQL(
                    "mail_message AS npm_side_message WHERE npm_side_message.id = %s",
                    SQL.identifier(alias, self._npm_message_column),
                ),
            )
        model_column, res_id_column = self._npm_record_columns
        return (
            SQL.identifier(alias, model_column),
            SQL.identifier(alias, res_id_column),
            None,
        )

    def _npm_readable_rows_sql(self, alias):
        guarded = self.env["npm.mail.guard.mixin"]._npm_guarded_models()
        model_sql, res_id_sql, subquery_from = self._npm_record_sql(alias)
        branches = [
            SQL("%s IS NULL", model_sql),
            SQL("%s NOT IN %s", model_sql, guarded),
        ]
        for model_name in guarded:
            Record = self.env[model_name].with_context(active_test=False)
            if Record.has_access("read"):
                # The record's own search, with the user's record rules.
                branches.append(
                    SQL(
                        "(%s = %s AND %s IN %s)",
                        model_sql,
                        model_name,
                        res_id_sql,
                        Record._search([]).subselect(),
                    )
                )
        condition = SQL("(%s)", SQL(" OR ").join(branches))
        if subquery_from is None:
            return condition
        return SQL("EXISTS (SELECT 1 FROM %s AND %s)", subquery_from, condition)

    def _npm_rows_about_unreadable_records(self):
        ids = tuple(id_ for id_ in self._ids if isinstance(id_, int))
        if not ids:
            return self.browse()
        guarded = set(self.env["npm.mail.guard.mixin"]._npm_guarded_models())
        self.flush_recordset()
        model_sql, res_id_sql, subquery_from = self._npm_record_sql(self._table)
        if subquery_from is None:
            query = SQL(
                "SELECT %s, %s, %s FROM %s WHERE %s IN %s",
                SQL.identifier(self._table, "id"),
                model_sql,
                res_id_sql,
                SQL.identifier(self._table),
                SQL.identifier(self._table, "id"),
                ids,
            )
        else:
            self.env["mail.message"].flush_model(["model", "res_id"])
            query = SQL(
                "SELECT %s, %s, %s FROM %s JOIN mail_message AS npm_side_message"
                " ON npm_side_message.id = %s WHERE %s IN %s",
                SQL.identifier(self._table, "id"),
                model_sql,
                res_id_sql,
                SQL.identifier(self._table),
                SQL.identifier(self._table, self._npm_message_column),
                SQL.identifier(self._table, "id"),
                ids,
            )
        rows_by_record = defaultdict(lambda: defaultdict(list))
        forbidden_ids = []
        for row_id, model_name, res_id in self.env.execute_query(query):
            if model_name not in guarded:
                continue
            if res_id:
                rows_by_record[model_name][res_id].append(row_id)
            else:
                forbidden_ids.append(row_id)
        for model_name, row_ids_by_res_id in rows_by_record.items():
            records = self.env[model_name].with_context(active_test=False)
            records = records.browse(row_ids_by_res_id).exists()
            readable = set(records._filtered_access("read")._ids)
            for res_id, row_ids in row_ids_by_res_id.items():
                if res_id not in readable:
                    forbidden_ids.extend(row_ids)
        return self.browse(forbidden_ids)
