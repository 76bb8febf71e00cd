"""A world of recommendations on top of NpmVisitCase (issue 16): the expert's
CSO and the other CSO each follow recommendations up through an active
partnership, and both experts hold a general undertaking."""

from datetime import timedelta

from odoo import fields

from tests.core.visit_common import NpmVisitCase

THEME = "npm_cso_cooperation.recommendation_theme_"
PARTNERSHIP_TERMS = {
    "expectations": "<p>Observations on the implementation of recommendations.</p>",
    "possibilities": "<p>Legal-aid desks in the places visited.</p>",
    "limits": "<p>No access to the NPM's files.</p>",
}


def active_partnership(env, partner, name):
    """A partnership of ``partner`` taken to the active state."""
    partnership = env["npm.cso.partnership"].create(
        {
            "name": name,
            "partner_id": partner.id,
            **PARTNERSHIP_TERMS,
            "safeguard_line_ids": [
                fields.Command.create({"name": "No instructions from the CSO"})
            ],
        }
    )
    partnership.action_start_negotiation()
    partnership.action_confirm_safeguards()
    partnership.action_agree()
    partnership.action_activate()
    return partnership


class NpmRecommendationCase(NpmVisitCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.health = cls.env.ref(THEME + "health_care")
        cls.conditions = cls.env.ref(THEME + "material_conditions")
        cls.safeguards = cls.env.ref(THEME + "legal_safeguards")
        cls.other_place = cls.env["npm.detention.place"].create(
            {"name": "North Police Station", "place_type": "police"}
        )
        cls.following = cls._active_partnership(cls.cso, "Follow-up – Test Watch")
        cls.other_following = cls._active_partnership(
            cls.other_cso, "Follow-up – Other CSO"
        )
        cls.expert_undertaking = cls._undertaking(cls.cso_expert, signed=-60)
        cls._undertaking(cls.other_expert, signed=-60)

    @classmethod
    def _active_partnership(cls, partner, name):
        return active_partnership(cls.env, partner, name)

    @classmethod
    def _recommendation(
        cls,
        place=None,
        themes=None,
        issued=None,
        sensitivity="confidential",
        shared=False,
        partnerships=None,
        **vals,
    ):
        """A recommendation, issued ``issued`` days from today (None: draft),
        shared with the CSOs of ``partnerships`` (the expert's by default)."""
        values = {
            "place_id": (place or cls.place).id,
            "text": "Examine every arrival within 24 hours.",
            "theme_ids": [fields.Command.set((themes or cls.health).ids)],
            "sensitivity": sensitivity,
            **vals,
        }
        if issued is not None:
            values["date_issued"] = cls.today + timedelta(days=issued)
        recommendation = cls.env["npm.recommendation"].create(values)
        if issued is not None:
            recommendation.action_issue()
        if shared:
            recommendation.write(
                {
                    "partnership_ids": [
                        fields.Command.set((partnerships or cls.following).ids)
                    ],
                    "share_with_cso": True,
                }
            )
        return recommendation

    @classmethod
    def _followup(cls, recommendation, status, days=0, validate=True, **vals):
        followup = cls.env["npm.recommendation.followup"].create(
            {
                "recommendation_id": recommendation.id,
                "date": cls.today + timedelta(days=days),
                "source": "npm_visit",
                "observation": f"Seen on a visit: {status}.",
                "assessed_status": status,
                **vals,
            }
        )
        if validate:
            followup.action_validate()
        return followup
