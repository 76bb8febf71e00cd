# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models


class NpmJointVisitPortal(models.Model):
    """The joint visit as a covered CSO member sees it under /my/visits."""

    _name = "npm.joint.visit"
    _inherit = ["npm.portal.mixin", "npm.portal.readable.mixin", "npm.joint.visit"]

    # What the portal pages show of a visit, sort and filter it by.
    _portal_readable_fields = (
        "name",
        "state",
        "date_start",
        "date_end",
        "portal_place_name",
        "roles_agreed",
        "approach",
        "urgent_action_protocol",
        "information_use_terms",
        "member_ids",
    )

    # Related fields are read as the superuser: the expert sees the name of
    # the place of a visit they may read without any right on the register
    # of places (its authority, capacity and visit history stay closed).
    portal_place_name = fields.Char(related="place_id.name", string="Place Name")

    def _compute_access_url(self):
        for visit in self:
            visit.access_url = f"/my/visits/{visit.id}"

    def _portal_memberships(self, partner):
        """The team lines of ``partner`` on this visit, read with the user's rights."""
        self.ensure_one()
        return self.member_ids.filtered(lambda member: member.partner_id == partner)
