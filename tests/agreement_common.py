"""Partnerships and agreements ready to use, for the agreement tests.

Kept apart from tests/common.py (shared by every capability) so that each
capability's fixtures live with it.
"""

import base64
from datetime import timedelta

from odoo import fields
from odoo.tools import html2plaintext

from tests.common import NpmCase

SIGNED_PDF = base64.b64encode(b"%PDF-1.4 signed by both parties")


class AgreementCase(NpmCase):
    """NpmCase plus helpers that build partnerships and agreements in a
    given state, each step taken by the role that would take it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.Partnership = cls.env["npm.cso.partnership"]
        cls.Agreement = cls.env["npm.cso.agreement"]

    # Partnerships ---------------------------------------------------------

    def make_partnership(self, user=None, **vals):
        values = {
            "name": "Cooperation with Test Watch",
            "partner_id": self.cso.id,
            "user_id": self.officer.id,
        }
        values.update(vals)
        # (the CSO acknowledged the data-protection notice)
        self._acknowledge(self.env["res.partner"].browse(values["partner_id"]))
        return self.Partnership.with_user(user or self.officer).create(values)

    def fill_terms(self, partnership):
        partnership.with_user(self.officer).write(
            {
                "expectations": "<p>Legal expertise on request.</p>",
                "possibilities": "<p>Two joint visits a year.</p>",
                "limits": "<p>No access to case files.</p>",
            }
        )

    def safeguarded_partnership(self, **vals):
        """A partnership in negotiation, terms written, safeguards confirmed."""
        partnership = self.make_partnership(**vals)
        partnership.with_user(self.officer).action_start_negotiation()
        self.fill_terms(partnership)
        partnership.with_user(self.manager).action_confirm_safeguards()
        return partnership

    # Agreements -----------------------------------------------------------

    def make_agreement(self, partnership=None, user=None, **vals):
        partnership = partnership or self.safeguarded_partnership()
        values = {
            "name": "MoU with Test Watch",
            "agreement_type": "mou",
            "partnership_id": partnership.id,
            "date_start": self.today,
            "date_end": self.today + timedelta(days=365),
            "objectives": "<p>Joint monitoring of police custody.</p>",
            "modalities": "<p>The NPM plans every visit alone.</p>",
            "terms": "<p>Clause 1. The NPM decides alone.</p>",
        }
        values.update(vals)
        return self.Agreement.with_user(user or self.officer).create(values)

    def submitted(self, agreement=None, by=None):
        agreement = agreement or self.make_agreement()
        agreement.with_user(by or self.officer).action_submit()
        return agreement

    def approved(self, agreement=None, by=None):
        agreement = self.submitted(agreement)
        agreement.with_user(by or self.manager).action_approve()
        return agreement

    def signed(self, agreement=None, **vals):
        agreement = agreement or self.make_agreement(**vals)
        agreement.with_user(self.officer).signed_copy = SIGNED_PDF
        agreement = self.approved(agreement)
        agreement.with_user(self.officer).action_sign()
        return agreement

    def approval_activities(self, agreement):
        activity_type = self.env.ref(
            "npm_cso_cooperation.mail_activity_type_agreement_approval"
        )
        return agreement.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def notes(self, record):
        """The chatter bodies of a record, newest first, as plain text."""
        return [html2plaintext(m.body or "") for m in record.message_ids]
