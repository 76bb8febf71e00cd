"""The world of the scope channels of the side-channel suite (issue 12,
channels 6, 7, 9 and 11): who still belongs to a CSO, which visit material
belongs to, which company, and which day it is.

On top of ``SideChannelCase`` (whose "moved" expert left for another CSO),
three more experts of the CSO leave it in other ways after material of their
visit was shared with them:

    archived_expert   their user and their contact are archived
    archived_user     their user is archived (the contact stays)
    portal_removed    their portal access is removed (public user, active)

and a visit whose expert is covered until today (``lapsing_today``), beside
the base world's ``lapsed`` visit (covered until yesterday), for the date
channel.
"""

from odoo import Command

from tests.core.side_channel_common import MATERIAL_KINDS, SideChannelCase

LEAVER_SITUATIONS = ("archived_expert", "archived_user", "portal_removed")
# The situations of the people channel: the control first.
PEOPLE_SITUATIONS = ("shared", "moved", *LEAVER_SITUATIONS)


class ScopeCase(SideChannelCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        both = cls.cso_colleague
        cls.leavers = {}
        for situation in LEAVER_SITUATIONS:
            partner = cls.env["res.partner"].create(
                {"name": f"Expert {situation}", "parent_id": cls.cso.id}
            )
            cls.leavers[situation] = cls._new_user(
                f"t_portal_{situation}", "base.group_portal", partner=partner
            )
            visit = cls._confirmed_visit(start=-5, cso_partners=both | partner)
            cls.visits[situation] = visit
            for kind in MATERIAL_KINDS:
                make = cls._finding if kind == "finding" else cls._document
                record = make(visit, "confidential", shared=True)
                record.name = f"{kind} {situation}: secret title {situation}"
                cls.material[kind, situation] = record
        # Each expert asked to use information of their visit before leaving.
        cls.mover.parent_id = cls.cso
        cls.own_requests = {
            situation: cls.env["npm.info.use.request"].create(
                {
                    "visit_id": cls.visits[situation].id,
                    "partner_id": cls.user_for("portal", situation).partner_id.id,
                    "purpose": "report",
                    "description": f"Request before leaving ({situation}).",
                }
            )
            for situation in PEOPLE_SITUATIONS
        }
        cls.mover.parent_id = cls.other_cso
        # The experts leave after the material was shared with them.
        cls.leavers["archived_expert"].active = False
        cls.leavers["archived_expert"].partner_id.active = False
        cls.leavers["archived_user"].active = False
        cls.leavers["portal_removed"].write(
            {
                "groups_id": [
                    Command.unlink(cls.env.ref("base.group_portal").id),
                    Command.link(cls.env.ref("base.group_public").id),
                ]
            }
        )
        # The expert's undertaking for this visit ends today: still valid.
        visit = cls._visit(start=-10, end=-9, cso_partners=cls.cso_expert | both)
        cls.undertaking_today = cls._undertaking(
            cls.cso_expert, signed=-20, expiry=0, visit=visit
        )
        cls.undertaking_lapsed = cls.env["npm.confidentiality.undertaking"].search(
            [
                ("partner_id", "=", cls.cso_expert.id),
                ("visit_id", "=", cls.visits["lapsed"].id),
            ]
        )
        visit.action_agree_terms()
        visit.action_confirm()
        cls.visits["lapsing_today"] = visit
        for kind in MATERIAL_KINDS:
            make = cls._finding if kind == "finding" else cls._document
            cls.material[kind, "lapsing_today"] = make(
                visit, "confidential", shared=True
            )

    @classmethod
    def user_for(cls, role, situation):
        if role == "portal" and situation in cls.leavers:
            return cls.leavers[situation]
        return super().user_for(role, situation)
