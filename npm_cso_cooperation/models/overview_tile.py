# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The overview the app opens on: one tile per kind of work waiting."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Date
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from ..tools import npm_today

# Planned visits: what an undertaking must still cover.
PLANNED_VISIT_STATES = ("draft", "terms_agreed", "confirmed")


class NpmOverviewTile(models.Model):
    """A tile of the overview: a count of records waiting and the list of them.

    Tiles are data (``data/overview_tile_data.xml``): the window action that
    lists the records, a domain narrowing it and the groups the tile is for.
    The domain is a Python expression evaluated when the tile is read (see
    ``_get_eval_context``: today's date is the NPM's, never cached in the
    data), and the count is searched with the current user's rights: record
    rules apply, so an officer's count leaves out strictly confidential
    findings and a tile counts nothing its reader may not read.
    """

    _name = "npm.overview.tile"
    _description = "Overview Tile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(
        translate=True, help="What the tile counts, shown under its name."
    )
    empty_text = fields.Char(
        translate=True,
        help="Shown on the tile, and on the list it opens, when nothing waits.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", help="Empty: the tile is shown in every company."
    )
    action_id = fields.Many2one(
        "ir.actions.act_window",
        string="Window Action",
        required=True,
        ondelete="cascade",
        help="The list the tile opens, narrowed to the tile's domain.",
    )
    list_view_id = fields.Many2one(
        "ir.ui.view",
        ondelete="set null",
        domain=[("type", "=", "list")],
        help="The list view the tile opens (the action's own by default).",
    )
    domain = fields.Char(
        default="[]",
        required=True,
        help="Python expression of a domain on the action's model, evaluated "
        "when the tile is read, with uid, today, renewal_limit and "
        "undertakings_lapsing_before_visits().",
    )
    context = fields.Char(
        default="{}", help="Context of the list opened, on top of the action's."
    )
    alert_domain = fields.Char(
        help="Part of the counted records that needs attention first (overdue, "
        "not ready), evaluated like the domain."
    )
    alert_label = fields.Char(translate=True, help="e.g. “overdue”.")
    group_ids = fields.Many2many(
        "res.groups",
        string="Groups",
        help="The tile is shown to members of these groups only (empty: every "
        "user of the app).",
    )
    count = fields.Integer(compute="_compute_counts")
    alert_count = fields.Integer(compute="_compute_counts")

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_counts(self):
        eval_context = self._get_eval_context()
        for tile in self:
            Model = tile._target_model()
            domain = tile._get_domain(eval_context)
            tile.count = Model.search_count(domain)
            tile.alert_count = (
                Model.search_count(
                    expression.AND([domain, safe_eval(tile.alert_domain, eval_context)])
                )
                if tile.alert_domain and tile.count
                else 0
            )

    def _target_model(self):
        """The model the tile counts, in the current user's environment (the
        count and the list go through its access rights and record rules)."""
        self.ensure_one()
        # sudo: the model name of the action, which only administrators may
        # read as a record; nothing of the action is shown but its list
        return self.env[self.action_id.sudo().res_model]

    @api.model
    def _get_eval_context(self):
        """What tile domains may use, computed now (never stored)."""
        today = npm_today(self.env)
        renewal_days = self.env["npm.cso.agreement"]._get_renewal_days()
        return {
            "uid": self.env.uid,
            "today": Date.to_string(today),
            "renewal_limit": Date.to_string(today + timedelta(days=renewal_days)),
            "undertakings_lapsing_before_visits": (
                self._undertakings_lapsing_before_visits
            ),
        }

    def _get_domain(self, eval_context=None):
        self.ensure_one()
        eval_context = eval_context or self._get_eval_context()
        action_domain = self.action_id.sudo().domain or "[]"
        return expression.AND(
            [
                safe_eval(action_domain, eval_context),
                safe_eval(self.domain or "[]", eval_context),
            ]
        )

    @api.model
    def _undertakings_lapsing_before_visits(self):
        """Ids of the signed undertakings that end before the last day of a
        planned visit of their person (a CSO member of its team): renewed in
        time, the visit is not blocked on its eve.

        Searched with the current user's rights (visits, teams and
        undertakings they may read).
        """
        today = npm_today(self.env)
        visits = self.env["npm.joint.visit"].search(
            [("state", "in", PLANNED_VISIT_STATES), ("date_end", ">=", today)]
        )
        members = visits.member_ids.filtered(lambda m: m.side == "cso")
        if not members:
            return []
        undertakings = self.env["npm.confidentiality.undertaking"].search(
            [
                ("state", "=", "signed"),
                ("partner_id", "in", members.partner_id.ids),
                ("date_expiry", "!=", False),
                ("date_expiry", ">=", today),
            ]
        )
        lapsing = undertakings.browse()
        for undertaking in undertakings:
            for member in members.filtered(
                lambda m, u=undertaking: m.partner_id == u.partner_id
            ):
                visit = member.visit_id
                if (
                    undertaking.company_id == visit.company_id
                    and (
                        undertaking.scope == "general" or undertaking.visit_id == visit
                    )
                    and undertaking.date_expiry < visit.date_end
                ):
                    lapsing |= undertaking
                    break
        return lapsing.ids

    def action_open(self):
        """The tile's list: the action's, narrowed to the tile's domain."""
        self.ensure_one()
        action = self.action_id._get_action_dict()
        eval_context = self._get_eval_context()
        context = safe_eval(action.get("context") or "{}", eval_context)
        # the list shows what the tile counts: no default filter narrows it
        context = {
            key: value
            for key, value in context.items()
            if not key.startswith("search_default_")
        }
        context.update(safe_eval(self.context or "{}", eval_context))
        views = [(self.list_view_id.id, "list")] + [
            (view_id, mode)
            for view_id, mode in action.get("views") or []
            if mode != "list"
        ]
        action.update(
            {
                "name": self.name,
                "display_name": self.name,
                "domain": self._get_domain(eval_context),
                "context": context,
                "views": views,
                "view_mode": ",".join(mode for _view_id, mode in views),
            }
        )
        if self.empty_text:
            action["help"] = str(
                Markup('<p class="o_view_nocontent_smiling_face">%s</p>')
                % self.empty_text
            )
        for key in ("id", "path", "xml_id"):
            action.pop(key, None)
        return action
