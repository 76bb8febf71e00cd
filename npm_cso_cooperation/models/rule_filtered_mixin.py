# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models

# x2many operators rewritten into a search of the comodel (``any``), with
# what to search there: ids, or a name.
_POSITIVE = {"in": "any", "=": "any", "not in": "not any", "!=": "not any"}
_NAME_OPERATORS = {"like", "ilike", "=like", "=ilike", "not like", "not ilike"}


class RuleFilteredOne2many(fields.One2many):
    """A One2many whose value is what the reader may read of it.

    Odoo fills an x2many from the cache, which code running as superuser
    may have filled with every line; and reading the field returns ids
    without asking the comodel's record rules about each. For NPM material
    the ids alone say that a strictly confidential finding exists and on
    which visit. The records this field gives are filtered by the reader's
    read access (``_filtered_access``), whichever way it is read: ``read``,
    ``search_read``, ``web_read`` (and the lines it reads in turn), templates
    and server code running as the user. Code running as superuser gets
    every line. Searches on the field are rewritten by
    ``npm.rule.filtered.x2many.mixin``, which a model using it inherits.
    """

    def convert_to_record(self, value, record):
        lines = super().convert_to_record(value, record)
        return lines if record.env.su else lines._filtered_access("read")

    def convert_to_record_multi(self, values, records):
        lines = super().convert_to_record_multi(values, records)
        return lines if records.env.su else lines._filtered_access("read")


class NpmRuleFilteredX2manyMixin(models.AbstractModel):
    """Searches on rule-filtered x2many fields see only readable lines.

    Odoo answers ``('finding_ids', 'in', [42])``, ``('finding_ids', '!=',
    False)`` or ``('finding_ids', 'ilike', 'beatings')`` from the lines'
    table directly, whatever the comodel's record rules: an officer could
    learn that finding 42 (strictly confidential) exists and on which visit.
    Here each such leaf on a ``RuleFilteredOne2many`` becomes an ``any`` /
    ``not any`` leaf, which Odoo answers with the comodel's ``_search`` and
    so with the user's record rules (``finding_ids.name``-style paths are
    already answered that way). Record rules themselves are evaluated as
    superuser and are not rewritten.
    """

    _name = "npm.rule.filtered.x2many.mixin"
    _description = "Searches on x2many Through the Comodel's Rules"

    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            domain = self._npm_rule_filtered_domain(domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def _npm_rule_filtered_domain(self, domain):
        rewritten = []
        for leaf in domain or []:
            if isinstance(leaf, list | tuple) and len(leaf) == 3:
                leaf = self._npm_rule_filtered_leaf(*leaf)
            rewritten.append(leaf)
        return rewritten

    def _npm_rule_filtered_leaf(self, left, operator, right):
        field = self._fields.get(left) if isinstance(left, str) else None
        if not isinstance(field, RuleFilteredOne2many):
            return (left, operator, right)
        if right is False and operator in ("=", "!="):
            # with or without lines: with or without lines the user may read
            return (left, "not any" if operator == "=" else "any", [])
        if operator in _NAME_OPERATORS and isinstance(right, str):
            negative = operator.startswith("not ")
            positive_operator = operator.removeprefix("not ")
            return (
                left,
                "not any" if negative else "any",
                [("display_name", positive_operator, right)],
            )
        if operator in _POSITIVE and right is not False:
            if isinstance(right, str):
                sub_domain = [("display_name", "=", right)]
            else:
                ids = list(right) if isinstance(right, list | tuple) else [right]
                sub_domain = [("id", "in", ids)]
            return (left, _POSITIVE[operator], sub_domain)
        return (left, operator, right)
