# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models


class NpmRetentionMixin(models.AbstractModel):
    """The retention rules remove a record's files from the document store
    too: the store's copies of its attachments go with them (OCA's cascade),
    and what was uploaded in the store into the record's folder goes here.
    A signed copy goes only with an anonymisation that removes it (an
    undertaking's; an agreement keeps its own)."""

    _inherit = "npm.retention.mixin"

    def _npm_retention_remove_files(self, fnames=None):
        attachments = super()._npm_retention_remove_files(fnames)
        # sudo: as in the core method (the rules only, logged); the environment
        # keeps the rules' mark, which the store's guards of signed copies
        # recognise.
        files = (
            self.env["dms.file"]
            .sudo()
            .with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        if fnames is not None and "signed_copy" not in fnames:
            files = files.filtered(lambda dms_file: not dms_file.is_signed_copy)
        files.unlink()
        return attachments
