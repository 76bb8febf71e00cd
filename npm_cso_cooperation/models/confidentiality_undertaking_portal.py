# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
import base64
import binascii
import re

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import selection_label


class NpmConfidentialityUndertakingPortal(models.Model):
    """The expert's side of an undertaking: they sign it in the portal.

    Signing records the drawn signature, the name typed by the signer and the
    time, renders the signed copy (the undertaking's text with the signature)
    into ``signed_copy`` and makes the undertaking ``signed`` through
    ``action_sign()``.
    """

    _name = "npm.confidentiality.undertaking"
    _inherit = [
        "npm.portal.mixin",
        "npm.portal.readable.mixin",
        "npm.confidentiality.undertaking",
    ]

    # What the portal pages show of an undertaking, sort and filter it by.
    # Not the NPM's notes, the agreement it implements, nor the revocation's
    # reason, author and time.
    _portal_readable_fields = (
        "name",
        "partner_id",
        "scope",
        "visit_id",
        "portal_visit_name",
        "state",
        "date_signed",
        "date_expiry",
        "is_valid",
        "signed_copy",
        "signed_copy_filename",
        "signature",
        "signed_by",
        "signed_on",
        "signature_method",
        "create_date",
    )

    signature = fields.Image(
        string="Portal Signature",
        attachment=True,
        copy=False,
        max_width=1024,
        max_height=1024,
        help="Signature drawn by the person in the portal.",
    )
    signed_by = fields.Char(
        string="Signed By (Name)",
        copy=False,
        tracking=True,
        help="Name the person typed when signing in the portal.",
    )
    # Read as the superuser (related field): the person must know which visit
    # they sign for before the undertaking covers them and opens the visit.
    portal_visit_name = fields.Char(related="visit_id.name", string="Visit Reference")
    signed_on = fields.Datetime(
        string="Signed Online On",
        copy=False,
        tracking=True,
        help="When the person signed in the portal.",
    )

    # Which evidence of the signature is on file, decided from the evidence
    # itself: a portal signature is written only by _portal_sign, as the
    # person it names; otherwise an officer attached a signed paper copy.
    signature_method = fields.Selection(
        [("portal", "Signed Online"), ("paper", "Signed Copy Attached")],
        compute="_compute_signature_method",
        store=True,
        help="Signed online in the portal by the person named, or on paper "
        "(the NPM attached the scanned copy).",
    )

    @api.depends("state", "signature", "signed_copy")
    def _compute_signature_method(self):
        for undertaking in self:
            if undertaking.signature:
                undertaking.signature_method = "portal"
            elif undertaking.state != "draft" and undertaking.signed_copy:
                undertaking.signature_method = "paper"
            else:
                undertaking.signature_method = False

    def _compute_access_url(self):
        for undertaking in self:
            undertaking.access_url = f"/my/undertakings/{undertaking.id}"

    def _has_signature_evidence(self):
        return super()._has_signature_evidence() or bool(self.signature)

    def _portal_sign(self, signer, name, signature):
        """Sign in the portal as ``signer`` (a partner) with a drawn signature.

        The caller has checked that the current user may read this
        undertaking; here only the person it names may sign it, only while it
        is a draft.
        """
        self.ensure_one()
        if self.partner_id != signer:
            raise UserError(
                self.env._(
                    "This undertaking is for %(person)s: only they can sign it.",
                    person=self.partner_id.display_name,
                )
            )
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "This undertaking is %(state)s: it no longer awaits a signature.",
                    state=self._portal_state_label().lower(),
                )
            )
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Type your full name above your signature."))
        if not signature:
            raise UserError(self.env._("Draw or type your signature before signing."))
        try:
            base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(
                self.env._("The signature could not be read: sign again.")
            ) from error
        # The app's own write: nobody else writes a portal signature.
        self._npm_app_write(
            {
                "signature": signature,
                "signed_by": name,
                "signed_on": fields.Datetime.now(),
            }
        )
        # The copy is written while the undertaking is still a draft: once
        # signed, its signed copy is frozen.
        self.write(
            {
                "signed_copy": base64.b64encode(self._portal_render_signed_copy()),
                "signed_copy_filename": self._portal_signed_copy_filename(),
            }
        )
        self.action_sign()
        self.message_post(
            body=self.env._(
                "Signed in the portal by %(name)s.",
                name=name,
            ),
            author_id=signer.id,
            subtype_xmlid="mail.mt_note",
        )
        return True

    def _portal_render_signed_copy(self):
        """The signed copy: a self-contained HTML page, text and signature."""
        self.ensure_one()
        html = self.env["ir.qweb"]._render(
            "npm_cso_cooperation.undertaking_signed_copy",
            {"undertaking": self, "company": self.env.company},
        )
        return str(html).encode()

    def _portal_signed_copy_filename(self):
        self.ensure_one()
        stem = re.sub(r"[^\w-]+", "_", self.display_name or "").strip("_")
        return f"{stem or 'undertaking'}_signed.html"

    def _portal_state_label(self):
        self.ensure_one()
        return selection_label(self, "state")
