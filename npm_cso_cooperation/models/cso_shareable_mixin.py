# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.osv import expression
from odoo.tools import SQL, format_datetime
from odoo.tools.sql import create_index

from ..tools import npm_today


class NpmCsoShareableMixin(models.AbstractModel):
    """Visit material that the NPM may share with the CSO of the visit.

    It is visit material (``npm.visit.material.mixin``) and keeps the visit's
    place too, for searches and registers. Sharing
    (``share_with_cso``) makes the record readable by the visit's CSO members
    whom an undertaking covers today, through the portal record rule on
    ``is_portal_readable``; every sharing is written in the information
    release register, and strictly confidential material is never shared.
    A record that was released stays on record: it cannot be deleted.
    """

    _name = "npm.cso.shareable.mixin"
    _inherit = [
        "npm.visit.material.mixin",
        "npm.mail.guard.mixin",
        "npm.sensitivity.mixin",
        "npm.lifecycle.mixin",
        "npm.discreet.errors.mixin",
    ]
    _description = "Visit Material Shareable with the CSO"

    # Sharing is the material's state: each sharing writes the register.
    _lifecycle_state_field = "share_with_cso"
    _lifecycle_state_names = {True: "shared", False: "unshared"}
    _lifecycle_create_states = (True,)
    _lifecycle_transitions = {True: (False,), False: (True,)}

    # Raising the sensitivity, un-sharing or moving takes readers away.
    _npm_readership_fields = ("sensitivity", "share_with_cso", "visit_id")

    place_id = fields.Many2one(
        related="visit_id.place_id", store=True, index=True, string="Place"
    )
    cso_id = fields.Many2one(string="Visit CSO")
    visit_date = fields.Date(related="visit_id.date_start", string="Visit Date")
    share_with_cso = fields.Boolean(
        string="Shared with the CSO",
        tracking=True,
        copy=False,
        index=True,
        help="The CSO members of the visit covered by a confidentiality "
        "undertaking may read this in the portal. Each sharing is recorded in "
        "the information release register. Strictly confidential material is "
        "never shared.",
    )
    is_portal_readable = fields.Boolean(
        string="Readable by the Current Portal User",
        compute="_compute_is_portal_readable",
        search="_search_is_portal_readable",
        # sudo: the portal may not read sharing and sensitivity themselves
        # (npm.portal.readable.mixin); the answer is still the current
        # user's, as sudo() keeps the uid the computation asks about.
        compute_sudo=True,
        help="Shared with the CSO, not strictly confidential, and the current "
        "user is a CSO member of the visit whom a confidentiality undertaking "
        "covers today. The portal record rule of the model is this field.",
    )

    def init(self):
        super().init()
        if self._abstract:
            return
        # The portal record rule reads the shared material of a few visits.
        create_index(
            self.env.cr,
            f"{self._table}_shared_visit_index",
            self._table,
            ["visit_id"],
            where="share_with_cso",
        )

    @api.depends("visit_id", "share_with_cso", "sensitivity")
    @api.depends_context("uid", "allowed_company_ids")
    def _compute_is_portal_readable(self):
        # One query for the batch: the ORM evaluates the portal rule on every
        # record it reads, so this is computed for all of them at once (and
        # kept to a single field, as each rule leaf costs a pass per record).
        shareable = self.filtered(
            lambda r: (
                r.share_with_cso
                and r.sensitivity != "strictly_confidential"
                and isinstance(r.id, int)
            )
        )
        covered = set()
        if shareable:
            Member = self.env["npm.joint.visit.member"]
            query = Member._covered_members_sql(
                SQL(
                    "visit_id IN %s AND partner_id = %s",
                    tuple(shareable.visit_id.ids),
                    Member._current_partner_sql(),
                ),
                SQL("visit_id"),
            )
            covered = {visit_id for (visit_id,) in self.env.execute_query(query)}
        shareable_ids = set(shareable.ids)
        for record in self:
            record.is_portal_readable = (
                record.id in shareable_ids and record.visit_id.id in covered
            )

    def _search_is_portal_readable(self, operator, value):
        """Records the current (portal) user may read today: shared with the
        CSO, not strictly confidential, of a visit the user may read.

        The visit part is the portal rule of the visits (see ``npm.joint.
        visit._search_is_user_covered``), with today's date taken here at each
        search (rule domains are cached).
        """
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search “readable” with = or != only."))
        Member = self.env["npm.joint.visit.member"]
        query = Member._covered_members_sql(
            SQL("partner_id = %s", Member._current_partner_sql()), SQL("visit_id")
        )
        readable = [
            "&",
            "&",
            ("share_with_cso", "=", True),
            ("sensitivity", "!=", "strictly_confidential"),
            ("visit_id", "in", SQL("(%s)", query)),
        ]
        if not self.env.su:
            # A user's own search (the record rules are evaluated as
            # superuser): the portal may not filter on sharing and
            # sensitivity themselves, only on this answer about them.
            readable = [("id", "in", self.sudo()._search(readable))]
        return readable if (operator == "=") == value else ["!", *readable]

    @api.constrains("share_with_cso", "sensitivity")
    def _check_share_sensitivity(self):
        for record in self:
            if record.share_with_cso and record._is_strictly_confidential():
                raise ValidationError(
                    self.env._(
                        "“%(name)s” is strictly confidential and cannot be shared "
                        "with the CSO. Lower its sensitivity first if the "
                        "information may really be shared, or keep it unshared.",
                        name=record.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records.filtered("share_with_cso")._release_to_cso()
        return records

    # Consent of the persons met (npm.visit.person) -------------------------

    @api.constrains("share_with_cso", "person_ids", "visit_id")
    def _check_persons_of_material(self):
        for record in self:
            # sudo: the visits and consent of the linked persons decide the
            # refusal, which names their pseudonyms only.
            persons = record.sudo().person_ids
            if persons.filtered(lambda p, r=record: p.visit_id != r.visit_id):
                raise ValidationError(
                    self.env._(
                        "“%(name)s” may concern only persons met on %(visit)s.",
                        name=record.display_name,
                        visit=record.visit_id.name,
                    )
                )
        self.filtered("share_with_cso")._npm_check_persons_consent()

    def _check_to_shared(self, vals):
        self._npm_check_persons_consent()

    def _npm_check_persons_consent(self):
        """Refuse sharing material that concerns a person who did not consent
        to sharing with the CSO, naming their pseudonyms."""
        for record in self:
            # sudo: consent is read to decide; only pseudonyms are named.
            missing = record.sudo().person_ids.filtered(lambda p: not p.consent_cso)
            if missing:
                raise ValidationError(
                    self.env._(
                        "“%(name)s” cannot be shared with the CSO: it concerns "
                        "%(persons)s, who did not consent to sharing with the "
                        "partner CSO.",
                        name=record.display_name,
                        persons=", ".join(missing.mapped("pseudonym")),
                    )
                )

    def _npm_end_sharing_for_consent(self, person):
        """Stop sharing this record from today because ``person`` withdrew
        their consent, and write the end of the sharing in the register for
        each CSO member it was released to."""
        self.ensure_one()
        # sudo: the partners the record was released to, read from the
        # register (which officers do not read) to record the end of that
        # release to the same people; nothing is shown to the user.
        released = (
            self.env["npm.information.release"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "=", self.id),
                    ("release_type", "in", ("finding_shared", "document_shared")),
                ]
            )
            .partner_id
        )
        self.write({"share_with_cso": False})
        if released:
            self.env["npm.information.release"]._register_release(
                self,
                released,
                release_type="sharing_ended",
                visit=self.visit_id,
                description=self.env._(
                    "“%(name)s” no longer shared with the CSO: %(person)s "
                    "withdrew their consent.",
                    name=self.display_name,
                    person=person.pseudonym,
                ),
            )

    def _on_shared(self, before):
        self._release_to_cso()

    def _lifecycle_check_write(self, vals):
        if "visit_id" in vals:
            self._check_shared_material_stays(vals["visit_id"])

    def _lifecycle_keeps(self):
        return bool(self._get_released())

    def _lifecycle_keep_message(self):
        return self.env._(
            "“%(name)s” was shared with the CSO: the information release register "
            "refers to it, so it cannot be deleted.",
            name=self.display_name,
        )

    def _check_shared_material_stays(self, visit_id):
        """Refuse moving shared material to another visit.

        Moved, it would be read by the other visit's CSO members without a
        line of the register naming them or their CSO. Unsharing it first
        ends its sharing; sharing it again on the new visit writes the
        register for the new visit's CSO.
        """
        moving = self.filtered(
            lambda r: (
                r.share_with_cso
                and r.visit_id.id != (visit_id or False)
                # a released document's visit is frozen: its freeze answers
                and "visit_id" not in r._frozen_field_names()
            )
        )
        if moving:
            raise UserError(
                self.env._(
                    "“%(name)s” is shared with the CSO of %(visit)s and cannot "
                    "move to another visit. Stop sharing it first; share it "
                    "again on its new visit if its CSO may read it.",
                    name=moving[0].display_name,
                    visit=moving[0].visit_id.name,
                )
            )

    @api.model
    def _check_visits_keep_their_cso(self, visits):
        """Refuse giving visits with shared material another CSO.

        Every CSO member who reads shared material is of the visit's CSO,
        which the register names; a visit moved to another partnership (or
        a partnership to another CSO) would hand the material to a CSO that
        the register does not name.
        """
        # sudo: whether shared material exists is read only to refuse the
        # change (some of it may be hidden from the user); the refusal names
        # the visit, which the user is changing.
        visits = visits.sudo()
        for model_name in self._shareable_models():
            shared = (
                self.env[model_name]
                .sudo()
                .search(
                    [("visit_id", "in", visits.ids), ("share_with_cso", "=", True)],
                    limit=1,
                )
            )
            if shared:
                raise UserError(
                    self.env._(
                        "%(visit)s has material shared with its CSO: it cannot "
                        "change CSO. Stop sharing its findings and documents "
                        "first.",
                        visit=shared.visit_id.with_env(self.env).name,
                    )
                )

    @api.model
    def _shareable_models(self):
        """The models of visit material (findings, documents, …)."""
        children = self.env.registry["npm.cso.shareable.mixin"]._inherit_children
        return [name for name in children if not self.env[name]._abstract]

    def _get_released(self):
        """The records of self that the release register refers to."""
        # sudo: only which records have a release line is read (to keep them
        # on record); nothing of the register is shown to the user.
        lines = (
            self.env["npm.information.release"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "in", self.ids)])
        )
        return self.browse(set(lines.mapped("res_id")))

    def _release_description(self):
        """What the register line says was released."""
        self.ensure_one()
        return self.env._(
            "“%(name)s” (%(sensitivity)s) shared with the CSO.",
            name=self.display_name,
            sensitivity=self._sensitivity_label(),
        )

    def _release_to_cso(self):
        """Record in the register that the covered CSO members may read these.

        One line per CSO member of the visit whom an undertaking covers today:
        these are the people the portal now lets read the record. Sharing
        material of a visit without any covered CSO member is refused, because
        nobody could lawfully receive it.
        """
        today = npm_today(self.env)
        Release = self.env["npm.information.release"]
        for record in self:
            visit = record.visit_id
            cso_members = visit.member_ids.filtered(
                lambda m: m.side == "cso"
            ).partner_id
            recipients = cso_members - visit._get_uncovered_cso_members(on_date=today)
            if not recipients:
                raise UserError(
                    self.env._(
                        "Cannot share “%(name)s” with the CSO: no CSO member of "
                        "%(visit)s is covered by a valid confidentiality "
                        "undertaking, so nobody may receive it. Record their "
                        "undertakings first.",
                        name=record.display_name,
                        visit=visit.name,
                    )
                )
            Release._register_release(
                record,
                recipients,
                visit=visit,
                description=record._release_description(),
            )

    # ------------------------------------------------------------------
    # Readers lost: the visit's chatter no longer names the material
    # ------------------------------------------------------------------

    def _npm_after_readership_change(self):
        result = super()._npm_after_readership_change()
        # sudo: see npm.mail.guard.mixin; the visit's notes are rewritten by
        # the app, whoever wrote them, and nothing is returned.
        self.sudo()._npm_redact_visit_chatter()
        return result

    def _npm_substitute_candidates(self):
        # The visit's head of delegation first, then the managers.
        return self.visit_id.head_user_id | super()._npm_substitute_candidates()

    def _npm_redact_visit_chatter(self):
        """Redact the visit's messages that name material its readers may no
        longer read.

        Every officer reads the visit's chatter, and covered CSO members its
        public messages: a note naming a finding that became strictly
        confidential (the urgent-action note, a colleague's remark, a tracking
        value) is redacted on the visit, and a public message naming material
        no longer shared is too. Nothing is deleted: the original message is
        copied, with its author and date, onto the material's own chatter,
        which only its readers open, and the visit's message says what was
        withdrawn.
        """
        Message = self.env["mail.message"]
        for record in self:
            if record._is_strictly_confidential():
                scope = []
                label = self.env._("[redacted: strictly confidential material]")
            elif not record.share_with_cso:
                scope = Message._get_search_domain_share()
                label = self.env._("[redacted: material not shared with the CSO]")
            else:
                continue
            mentions = record._npm_mention_domain()
            visit_messages = [
                ("model", "=", "npm.joint.visit"),
                ("res_id", "=", record.visit_id.id),
            ]
            messages = Message.search(
                expression.AND([visit_messages, scope, mentions["body"]])
            )
            for message in messages:
                record._npm_keep_redacted_original(message)
                message.write({"body": Markup("<p>%s</p>") % label})
            trackings = self.env["mail.tracking.value"].search(
                expression.AND(
                    [
                        [
                            ("mail_message_id.model", "=", "npm.joint.visit"),
                            ("mail_message_id.res_id", "=", record.visit_id.id),
                        ],
                        mentions["tracking"],
                    ]
                )
            )
            if scope:
                trackings = trackings.filtered(
                    lambda t, s=scope: t.mail_message_id.filtered_domain(s)
                )
            for tracking in trackings:
                record._npm_keep_redacted_original(tracking.mail_message_id)
                tracking.write(
                    {
                        name: label
                        for name in ("old_value_char", "new_value_char")
                        if tracking[name]
                    }
                )

    def _npm_mention_domain(self):
        """How a message names the record: its title (as typed or escaped in
        HTML) or a link to it."""
        self.ensure_one()
        words = {self.name, str(escape(self.name))} if self.name else set()
        links = {
            f'data-oe-model="{self._name}" data-oe-id="{self.id}"',
            f'/odoo/{self._name}/{self.id}"',
        }
        body = expression.OR([[("body", "ilike", word)] for word in words | links])
        tracking = expression.OR(
            [
                [(name, "ilike", word)]
                for word in words
                for name in ("old_value_char", "new_value_char")
            ]
            or [expression.FALSE_DOMAIN]
        )
        return {"body": body, "tracking": tracking}

    def _npm_keep_redacted_original(self, message):
        """Copy a visit message onto the record's chatter before redaction."""
        self.ensure_one()
        tracking = Markup("").join(
            Markup("<li>%s: %s → %s</li>")
            % (
                value.field_id.field_description,
                value.old_value_char or "",
                value.new_value_char or "",
            )
            for value in message.tracking_value_ids
        )
        self.message_post(
            body=Markup("<p>%s</p><blockquote>%s%s</blockquote>")
            % (
                self.env._(
                    "Withdrawn from the chatter of %(visit)s (message of "
                    "%(author)s, %(date)s), which no longer names this record:",
                    visit=self.visit_id.name,
                    author=message.author_id.name or "",
                    date=format_datetime(self.env, message.date),
                ),
                message.body or "",
                Markup("<ul>%s</ul>") % tracking if tracking else "",
            ),
            subtype_xmlid="mail.mt_note",
        )
