# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools.mail import append_content_to_html, plaintext2html

from ..groups import GROUP_MANAGER
from ..tools import npm_managers


def partners_who_may_read(record, partners):
    """The partners of ``partners`` one of whose active users may read
    ``record`` today, with that user's own rights and companies (for any
    model whose mail rows are guarded, see ``_npm_guarded_models``)."""
    record.ensure_one()
    readers = record.env["res.partner"]
    # sudo: which users stand behind these partners (and their companies)
    # decides who is kept; nothing of it is shown to the caller.
    for user in partners.sudo().user_ids:
        if user.partner_id in readers:
            continue
        as_user = record.with_user(user).with_context(
            allowed_company_ids=user.company_ids.ids
        )
        if as_user._filtered_access("read"):
            readers |= user.partner_id
    return readers.with_env(record.env)


class NpmMailGuardMixin(models.AbstractModel):
    """The chatter of an app record tells only those who may read the record.

    Every model of the app with a chatter inherits it (listed first in
    ``_inherit``). It marks the models whose mail rows ``npm.mail.side.table``
    narrows to the record's readers, and it adds, for all of them at once:

    - *No new notification to a non-reader*: the recipients of every message
      posted on the record (followers, mentioned partners, the assignee of an
      activity) are kept only if one of their active users may read the
      record today. A partner without a user reads nothing in Odoo: they get
      no e-mail about NPM material either.
    - *No search on what the user may not read*: ``message_ids`` and
      ``website_message_ids`` are searched through ``mail.message``'s own
      access (Odoo joins them in SQL, bypassing it), so a portal expert cannot
      filter the visits they read on the words of an internal note.
      ``activity_ids``, ``message_follower_ids`` and ``message_partner_ids``
      are internal users' fields: a search through any field the user may not
      read (its ``groups``), anywhere along a path, is refused (Odoo checks
      only the last column, and ``activity_ids`` is joined in SQL).
    - *Losing readers cuts what they still hold*: when a write changes who
      may read the record (``_npm_readership_fields``), the followers who may
      no longer read it are removed, their open activities are handed to
      someone who may read it (or closed), their notifications marked read
      (they no longer open them), mails not yet sent to them cancelled, and
      the access tokens of its attachments cleared (a link handed out earlier
      no longer opens the file). ``_npm_after_readership_change`` is the hook
      for what else a model must withdraw.
    """

    _name = "npm.mail.guard.mixin"
    _inherit = ["mail.thread"]
    _description = "Chatter Guarded by the Record's Access"

    # Fields whose change may take readers away from a record.
    _npm_readership_fields = ()

    message_ids = fields.One2many(auto_join=False)
    website_message_ids = fields.One2many(auto_join=False)

    @api.model
    @tools.ormcache()
    def _npm_guarded_models(self):
        """Names of the models whose mail rows only their readers see: the
        app's models with a chatter (a bridge may add its own, as the
        document store does for its folders and files)."""
        return tuple(
            sorted(
                name
                for name in self.env.registry.descendants(
                    ["npm.mail.guard.mixin"], "_inherit"
                )
                if not self.env[name]._abstract
            )
        )

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        if not self.env.su:
            check_domain_field_access(self, domain)
        return super()._search(domain, offset=offset, limit=limit, order=order)

    def write(self, vals):
        result = super().write(vals)
        if self._npm_readership_fields and not vals.keys().isdisjoint(
            self._npm_readership_fields
        ):
            self._npm_after_readership_change()
        return result

    # ------------------------------------------------------------------
    # Who may read
    # ------------------------------------------------------------------

    def _npm_partners_who_may_read(self, partners):
        """The partners of ``partners`` one of whose active users may read
        ``self`` today, with that user's own rights and companies."""
        return partners_who_may_read(self, partners)

    def _npm_managers_who_may_read(self):
        """The NPM managers of the record's company (``tools.npm_managers``)
        who may read it: those an activity about it may be given to."""
        self.ensure_one()
        managers = npm_managers(self.company_id)
        readers = self._npm_partners_who_may_read(managers.partner_id)
        return managers.filtered(lambda user: user.partner_id in readers)

    def _npm_cleared_substitute(self):
        """Who takes over an activity its assignee may no longer do: the
        first of ``_npm_substitute_candidates`` who may read the record."""
        self.ensure_one()
        for user in self._npm_substitute_candidates():
            if self._npm_partners_who_may_read(user.partner_id):
                return user
        return self.env["res.users"]

    def _npm_substitute_candidates(self):
        """The NPM managers of the record's company, oldest first."""
        company = self["company_id"] if "company_id" in self._fields else None
        group = self.env.ref(GROUP_MANAGER)
        # sudo: listing the managers to hand them an activity.
        return (
            group.sudo()
            .users.filtered(
                lambda u: (
                    u.active
                    and not u.share
                    and u.id != self.env.ref("base.user_root").id
                    and (not company or company in u.company_ids)
                )
            )
            .sorted("id")
        )

    # ------------------------------------------------------------------
    # New notifications: only to readers
    # ------------------------------------------------------------------

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if len(self) != 1 or not recipients:
            return recipients
        partners = self.env["res.partner"].browse({r["id"] for r in recipients})
        readers = set(self._npm_partners_who_may_read(partners).ids)
        return [r for r in recipients if r["id"] in readers]

    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        # A follower who may not read the record would hold a row about it
        # (and Odoo's chatter would list them): only readers follow.
        if not partner_ids:
            return super()._message_subscribe(
                partner_ids=partner_ids,
                subtype_ids=subtype_ids,
                customer_ids=customer_ids,
            )
        partners = self.env["res.partner"].browse(partner_ids)
        for record in self:
            readers = record._npm_partners_who_may_read(partners)
            if not readers:
                continue
            super(NpmMailGuardMixin, record)._message_subscribe(
                partner_ids=readers.ids,
                subtype_ids=subtype_ids,
                customer_ids=customer_ids,
            )
        return True

    # ------------------------------------------------------------------
    # Readers lost: cut what they hold
    # ------------------------------------------------------------------

    def _npm_after_readership_change(self):
        # sudo: the app's own reaction to a change the user was allowed to
        # make; it removes or hands over other people's rows about these
        # records (which the user, having perhaps just made the record
        # strictly confidential, may no longer read) and returns nothing.
        for record in self.sudo():
            record._npm_clear_attachment_tokens()
            holders = record._npm_mail_holders()
            lost = holders - record._npm_partners_who_may_read(holders)
            if lost:
                record._npm_cut_lost_readers(lost)

    def _npm_mail_holders(self):
        """Partners holding a mail row about the record: followers,
        assignees of its open activities, recipients of its messages."""
        self.ensure_one()
        notifications = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", self._name),
                ("mail_message_id.res_id", "=", self.id),
            ]
        )
        activity_users = self.activity_ids.user_id if "activity_ids" in self else None
        return (
            self.message_follower_ids.partner_id
            | notifications.res_partner_id
            | (activity_users.partner_id if activity_users else self.env["res.partner"])
        )

    def _npm_cut_lost_readers(self, lost):
        self.ensure_one()
        self.message_unsubscribe(partner_ids=lost.ids)
        if "activity_ids" in self:
            self._npm_hand_over_activities(
                self.activity_ids.filtered(lambda a: a.user_id.partner_id in lost)
            )
        notifications = self.env["mail.notification"].search(
            [
                ("mail_message_id.model", "=", self._name),
                ("mail_message_id.res_id", "=", self.id),
                ("res_partner_id", "in", lost.ids),
            ]
        )
        notifications.filtered(lambda n: not n.is_read).write(
            {"is_read": True, "read_date": fields.Datetime.now()}
        )
        unsent = notifications.filtered(
            lambda n: (
                n.notification_type == "email" and n.notification_status == "ready"
            )
        )
        unsent.write({"notification_status": "canceled"})
        mails = self.env["mail.mail"].search(
            [
                ("mail_message_id", "in", notifications.mail_message_id.ids),
                ("state", "=", "outgoing"),
                ("recipient_ids", "in", lost.ids),
            ]
        )
        for mail in mails:
            mail.recipient_ids -= lost
            if not mail.recipient_ids and not mail.email_to:
                mail.state = "cancel"

    def _npm_hand_over_activities(self, activities):
        self.ensure_one()
        if not activities:
            return
        substitute = self._npm_cleared_substitute()
        for activity in activities:
            previous = activity.user_id
            if substitute:
                reason = self.env._(
                    "Reassigned from %(previous)s to %(user)s: %(previous)s may "
                    "no longer read this record.",
                    previous=previous.name,
                    user=substitute.name,
                )
                activity.write(
                    {
                        "user_id": substitute.id,
                        "note": append_content_to_html(
                            activity.note or "", plaintext2html(reason)
                        ),
                    }
                )
                self.message_post(body=reason, subtype_xmlid="mail.mt_note")
            else:
                activity.action_feedback(
                    feedback=self.env._(
                        "Closed: %(previous)s may no longer read this record and "
                        "nobody who may read it could take it over.",
                        previous=previous.name,
                    )
                )

    def _npm_clear_attachment_tokens(self):
        """Links with an access token open a file without any login: those
        handed out for the record's files stop working."""
        self.ensure_one()
        Attachment = self.env["ir.attachment"]
        record_domain = [("res_model", "=", self._name), ("res_id", "=", self.id)]
        attachments = Attachment.search(
            expression.AND(
                [
                    record_domain,
                    [("access_token", "!=", False)],
                    ["|", ("res_field", "=", False), ("res_field", "!=", False)],
                ]
            )
        )
        attachments |= (
            self.env["mail.message"]
            .search([("model", "=", self._name), ("res_id", "=", self.id)])
            .attachment_ids.filtered("access_token")
        )
        if attachments:
            attachments.write({"access_token": False})


def check_domain_field_access(model, domain):
    """Refuse a domain that goes through a field the user may not read.

    Each field along each path counts (``activity_ids.summary`` goes through
    ``activity_ids``, an internal users' field), and so do the domains of
    ``any`` / ``not any``. The refusal names the field, never a record.
    """
    for leaf in domain or ():
        if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
            continue
        left, operator, right = leaf
        if not isinstance(left, str):
            continue
        current = model
        for fname in left.split("."):
            field = current._fields.get(fname)
            if field is None:
                break
            if not field.is_accessible(current.env):
                raise AccessError(
                    current.env._(
                        "You cannot search on “%(field)s”.",
                        field=field._description_string(current.env),
                    )
                )
            if not field.relational:
                break
            current = current.env[field.comodel_name]
        else:
            if operator in ("any", "not any") and isinstance(right, (list, tuple)):
                check_domain_field_access(current, right)
