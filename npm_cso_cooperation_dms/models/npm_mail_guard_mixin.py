# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models

# The store's folders and files hold the app's material (a folder per finding,
# per visit document, ...) and have a chatter of their own.
STORE_MODELS = ("dms.directory", "dms.file")


class NpmMailGuardMixin(models.AbstractModel):
    _inherit = "npm.mail.guard.mixin"

    @api.model
    def _npm_guarded_models(self):
        # The mail side tables (followers, messages, notifications,
        # activities, tracking values) of store folders and files are read
        # only by those who may read the folder or file, as for the app's own
        # records: the store's access check follows the record rules (see
        # dms.security.mixin in this bridge).
        return tuple(sorted({*super()._npm_guarded_models(), *STORE_MODELS}))
