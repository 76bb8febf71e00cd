"""A world of joint visits on top of NpmCase, for the confidentiality and
joint-visit tests (issues 4 and 5)."""

import base64
from datetime import timedelta

from odoo import fields

from tests.common import NpmCase

TERMS = {
    "roles_agreed": "<p>NPM leads; the CSO lawyer interviews.</p>",
    "approach": "<p>Unannounced; private interviews.</p>",
    "urgent_action_protocol": "<p>Call the director, then the prosecutor.</p>",
    "information_use_terms": "<p>Anonymised use in the annual report only.</p>",
}
SIGNED_COPY = base64.b64encode(b"%PDF-1.4 signed undertaking")


class NpmVisitCase(NpmCase):
    """NpmCase plus places, partnerships and a helper for each record kind.

    The NPM side of every team is led by the cleared officer (who may read
    every finding) with the officer as member; the CSO side is the portal
    expert of ``cls.cso``, or of ``cls.other_cso`` for its visits.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.place = cls.env["npm.detention.place"].create(
            {"name": "Central Prison", "place_type": "prison", "capacity": 800}
        )
        cls.partnership = cls.env["npm.cso.partnership"].create(
            {"name": "NPM – Test Watch", "partner_id": cls.cso.id}
        )
        cls.other_partnership = cls.env["npm.cso.partnership"].create(
            {"name": "NPM – Other CSO", "partner_id": cls.other_cso.id}
        )
        cls.cso_colleague = cls.env["res.partner"].create(
            {"name": "Colleague of Test Watch", "parent_id": cls.cso.id}
        )
        cls._acknowledge(cls.cso_colleague)

    @classmethod
    def _days(cls, n):
        return cls.today + timedelta(days=n)

    @classmethod
    def _visit(cls, start=10, end=None, cso_partners=None, partnership=None, **vals):
        """A draft visit ``start`` days from today, with a full team."""
        partnership = partnership or cls.partnership
        if cso_partners is None:
            cso_partners = (
                cls.cso_expert if partnership == cls.partnership else cls.other_expert
            )
        members = [
            (
                0,
                0,
                {
                    "partner_id": cls.cleared.partner_id.id,
                    "side": "npm",
                    "role": "head",
                },
            ),
            (
                0,
                0,
                {
                    "partner_id": cls.officer.partner_id.id,
                    "side": "npm",
                    "role": "member",
                },
            ),
        ] + [
            (0, 0, {"partner_id": partner.id, "side": "cso", "role": "legal"})
            for partner in cso_partners
        ]
        values = {
            "place_id": cls.place.id,
            "partnership_id": partnership.id,
            "date_start": cls._days(start),
            "date_end": cls._days(start if end is None else end),
            "member_ids": members,
            **TERMS,
        }
        values.update(vals)
        # (the team's CSO members acknowledged the data-protection notice:
        # the tests of that gate build their visits without it)
        cls._acknowledge(cso_partners)
        return cls.env["npm.joint.visit"].create(values)

    @classmethod
    def _undertaking(cls, partner, signed=-30, expiry=None, visit=None, sign=True):
        undertaking = cls.env["npm.confidentiality.undertaking"].create(
            {
                "partner_id": partner.id,
                "scope": "visit" if visit else "general",
                "visit_id": visit.id if visit else False,
                "date_signed": cls._days(signed),
                "date_expiry": cls._days(expiry) if expiry is not None else False,
                "signed_copy": SIGNED_COPY,
                "signed_copy_filename": "undertaking.pdf",
            }
        )
        if sign:
            undertaking.action_sign()
            # who signs an undertaking in the fixtures acknowledged the notice
            cls._acknowledge(partner)
        return undertaking

    @classmethod
    def _confirmed_visit(cls, start=-5, end=None, **kwargs):
        """A visit whose CSO members are covered (visit-scoped undertakings)."""
        visit = cls._visit(start=start, end=end, **kwargs)
        for partner in visit.member_ids.filtered(lambda m: m.side == "cso").partner_id:
            cls._undertaking(partner, signed=start - 10, visit=visit)
        visit.action_agree_terms()
        visit.action_confirm()
        return visit

    @classmethod
    def _finding(cls, visit, sensitivity="confidential", shared=False, **vals):
        return cls.env["npm.visit.finding"].create(
            {
                "visit_id": visit.id,
                "name": f"{sensitivity} finding{' (shared)' if shared else ''}",
                "sensitivity": sensitivity,
                "share_with_cso": shared,
                **vals,
            }
        )

    @classmethod
    def _document(cls, visit, sensitivity="confidential", shared=False, **vals):
        content = vals.pop("content", f"{sensitivity} material".encode())
        return cls.env["npm.visit.document"].create(
            {
                "visit_id": visit.id,
                "name": f"{sensitivity} document{' (shared)' if shared else ''}",
                "sensitivity": sensitivity,
                "share_with_cso": shared,
                "file": base64.b64encode(content),
                "file_name": f"{sensitivity}.pdf",
                **vals,
            }
        )
