# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The CSO expert reads the NPM's data-protection notice and acknowledges it,
under /my/data-protection. The notices are read with the expert's own rights
(the published notice of their NPM); the acknowledgment is theirs only."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

NOTICE = "npm.data.protection.notice"
ACKNOWLEDGMENT = "npm.data.protection.acknowledgment"


class NpmDataProtectionPortal(CustomerPortal):
    @http.route("/my/data-protection", type="http", auth="user", website=True)
    def portal_data_protection(self, message=None, error=None, **kw):
        Notice = request.env[NOTICE]
        if not Notice.has_access("read"):
            raise NotFound()
        notices = Notice.search([("state", "=", "published")])
        acknowledgments = {
            acknowledgment.notice_id.id: acknowledgment
            for acknowledgment in request.env[ACKNOWLEDGMENT].search(
                [
                    ("notice_id", "in", notices.ids),
                    ("partner_id", "=", request.env.user.partner_id.id),
                ]
            )
        }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "npm_data_protection",
                "notices": notices,
                "acknowledgments": acknowledgments,
                "message": message,
                "error": error,
            }
        )
        return request.render("npm_cso_cooperation.portal_data_protection_page", values)

    @http.route(
        "/my/data-protection/<int:notice_id>/acknowledge",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_data_protection_acknowledge(
        self, notice_id, read_and_understood=None, **kw
    ):
        notice = request.env[NOTICE].browse(notice_id)
        try:
            notice.check_access("read")
        except (AccessError, MissingError) as exc:
            raise NotFound() from exc
        if not read_and_understood:
            return self.portal_data_protection(
                error=request.env._("Tick the box to confirm you have read the notice.")
            )
        try:
            notice.action_acknowledge()
        except (UserError, ValidationError) as exc:
            return self.portal_data_protection(error=exc.args[0])
        return request.redirect("/my/data-protection?message=acknowledged")
