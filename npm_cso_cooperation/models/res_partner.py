# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import GROUP_CONFIDENTIAL, GROUP_OFFICER
from ..tools import records_action
from .reprisal_allegation import OPEN_STATES

CSO_TYPES = [
    ("ngo", "NGO"),
    ("professional_body", "Professional body (bar, medical association, …)"),
    ("academic", "Academic institution"),
    ("faith_based", "Faith-based organisation"),
    ("other", "Other"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_cso = fields.Boolean(
        string="Is a CSO",
        tracking=True,
        help="This organisation is a civil-society organisation the NPM "
        "cooperates with or may cooperate with.",
    )
    cso_type = fields.Selection(CSO_TYPES, string="CSO Type", tracking=True)
    cso_expertise_ids = fields.Many2many(
        "npm.cso.expertise",
        relation="npm_cso_expertise_partner_rel",
        column1="partner_id",
        column2="expertise_id",
        string="Expertise",
    )
    cso_mandate = fields.Text(
        string="Mandate",
        help="What the organisation exists to do, in its own words.",
    )
    cso_id = fields.Many2one(
        "res.partner",
        string="CSO",
        compute="_compute_cso_id",
        store=True,
        recursive=True,
        index=True,
        help="The civil-society organisation this contact belongs to: the "
        "organisation itself, or the CSO of its parent company.",
    )

    # Cooperation (smart buttons on the CSO's contact form)
    cso_partnership_ids = fields.One2many(
        "npm.cso.partnership",
        "partner_id",
        string="Partnerships",
        groups=GROUP_OFFICER,
    )
    cso_partnership_count = fields.Integer(
        compute="_compute_cso_cooperation_counts",
        string="Number of Partnerships",
        groups=GROUP_OFFICER,
    )
    cso_agreement_count = fields.Integer(
        compute="_compute_cso_cooperation_counts",
        string="Number of Agreements",
        groups=GROUP_OFFICER,
    )

    # Joint visits and confidentiality (issues 4 and 5)
    cso_person_ids = fields.One2many(
        "res.partner",
        "cso_id",
        string="People of the CSO",
        groups="base.group_user",
        help="Every contact whose CSO is this organisation (itself included).",
    )
    npm_undertaking_ids = fields.One2many(
        "npm.confidentiality.undertaking",
        "partner_id",
        string="Confidentiality Undertakings",
        groups=GROUP_OFFICER,
    )
    npm_visit_count = fields.Integer(
        string="Joint Visits",
        compute="_compute_npm_visit_count",
        groups=GROUP_OFFICER,
    )
    npm_undertaking_count = fields.Integer(
        string="Undertakings",
        compute="_compute_npm_undertaking_count",
        groups=GROUP_OFFICER,
    )

    # Reprisals (issue 15): cleared staff only, computed with their rights,
    # never stored (officers read, search and group contacts).
    npm_reprisal_alert = fields.Boolean(
        string="At Risk of Reprisals",
        compute="_compute_npm_reprisal_alert",
        search="_search_npm_reprisal_alert",
        groups=GROUP_CONFIDENTIAL,
        help="An open allegation of reprisals concerns this contact or, for "
        "a CSO, one of its people.",
    )

    @api.depends("is_cso", "parent_id.cso_id")
    def _compute_cso_id(self):
        for partner in self:
            if partner.is_cso:
                partner.cso_id = partner
            else:
                partner.cso_id = partner.parent_id.cso_id

    def _compute_cso_cooperation_counts(self):
        counts = {}
        for model in ("npm.cso.partnership", "npm.cso.agreement"):
            groups = self.env[model]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
            counts[model] = {partner.id: count for partner, count in groups}
        for partner in self:
            partner.cso_partnership_count = counts["npm.cso.partnership"].get(
                partner.id, 0
            )
            partner.cso_agreement_count = counts["npm.cso.agreement"].get(partner.id, 0)

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_npm_visit_count(self):
        Visit = self.env["npm.joint.visit"]
        for partner in self:
            partner.npm_visit_count = (
                Visit.search_count(partner._npm_visit_domain()) if partner.id else 0
            )

    @api.depends_context("uid")
    def _compute_npm_undertaking_count(self):
        Undertaking = self.env["npm.confidentiality.undertaking"]
        for partner in self:
            partner.npm_undertaking_count = (
                Undertaking.search_count(partner._npm_undertaking_domain())
                if partner.id
                else 0
            )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_npm_reprisal_alert(self):
        partners = self.filtered("id")
        open_allegations = self.env["npm.reprisal.allegation"]._npm_open_concerning(
            partners
        )
        concerned = open_allegations.partner_id
        for partner in self:
            partner.npm_reprisal_alert = bool(
                partner.id
                and (
                    partner in concerned
                    or (partner.is_cso and partner in concerned.cso_id)
                )
            )

    def _search_npm_reprisal_alert(self, operator, value):
        # Cleared staff filter the contacts at risk: the allegations are
        # searched with their own rights (the field's groups keep everyone
        # else from searching it at all).
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("Search “at risk of reprisals” with = or != only.")
            )
        if not self.env.su and not self.env.user.has_group(GROUP_CONFIDENTIAL):
            raise AccessError(
                self.env._("You may not search the contacts at risk of reprisals.")
            )
        allegations = self.env["npm.reprisal.allegation"].search(
            [("state", "in", OPEN_STATES)]
        )
        at_risk = allegations.partner_id | allegations.partner_id.cso_id
        domain = [("id", "in", at_risk.ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reprisal_allegation(self):
        # sudo: whether an allegation names these contacts decides the
        # refusal, which names neither the allegation nor its kind (Odoo's
        # own refusal would name the model to an officer who may not know
        # that it exists).
        if (
            self.env["npm.reprisal.allegation"]
            .sudo()
            .search_count([("partner_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "This contact is part of the NPM's records and cannot be "
                    "deleted: archive it instead."
                )
            )

    def _npm_visit_domain(self):
        self.ensure_one()
        if self.is_cso:
            return [("cso_id", "=", self.id)]
        return [("member_ids.partner_id", "=", self.id)]

    def _npm_undertaking_domain(self):
        self.ensure_one()
        if self.is_cso:
            return [("cso_id", "=", self.id)]
        return [("partner_id", "=", self.id)]

    @api.constrains("is_cso", "is_company", "cso_type")
    def _check_cso(self):
        for partner in self.filtered("is_cso"):
            if not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(name)s cannot be marked as a CSO: only organisations "
                        "(companies) are CSOs. Mark the organisation instead and "
                        "add this person as one of its contacts.",
                        name=partner.display_name,
                    )
                )
            if not partner.cso_type:
                raise ValidationError(
                    self.env._(
                        "Set the type of the CSO %(name)s (NGO, professional body, "
                        "academic institution, faith-based organisation or other).",
                        name=partner.display_name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "tz" in vals and (
            # sudo: only whether a company's partner changed is read
            self.env["res.company"]
            .sudo()
            .search_count([("partner_id", "in", self.ids)], limit=1)
        ):
            # the NPM's today follows its company's time zone (cached)
            self.env.registry.clear_cache()
        return result

    def _get_gravatar_image(self, email):
        # Odoo's contact form looks a typed e-mail address up on Gravatar (a
        # hash of it, sent to an outside service, from the server): the
        # e-mail addresses of a CSO's people never leave the server.
        return False

    def action_view_cso_partnerships(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_cso_partnership_action",
            [("partner_id", "=", self.id)],
            {"default_partner_id": self.id},
        )

    def action_view_cso_agreements(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_cso_agreement_action",
            [("partner_id", "=", self.id)],
        )

    def action_view_npm_visits(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_joint_visit_action",
            self._npm_visit_domain(),
        )

    def action_view_npm_undertakings(self):
        self.ensure_one()
        return records_action(
            self.env,
            "npm_cso_cooperation.npm_confidentiality_undertaking_action",
            self._npm_undertaking_domain(),
            {} if self.is_cso else {"default_partner_id": self.id},
        )
