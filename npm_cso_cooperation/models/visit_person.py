# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..groups import GROUP_CONFIDENTIAL, GROUP_MANAGER
from ..tools import days_setting, npm_managers, npm_today

CONSENT_FIELDS = ("consent_cso", "consent_publication", "consent_authorities")
CONSENT_RECORD_FIELDS = (*CONSENT_FIELDS, "consent_date")
TODO_ACTIVITY = "mail.mail_activity_data_todo"
CHECK_ACTIVITY = "npm_cso_cooperation.mail_activity_type_post_visit_check"
CHECK_DAYS_PARAM = "npm_cso_cooperation.post_visit_check_days"
DEFAULT_CHECK_DAYS = 14
# Visits that took place: their persons met get post-visit checks.
VISIT_HELD_STATES = ("confirmed", "done", "reported", "closed")


class NpmVisitPerson(models.Model):
    """A person the delegation met on a joint visit (OPCAT art. 21).

    Everywhere outside the cleared groups a person is their pseudonym
    (``JV/2026/0001-P03``), drawn by the app on create and never changed;
    their ``identity`` is readable by cleared officers and managers only (the
    field's groups), and never tracked. What they said may be used as far as
    their consent goes: a finding or document concerning a person without
    ``consent_cso`` is not shared with the CSO, and withdrawing that consent
    un-shares what concerns them.
    """

    _name = "npm.visit.person"
    _description = "Person Met on a Joint Visit"
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
    _rec_name = "pseudonym"
    _order = "visit_id desc, number"
    _check_company_auto = True
    # What an anonymisation removes: the identity and every free text about
    # the person; pseudonym, category, consent and risk levels stay.
    _retention_anonymise_fields = (
        "identity",
        "limited_capacity_note",
        "best_interest_decision",
        "post_visit_outcome",
    )

    _lifecycle_app_only_fields = (
        "pseudonym",
        "number",
        "consent_recorded_by_id",
        "consent_recorded_on",
        "consent_withdrawn_on",
        "best_interest_decided_by_id",
        "best_interest_decided_on",
        "post_visit_check_state",
        "post_visit_closed_by_id",
        "post_visit_closed_on",
    )
    _lifecycle_frozen = (
        (("visit_id",), None),
        (("pseudonym", "number"), "_has_pseudonym"),
        (CONSENT_RECORD_FIELDS, "_is_consent_withdrawn"),
        (("post_visit_outcome",), "_is_post_visit_check_closed"),
    )

    _sql_constraints = [
        (
            "pseudonym_unique",
            "UNIQUE(visit_id, pseudonym)",
            "A pseudonym is given once per visit.",
        ),
    ]

    pseudonym = fields.Char(
        readonly=True,
        copy=False,
        index=True,
        help="Set by the application when the person is recorded; it never "
        "changes. Everyone outside the cleared groups knows the person by it.",
    )
    number = fields.Integer(readonly=True, copy=False)
    category = fields.Selection(
        [
            ("detainee", "Detainee"),
            ("staff", "Staff"),
            ("relative", "Relative"),
            ("other", "Other"),
        ],
        required=True,
        default="detainee",
        tracking=True,
    )
    # Name and identifiers: cleared staff only, and never tracked (a tracking
    # message would show the values to every follower).
    identity = fields.Text(
        groups=GROUP_CONFIDENTIAL,
        help="Name and identifiers. Readable by cleared officers and managers "
        "only; nowhere else (lists, exports, chatter, portal).",
    )
    finding_ids = fields.Many2many(
        "npm.visit.finding",
        "npm_visit_finding_person_rel",
        "person_id",
        "finding_id",
        string="Findings",
        help="The findings of the visit that concern or quote this person.",
    )
    document_ids = fields.Many2many(
        "npm.visit.document",
        "npm_visit_document_person_rel",
        "person_id",
        "document_id",
        string="Documents",
        help="The documents of the visit that concern or quote this person.",
    )

    # Consent, by scope
    consent_cso = fields.Boolean(
        string="Consent: Partner CSO",
        tracking=True,
        help="What the person said may be shared with the partner CSO.",
    )
    consent_publication = fields.Boolean(
        string="Consent: Publication",
        tracking=True,
        help="What the person said may be used in a published report, never "
        "with their identity.",
    )
    consent_authorities = fields.Boolean(
        string="Consent: Authorities",
        tracking=True,
        help="What the person said may be passed to the authorities (e.g. a "
        "complaint referral), with their identity.",
    )
    consent_date = fields.Date(tracking=True)
    consent_recorded_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    consent_recorded_on = fields.Datetime(readonly=True, copy=False)
    consent_withdrawn_on = fields.Date(
        readonly=True,
        copy=False,
        tracking=True,
        help="Every scope of consent ended on this day.",
    )
    limited_capacity = fields.Boolean(
        tracking=True,
        help="Limited capacity to consent (a child, a person with a "
        "psychosocial or intellectual disability): publication and "
        "transmission to the authorities need a manager's recorded "
        "best-interest decision.",
    )
    limited_capacity_note = fields.Text()
    best_interest_decision = fields.Text(
        help="Recorded by an NPM manager: why using what the person said is "
        "in their best interest.",
    )
    best_interest_decided_by_id = fields.Many2one(
        "res.users", string="Decided By", readonly=True, copy=False
    )
    best_interest_decided_on = fields.Datetime(
        string="Decided On", readonly=True, copy=False
    )
    can_decide_best_interest = fields.Boolean(compute="_compute_can_decide")
    reprisal_risk = fields.Selection(
        [("none", "None"), ("low", "Low"), ("high", "High")],
        required=True,
        default="none",
        tracking=True,
    )

    # Post-visit check (a person at high risk of reprisals) ---------------------
    post_visit_check_state = fields.Selection(
        [("none", "None"), ("scheduled", "Scheduled"), ("closed", "Closed")],
        string="Post-Visit Check",
        required=True,
        default="none",
        readonly=True,
        copy=False,
        tracking=True,
        help="A person at high risk of reprisals is checked on after the "
        "visit, again and again, until the check is closed with an outcome.",
    )
    post_visit_outcome = fields.Text(
        string="Post-Visit Check Outcome",
        copy=False,
        help="What the checks found, and why no further check is needed. "
        "Required to close the check.",
    )
    post_visit_closed_by_id = fields.Many2one(
        "res.users", string="Check Closed By", readonly=True, copy=False
    )
    post_visit_closed_on = fields.Datetime(
        string="Check Closed On", readonly=True, copy=False
    )

    @api.depends("pseudonym")
    @api.depends_context("uid", "npm_include_identities")
    def _compute_display_name(self):
        """The pseudonym; with the identity next to it only in a register
        export where cleared staff asked for it (the wizard sets the context
        key, logged; anyone else gets the pseudonym whatever the context)."""
        identities = self.env.context.get(
            "npm_include_identities"
        ) and self.env.user.has_group(GROUP_CONFIDENTIAL)
        for person in self:
            name = person.pseudonym or ""
            identity = identities and " ".join((person.identity or "").split())
            person.display_name = f"{name} ({identity})" if identity else name

    @api.depends_context("uid")
    def _compute_can_decide(self):
        may = self.env.user.has_group(GROUP_MANAGER)
        for person in self:
            person.can_decide_best_interest = may

    def _npm_access_logged(self, fnames=None):
        # the identity is what is strictly confidential about a person
        if fnames is None:
            may = self.env.user.has_group(GROUP_CONFIDENTIAL)
            return self if may else self.browse()
        return self if "identity" in fnames else self.browse()

    def _is_consent_withdrawn(self):
        return bool(self.consent_withdrawn_on)

    def _is_post_visit_check_closed(self):
        return self.post_visit_check_state == "closed"

    # Same visit ----------------------------------------------------------------

    @api.constrains("visit_id", "finding_ids", "document_ids")
    def _check_same_visit(self):
        for person in self:
            # sudo: only the visits of the linked material are compared; the
            # message names the person (whom the user is editing) only.
            visits = (person.sudo().finding_ids.visit_id) | (
                person.sudo().document_ids.visit_id
            )
            if visits - person.visit_id:
                raise ValidationError(
                    self.env._(
                        "%(person)s was met on %(visit)s: only material of that "
                        "visit may concern them.",
                        person=person.pseudonym,
                        visit=person.visit_id.name,
                    )
                )

    @api.constrains("finding_ids", "document_ids")
    def _check_linked_material_consent(self):
        for person in self:
            # sudo: whether linked material is shared decides the refusal,
            # which names nothing but the person's pseudonym.
            for material in (person.sudo().finding_ids, person.sudo().document_ids):
                material.filtered("share_with_cso")._npm_check_persons_consent()

    # ORM -----------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("identity") for vals in vals_list):
            # as write() does: only cleared staff set an identity (the ORM
            # checks field groups on write, not on create)
            self.check_field_access_rights("write", ["identity"])
        for vals in vals_list:
            if "best_interest_decision" in vals:
                self._check_may_decide(vals)
        persons = super().create(vals_list)
        for person, vals in zip(persons, vals_list, strict=True):
            stamps = person._draw_pseudonym()
            if any(vals.get(name) for name in CONSENT_RECORD_FIELDS):
                stamps.update(person._consent_stamp())
            if vals.get("best_interest_decision"):
                stamps.update(person._decision_stamp())
            person._lifecycle_write(stamps)
        return persons

    def _draw_pseudonym(self):
        """The next number of the person's visit and the pseudonym made of it
        (the unique constraint catches a concurrent draw)."""
        self.ensure_one()
        self.flush_model(["visit_id", "number"])
        self.env.cr.execute(
            "SELECT COALESCE(MAX(number), 0) FROM npm_visit_person WHERE visit_id = %s",
            (self.visit_id.id,),
        )
        number = self.env.cr.fetchone()[0] + 1
        # sudo: the visit's reference, which every reader of the person reads
        return {
            "number": number,
            "pseudonym": f"{self.visit_id.sudo().name}-P{number:02d}",
        }

    def _has_pseudonym(self):
        return bool(self.pseudonym)

    def write(self, vals):
        if "best_interest_decision" in vals:
            self._check_may_decide(vals)
        ended = self.browse()
        if "consent_cso" in vals and not vals["consent_cso"]:
            ended = self.filtered("consent_cso")
        result = super().write(vals)
        stamps = {}
        if any(name in vals for name in CONSENT_RECORD_FIELDS):
            stamps.update(self._consent_stamp())
        if "best_interest_decision" in vals:
            stamps.update(self._decision_stamp())
        if stamps:
            self._lifecycle_write(stamps)
        ended._npm_consent_cso_ended()
        return result

    @api.model
    def _check_may_decide(self, vals):
        if not (self.env.su or self.env.user.has_group(GROUP_MANAGER)):
            raise AccessError(
                self.env._("Only an NPM manager may record a best-interest decision.")
            )

    def _consent_stamp(self):
        return {
            "consent_recorded_by_id": self.env.user.id,
            "consent_recorded_on": fields.Datetime.now(),
        }

    def _decision_stamp(self):
        return {
            "best_interest_decided_by_id": self.env.user.id,
            "best_interest_decided_on": fields.Datetime.now(),
        }

    # Consent withdrawn ------------------------------------------------------------

    def action_withdraw_consent(self):
        """Every scope of consent ends today: what concerns the person stops
        being shared with the CSO, a manager of the company is told."""
        self.check_access("write")
        for person in self:
            if person.consent_withdrawn_on:
                raise UserError(
                    self.env._(
                        "%(person)s already withdrew their consent on %(date)s.",
                        person=person.pseudonym,
                        date=person.consent_withdrawn_on,
                    )
                )
        today = npm_today(self.env)
        for person in self:
            # (the write un-shares what concerned them, see write())
            person._lifecycle_write(
                {
                    **dict.fromkeys(CONSENT_FIELDS, False),
                    "consent_withdrawn_on": today,
                    **person._consent_stamp(),
                }
            )
            person.message_post(
                body=self.env._(
                    "Consent withdrawn: every scope (partner CSO, publication, "
                    "authorities) ends from %(date)s.",
                    date=today,
                ),
                subtype_xmlid="mail.mt_note",
            )
            for manager in npm_managers(person.company_id):
                in_lang = person.with_context(lang=manager.lang or person.env.lang)
                in_lang.activity_schedule(
                    TODO_ACTIVITY,
                    date_deadline=today,
                    summary=in_lang.env._(
                        "Consent withdrawn: %(person)s", person=person.pseudonym
                    ),
                    user_id=manager.id,
                )
        return True

    def _npm_consent_cso_ended(self):
        """Un-share, from today, the material that concerns these persons;
        the register records the end of each sharing and the visit's
        responsible officer is told."""
        for person in self:
            # sudo: what concerns the person is found whatever the user's
            # level (a colleague's material is still un-shared); the writes
            # below are the user's own.
            material = [
                record.with_env(self.env)
                for records in (person.sudo().finding_ids, person.sudo().document_ids)
                for record in records.filtered("share_with_cso")
            ]
            if not material:
                continue
            for record in material:
                record._npm_end_sharing_for_consent(person)
            person._npm_tell_responsible_officer(material)

    def _npm_tell_responsible_officer(self, material):
        self.ensure_one()
        officer = self.visit_id.user_id
        body = Markup("%s<ul>%s</ul>") % (
            self.env._(
                "%(person)s withdrew their consent to sharing with the CSO: "
                "stopped sharing",
                person=self.pseudonym,
            ),
            Markup("").join(Markup("<li>%s</li>") % m.display_name for m in material),
        )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        if officer and officer.active and self.with_user(officer).has_access("read"):
            in_lang = self.with_context(lang=officer.lang or self.env.lang)
            in_lang.activity_schedule(
                TODO_ACTIVITY,
                date_deadline=npm_today(self.env),
                summary=in_lang.env._(
                    "Sharing stopped: %(person)s withdrew consent",
                    person=self.pseudonym,
                ),
                note=body,
                user_id=officer.id,
            )

    # Post-visit checks --------------------------------------------------------

    @api.model
    def _get_post_visit_check_days(self):
        return days_setting(self.env, CHECK_DAYS_PARAM, DEFAULT_CHECK_DAYS)

    @api.model
    def _cron_post_visit_checks(self):
        """Daily: a post-visit check for each person at high risk of
        reprisals, N days after their visit ended, then N days after the
        previous check was done, until the check is closed."""
        self.search(
            [
                ("reprisal_risk", "=", "high"),
                ("post_visit_check_state", "!=", "closed"),
                ("visit_id.state", "in", VISIT_HELD_STATES),
            ]
        )._npm_schedule_post_visit_checks()
        return True

    def _npm_post_visit_check_user(self):
        """The head of delegation or, without one, the visit's responsible
        officer: the first of them who may read the person (nobody else)."""
        self.ensure_one()
        visit = self.visit_id
        for user in (visit.head_user_id, visit.user_id):
            if user and user.active and self.with_user(user).has_access("read"):
                return user
        return self.env["res.users"]

    def _npm_post_visit_check_due(self, activity_type):
        """When the next check is due: N days after the visit's last day, or
        after the last check was done (the message an activity leaves when
        it is marked done)."""
        self.ensure_one()
        days = timedelta(days=self._get_post_visit_check_days())
        # sudo: the dates of the person's own activity messages only.
        last_done = (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("mail_activity_type_id", "=", activity_type.id),
                ],
                order="date desc, id desc",
                limit=1,
            )
        )
        if last_done:
            return fields.Datetime.context_timestamp(self, last_done.date).date() + days
        return self.visit_id.date_end + days

    def _npm_schedule_post_visit_checks(self):
        """Schedule the checks that are due and not already open."""
        activity_type = self.env.ref(CHECK_ACTIVITY)
        today = npm_today(self.env)
        for person in self:
            if (
                person.reprisal_risk != "high"
                or person.post_visit_check_state == "closed"
                or person.visit_id.state not in VISIT_HELD_STATES
            ):
                continue
            if person.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ):
                continue  # a check is open
            due = person._npm_post_visit_check_due(activity_type)
            user = person._npm_post_visit_check_user()
            if due > today or not user:
                continue
            in_lang = person.with_context(lang=user.lang or person.env.lang)
            # The note names the person by their pseudonym only.
            in_lang.activity_schedule(
                CHECK_ACTIVITY,
                date_deadline=due,
                summary=in_lang.env._(
                    "Post-visit check: %(person)s", person=person.pseudonym
                ),
                note=in_lang.env._(
                    "Check on %(person)s, at high risk of reprisals: have they "
                    "suffered any since the visit? Mark this activity done after "
                    "each check; close the post-visit check with its outcome "
                    "when no further check is needed.",
                    person=person.pseudonym,
                ),
                user_id=user.id,
            )
            if person.post_visit_check_state != "scheduled":
                person._lifecycle_write({"post_visit_check_state": "scheduled"})
        return True

    def action_close_post_visit_check(self):
        """Close the post-visit check with its outcome: no further check."""
        self.check_access("write")
        for person in self:
            if person.post_visit_check_state == "closed":
                raise UserError(
                    self.env._(
                        "The post-visit check of %(person)s is already closed.",
                        person=person.pseudonym,
                    )
                )
            if not (person.post_visit_outcome or "").strip():
                raise UserError(
                    self.env._(
                        "Write the outcome of the post-visit check of %(person)s "
                        "before closing it.",
                        person=person.pseudonym,
                    )
                )
        activity_type = self.env.ref(CHECK_ACTIVITY)
        for person in self:
            person._lifecycle_write(
                {
                    "post_visit_check_state": "closed",
                    "post_visit_closed_by_id": self.env.user.id,
                    "post_visit_closed_on": fields.Datetime.now(),
                }
            )
            person.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            ).action_feedback(
                feedback=self.env._(
                    "Post-visit check closed by %(user)s.",
                    user=self.env.user.display_name,
                )
            )
        return True
