# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError


class NpmDmsFileVersionWizard(models.TransientModel):
    """Add a corrected copy of a filed signed copy: the signed copy stays,
    the new file is filed beside it as its next version."""

    _name = "npm.dms.file.version.wizard"
    _description = "Add a New Version of a Signed Copy"

    file_id = fields.Many2one(
        "dms.file", string="Signed Copy", required=True, readonly=True
    )
    latest_file_id = fields.Many2one(
        "dms.file",
        string="Latest Version",
        compute="_compute_latest_file_id",
    )
    content = fields.Binary(string="New Copy", required=True)
    filename = fields.Char()

    @api.depends("file_id")
    def _compute_latest_file_id(self):
        for wizard in self:
            wizard.latest_file_id = (
                wizard.file_id._npm_latest_version() if wizard.file_id else False
            )

    def action_add_version(self):
        """File the new copy as the next version; return to it."""
        self.ensure_one()
        latest = self.file_id._npm_latest_version()
        if not latest.is_signed_copy:
            raise UserError(
                self.env._(
                    "%(name)s is not a filed signed copy: replace its content "
                    "directly instead.",
                    name=latest.name,
                )
            )
        version = latest.npm_version + 1
        directory = latest.directory_id
        # With the user's own rights: adding a version attaches a new file to
        # the record, which needs the right to modify the record.
        new_file = self.env["dms.file"].create(
            {
                "name": self.env["dms.directory"]._npm_unique_name(
                    latest._npm_version_name(version, self.filename),
                    directory.sudo().file_ids,
                    (directory.res_model, directory.res_id),
                    escape_suffix=True,
                ),
                "directory_id": directory.id,
                "content": self.content,
                "npm_document_kind": latest.npm_document_kind,
                "npm_version": version,
                "npm_previous_version_id": latest.id,
            }
        )
        new_file.message_post(
            body=self.env._(
                "Version %(version)s of the signed copy %(name)s.",
                version=version,
                name=latest.name,
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "dms.file",
            "res_id": new_file.id,
            "view_mode": "form",
            "target": "current",
        }
