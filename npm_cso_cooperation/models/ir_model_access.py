# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import logging

from odoo import models, tools
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)

# The models a cleared user without a second factor does not reach.
NPM_MODEL_PREFIX = "npm."


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    @tools.ormcache("self.env.uid", "mode")
    def _get_allowed_models(self, mode="read"):
        """Cleared staff who must sign in with a second factor and have not
        enabled one reach no NPM model: a password alone never reads NPM
        material (JSON-RPC, XML-RPC or the web client alike). Cached per user
        like Odoo's; enabling or disabling the second factor, a change of
        groups or of the setting clears the cache. The superuser and the
        application's own ``sudo()`` never come here (``check``)."""
        allowed = super()._get_allowed_models(mode)
        # sudo: whether the user has a second factor (a field of their own
        # user, read without an access check that would come back here)
        if not self.env.user.sudo()._npm_lacks_second_factor():
            return allowed
        return frozenset(
            name for name in allowed if not name.startswith(NPM_MODEL_PREFIX)
        )

    def _make_access_error(self, model, mode):
        """A refusal by the access rights on an app model names no model.

        Odoo's message names the model and lists the groups that may, which
        tells an employee outside the app what the NPM keeps and who works on
        it; the app answers with the same sober sentence as a refusal by the
        record rules (``ir.rule._npm_refusal``).
        """
        rules = self.env["ir.rule"]
        if (
            model.startswith(NPM_MODEL_PREFIX)
            and self.env.user.sudo()._npm_lacks_second_factor()
        ):
            _logger.info(
                "Access Denied for lack of a second factor: %s, uid: %s, model: %s",
                mode,
                self.env.uid,
                model,
            )
            return self._npm_second_factor_refusal()
        if not rules._npm_refuses_soberly(model):
            return super()._make_access_error(model, mode)
        _logger.info(
            "Access Denied by ACLs for operation: %s, uid: %s, model: %s",
            mode,
            self.env.uid,
            model,
        )
        return rules._npm_refusal(mode)

    def _npm_second_factor_refusal(self):
        env = self.with_context(**self.env.user.context_get()).env
        return AccessError(
            env._(
                "Enable two-factor authentication to reach NPM records: open "
                "your profile (your avatar, top right › My Preferences › "
                "Account Security), enable two-factor authentication, then sign "
                "in again. The NPM requires it of cleared staff, so that a "
                "password alone never opens its confidential material."
            )
        )
