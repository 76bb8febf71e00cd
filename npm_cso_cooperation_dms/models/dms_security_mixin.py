# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import functools

from odoo import api, models
from odoo.exceptions import UserError
from odoo.osv.expression import NEGATIVE_TERM_OPERATORS

from .dms_directory import npm_allowed_by_rules, npm_cooperation_records

# Operators of an x2many condition on ids (or on having lines at all).
ID_OPERATORS = ("in", "not in", "=", "!=")


class DmsSecurityMixin(models.AbstractModel):
    """Folders and files of the cooperation store answer every question with
    the user's record rules, whatever part of Odoo asks.

    OCA's ``filtered_domain()`` returns every record as superuser, and Odoo's
    ``check_access()`` applies record rules with it: for folders and files it
    lets everyone with model access through. Odoo relies on that check
    wherever it reads no database column (computed counts and sizes, the
    thumbnail behind ``/web/image``, the paths, the chatter's and activities'
    access to their document): the rules are applied here for the
    cooperation store, by a search with the user's rights.
    """

    _inherit = "dms.security.mixin"

    def _check_access(self, operation):
        result = super()._check_access(operation)
        if result or self.env.su or not any(self._ids):
            return result
        ours = npm_cooperation_records(self.filtered("id"))
        forbidden = ours - npm_allowed_by_rules(ours, operation)
        if forbidden:
            return forbidden, functools.partial(
                self.env["ir.rule"]._make_access_error, operation, forbidden
            )
        return None

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # Odoo matches an x2many condition on ids (or on having lines) with
        # the lines of every user: "the visit folder whose subfolder is 42"
        # would confirm that a folder the user may not read exists, and
        # where. Such conditions are asked of the lines the user may read.
        if not self.env.su:
            domain = [self._npm_on_readable_lines(term) for term in domain]
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def copy(self, default=None):
        # A folder of the store follows its record, and a file points at the
        # record's own attachment: a copy would be a second folder for the
        # record (or a second file of one attachment), named after siblings
        # the user may not read.
        if npm_cooperation_records(self):
            raise UserError(
                self.env._(
                    "Folders and files of the NPM–CSO Cooperation store are "
                    "not copied: they follow their records. Attach the "
                    "document to the record instead."
                )
            )
        return super().copy(default)

    @api.model
    def _npm_on_readable_lines(self, term):
        if not isinstance(term, list | tuple) or len(term) != 3:
            return term
        left, operator, right = term
        field = self._fields.get(left) if isinstance(left, str) else None
        if (
            not field
            or field.type not in ("one2many", "many2many")
            or field.comodel_name not in ("dms.directory", "dms.file")
            or operator not in ID_OPERATORS
            or isinstance(right, str)
        ):
            return term
        negative = operator in NEGATIVE_TERM_OPERATORS
        if right is False or right is None:
            # "has no lines" / "has lines"
            return (left, "any" if negative else "not any", [])
        ids = list(right) if isinstance(right, list | tuple | set) else [right]
        return (left, "not any" if negative else "any", [("id", "in", ids)])
