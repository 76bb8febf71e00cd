# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models

from ..tools import selection_label
from .detention_place import PLACE_TYPES


class NpmTeamRequirement(models.Model):
    """What a joint-visit team to a kind of place must include (SPT: teams
    with the expertise and the gender balance the place needs).

    Managers maintain the list; a visit is confirmed only when its team has
    every area of expertise and, where required, a woman (see
    ``npm.joint.visit._team_gaps``), unless a manager records why it goes
    ahead without them.
    """

    _name = "npm.team.requirement"
    _description = "Joint Visit Team Requirement"
    _order = "place_type, id"
    _rec_name = "place_type"
    _check_company_auto = True

    place_type = fields.Selection(PLACE_TYPES, required=True)
    expertise_ids = fields.Many2many(
        "npm.cso.expertise",
        relation="npm_team_requirement_expertise_rel",
        column1="requirement_id",
        column2="expertise_id",
        string="Required Expertise",
        check_company=True,
        help="Areas of expertise the team of a joint visit to such a place "
        "must include (on either side).",
    )
    women_required = fields.Boolean(
        help="The team of a joint visit to such a place must include a woman. "
        "A place holding only women requires one whatever its type.",
    )
    note = fields.Text(help="Why the place needs it (the standard followed).")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        default=lambda self: self.env.company,
        help="Leave empty to apply it in every company of the database.",
    )

    @api.depends("place_type")
    def _compute_display_name(self):
        for requirement in self:
            requirement.display_name = (
                selection_label(requirement, "place_type")
                if requirement.place_type
                else ""
            )
