# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models
from odoo.exceptions import UserError

MANAGER_GROUP = "npm_cso_cooperation.group_npm_manager"


class NpmCsoWorkflowMixin(models.AbstractModel):
    """Fields that only the workflow buttons may change.

    A document with legal weight (a partnership, an agreement) moves through
    its states by buttons that check *who* may make the move (a manager, not
    the submitter, …) and record who did and when. A plain ``write`` of the
    state would skip those checks: any officer could approve by RPC. This
    mixin refuses such writes; the action methods make the move through
    :meth:`_workflow_write` once they have checked the caller's rights.
    """

    _name = "npm.cso.workflow.mixin"
    _description = "NPM–CSO Workflow Guard"

    # Field names that change only through action methods.
    _workflow_fields = ("state",)
    # Values these fields may take in create() (their defaults).
    _workflow_initial_values = {"state": "draft"}

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Who may not create at all is told so first, not about workflow.
            self.check_access("create")
            for vals in vals_list:
                self._check_workflow_values(vals, self._workflow_initial_values)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            # Access first: the business refusals below name the record and
            # its state, which a user without access must not learn.
            self.check_access("write")
            # Emptying a stamp (who approved, when) rewrites the record as
            # much as setting one: on write, any value that changes a
            # workflow field is refused (a form re-sending the value a
            # record holds changes nothing).
            changed = {
                fname: value
                for fname, value in vals.items()
                if fname in self._workflow_fields
                and any(r._npm_workflow_value_changes(fname, value) for r in self)
            }
            self._check_workflow_values(changed, {}, empty_allowed=False)
        return super().write(vals)

    @api.model
    def _check_workflow_values(self, vals, allowed, empty_allowed=True):
        for fname in self._workflow_fields:
            if (
                fname in vals
                and (vals[fname] or not empty_allowed)
                and vals[fname] != allowed.get(fname)
            ):
                raise UserError(
                    self.env._(
                        "“%(field)s” of a %(model)s changes only through its "
                        "buttons (submit, approve, sign, …): they check who may "
                        "make the change and record who did it and when.",
                        field=self._fields[fname]._description_string(self.env),
                        model=self._description,
                    )
                )

    def _npm_workflow_value_changes(self, fname, value):
        self.ensure_one()
        field = self._fields[fname]
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        return new != self[fname]

    def _workflow_write(self, vals):
        """Write workflow fields after the caller's right to do so was checked.

        The caller must hold write access to the records (checked here, so that
        record rules keep applying); the transition itself was checked by the
        action method that calls this one.
        """
        self.check_access("write")
        # sudo() only lifts the guard of write() above, on records the user
        # may write anyway (checked just before): the author of the tracking
        # messages stays the real user, env.user is unchanged by sudo().
        return self.sudo().write(vals)

    def _is_npm_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER_GROUP)
