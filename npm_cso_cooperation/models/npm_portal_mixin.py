# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models


class NpmPortalMixin(models.AbstractModel):
    """Portal pages for NPM material, reachable by the user's own rights only.

    Odoo's ``portal.mixin`` gives every record an access token that opens its
    portal page and its chatter to whoever holds the link, and it puts that
    token in the notification e-mails sent to the record's partner. For NPM
    material a link must not outlive a revoked or lapsed undertaking, nor
    travel with a forwarded e-mail: these records never get a token, and the
    portal pages and chatter answer only to the logged-in user's access rights
    and record rules.

    A model lists it first, ``_inherit = ["npm.portal.mixin", "<model>"]``,
    so that these overrides come before ``mail.thread``'s.
    """

    _name = "npm.portal.mixin"
    _inherit = ["portal.mixin", "mail.thread"]
    _description = "NPM Portal Access Without Tokens"

    def _portal_ensure_token(self):
        # No token is ever created: nothing can grant access but the rules.
        return False

    def get_portal_url(
        self,
        suffix=None,
        report_type=None,
        download=None,
        query_string=None,
        anchor=None,
    ):
        self.ensure_one()
        query = "&".join(
            part
            for part in (
                report_type and f"report_type={report_type}",
                download and "download=true",
                (query_string or "").lstrip("&"),
            )
            if part
        )
        return "".join(
            (
                self.access_url,
                suffix or "",
                f"?{query}" if query else "",
                f"#{anchor}" if anchor else "",
            )
        )

    def _get_share_url(
        self, redirect=False, signup_partner=False, pid=None, share_token=True
    ):
        # Neither an access token nor a partner hash: the link needs a login.
        return super()._get_share_url(
            redirect=redirect,
            signup_partner=signup_partner,
            pid=None,
            share_token=False,
        )

    def _notify_get_recipients_groups(self, message, model_description, msg_vals=None):
        # portal.mixin adds a "portal_customer" group whose button carries an
        # access token and a partner hash; recipients get the plain link of
        # the "portal" group instead, which asks them to log in.
        groups = super()._notify_get_recipients_groups(
            message, model_description, msg_vals=msg_vals
        )
        return [group for group in groups if group[0] != "portal_customer"]

    @api.model
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        # The chatter routes accept a token or a partner hash in place of
        # access rights; these records accept neither.
        for key in ("token", "hash", "pid"):
            kwargs.pop(key, None)
        return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
