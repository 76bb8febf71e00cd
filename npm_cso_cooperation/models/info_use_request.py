# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mail import plaintext2html

from ..groups import GROUP_MANAGER
from ..tools import npm_today, selection_label
from .lifecycle_mixin import STAMP_NOW, STAMP_USER

DECIDED_STATES = ("approved", "rejected")
DECISION_ACTIVITY = "npm_cso_cooperation.mail_activity_type_info_use_decision"


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
        "npm.visit.material.mixin",
        "npm.portal.mixin",
        "npm.portal.readable.mixin",
        "npm.mail.guard.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.retention.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # officers may comment on a request they cannot change
    _mail_post_access = "read"

    # Only NPM managers decide, once, whoever writes the state.
    _lifecycle_state_field = "state"
    _lifecycle_create_states = ("submitted",)
    _lifecycle_transitions = {"approved": ("submitted",), "rejected": ("submitted",)}
    _lifecycle_groups = {"approved": GROUP_MANAGER, "rejected": GROUP_MANAGER}
    _lifecycle_stamps = {
        "approved": {"decided_by_id": STAMP_USER, "decided_on": STAMP_NOW},
        "rejected": {"decided_by_id": STAMP_USER, "decided_on": STAMP_NOW},
    }
    # What was asked may not change once decided.
    _lifecycle_frozen = (
        (
            ("visit_id", "partner_id", "purpose", "description", "finding_ids"),
            DECIDED_STATES,
        ),
    )
    _lifecycle_undeletable_states = DECIDED_STATES
    # The reference comes from the sequence: an expert never chooses it.
    _lifecycle_app_only_fields = ("name",)
    _lifecycle_sequences = {"name": "npm.info.use.request"}
    # What an anonymisation removes: the CSO's free text and the decision's
    # note; purpose, visit, expert, dates and decision stay.
    _retention_anonymise_fields = ("description", "decision_note")

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
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
    finding_ids = fields.Many2many(
        "npm.visit.finding",
        "npm_info_use_request_finding_rel",
        "request_id",
        "finding_id",
        string="Findings to Use",
        help="The findings of the visit shared with the CSO that the expert "
        "would use. The consent of the persons they concern must cover the "
        "purpose for the request to be approved.",
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
            # A request is asked, not decided: what a decision records is
            # dropped from what the requester sends.
            vals["state"] = "submitted"
            vals.pop("decided_by_id", None)
            vals.pop("decided_on", None)
            if not self.env.user.has_group(GROUP_MANAGER):
                vals.pop("decision_note", None)
        requests = super().create(vals_list)
        requests._ask_managers_to_decide()
        return requests

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s has been decided and is kept as a record: it cannot be deleted.",
            name=self.name,
        )

    def _lifecycle_state_message(self, target, what=None):
        return self.env._("%(name)s has already been decided.", name=self.name)

    def _lifecycle_group_message(self, target, what=None):
        return self.env._(
            "Only NPM managers may decide on a request to use information."
        )

    def _lifecycle_stamp_message(self, field_names):
        return self.env._(
            "Who decided a request and when is recorded by “Approve” or "
            "“Reject”; it cannot be set by hand."
        )

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

    @api.constrains("visit_id", "finding_ids")
    def _check_findings_shared(self):
        """Only findings of the request's visit shared with its CSO may be
        named: for a portal expert, exactly those they may read."""
        for info_request in self:
            # sudo: the visit and sharing of the named findings decide the
            # refusal, which names none of them (ids cannot be probed).
            findings = info_request.sudo().finding_ids
            wrong = findings.filtered(
                lambda f, r=info_request: (
                    f.visit_id != r.sudo().visit_id or not f.share_with_cso
                )
            )
            if not wrong and not self.env.su:
                # as the user: a finding they may not read is not theirs to name
                wrong = findings.with_env(self.env) - findings.with_env(
                    self.env
                )._filtered_access("read")
            if wrong:
                raise ValidationError(
                    self.env._(
                        "A request may name only findings of its visit that are "
                        "shared with the CSO."
                    )
                )

    def action_approve(self):
        return self._lifecycle_move("approved")

    def _check_to_approved(self, vals):
        """Refuse approving a use the consent of the persons concerned does
        not cover: publication for most purposes, transmission to the
        authorities for litigation; a withdrawn consent, or limited capacity
        without a best-interest decision, refuses."""
        for info_request in self:
            # sudo: the persons the chosen findings concern and their consent
            # decide; the message names their pseudonyms only.
            findings = info_request.sudo().finding_ids
            missing = info_request._consent_gaps(findings.person_ids)
            if missing:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be approved: the consent of persons "
                        "its findings concern does not cover %(purpose)s. "
                        "%(missing)s",
                        name=info_request.name,
                        purpose=selection_label(info_request, "purpose"),
                        missing="; ".join(
                            f"{pseudonym}: {gap}" for pseudonym, gap in missing
                        ),
                    )
                )
            unshared = findings.filtered(lambda f: not f.share_with_cso)
            if unshared:
                raise UserError(
                    self.env._(
                        "%(name)s cannot be approved: it names findings no "
                        "longer shared with the CSO: %(findings)s.",
                        name=info_request.name,
                        findings=", ".join(unshared.mapped("name")),
                    )
                )

    def _consent_gaps(self, persons):
        """(pseudonym, what is missing) for each person whose consent does not
        cover the request's purpose."""
        self.ensure_one()
        authorities = self.purpose == "litigation"
        scope = "consent_authorities" if authorities else "consent_publication"
        gaps = []
        for person in persons.sorted("pseudonym"):
            if person.consent_withdrawn_on:
                gap = self.env._(
                    "consent withdrawn on %(date)s", date=person.consent_withdrawn_on
                )
            elif not person[scope]:
                gap = (
                    self.env._("no consent to transmission to the authorities")
                    if authorities
                    else self.env._("no consent to publication")
                )
            elif person.limited_capacity and not person.best_interest_decision:
                gap = self.env._(
                    "limited capacity to consent, and no best-interest decision "
                    "recorded by a manager"
                )
            else:
                continue
            gaps.append((person.pseudonym, gap))
        return gaps

    def action_reject(self):
        return self._lifecycle_move("rejected")

    def _on_approved(self, before):
        self._register_approval()
        self._close_decision_activities()
        self._tell_requester_the_decision()

    def _on_rejected(self, before):
        self._close_decision_activities()
        self._tell_requester_the_decision()

    # Who acts on a request ---------------------------------------------------

    def _ask_managers_to_decide(self):
        """Give the NPM managers of the request's company who may read it a
        *Decide on request* activity."""
        # sudo (same user): a portal expert has no right on activities, and
        # an officer may not subscribe the managers to a request they cannot
        # change. The activities go only to managers who may read the request
        # (checked here and again when each is created); the caller reads
        # none of them.
        for request in self.sudo():
            for manager in request._npm_managers_who_may_read():
                # in the manager's language
                in_lang = request.with_context(lang=manager.lang or request.env.lang)
                in_lang.activity_schedule(
                    DECISION_ACTIVITY,
                    user_id=manager.id,
                    note=in_lang.env._(
                        "%(person)s asks to use information of %(visit)s "
                        "(%(purpose)s): approve it, with any conditions, or "
                        "reject it with the reason.",
                        person=request.partner_id.display_name,
                        visit=request.visit_id.name,
                        purpose=selection_label(in_lang, "purpose"),
                    ),
                )

    def _close_decision_activities(self):
        """The decider's activity is done; the other managers' are closed with
        a note naming who decided."""
        activity_type = self.env.ref(DECISION_ACTIVITY)
        for request in self:
            decision = selection_label(request, "state")
            request.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )._npm_close_on_decision(
                decision,
                self.env._(
                    "Decided by %(user)s: %(decision)s",
                    user=self.env.user.display_name,
                    decision=decision,
                ),
            )

    def _tell_requester_the_decision(self):
        """The expert who asked reads the answer on the request, in the portal,
        and gets it by e-mail: approved with its conditions, or rejected with
        the reason. Only the requester is addressed, and the chatter notifies
        nobody who may no longer read the request (npm.mail.guard.mixin)."""
        for request in self:
            expert = request.partner_id
            # In the expert's language, not the manager's.
            in_lang = request.with_context(lang=expert.lang or request.env.lang)
            env = in_lang.env
            values = {"name": request.name, "visit": request.visit_id.name}
            if request.state == "approved":
                intro = env._(
                    "The NPM approved your request %(name)s to use information "
                    "of %(visit)s.",
                    **values,
                )
                note_label = env._("Conditions:")
                no_note = env._(
                    "No condition was added to the agreed use of information of "
                    "the visit."
                )
            else:
                intro = env._(
                    "The NPM rejected your request %(name)s to use information "
                    "of %(visit)s.",
                    **values,
                )
                note_label = env._("Reason:")
                no_note = env._("No reason was given.")
            if request.decision_note:
                detail = Markup("<p><strong>%s</strong></p>%s") % (
                    note_label,
                    plaintext2html(request.decision_note),
                )
            else:
                detail = Markup("<p>%s</p>") % no_note
            request.message_post(
                body=Markup("<p>%s</p>%s") % (intro, detail),
                subject=intro,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=expert.ids,
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

    # Portal ------------------------------------------------------------------
    # The request as its author follows it under /my/requests.

    # What the portal pages show of a request, sort and filter it by; not
    # which NPM manager decided.
    _portal_readable_fields = (
        "name",
        "visit_id",
        "portal_visit_name",
        "partner_id",
        "purpose",
        "description",
        "finding_ids",
        "information_use_terms",
        "state",
        "decided_on",
        "decision_note",
        "create_date",
    )

    # Read as the superuser (related field): the author of a request keeps
    # seeing which visit it is about (its reference only) after their
    # undertaking has lapsed and the visit itself is closed to them.
    portal_visit_name = fields.Char(related="visit_id.name", string="Visit Reference")

    def _compute_access_url(self):
        for info_request in self:
            info_request.access_url = f"/my/requests/{info_request.id}"
