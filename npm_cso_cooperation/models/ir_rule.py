# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models
from odoo.exceptions import AccessError


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """A refusal by the record rules names no NPM record.

        In debug mode Odoo lists the refused records by name (read as
        superuser), their company and the rules that refused them: an
        uncleared officer opening a strictly confidential finding by id would
        read its title in the error. For the app's models the refusal says
        only which kind of record and which operation, as it does for
        everyone outside debug mode.
        """
        guarded = self.env["npm.mail.guard.mixin"]._npm_guarded_models()
        if not records._name.startswith("npm.") and records._name not in guarded:
            return super()._make_access_error(operation, records)
        description = self.env["ir.model"]._get(records._name).name or records._name
        return AccessError(
            self.env._(
                "You may not %(operation)s this %(description)s: you have no "
                "access to it, or it does not exist.",
                operation=operation,
                description=description,
            )
        )
