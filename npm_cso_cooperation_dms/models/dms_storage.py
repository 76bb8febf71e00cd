# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class DmsStorage(models.Model):
    _inherit = "dms.storage"

    is_cooperation_store = fields.Boolean(
        string="NPM–CSO Cooperation Store",
        readonly=True,
        help="The store in which the NPM–CSO Cooperation app files signed "
        "agreements, signed undertakings and visit documents. Its folders "
        "and files take their access from the cooperation records they "
        "belong to.",
    )

    @api.constrains(
        "is_cooperation_store", "save_type", "inherit_access_from_parent_record"
    )
    def _check_cooperation_store(self):
        for storage in self.filtered("is_cooperation_store"):
            if (
                storage.save_type != "attachment"
                or not storage.inherit_access_from_parent_record
            ):
                raise ValidationError(
                    self.env._(
                        "The storage %(name)s holds the cooperation's documents: "
                        "it must save files as attachments and take its access "
                        "from the related records, so that nobody reads in the "
                        "store what they may not read on the record.",
                        name=storage.name,
                    )
                )

    @api.model
    def _npm_cooperation_store(self):
        """The cooperation store.

        sudo: the storage is configuration, not content; what a user reads in
        it is still decided by the folders' and files' own access.
        """
        storage = self.sudo().search([("is_cooperation_store", "=", True)], limit=1)
        if not storage:
            raise UserError(
                self.env._(
                    "The NPM–CSO Cooperation document store is missing. Update "
                    "the module “NPM–CSO Cooperation: Document Store” to "
                    "recreate it."
                )
            )
        return storage
