# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import npm_today, selection_label


class NpmInfoUseRequest(models.Model):
    """A CSO expert asks to use information gathered during a joint visit.

    Only a CSO member of the visit covered by a confidentiality undertaking
    may ask; NPM managers decide, in the light of the information-use terms
    agreed before the visit. An approval is written in the information
    release register.
    """

    _name = "npm.info.use.request"
    _description = "Request to Use Visit Information"
    _inherit = [
        "npm.mail.guard.mixin",
        "npm.frozen.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # officers may comment on a request they cannot change
    _mail_post_access = "read"

    # What was asked may not change once decided.
    _frozen_fields = ("visit_id", "partner_id", "purpose", "description")

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Requested By",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.user.partner_id,
        help="The CSO expert who asks to use the information.",
    )
    cso_id = fields.Many2one(related="visit_id.cso_id", store=True, index=True)
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Company"
    )
    purpose = fields.Selection(
        [
            ("report", "Public Report"),
            ("advocacy", "Advocacy"),
            ("litigation", "Litigation"),
            ("research", "Research"),
            ("media", "Media"),
            ("training", "Training"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    description = fields.Text(
        string="Information and Intended Use",
        required=True,
        help="Which information, and how the CSO means to use it.",
    )
    information_use_terms = fields.Html(
        related="visit_id.information_use_terms",
        string="Agreed Use of Information",
    )
    state = fields.Selection(
        [
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="submitted",
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    decided_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    decided_on = fields.Datetime(readonly=True, copy=False)
    decision_note = fields.Text(
        string="Conditions / Reasons",
        tracking=True,
        help="Conditions attached to the approval, or reasons for the rejection.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # access rights first: the eligibility check below is for those who
        # may create requests at all
        self.browse().check_access("create")
        for vals in vals_list:
            vals.setdefault("partner_id", self.env.user.partner_id.id)
            self._check_requester_eligible(vals.get("visit_id"), vals["partner_id"])
            if vals.get("name", self.env._("New")) == self.env._("New"):
                # sudo: portal experts have no right on sequences; drawing the
                # next number shows them nothing.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                    "npm.info.use.request"
                ) or self.env._("New")
            vals["state"] = "submitted"
            vals.pop("decided_by_id", None)
            vals.pop("decided_on", None)
            if not self.env.user.has_group("npm_cso_cooperation.group_npm_manager"):
                vals.pop("decision_note", None)
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        for request in self:
            if request.state != "submitted":
                raise UserError(
                    self.env._(
                        "%(name)s has been decided and is kept as a record: it "
                        "cannot be deleted.",
                        name=request.name,
                    )
                )

    def _is_frozen(self):
        self.ensure_one()
        return self.state != "submitted"

    @api.model
    def _check_requester_eligible(self, visit_id, partner_id):
        """Only a CSO member of the visit covered today may ask.

        The caller's own access is checked first, and every refusal names
        only what the caller may read: a visit they may not read (or that
        does not exist) gets the same answer, naming nothing, so that ids
        cannot be probed; a portal expert asks only in their own name.

        sudo: the team and the undertakings of a visit the caller may read
        are read to answer yes or no; the record rules on create make the
        same check again for portal users.
        """
        visit = self.env["npm.joint.visit"].browse(visit_id or []).exists()
        if not visit or not visit.has_access("read"):
            # One answer for every visit the caller may not read: it says
            # why one may not ask, never which visit or whose team.
            raise UserError(
                self.env._(
                    "You cannot ask about this visit: either there is no such "
                    "visit, or the person who asks was not a CSO member of its "
                    "team, or has no valid confidentiality undertaking covering "
                    "it today."
                )
            )
        partner = self.env["res.partner"].browse(partner_id or []).exists()
        if self.env.user.share and partner != self.env.user.partner_id:
            raise AccessError(self.env._("You can only ask in your own name."))
        if not partner or not partner.has_access("read"):
            raise ValidationError(
                self.env._("Choose the joint visit and the person who asks.")
            )
        visit = visit.sudo()
        members = visit.member_ids.filtered(lambda m: m.side == "cso").partner_id
        if partner not in members:
            raise UserError(
                self.env._(
                    "%(person)s was not a CSO member of the team of %(visit)s: "
                    "only its CSO members may ask to use its information.",
                    person=partner.display_name,
                    visit=visit.name,
                )
            )
        if partner in visit._get_uncovered_cso_members(on_date=npm_today(self.env)):
            raise UserError(
                self.env._(
                    "%(person)s has no valid confidentiality undertaking covering "
                    "%(visit)s: a request to use its information needs one.",
                    person=partner.display_name,
                    visit=visit.name,
                )
            )

    def write(self, vals):
        # access rights first: business messages are for those who may write
        self.check_access("write")
        if "state" in vals:
            vals = self._prepare_decision(vals)
        elif {"decided_by_id", "decided_on"} & set(vals):
            raise UserError(
                self.env._(
                    "Who decided a request and when is recorded by “Approve” or "
                    "“Reject”; it cannot be set by hand."
                )
            )
        approved = self.browse()
        if vals.get("state") == "approved":
            approved = self.filtered(lambda r: r.state != "approved")
        result = super().write(vals)
        approved._register_approval()
        return result

    def action_approve(self):
        return self.write({"state": "approved"})

    def action_reject(self):
        return self.write({"state": "rejected"})

    def _prepare_decision(self, vals):
        """Only NPM managers decide, once; whoever writes the state."""
        if not self.env.user.has_group("npm_cso_cooperation.group_npm_manager"):
            raise AccessError(
                self.env._(
                    "Only NPM managers may decide on a request to use information."
                )
            )
        target = vals["state"]
        for request in self:
            if request.state != "submitted" or target == "submitted":
                raise UserError(
                    self.env._("%(name)s has already been decided.", name=request.name)
                )
        return dict(
            vals, decided_by_id=self.env.user.id, decided_on=fields.Datetime.now()
        )

    def _register_approval(self):
        """Write the approval in the information release register."""
        Release = self.env["npm.information.release"]
        for request in self:
            Release._register_release(
                request,
                request.partner_id,
                visit=request.visit_id,
                description=self.env._(
                    "Use of information of %(visit)s approved (%(purpose)s): "
                    "%(description)s",
                    visit=request.visit_id.name,
                    purpose=selection_label(request, "purpose"),
                    description=request.description,
                ),
            )
