# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, models, tools
from odoo.exceptions import UserError

# Who may skip the guard: the application's own code, which writes through
# ``_npm_app_write``. The marker is this object itself, compared by identity:
# a client controls the whole context it sends over RPC, but JSON can carry
# no Python object, so no client can send this one.
_APP_WRITE = object()


class NpmGuardedFieldsMixin(models.AbstractModel):
    """Fields that only the application sets: never a plain create/write.

    Access to NPM material rests on values the application computes or stamps:
    the coverage of a team line (``is_covered``, ``covered_until``) opens a
    visit to a CSO expert, a signature makes an undertaking valid, a reference
    names a request in the registers. If any role could write them by hand
    (an officer over RPC, a portal expert choosing a reference), the checks
    that produce them would be skipped. A model lists the stamps it guards in
    ``_npm_app_only_fields``; every computed field without an inverse
    (stored computes, related fields) is guarded as well, so that a new
    computed field is protected without anyone remembering to list it.

    ``create`` and ``write`` refuse these fields unless:

    - the application's code writes them, through ``_npm_app_write`` (the
      ``_APP_WRITE`` marker above, which no client can forge);
    - the call runs as superuser (data files, ``sudo()`` in server code: an
      RPC client is never superuser);
    - the ORM recomputes a stored compute (that does not go through write).

    Fields another guard refuses keep that guard's message: a field frozen on
    this record now (``npm.frozen.mixin``: "can no longer be changed") and a
    workflow field given a value (``npm.cso.workflow.mixin``: "changes only
    through its buttons").

    The mixin must see the caller's values before the model's own ``create``
    and ``write`` add their stamps: it is applied by a class of the model
    loaded after the model's own (see ``app_only_fields.py``), which puts its
    methods first.
    """

    _name = "npm.guarded.fields.mixin"
    _description = "Fields Set by the Application Only"

    # Stamps and references of the model that only its code writes.
    _npm_app_only_fields = ()

    @api.model
    @tools.ormcache()
    def _npm_app_only_field_names(self):
        """The listed stamps and every computed field without an inverse."""
        names = set(self._npm_app_only_fields)
        names.update(
            name
            for name, field in self._fields.items()
            if field.compute and field.readonly and not field.inverse
        )
        return frozenset(names)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # An empty stamp on a new record is its default (forms send one
            # for every field they show); a computed field is guarded even
            # empty, as a value given on create replaces its computation.
            self._npm_check_app_only_fields(
                {
                    name: value
                    for name, value in vals.items()
                    if value
                    or self._fields.get(name, False)
                    and self._fields[name].compute
                }
            )
        return super().create(vals_list)

    def write(self, vals):
        self._npm_check_app_only_fields(vals)
        return super().write(vals)

    def _npm_app_write(self, vals):
        """Write guarded fields: for the application's own code only."""
        return self.with_context(npm_app_write=_APP_WRITE).write(vals)

    def _npm_check_app_only_fields(self, vals):
        if self.env.su or self.env.context.get("npm_app_write") is _APP_WRITE:
            return
        guarded = self._npm_app_only_field_names().intersection(vals)
        if not guarded:
            return
        # Access first: who may not write the record at all is told so, not
        # which of its fields are stamps.
        self.check_access("write" if self else "create")
        workflow = getattr(self, "_workflow_fields", ())
        guarded -= {name for name in workflow if vals.get(name)}
        for record in self:
            guarded -= record._frozen_field_names_now()
        if guarded:
            labels = ", ".join(
                f"“{self._fields[name]._description_string(self.env)}”"
                for name in sorted(guarded)
            )
            raise UserError(
                self.env._(
                    "%(fields)s of a %(model)s is set by the application; it "
                    "cannot be set by hand.",
                    fields=labels,
                    model=self._description,
                )
            )

    def _frozen_field_names_now(self):
        """Fields of this record that npm.frozen.mixin refuses now, if any."""
        self.ensure_one()
        if not hasattr(self, "_frozen_field_names"):
            return set()
        return self._frozen_field_names()
