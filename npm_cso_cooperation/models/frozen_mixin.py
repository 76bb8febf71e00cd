# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models
from odoo.exceptions import UserError


class NpmFrozenMixin(models.AbstractModel):
    """Records whose agreed content may no longer change.

    A model lists the fields that may ever be protected in ``_frozen_fields``
    and says when a record is frozen in ``_is_frozen()`` (agreed terms, a
    signed undertaking, a decided request, a released document), or, when
    different fields freeze at different stages (an agreement's text on
    submission, its signed copy on signature), which ones are frozen now in
    ``_frozen_field_names()``. Writing a protected field of a frozen record is
    refused with ``_frozen_error_message()``, and so is replacing the file of
    a frozen Binary field through its attachment (see ir_attachment.py). There
    is deliberately no context key to bypass it: the way out is a workflow
    action (e.g. back to draft), which is logged.
    """

    _name = "npm.frozen.mixin"
    _description = "Content Frozen Once Agreed"

    _frozen_fields = ()

    def _is_frozen(self):
        self.ensure_one()
        return False

    def _frozen_field_names(self):
        """The fields of this record that may no longer change."""
        self.ensure_one()
        return set(self._frozen_fields) if self._is_frozen() else set()

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
        touched = set(vals).intersection(self._frozen_fields)
        if touched:
            self.check_access("write")
            for record in self:
                frozen = touched & record._frozen_field_names()
                if frozen:
                    raise UserError(record._frozen_error_message(frozen))
        return super().write(vals)
