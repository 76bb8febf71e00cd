# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import logging

from odoo import models

_logger = logging.getLogger(__name__)


class IrModelAccess(models.Model):
    _inherit = "ir.model.access"

    def _make_access_error(self, model, mode):
        """A refusal by the access rights on an app model names no model.

        Odoo's message names the model and lists the groups that may, which
        tells an employee outside the app what the NPM keeps and who works on
        it; the app answers with the same sober sentence as a refusal by the
        record rules (``ir.rule._npm_refusal``).
        """
        rules = self.env["ir.rule"]
        if not rules._npm_refuses_soberly(model):
            return super()._make_access_error(model, mode)
        _logger.info(
            "Access Denied by ACLs for operation: %s, uid: %s, model: %s",
            mode,
            self.env.uid,
            model,
        )
        return rules._npm_refusal(mode)
