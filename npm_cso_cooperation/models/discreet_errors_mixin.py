# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import models
from odoo.exceptions import UserError


class NpmDiscreetErrorsMixin(models.AbstractModel):
    """Refusals of Odoo's own checks that name no record the caller may not read.

    Odoo's company check (``check_company=True`` fields) answers with the
    names of the linked records, read as superuser, and of their company:
    linking a finding to the id of another company's visit would tell the
    visit's reference. Here the refusal names the field only.
    """

    _name = "npm.discreet.errors.mixin"
    _description = "Refusals Naming Nothing Hidden"

    def _check_company(self, fnames=None):
        try:
            return super()._check_company(fnames=fnames)
        except UserError as error:
            raise UserError(
                self.env._(
                    "A %(model)s can only be linked to records of its own "
                    "company: check the company of what you chose.",
                    model=self._description,
                )
            ) from error
