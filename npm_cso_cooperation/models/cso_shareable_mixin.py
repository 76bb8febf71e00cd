# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.sql import create_index


class NpmCsoShareableMixin(models.AbstractModel):
    """Visit material that the NPM may share with the CSO of the visit.

    It belongs to a joint visit (``visit_id``), whose company, place and CSO
    it keeps for the record rules, searches and registers. Sharing
    (``share_with_cso``) makes the record readable by the visit's CSO members
    whom an undertaking covers today, through the portal record rule on
    ``is_portal_readable``; every sharing is written in the information
    release register, and strictly confidential material is never shared.
    A record that was released stays on record: it cannot be deleted.
    """

    _name = "npm.cso.shareable.mixin"
    _inherit = ["npm.sensitivity.mixin"]
    _description = "Visit Material Shareable with the CSO"

    visit_id = fields.Many2one(
        "npm.joint.visit",
        string="Joint Visit",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        related="visit_id.company_id", store=True, index=True, string="Company"
    )
    place_id = fields.Many2one(
        related="visit_id.place_id", store=True, index=True, string="Place"
    )
    cso_id = fields.Many2one(
        related="visit_id.cso_id", store=True, index=True, string="Visit CSO"
    )
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
    @api.depends_context("uid", "tz")
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
            Visit = self.env["npm.joint.visit"]
            query = Visit._covered_members_sql(
                SQL(
                    "visit_id IN %s AND partner_id = %s",
                    tuple(shareable.visit_id.ids),
                    Visit._current_partner_sql(),
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
        Visit = self.env["npm.joint.visit"]
        query = Visit._covered_members_sql(
            SQL("partner_id = %s", Visit._current_partner_sql()), SQL("visit_id")
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

    def write(self, vals):
        newly_shared = self.browse()
        if vals.get("share_with_cso"):
            newly_shared = self.filtered(lambda r: not r.share_with_cso)
        result = super().write(vals)
        newly_shared._release_to_cso()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_released(self):
        released = self._get_released()
        if released:
            raise UserError(
                self.env._(
                    "“%(name)s” was shared with the CSO: the information release "
                    "register refers to it, so it cannot be deleted.",
                    name=released[0].display_name,
                )
            )

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
        today = fields.Date.context_today(self)
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
