# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Cleared staff without a second factor are asked to enable one as soon as
they signed in: the NPM's records stay closed to them until they do
(``ir.model.access._get_allowed_models``)."""

from odoo.http import request

from odoo.addons.web.controllers.home import Home

ENABLE_URL = "/odoo/action-npm_cso_cooperation.action_npm_enable_second_factor"


class NpmSecondFactorHome(Home):
    def _login_redirect(self, uid, redirect=None):
        url = super()._login_redirect(uid, redirect=redirect)
        if request.session.uid:
            # sudo: whether the user who just signed in has a second factor
            user = request.env["res.users"].browse(request.session.uid).sudo()
            if user._npm_lacks_second_factor():
                return ENABLE_URL
        return url
