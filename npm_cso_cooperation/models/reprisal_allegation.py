# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import npm_today
from .lifecycle_mixin import STAMP_NOW, STAMP_USER

ALLEGATION_ACTIVITY = "npm_cso_cooperation.mail_activity_type_reprisal_allegation"
OPEN_STATES = ("reported", "in_progress")


class NpmReprisalAllegation(models.Model):
    """An allegation that someone suffered reprisals for having spoken to the
    NPM, or for having taken part in a joint visit (OPCAT art. 21(1)).

    Always strictly confidential: only cleared officers and managers have any
    access right on the model (``group_npm_confidential``, which managers
    imply), each company's own (record rule); it is never shared with a CSO,
    no register exports it, and its chatter, followers and activities are
    rows only its readers see (``npm.mail.guard.mixin``). Nothing about it is
    written on the visit: its chatter is read by officers and CSO experts.

    ``person_id`` is the person met (``npm.visit.person``, of the same visit)
    who suffered it: no field of the person points back, so an officer who
    reads the person learns nothing of the allegation; ``partner_id`` names a
    CSO member, a CSO or another contact who suffered it.
    """

    _name = "npm.reprisal.allegation"
    _description = "Allegation of Reprisals"
    _inherit = [
        "npm.mail.guard.mixin",
        "npm.visit.material.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
        "npm.access.logged.mixin",
        "npm.retention.mixin",
        "mail.thread",
        "mail.activity.mixin",
    ]
    _order = "date_reported desc, id desc"
    _check_company_auto = True

    _lifecycle_state_field = "state"
    _lifecycle_by_action = True
    _lifecycle_create_states = ("reported",)
    _lifecycle_transitions = {
        "in_progress": ("reported",),
        "closed": ("reported", "in_progress"),
    }
    _lifecycle_stamps = {"closed": {"closed_by_id": STAMP_USER, "closed_on": STAMP_NOW}}
    # A closed allegation is part of the record: what was alleged and done
    # no longer changes, and no allegation is ever deleted.
    _lifecycle_frozen = (
        (
            (
                "visit_id",
                "person_id",
                "partner_id",
                "date_reported",
                "description",
                "measures_taken",
            ),
            ("closed",),
        ),
    )
    _lifecycle_undeletable_states = ("reported", "in_progress", "closed")
    _lifecycle_app_only_fields = ("name",)
    _lifecycle_sequences = {"name": "npm.reprisal.allegation"}
    # What an anonymisation removes: what was alleged and done, and the
    # contact who suffered it; the reference, visit, pseudonym of the person
    # met, dates and state stay.
    _retention_anonymise_fields = ("description", "measures_taken", "partner_id")

    name = fields.Char(
        string="Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    person_id = fields.Many2one(
        "npm.visit.person",
        string="Person Met",
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
        help="The person met on the visit who suffered the reprisals, known by "
        "their pseudonym.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person or CSO Concerned",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The CSO member, the CSO or the other contact who suffered the "
        "reprisals, if they are a contact of the NPM.",
    )
    date_reported = fields.Date(
        string="Reported On",
        required=True,
        default=lambda self: npm_today(self.env),
        tracking=True,
    )
    description = fields.Text(
        string="Allegation",
        required=True,
        help="What was reported: who suffered what, when, by whom if known.",
    )
    measures_taken = fields.Text(
        help="Protective measures and follow-up: interventions with the "
        "authorities, transfers asked for, visits to check on the person.",
    )
    state = fields.Selection(
        [
            ("reported", "Reported"),
            ("in_progress", "In Progress"),
            ("closed", "Closed"),
        ],
        required=True,
        default="reported",
        readonly=True,
        tracking=True,
        copy=False,
        index=True,
    )
    closed_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    closed_on = fields.Datetime(readonly=True, copy=False)

    @api.constrains("visit_id", "person_id")
    def _check_person_same_visit(self):
        for allegation in self:
            person = allegation.person_id
            if person and person.visit_id != allegation.visit_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s was met on %(visit)s: an allegation about "
                        "another visit cannot concern them.",
                        person=person.pseudonym,
                        visit=person.visit_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        allegations = super().create(vals_list)
        allegations._npm_tell_managers()
        return allegations

    def _mail_get_partner_fields(self, introspect_fields=False):
        # The person who suffered the reprisals is never suggested as a
        # recipient of the allegation's chatter.
        return []

    # Actions -----------------------------------------------------------------

    def action_start(self):
        return self._lifecycle_move("in_progress")

    def action_close(self):
        return self._lifecycle_move("closed")

    def _check_to_closed(self, vals):
        if not (vals.get("measures_taken") or self.measures_taken):
            raise UserError(
                self.env._(
                    "Write the measures taken before closing %(name)s.",
                    name=self.name,
                )
            )

    def _on_closed(self, before):
        activity_type = self.env.ref(ALLEGATION_ACTIVITY)
        for allegation in self:
            activities = allegation.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            if activities:
                activities.action_feedback(
                    feedback=self.env._(
                        "Closed by %(user)s.", user=self.env.user.display_name
                    )
                )

    def _lifecycle_keep_message(self):
        return self.env._(
            "%(name)s is kept as a record of the NPM: an allegation of reprisals "
            "is never deleted.",
            name=self.name,
        )

    # Who is told ---------------------------------------------------------------

    def _npm_tell_managers(self):
        """Each new allegation: a note in its own chatter (never the visit's,
        which officers and CSO experts read) and a follow-up activity for
        every NPM manager of its company who may read it. No sudo: the
        reporter is a cleared officer or a manager, who may write it."""
        for allegation in self:
            managers = allegation._npm_managers_who_may_read()
            allegation.message_post(
                body=Markup("<p>%s</p>")
                % self.env._(
                    "Allegation of reprisals reported (%(visit)s); the managers "
                    "are asked to follow it up: %(managers)s.",
                    visit=allegation.visit_id.name,
                    managers=", ".join(managers.mapped("name")) or self.env._("none"),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )
            for manager in managers:
                in_lang = allegation.with_context(
                    lang=manager.lang or allegation.env.lang
                )
                in_lang.activity_schedule(
                    ALLEGATION_ACTIVITY,
                    user_id=manager.id,
                    note=in_lang.env._(
                        "Allegation of reprisals %(name)s (%(visit)s): decide on "
                        "protective measures and follow it up until it is closed.",
                        name=allegation.name,
                        visit=allegation.visit_id.name,
                    ),
                )

    # Who is at risk --------------------------------------------------------------

    @api.model
    def _npm_open_concerning(self, partners):
        """The open allegations the current user may read that concern
        ``partners`` or, for a CSO, one of its people (their own rights)."""
        if not partners or not self.has_access("read"):
            return self.browse()
        return self.search(
            [
                ("state", "in", OPEN_STATES),
                "|",
                ("partner_id", "in", partners.ids),
                ("partner_id.cso_id", "in", partners.filtered("is_cso").ids),
            ]
        )
