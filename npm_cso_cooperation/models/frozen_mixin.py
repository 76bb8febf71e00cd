# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models
from odoo.exceptions import UserError


class NpmFrozenMixin(models.AbstractModel):
    """Records whose agreed content may no longer change.

    A model lists its protected fields in ``_frozen_fields`` and says when a
    record is frozen in ``_is_frozen()`` (agreed terms, a signed undertaking,
    a decided request). Writing a protected field of a frozen record is
    refused with ``_frozen_error_message()``; there is deliberately no context
    key to bypass it: the way out is a workflow action (e.g. back to draft),
    which is logged.
    """

    _name = "npm.frozen.mixin"
    _description = "Content Frozen Once Agreed"

    _frozen_fields = ()

    def _is_frozen(self):
        self.ensure_one()
        return False

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        labels = ", ".join(
            self._fields[name]._description_string(self.env)
            for name in sorted(field_names)
        )
        return self.env._(
            "%(record)s can no longer be changed (%(fields)s).",
            record=self.display_name,
            fields=labels,
        )

    def write(self, vals):
        frozen = set(vals).intersection(self._frozen_fields)
        if frozen:
            self.check_access("write")
            for record in self:
                if record._is_frozen():
                    raise UserError(record._frozen_error_message(frozen))
        return super().write(vals)
