# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import fields, models

from ..groups import GROUP_MANAGER


class NpmRetentionMixin(models.AbstractModel):
    """A kind of record the retention rules keep for N years, then
    anonymise or delete (``npm.retention.rule``).

    ``_retention_anonymise_fields`` names what an anonymisation removes (the
    identities, reprisal notes, free-text descriptions and files); what is
    not named stays (pseudonyms, dates, places, themes: the statistics). A
    *legal hold*, set by an NPM manager with its reason, keeps a record out
    of every rule while it is on.
    """

    _name = "npm.retention.mixin"
    _description = "Kept under the Retention Rules"

    #: the fields an anonymisation empties
    _retention_anonymise_fields = ()
    #: stamped by the rules, never by hand (npm.lifecycle.mixin reads it)
    _lifecycle_mixin_app_only_fields = ("anonymised_on",)

    # (not tracked: the chatter is read by officers, the hold is the
    # managers' own)
    legal_hold = fields.Boolean(
        groups=GROUP_MANAGER,
        copy=False,
        help="Kept whatever the retention rules say (a complaint, an "
        "investigation, a court case), until an NPM manager lifts the hold.",
    )
    legal_hold_reason = fields.Text(
        groups=GROUP_MANAGER,
        copy=False,
        help="Why the record is kept beyond its retention period.",
    )
    anonymised_on = fields.Datetime(
        readonly=True,
        copy=False,
        help="When a retention rule removed the identities, notes, "
        "descriptions and files of this record (see the retention log).",
    )

    def _retention_anonymise_values(self):
        """What an anonymisation writes: the listed fields emptied (a
        required text says it was removed), the date stamped."""
        removed = self.env._("[removed under the retention rules]")
        vals = {}
        for name in self._retention_anonymise_fields:
            field = self._fields[name]
            if field.type in ("many2many", "one2many"):
                vals[name] = [fields.Command.clear()]
            elif field.required and field.type in ("char", "text", "html"):
                vals[name] = removed
            else:
                vals[name] = False
        vals["anonymised_on"] = fields.Datetime.now()
        return vals

    def _npm_retention_remove_files(self, fnames=None):
        """The files that go with an anonymisation (``fnames``: the fields
        it empties: the files of those Binary fields, and every file
        attached in the chatter) or a deletion (``None``: every file). The
        document store bridge removes its copies too."""
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        if fnames is not None:
            binaries = [
                name
                for name in fnames
                if self._fields[name].type in ("binary", "image")
            ]
            domain += ["|", ("res_field", "=", False), ("res_field", "in", binaries)]
        # sudo: the retention rules remove every file of the record, whoever
        # attached it; only the rules (managers, the scheduled action) call
        # this, and the retention log records it.
        attachments = self.env["ir.attachment"].sudo().search(domain)
        attachments.unlink()
        return attachments

    def _npm_retention_clean_chatter(self, fnames):
        """Remove what the chatter keeps of the removed text: the tracking
        values of the emptied fields (mail.tracking.value keeps the old
        value), the bodies of the notes, messages and notifications of the
        record (they may quote it), and its activities (their notes)."""
        # sudo: as in _npm_retention_remove_files.
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", self._name), ("res_id", "in", self.ids)])
        )
        field_ids = (
            self.env["ir.model.fields"]
            .sudo()
            .search([("model", "=", self._name), ("name", "in", list(fnames))])
        )
        messages.tracking_value_ids.filtered(lambda t: t.field_id in field_ids).unlink()
        # Every text: a note, a message, and the app's own notifications
        # (which may name what the record said); who wrote when, and the
        # tracking of what is kept (its stages), stay.
        removed = self.env._("[removed under the retention rules]")
        written = messages.filtered("body")
        if written:
            written.write({"body": removed, "attachment_ids": [fields.Command.clear()]})
        # a message that held only the tracking of removed text says nothing
        (messages - written).filtered(lambda m: not m.tracking_value_ids).unlink()
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()
