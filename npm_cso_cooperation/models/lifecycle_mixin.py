# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from ..tools import npm_today, selection_label

# Who may write what no user writes by hand: the application's own code,
# through ``_lifecycle_write``/``_lifecycle_move``. The marker is this object
# itself, compared by identity: a client controls the whole context it sends
# over RPC, but JSON can carry no Python object, so no client can send it.
_APP_WRITE = object()
_APP_KEY = "npm_app_write"
# Set by _lifecycle_move once it checked the move of every record; read only
# together with the marker above.
_MOVE_KEY = "npm_lifecycle_move"
# Set (with the marker above, the same object) by the retention rules only:
# an anonymisation may empty frozen fields, a deletion may remove lines of an
# append-only log (npm.retention.rule, which logs each of them).
_RETENTION_KEY = "npm_retention"


def is_retention_context(env):
    """Whether ``env`` is the retention rules' own (``_lifecycle_retention_*``):
    for the guards of other models a retention write or deletion reaches (the
    attachment of a signed copy, its copy in the document store)."""
    return (
        env.context.get(_APP_KEY) is _APP_WRITE
        and env.context.get(_RETENTION_KEY) is _APP_WRITE
    )


# How a stamp of ``_lifecycle_stamps`` is filled on a transition.
STAMP_USER = "user"  # the user who makes the move
STAMP_NOW = "now"  # when
STAMP_TODAY = "today"  # the NPM's date (tools.npm_today)
STAMP_TODAY_IF_EMPTY = "today_if_empty"  # the date the user gave, else today
STAMP_CLEAR = False  # emptied (going back voids an earlier decision)


class NpmLifecycleMixin(models.AbstractModel):
    """The life cycle of a record with legal weight, declared once.

    A model configures it with class attributes; ``create``, ``write`` and
    ``unlink`` enforce it, access checked first (so that no refusal names a
    record the user may not read):

    ``_lifecycle_state_field``
        its state field (``None``: no state).
    ``_lifecycle_transitions``
        ``{target: sources}``: where each state may be reached from. Writing
        the state is a transition; ``_check_to_<target>(vals)`` (when the
        model defines it) holds the business rules of the move (four eyes,
        terms agreed, every CSO member covered) and ``_on_<target>(before)``
        what follows it (a note, a line of the register).
    ``_lifecycle_groups``
        ``{target: group xml id}``: who may make the move.
    ``_lifecycle_stamps``
        ``{target: {field: STAMP_*}}``: who/when written on the move. A stamp
        is never written by hand.
    ``_lifecycle_move_fields``
        ``{target: fields}``: values given with the move only (the reason of
        a revocation).
    ``_lifecycle_by_action``
        ``True``: the state changes only through the action methods
        (``_lifecycle_move``), never by writing it, except as superuser (data
        files); the action's label names the refused move.
    ``_lifecycle_action_fields``
        with ``_lifecycle_by_action``, other fields written by the actions
        only.
    ``_lifecycle_create_states``
        the states a record may be created in.
    ``_lifecycle_frozen``
        ``((fields, when), ...)``: fields that no longer change once the
        record is in one of the states ``when`` lists, in every state when it
        is ``None``, or while the method it names answers yes (a document
        released to a CSO). Files of frozen Binary fields cannot be
        replaced through their attachment either (ir_attachment.py), and
        frozen fields hold for the superuser too: the way out is an action
        (back to draft), which is logged.
    ``_lifecycle_parent_field``
        a line whose parent may lock its lines (a visit its agreed team, a
        partnership its settled safeguards: ``_lifecycle_locks_lines()``).
    ``_lifecycle_undeletable_states``
        states in which a record is never deleted (``_lifecycle_keeps()``
        adds conditions that are not states).
    ``_lifecycle_app_only_fields``
        fields no one writes by hand (references, signatures, coverage);
        every computed field without an inverse is added to them.
    ``_lifecycle_sequences``
        ``{field: sequence code}``: references drawn on create.
    ``_lifecycle_append_only``
        lines only the application writes: no user creates, changes or
        deletes one (but the retention rules, ``_lifecycle_retention_unlink``).

    A mixin of the model may add app-only fields of its own in
    ``_lifecycle_mixin_app_only_fields`` (npm.retention.mixin's stamp); the
    retention rules alone empty frozen fields
    (``_lifecycle_retention_write``).
    """

    _name = "npm.lifecycle.mixin"
    _description = "Life Cycle of a Record with Legal Weight"

    _lifecycle_state_field = None
    _lifecycle_transitions = {}
    _lifecycle_groups = {}
    _lifecycle_stamps = {}
    _lifecycle_move_fields = {}
    _lifecycle_by_action = False
    _lifecycle_action_fields = ()
    _lifecycle_create_states = ()
    _lifecycle_frozen = ()
    _lifecycle_parent_field = None
    _lifecycle_undeletable_states = ()
    _lifecycle_app_only_fields = ()
    _lifecycle_sequences = {}
    _lifecycle_append_only = False
    # {state value: name in hook names}, for states that are not words
    # (a Boolean: shared or not, confirmed or not).
    _lifecycle_state_names = {}

    # What the declaration implies ------------------------------------------

    @api.model
    @tools.ormcache()
    def _npm_app_only_field_names(self):
        """The listed app-only fields and every computed field without an
        inverse (so that a new computed field is guarded without anyone
        remembering to list it)."""
        names = set(self._lifecycle_app_only_fields)
        # what a mixin of the model stamps (npm.retention.mixin: when a rule
        # anonymised the record); only such a mixin defines the attribute
        names.update(getattr(self, "_lifecycle_mixin_app_only_fields", ()))
        names.update(
            name
            for name, field in self._fields.items()
            if field.compute and field.readonly and not field.inverse
        )
        return frozenset(names)

    @api.model
    def _lifecycle_stamp_fields(self, target=None):
        """Fields stamped by transitions (to ``target``, or to any state)."""
        stamps = (
            [self._lifecycle_stamps.get(target, {})]
            if target
            else self._lifecycle_stamps.values()
        )
        return {
            name
            for by_field in stamps
            for name, how in by_field.items()
            if how != STAMP_TODAY_IF_EMPTY
        }

    @api.model
    def _lifecycle_move_field_names(self, target=None):
        moves = (
            [self._lifecycle_move_fields.get(target, ())]
            if target
            else self._lifecycle_move_fields.values()
        )
        return {name for names in moves for name in names}

    @api.model
    def _lifecycle_frozen_candidates(self):
        return {name for names, _states in self._lifecycle_frozen for name in names}

    def _frozen_field_names(self):
        """The fields of this record that may no longer change."""
        self.ensure_one()
        state_field = self._lifecycle_state_field
        state = self[state_field] if state_field else None
        frozen = set()
        for names, when in self._lifecycle_frozen:
            if when is None:
                applies = True
            elif isinstance(when, str):
                applies = getattr(self, when)()
            else:
                applies = state in when
            if applies:
                frozen.update(names)
        return frozen

    def _frozen_error_message(self, field_names):
        self.ensure_one()
        return self.env._(
            "%(record)s can no longer be changed (%(fields)s).",
            record=self.display_name,
            fields=self._lifecycle_field_labels(field_names),
        )

    def _lifecycle_field_labels(self, field_names, quoted=False):
        labels = (
            self._fields[name]._description_string(self.env)
            for name in sorted(field_names)
        )
        return ", ".join(f"“{label}”" if quoted else label for label in labels)

    def _lifecycle_is_app_write(self):
        return self.env.context.get(_APP_KEY) is _APP_WRITE

    def _lifecycle_unmarked(self):
        """These records without the application's marker: what a write sets
        off (an inverse, a hook writing other records) is checked again."""
        if _APP_KEY not in self.env.context and _MOVE_KEY not in self.env.context:
            return self
        return self.with_context(**{_APP_KEY: None, _MOVE_KEY: None})

    # The application's way in ----------------------------------------------

    def _lifecycle_write(self, vals):
        """Write fields no user writes by hand: for the application's code,
        once it checked what the business needs. Access and record rules
        still apply (no sudo)."""
        return self.with_context(**{_APP_KEY: _APP_WRITE}).write(vals)

    @api.model
    def _lifecycle_create(self, vals_list):
        """Create records with fields no user gives by hand (lines the
        application writes): access and record rules still apply."""
        records = self.with_context(**{_APP_KEY: _APP_WRITE}).create(vals_list)
        # handed back without the marker: later writes are checked again
        return records._lifecycle_unmarked()

    def _lifecycle_is_retention(self):
        return is_retention_context(self.env)

    def _lifecycle_retention_marked(self):
        """These records in the retention rules' own environment (see
        ``is_retention_context``): for the rules only, which log what they
        anonymise or delete."""
        return self.with_context(**{_APP_KEY: _APP_WRITE, _RETENTION_KEY: _APP_WRITE})

    def _lifecycle_retention_write(self, vals):
        """Anonymise: empty ``vals``' fields, frozen ones included. For the
        retention rules only (npm.retention.rule), which log each record they
        anonymise; no other code bypasses a freeze."""
        return self._lifecycle_retention_marked().write(vals)

    def _lifecycle_retention_unlink(self):
        """Delete at the end of the retention period: for the retention
        rules only, which log each deletion. The lines of an append-only log
        may go; what the life cycle keeps (``_lifecycle_keeps``) still stays."""
        return self._lifecycle_retention_marked().unlink()

    def _lifecycle_move(self, target, what=None, sources=None, vals=None):
        """Move these records to ``target`` (an action method's one line).

        ``sources`` narrows where the move starts from (an action may make
        only part of the transitions to a state), ``what`` names the action
        in refusals ("submit for approval").
        """
        self.check_access("write")
        sources = tuple(sources) if sources else None
        # Each record must make the move, even one already in the target
        # state ("submit" a submitted agreement is refused, not ignored).
        for record in self:
            record._lifecycle_check_move(target, vals or {}, sources, what)
        values = dict(vals or {}, **{self._lifecycle_state_field: target})
        marked = self.with_context(**{_APP_KEY: _APP_WRITE, _MOVE_KEY: "checked"})
        return marked.write(values)

    # ORM --------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            # Who may not create at all is told so first.
            self.browse().check_access("create")
            if self._lifecycle_append_only:
                raise AccessError(self._lifecycle_append_only_message("create"))
            if not self._lifecycle_is_app_write():
                for vals in vals_list:
                    self._lifecycle_check_create_values(vals)
        for vals in vals_list:
            self._lifecycle_draw_references(vals)
        self._lifecycle_check_parents_unlocked(
            {vals.get(self._lifecycle_parent_field) for vals in vals_list}
        )
        return super().create(vals_list)

    def write(self, vals):
        if self._lifecycle_append_only and self:
            # Nobody writes a line, the superuser included; the refusal names
            # no record.
            raise AccessError(self._lifecycle_append_only_message("write"))
        if not self.env.su:
            # Access first: the refusals below name the record and its state,
            # which a user without access must not learn.
            self.check_access("write")
        app = self.env.su or self._lifecycle_is_app_write()
        if not app:
            self._lifecycle_check_hand_values(vals)
        state_field = self._lifecycle_state_field
        moving = self.browse()
        # The superuser (data files) sets the state of a model moved by its
        # actions plainly; every other state write is a transition.
        plain = self._lifecycle_by_action and not self._lifecycle_is_app_write()
        if state_field and state_field in vals and not plain:
            moving = self.filtered(lambda r: r[state_field] != vals[state_field])
        before = moving._lifecycle_check_moves(vals) if moving else {}
        self._lifecycle_check_write(vals)
        if not self._lifecycle_is_retention():
            self._lifecycle_check_frozen(vals)
        self._lifecycle_check_lines_unlocked(vals)
        if not moving:
            return super(NpmLifecycleMixin, self._lifecycle_unmarked()).write(vals)
        # Records may need different stamps (a date kept where one was given):
        # each group of equal values is written once.
        groups = {}
        for record in self:
            record_vals = (
                record._lifecycle_stamped_values(vals) if record in moving else vals
            )
            key = tuple(sorted((k, repr(v)) for k, v in record_vals.items()))
            groups.setdefault(key, (record_vals, []))[1].append(record.id)
        for record_vals, ids in groups.values():
            super(NpmLifecycleMixin, self.browse(ids)._lifecycle_unmarked()).write(
                record_vals
            )
        hook_name = f"_on_{self._lifecycle_hook_name(vals[state_field])}"
        hook = getattr(moving._lifecycle_unmarked(), hook_name, None)
        if hook:
            hook(before)
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lifecycle(self):
        if self._lifecycle_append_only and not self._lifecycle_is_retention():
            raise AccessError(self._lifecycle_append_only_message("unlink"))
        if self._lifecycle_parent_field:
            self._lifecycle_check_parents_unlocked(
                set(self.mapped(f"{self._lifecycle_parent_field}.id"))
            )
        for record in self:
            if record._lifecycle_keeps():
                raise UserError(record._lifecycle_keep_message())

    def copy(self, default=None):
        if self and self._lifecycle_append_only:
            raise AccessError(self._lifecycle_append_only_message("copy"))
        return super().copy(default=default)

    # Enforcement --------------------------------------------------------------

    @api.model
    def _lifecycle_check_create_values(self, vals):
        # An empty stamp on a new record is its default (forms send one for
        # every field they show); a computed field is guarded even empty, as
        # a value given on create replaces its computation.
        given = {
            name
            for name, value in vals.items()
            if value or (name in self._fields and self._fields[name].compute)
        }
        app_only = self._npm_app_only_field_names() & given
        if app_only:
            raise UserError(self._lifecycle_app_only_message(app_only))
        state_field = self._lifecycle_state_field
        if state_field and vals.get(state_field) not in (
            None,
            False,
            *self._lifecycle_create_states,
        ):
            target = vals[state_field]
            self._lifecycle_check_group(target)
            raise UserError(self._lifecycle_by_action_message({state_field}))
        by_action = (
            set(self._lifecycle_action_fields) | self._lifecycle_stamp_fields()
            if self._lifecycle_by_action
            else set()
        )
        if by_action & given:
            raise UserError(self._lifecycle_by_action_message(by_action & given))
        # A stamp records a move: a new record has made none.
        stamps = (
            self._lifecycle_stamp_fields() | self._lifecycle_move_field_names()
        ) & given
        if stamps:
            raise UserError(self._lifecycle_stamp_message(stamps))

    def _lifecycle_check_hand_values(self, vals):
        """What a user may not write by hand, whatever the record's state."""
        by_action = candidates = set()
        if self._lifecycle_by_action:
            candidates = {
                self._lifecycle_state_field,
                *self._lifecycle_action_fields,
                *self._lifecycle_stamp_fields(),
            }
            # Emptying a stamp (who approved, when) rewrites the record as
            # much as setting one; a form re-sending the value a record holds
            # changes nothing.
            by_action = {
                name
                for name in candidates & vals.keys()
                if any(
                    record._lifecycle_value_changes(name, vals[name]) for record in self
                )
            }
        app_only = self._npm_app_only_field_names() & vals.keys()
        app_only -= by_action
        for record in self:
            if not app_only:
                break  # (a record's freeze may cost a search: only when needed)
            # A field frozen now keeps the freeze's message.
            app_only -= record._frozen_field_names()
        if app_only:
            raise UserError(self._lifecycle_app_only_message(app_only))
        if by_action:
            raise UserError(self._lifecycle_by_action_message(by_action))
        target = (
            vals.get(self._lifecycle_state_field)
            if self._lifecycle_state_field
            else None
        )
        allowed = self._lifecycle_move_field_names(target) if target else set()
        # (a model moved by its actions answered above for its stamps)
        by_move = (
            (self._lifecycle_stamp_fields() | self._lifecycle_move_field_names())
            - allowed
            - self._npm_app_only_field_names()
            - candidates
        )
        if by_move & vals.keys():
            raise UserError(self._lifecycle_stamp_message(by_move & vals.keys()))

    def _lifecycle_value_changes(self, fname, value):
        self.ensure_one()
        field = self._fields[fname]
        new = field.convert_to_record(field.convert_to_cache(value, self), self)
        return new != self[fname]

    def _lifecycle_check_moves(self, vals):
        """Check that these records may move to the state ``vals`` writes;
        return what the stamps of the move will replace, per record."""
        state_field = self._lifecycle_state_field
        target = vals[state_field]
        checked = (
            self._lifecycle_is_app_write()
            and self.env.context.get(_MOVE_KEY) == "checked"
        )
        if not checked:
            for record in self:
                record._lifecycle_check_move(target, vals)
        return {
            record.id: {
                state_field: record[state_field],
                **{
                    name: record[name]
                    for name in self._lifecycle_stamps.get(target, {})
                },
            }
            for record in self
        }

    def _lifecycle_check_move(self, target, vals, sources=None, what=None):
        self.ensure_one()
        self._lifecycle_check_group(target, what)
        allowed = sources or self._lifecycle_transitions.get(target, ())
        if self[self._lifecycle_state_field] not in allowed:
            raise UserError(self._lifecycle_state_message(target, what))
        hook = getattr(self, f"_check_to_{self._lifecycle_hook_name(target)}", None)
        if hook:
            hook(vals)

    def _lifecycle_check_group(self, target, what=None):
        group = self._lifecycle_groups.get(target)
        if group and not (self.env.su or self.env.user.has_group(group)):
            raise AccessError(self._lifecycle_group_message(target, what))

    def _lifecycle_stamped_values(self, vals):
        self.ensure_one()
        target = vals[self._lifecycle_state_field]
        stamped = dict(vals)
        for name, how in self._lifecycle_stamps.get(target, {}).items():
            if how == STAMP_USER:
                stamped[name] = self.env.user.id
            elif how == STAMP_NOW:
                stamped[name] = fields.Datetime.now()
            elif how == STAMP_TODAY:
                stamped[name] = npm_today(self.env)
            elif how == STAMP_TODAY_IF_EMPTY:
                if not (stamped.get(name) or self[name]):
                    stamped[name] = npm_today(self.env)
            else:
                stamped[name] = how
        return stamped

    def _lifecycle_check_frozen(self, vals):
        touched = self._lifecycle_frozen_candidates() & vals.keys()
        if not touched:
            return
        for record in self:
            frozen = touched & record._frozen_field_names()
            if frozen:
                raise UserError(record._frozen_error_message(frozen))

    def _lifecycle_check_lines_unlocked(self, vals):
        parent_field = self._lifecycle_parent_field
        if not parent_field:
            return
        parent_ids = set(self.mapped(f"{parent_field}.id"))
        if vals.get(parent_field):
            parent_ids.add(vals[parent_field])
        self._lifecycle_check_parents_unlocked(parent_ids)

    @api.model
    def _lifecycle_check_parents_unlocked(self, parent_ids):
        parent_field = self._lifecycle_parent_field
        if not parent_field or not any(parent_ids):
            return
        comodel = self.env[self._fields[parent_field].comodel_name]
        for parent in comodel.browse(sorted(pid for pid in parent_ids if pid)):
            if parent._lifecycle_locks_lines():
                raise UserError(parent._lifecycle_locked_lines_message())

    @api.model
    def _lifecycle_draw_references(self, vals):
        # sudo: users (portal experts above all) have no right on sequences;
        # drawing the next number shows them nothing.
        Sequence = self.env["ir.sequence"].sudo()
        for name, code in self._lifecycle_sequences.items():
            if vals.get(name, self.env._("New")) == self.env._("New"):
                vals[name] = Sequence.next_by_code(
                    code, sequence_date=self._lifecycle_sequence_date(vals)
                ) or self.env._("New")

    # Hooks a model overrides ----------------------------------------------------

    @api.model
    def _lifecycle_hook_name(self, state):
        return self._lifecycle_state_names.get(state, state)

    @api.model
    def _lifecycle_sequence_date(self, vals):
        return None

    def _lifecycle_check_nothing_missing(self, missing, refusal):
        """Refuse a move while what it needs is missing: ``refusal`` says
        which move of which record, the missing items follow, one a line."""
        if missing:
            raise UserError(
                self.env._(
                    "%(refusal)s Missing:\n- %(missing)s",
                    refusal=refusal,
                    missing="\n- ".join(missing),
                )
            )

    def _lifecycle_check_write(self, vals):
        """Business refusals of a write, after access and the guards."""

    def _lifecycle_keeps(self):
        """Whether this record is part of the record and never deleted."""
        self.ensure_one()
        state_field = self._lifecycle_state_field
        return (
            bool(state_field)
            and self[state_field] in self._lifecycle_undeletable_states
        )

    def _lifecycle_keep_message(self):
        self.ensure_one()
        return self.env._(
            "%(name)s is kept as a record: it cannot be deleted.",
            name=self.display_name,
        )

    def _lifecycle_locks_lines(self):
        self.ensure_one()
        return False

    def _lifecycle_locked_lines_message(self):
        self.ensure_one()
        return self.env._("%(name)s can no longer change.", name=self.display_name)

    def _lifecycle_state_label(self, state=None):
        self.ensure_one()
        return selection_label(self, self._lifecycle_state_field, state)

    def _lifecycle_state_message(self, target, what=None):
        self.ensure_one()
        if what:
            return self.env._(
                "Cannot %(what)s: %(name)s is in the “%(state)s” stage.",
                what=what,
                name=self.display_name,
                state=self._lifecycle_state_label(),
            )
        return self.env._(
            "Cannot set %(name)s to %(target)s: it is %(state)s.",
            name=self.display_name,
            target=self._lifecycle_state_label(target),
            state=self._lifecycle_state_label(),
        )

    def _lifecycle_group_message(self, target, what=None):
        return self.env._(
            "Only an NPM manager may %(what)s.",
            what=what or self.env._("make this change"),
        )

    def _lifecycle_by_action_message(self, field_names):
        return self.env._(
            "%(fields)s of a %(model)s changes only through its buttons (submit, "
            "approve, sign, …): they check who may make the change and record "
            "who did it and when.",
            fields=self._lifecycle_field_labels(field_names, quoted=True),
            model=self._description,
        )

    def _lifecycle_app_only_message(self, field_names):
        return self.env._(
            "%(fields)s of a %(model)s is set by the application; it cannot be "
            "set by hand.",
            fields=self._lifecycle_field_labels(field_names, quoted=True),
            model=self._description,
        )

    def _lifecycle_stamp_message(self, field_names):
        return self.env._(
            "%(fields)s of a %(model)s is recorded by its buttons; it cannot be "
            "set by hand.",
            fields=self._lifecycle_field_labels(field_names, quoted=True),
            model=self._description,
        )

    def _lifecycle_append_only_message(self, operation):
        return self.env._(
            "%(model)s is append-only: its lines are written by the application "
            "and cannot be created, changed or deleted by hand.",
            model=self._description,
        )
