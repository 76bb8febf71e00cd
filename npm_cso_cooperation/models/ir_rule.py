# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import logging

from odoo import api, models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        """A refusal by the record rules names no NPM record, nor its kind.

        Odoo's own message ("Uh-oh! Looks like you have stumbled upon some
        top-secret records…") names the user, the model and, in debug mode,
        the refused records by name (read as superuser), their company and the
        rules that refused them: an uncleared officer opening a strictly
        confidential finding by id would read its title in the error. For the
        app's models the refusal is ``_npm_refusal``.
        """
        if not self._npm_refuses_soberly(records._name):
            return super()._make_access_error(operation, records)
        _logger.info(
            "Access Denied by record rules for operation: %s on record ids: %r, "
            "uid: %s, model: %s",
            operation,
            records.ids[:6],
            self.env.uid,
            records._name,
        )
        return self._npm_refusal(operation)

    @api.model
    def _npm_refuses_soberly(self, model_name):
        """Whether a refusal on ``model_name`` is ``_npm_refusal``: the app's
        models, and those whose mail rows only their readers see (a bridge's,
        see ``npm.mail.guard.mixin._npm_guarded_models``)."""
        if model_name.startswith("npm."):
            return True
        return model_name in self.env["npm.mail.guard.mixin"]._npm_guarded_models()

    @api.model
    def _npm_refusal(self, operation):
        """One sober sentence per operation, naming no model and no record,
        the same for a record that exists and one that does not (so that it
        tells nothing about either), in the user's language."""
        env = self.with_context(**self.env.user.context_get()).env
        messages = {
            "read": env._(
                "You may not read this record, or it no longer exists. Ask the "
                "NPM if you think you should have access to it."
            ),
            "write": env._(
                "You may not change this record, or it no longer exists. Ask "
                "the NPM if you think you should have access to it."
            ),
            "create": env._(
                "You may not create this record. Ask the NPM if you think you "
                "should have access to it."
            ),
            "unlink": env._(
                "You may not delete this record, or it no longer exists. Ask "
                "the NPM if you think you should have access to it."
            ),
        }
        return AccessError(messages.get(operation, messages["read"]))
