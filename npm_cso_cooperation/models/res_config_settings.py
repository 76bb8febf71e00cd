# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_users import SECOND_FACTOR_PARAM


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    npm_agreement_renewal_days = fields.Integer(
        string="Renewal Reminder (days before the end)",
        config_parameter="npm_cso_cooperation.agreement_renewal_days",
        default=30,
        help="How many days before a signed agreement ends its responsible "
        "officer gets an activity to renew it.",
    )

    npm_post_visit_check_days = fields.Integer(
        string="Post-Visit Check (days after the visit)",
        config_parameter="npm_cso_cooperation.post_visit_check_days",
        default=14,
        help="How many days after a joint visit ends (then after each check "
        "is done) the head of delegation gets an activity to check on a person "
        "met at high risk of reprisals.",
    )

    npm_urgent_action_user_id = fields.Many2one(
        "res.users",
        string="Urgent-Action Officer",
        config_parameter="npm_cso_cooperation.urgent_action_user_id",
        domain=[("share", "=", False)],
        help="Receives the urgent-action activity of an urgent finding when the "
        "visit has no head of delegation with a user account (or one who may "
        "not read the finding).",
    )

    npm_require_second_factor = fields.Boolean(
        string="Two-Factor Sign-In for Cleared Staff",
        help="Cleared officers and managers reach NPM records only once they "
        "sign in with a second factor (an authenticator app, or a code by "
        "e-mail where the e-mail variant is enforced). Until they enabled it, "
        "a password alone opens no NPM record.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        values["npm_require_second_factor"] = self.env[
            "res.users"
        ]._npm_second_factor_required()
        return values

    def set_values(self):
        result = super().set_values()
        # "0" rather than no parameter: a missing parameter means required
        # (the safe side), so that switching it off is always a decision.
        self.env["ir.config_parameter"].sudo().set_param(
            SECOND_FACTOR_PARAM, "1" if self.npm_require_second_factor else "0"
        )
        return result

    @api.constrains("npm_agreement_renewal_days")
    def _check_npm_agreement_renewal_days(self):
        for settings in self:
            if settings.npm_agreement_renewal_days < 1:
                raise ValidationError(
                    self.env._(
                        "The renewal reminder must come at least one day before "
                        "an agreement ends."
                    )
                )

    @api.constrains("npm_post_visit_check_days")
    def _check_npm_post_visit_check_days(self):
        for settings in self:
            if settings.npm_post_visit_check_days < 1:
                raise ValidationError(
                    self.env._(
                        "The post-visit check must come at least one day after "
                        "a visit ends."
                    )
                )
