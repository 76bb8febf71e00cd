# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import UserError

from .npm_mail_guard_mixin import partners_who_may_read

# One of the mail tables npm.mail.side.table narrows (mail_side_table.py).

# The activities that ask someone for a decision: only their assignee marks
# them done, changes or cancels them; the application closes them when the
# decision is made (``_npm_close_on_decision``).
DECISION_ACTIVITY_TYPES = (
    "npm_cso_cooperation.mail_activity_type_agreement_approval",
    "npm_cso_cooperation.mail_activity_type_info_use_decision",
    "npm_cso_cooperation.mail_activity_type_safeguard_review",
)
# Who closes the others' decision activities: the application's own code,
# through ``_npm_close_on_decision``. The marker is this object itself,
# compared by identity: JSON carries no Python object, so no client sends it.
_APP_CLOSE = object()
_APP_CLOSE_KEY = "npm_activity_app_close"


def app_close_context():
    """The context under which the application's own code (never a client)
    closes or removes decision activities of others."""
    return {_APP_CLOSE_KEY: _APP_CLOSE}


class MailActivity(models.Model):
    _name = "mail.activity"
    _inherit = ["mail.activity", "npm.mail.side.table"]

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        activities._npm_check_assignee_may_read()
        return activities

    def write(self, vals):
        self._npm_check_decision_owner()
        result = super().write(vals)
        if "user_id" in vals or "res_id" in vals or "res_model" in vals:
            self._npm_check_assignee_may_read()
        return result

    def unlink(self):
        self._npm_check_decision_owner()
        return super().unlink()

    def _action_done(self, feedback=False, attachment_ids=None):
        self._npm_check_decision_owner()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def _compute_can_write(self):
        # The web client shows "Mark Done", "Edit" and "Cancel" only where
        # they would be accepted.
        result = super()._compute_can_write()
        for activity in self._npm_decision_activities_of_others():
            activity.can_write = False
        return result

    def _npm_check_assignee_may_read(self):
        """An activity on an app record goes to someone who may read it: the
        assignee would otherwise hold a row they may not open (and the
        record's title, in its name)."""
        guarded = self.env["npm.mail.guard.mixin"]._npm_guarded_models()
        # sudo: the record and assignee of activities just written by the
        # caller, to check them; the refusal names only the assignee.
        for activity in self.sudo():
            if activity.res_model not in guarded or not activity.user_id:
                continue
            record = self.env[activity.res_model].sudo().browse(activity.res_id)
            if not partners_who_may_read(record, activity.user_id.partner_id):
                raise UserError(
                    self.env._(
                        "%(user)s may not read this record: assign the activity "
                        "to someone who may.",
                        user=activity.user_id.name,
                    )
                )

    # Decisions belong to their deciders --------------------------------------

    @api.model
    def _npm_decision_activity_types(self):
        types = self.env["mail.activity.type"]
        for xmlid in DECISION_ACTIVITY_TYPES:
            types |= self.env.ref(xmlid, raise_if_not_found=False) or types
        return types

    def _npm_decision_activities_of_others(self):
        """These activities that ask someone else than the current user for a
        decision (none for the superuser and the application's own closing)."""
        if self.env.su or self.env.context.get(_APP_CLOSE_KEY) is _APP_CLOSE:
            return self.browse()
        types = self._npm_decision_activity_types()
        # sudo: the type and assignee of the activities the caller acts on,
        # to refuse; nothing of them is shown but the assignee's name.
        return self.browse(
            activity.id
            for activity in self.sudo()
            if activity.activity_type_id in types
            and activity.user_id
            and activity.user_id != self.env.user
        )

    def _npm_check_decision_owner(self):
        """Only the assignee marks a decision activity done, changes or
        cancels it: the officer who submitted an agreement would otherwise
        read "Approve agreement done" while the agreement still waits."""
        others = self._npm_decision_activities_of_others()
        if others:
            activity = others[0].sudo()
            raise UserError(
                self.env._(
                    "This activity asks %(user)s for a decision (%(type)s): only "
                    "they may mark it done, change or cancel it. It is closed "
                    "by itself when the decision is made.",
                    user=activity.user_id.name,
                    type=activity.activity_type_id.name,
                )
            )

    def _npm_close_on_decision(self, feedback, others_feedback):
        """The application closes the decision activities once decided: the
        current user's as done with ``feedback``, the others' as moot with
        ``others_feedback`` (which says who decided). Access rules apply;
        only the assignee check above is lifted, by the application."""
        mine = self.filtered(lambda a: a.user_id == self.env.user)
        if mine:
            mine.action_feedback(feedback=feedback)
        others = (self - mine).exists()
        if others:
            others.with_context(**app_close_context()).action_feedback(
                feedback=others_feedback
            )
