"""The world of the side-channel suite (issue 12), and its table generator.

Record rules decide who reads findings, visit documents, visits and
undertakings; the side-channel suite proves that nothing *around* them
(mail tables, searches, error messages, stamps, portal fields, companies,
the document store, ...) tells a user what the rules hide. Each test module
of the suite declares a table::

    {(channel, situation): "outcomes"}

with one letter per role in ROLES order:

    A  the channel answers (the control cell: someone who may read the
       record learns about it through the channel, so the channel works)
    D  the channel refuses or answers empty (AccessError, nothing found,
       no row, a message naming nothing)
    .  not meaningful for that role

and ``generate_cells(TestClass, TABLE)`` adds one test per cell, named
``test_<role>_<channel>_<situation>_<allowed|denied>``, each calling
``self._check_cell(channel, situation, role, allowed)``.

Situations (the material of each is a finding and a visit document of a
confirmed visit of the expert's CSO, ``cls.material[kind, situation]``):

    shared                 confidential, shared with the CSO (the control)
    strict                 strictly confidential
    unshared               confidential, never shared
    unshared_after_share   shared, then no longer shared
    raised                 shared, then raised to strictly confidential
    lapsed                 shared, on a visit the expert's undertaking
                           covered until yesterday
    revoked                shared, on a visit whose undertaking the NPM
                           revoked
    moved                  shared, on a visit of an expert who then moved
                           to another CSO (for that situation the role
                           "portal" is that expert: ``user_for``)
"""

from tests.core.visit_common import NpmVisitCase

# The attacker first, the NPM last.
ROLES = ("portal", "other_portal", "employee", "officer", "cleared", "manager")
OUTCOME_WORDS = {"A": "allowed", "D": "denied"}
SITUATIONS = (
    "shared",
    "strict",
    "unshared",
    "unshared_after_share",
    "raised",
    "lapsed",
    "revoked",
    "moved",
)
MATERIAL_KINDS = ("finding", "document")


class SideChannelCase(NpmVisitCase):
    """NpmVisitCase plus one piece of material per kind and situation."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Material is created with tracking on: the mail side tables are
        # part of what is tested.
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # The colleague is covered everywhere, so that material can be shared
        # (and stay shared) on visits the expert is no longer covered for.
        cls._undertaking(cls.cso_colleague, signed=-60)
        both = cls.cso_expert | cls.cso_colleague
        cls.mover = cls.env["res.partner"].create(
            {"name": "Expert who moves", "parent_id": cls.cso.id}
        )
        cls.mover_user = cls._new_user(
            "t_portal_mover", "base.group_portal", partner=cls.mover
        )
        own = cls._confirmed_visit(start=-5, cso_partners=both)
        cls.visits = {situation: own for situation in SITUATIONS}
        undertakings = {}
        for situation, expiry in (("lapsed", -1), ("revoked", None)):
            visit = cls._visit(start=-10, end=-9, cso_partners=both)
            undertaking = cls._undertaking(
                cls.cso_expert, signed=-20, expiry=expiry, visit=visit
            )
            visit.action_agree_terms()
            visit.action_confirm()
            cls.visits[situation] = visit
            undertakings[situation] = undertaking
        cls.visits["moved"] = cls._confirmed_visit(
            start=-5, cso_partners=both | cls.mover
        )
        cls.other_visit = cls._confirmed_visit(
            start=-5, partnership=cls.other_partnership
        )
        cls.material = {}
        for kind in MATERIAL_KINDS:
            make = cls._finding if kind == "finding" else cls._document
            for situation in SITUATIONS:
                visit = cls.visits[situation]
                if situation == "strict":
                    record = make(visit, "strictly_confidential")
                elif situation == "unshared":
                    record = make(visit, "confidential")
                else:
                    record = make(visit, "confidential", shared=True)
                record.name = f"{kind} {situation}: secret title {situation}"
                cls.material[kind, situation] = record
        for kind in MATERIAL_KINDS:
            cls.material[kind, "unshared_after_share"].share_with_cso = False
            cls.material[kind, "raised"].write(
                {"sensitivity": "strictly_confidential", "share_with_cso": False}
            )
        undertakings["revoked"].action_revoke(reason="Side channels")
        # The expert moves to the other CSO after the material was shared.
        cls.mover.parent_id = cls.other_cso
        cls.users = {
            "portal": cls.portal_expert,
            "other_portal": cls.other_portal_expert,
            "employee": cls.employee,
            "officer": cls.officer,
            "cleared": cls.cleared,
            "manager": cls.manager,
        }

    @classmethod
    def user_for(cls, role, situation):
        """The user playing ``role`` in ``situation``."""
        if role == "portal" and situation == "moved":
            return cls.mover_user
        return cls.users[role]

    @classmethod
    def may_read(cls, role, kind, situation):
        """Whether the record rules let ``role`` read that material: the
        answer every side channel must agree with."""
        if role in ("cleared", "manager"):
            return True
        if role == "officer":
            return situation not in ("strict", "raised")
        if role == "portal":
            return situation == "shared"
        return False

    @classmethod
    def expected(cls, kind):
        """The outcomes string of the rules for ``kind``, per situation:
        ``{situation: "AD..."}`` in ROLES order."""
        return {
            situation: "".join(
                "A" if cls.may_read(role, kind, situation) else "D" for role in ROLES
            )
            for situation in SITUATIONS
        }


def generate_cells(test_class, table, roles=ROLES):
    """One test method per cell of ``table`` on ``test_class``."""
    for (channel, situation), outcomes in table.items():
        assert len(outcomes) == len(roles), (channel, situation, outcomes)
        for role, outcome in zip(roles, outcomes, strict=True):
            if outcome == ".":
                continue
            slug = situation.replace("/", "_")
            name = f"test_{role}_{channel}_{slug}_{OUTCOME_WORDS[outcome]}"
            assert not hasattr(test_class, name), name
            setattr(
                test_class,
                name,
                _make_test(channel, situation, role, outcome == "A"),
            )


def _make_test(channel, situation, role, allowed):
    def test(self):
        self._check_cell(channel, situation, role, allowed)

    word = "answers" if allowed else "tells nothing"
    test.__doc__ = f"{role} through {channel} ({situation}): {word}"
    return test
