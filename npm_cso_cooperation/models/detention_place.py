# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

from ..tools import records_action
from .rule_filtered_mixin import RuleFilteredOne2many

PLACE_TYPES = [
    ("prison", "Prison"),
    ("police", "Police Station"),
    ("pretrial", "Pre-trial Detention Centre"),
    ("psychiatric", "Psychiatric Institution"),
    ("immigration", "Immigration Detention Centre"),
    ("juvenile", "Juvenile Detention Centre"),
    ("social_care", "Social Care Home"),
    ("other", "Other Place"),
]
#: Whom a place holds: a place holding only women needs women on the team of
#: a joint visit, whatever its type (see npm.team.requirement).
POPULATIONS = [
    ("men", "Men"),
    ("women", "Women"),
    ("mixed", "Mixed"),
    ("juveniles", "Juveniles"),
]
#: States of a joint visit that has taken place (its *Last Visit*).
DONE_STATES = ("done", "reported", "closed")


class NpmDetentionPlace(models.Model):
    """A place where persons are or may be deprived of their liberty."""

    _name = "npm.detention.place"
    _description = "Place of Deprivation of Liberty"
    _inherit = [
        "npm.mail.guard.mixin",
        "mail.thread",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.rule.filtered.x2many.mixin",
    ]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    place_type = fields.Selection(
        PLACE_TYPES, string="Type", required=True, default="prison", tracking=True
    )
    population = fields.Selection(
        POPULATIONS,
        required=True,
        default="mixed",
        tracking=True,
        help="Whom the place holds. A place holding only women requires a woman "
        "on the team of a joint visit, whatever its type.",
    )
    authority_id = fields.Many2one(
        "res.partner",
        string="Responsible Authority",
        tracking=True,
        help="The ministry, agency or operator responsible for the place.",
    )
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char(tracking=True)
    state_id = fields.Many2one("res.country.state", string="Region")
    country_id = fields.Many2one("res.country")
    capacity = fields.Integer(
        string="Official Capacity",
        tracking=True,
        help="Number of persons the place is officially designed to hold.",
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True, tracking=True)
    note = fields.Html(string="Description")
    visit_ids = RuleFilteredOne2many(
        "npm.joint.visit", "place_id", string="Joint Visits"
    )
    visit_count = fields.Integer(compute="_compute_visit_count")
    last_visit_date = fields.Date(
        string="Last Visit",
        compute="_compute_visit_count",
        help="First day of the last joint visit carried out here (done, "
        "reported or closed); planned visits do not count.",
    )

    # Recommendations (issue 16): counted and rated with the reader's rights.
    recommendation_ids = RuleFilteredOne2many(
        "npm.recommendation", "place_id", string="Recommendations"
    )
    recommendation_count = fields.Integer(
        string="Number of Recommendations", compute="_compute_recommendation_stats"
    )
    recommendation_implementation_rate = fields.Float(
        string="Implementation Rate (%)",
        compute="_compute_recommendation_stats",
        help="Share of the issued recommendations to this place that are "
        "implemented, among those you may read.",
    )

    _sql_constraints = [
        (
            "capacity_positive",
            "CHECK(capacity >= 0)",
            "The official capacity of a place cannot be negative.",
        ),
    ]

    @api.depends("visit_ids.date_start", "visit_ids.state")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_visit_count(self):
        groups = self.env["npm.joint.visit"]._read_group(
            [("place_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["place_id", "state"],
            ["__count", "date_start:max"],
        )
        counts, last_done = {}, {}
        for place, state, count, last in groups:
            counts[place.id] = counts.get(place.id, 0) + count
            if state in DONE_STATES and last:
                last_done[place.id] = max(last, last_done.get(place.id, last))
        for place in self:
            place.visit_count = counts.get(place.id, 0)
            place.last_visit_date = last_done.get(place.id, False)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_recommendation_stats(self):
        groups = self.env["npm.recommendation"]._read_group(
            [("place_id", "in", self.ids), ("state", "in", ("issued", "closed"))],
            ["place_id"],
            ["__count", "implementation_rate:avg"],
        )
        stats = {place.id: (count, rate) for place, count, rate in groups}
        for place in self:
            count, rate = stats.get(place.id, (0, 0.0))
            place.recommendation_count = count
            place.recommendation_implementation_rate = rate or 0.0

    def _lifecycle_keeps(self):
        # sudo: only whether visits or recommendations exist is read, to
        # refuse the deletion
        place = self.sudo().with_context(active_test=False)
        return bool(place.visit_ids or place.recommendation_ids)

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s has joint visits or recommendations on record and cannot "
            "be deleted. Archive it instead.",
            name=self.name,
        )

    def action_view_recommendations(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_recommendation_action",
            [("place_id", "=", self.id)],
            {"default_place_id": self.id},
        )

    def action_view_visits(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_joint_visit_action",
            [("place_id", "=", self.id)],
            {"default_place_id": self.id},
        )
