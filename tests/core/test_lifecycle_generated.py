"""The life cycle, tested from its declarations (issue 13).

Every model inheriting ``npm.lifecycle.mixin`` declares, in class attributes,
the fields no one writes by hand and the moves its records make
(models/lifecycle_mixin.py). This module reads those declarations from the
registry of the test database when it is imported (pytest-odoo parsed
``--odoo-database`` before collecting) and generates one test per cell, so
that a new model, field, stamp or transition gets its tests without anyone
writing them:

``test_hand__<model>__<field>__<role>``
    a field no one writes by hand (the stored app-only fields, the stamps but
    those a user may give, the action fields and, for a model moved by its
    actions, the state), written directly on an existing record by each role:
    refused, and the value is unchanged. The role ``forged_marker`` is a
    manager whose client sends the app's context keys.
``test_move__<model>__to_<target>__from_<state>[__forged_marker]``
    a move from a state that is not one of the target's sources, by a
    manager (``_lifecycle_move`` for a model moved by its actions, a write of
    the state otherwise): refused by the state check, the state unchanged.
``test_group__<model>__to_<target>__from_<source>``
    a move reserved to a group, by an officer, from an allowed source:
    AccessError.
``test_append_only__<model>__<operation>__<role>``
    nobody, the superuser included, changes, deletes or copies a line of an
    append-only model, and no user creates one.
``test_declaration__<model>``
    the declaration names real states, fields, groups and sequences (a typo
    there would silently switch a guard off).

The records are built once per class, as the superuser, with the real
action methods (``LifecycleWorld``); a model without a builder fails its cells
by name instead of being skipped.
"""

import base64
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError
from odoo.modules.registry import Registry
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from odoo.addons.npm_cso_cooperation.models.lifecycle_mixin import (
    STAMP_TODAY_IF_EMPTY,
)

from tests.common import NpmCase
from tests.core.visit_common import SIGNED_COPY, NpmVisitCase

MIXIN = "npm.lifecycle.mixin"
ADDON = "npm_cso_cooperation"
# The models of issue 13: the generation must find at least these (an import
# that found nothing would generate no cell, and pass).
KNOWN_MODELS = {
    "npm.cso.partnership",
    "npm.cso.partnership.safeguard",
    "npm.cso.agreement",
    "npm.confidentiality.undertaking",
    "npm.joint.visit",
    "npm.joint.visit.member",
    "npm.visit.finding",
    "npm.visit.document",
    "npm.info.use.request",
    "npm.information.release",
    "npm.cso.export.log",
    "npm.detention.place",
    "npm.reprisal.allegation",
    "npm.recommendation",
    "npm.recommendation.followup",
    "npm.access.log",
    "npm.retention.run",
    "npm.retention.run.line",
    "npm.retention.log",
    "npm.data.protection.notice",
    "npm.data.protection.acknowledgment",
}
HAND_ROLES = ("officer", "cleared", "manager", "portal", "employee", "forged_marker")
APPEND_ONLY_ROLES = ("officer", "cleared", "manager", "portal", "employee")
# What a client may put in the context it sends: the keys of the app's marker
# with any JSON value (the marker is a Python object, compared by identity).
FORGED_CONTEXT = {"npm_app_write": True, "npm_lifecycle_move": "checked"}
PARTNERSHIP_TERMS = {
    "expectations": "<p>Legal expertise on request.</p>",
    "possibilities": "<p>Two joint visits a year.</p>",
    "limits": "<p>No access to case files.</p>",
}
AGREEMENT_TEXTS = {
    "objectives": "<p>Joint monitoring of police custody.</p>",
    "modalities": "<p>The NPM plans every visit alone.</p>",
    "terms": "<p>Clause 1. The NPM decides alone.</p>",
}


# ---------------------------------------------------------------------------
# The declarations, read at import
# ---------------------------------------------------------------------------
def _state_values(Model):
    field = Model._fields[Model._lifecycle_state_field]
    if field.type == "boolean":
        return (False, True)
    return tuple(field.get_values(Model.env))


def _hand_fields(Model):
    """Every field no one writes by hand, per the declaration."""
    names = {
        name for name in Model._npm_app_only_field_names() if Model._fields[name].store
    }
    names.update(
        name
        for by_field in Model._lifecycle_stamps.values()
        for name, how in by_field.items()
        if how != STAMP_TODAY_IF_EMPTY
    )
    names.update(Model._lifecycle_action_fields)
    if Model._lifecycle_by_action and Model._lifecycle_state_field:
        names.add(Model._lifecycle_state_field)
    return tuple(sorted(names))


def _read_declarations():
    db_name = get_db_name()
    if not db_name:
        raise RuntimeError(
            "test_lifecycle_generated reads the declarations from the test "
            "database: run pytest with --odoo-database"
        )
    registry = Registry(db_name)
    declarations = {}
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        for name in sorted(registry.descendants([MIXIN], "_inherit")):
            Model = env[name]
            if Model._abstract:
                continue
            state_field = Model._lifecycle_state_field
            declarations[name] = {
                "state_field": state_field,
                "states": _state_values(Model) if state_field else (),
                "by_action": Model._lifecycle_by_action,
                "transitions": {
                    target: tuple(sources)
                    for target, sources in Model._lifecycle_transitions.items()
                },
                "groups": dict(Model._lifecycle_groups),
                "hand_fields": _hand_fields(Model),
                "append_only": Model._lifecycle_append_only,
                "slugs": {
                    state: str(Model._lifecycle_hook_name(state))
                    for state in (_state_values(Model) if state_field else ())
                },
            }
        cr.rollback()
    return declarations


DECLARATIONS = _read_declarations()


def _slug(model):
    return model.replace(".", "_")


def _add(test_class, name, doc, method, *args):
    assert not hasattr(test_class, name), name

    def test(self):
        getattr(self, method)(*args)

    test.__name__ = name
    test.__doc__ = doc
    setattr(test_class, name, test)


# ---------------------------------------------------------------------------
# The world: one record of every model in every state
# ---------------------------------------------------------------------------
class LifecycleWorld(NpmVisitCase):
    """NpmVisitCase plus ``cls.records[model, state]`` (``state`` is None for
    a model without one), each built as the superuser with the actions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other NPM"})
        cls.other_place = cls.env["npm.detention.place"].create(
            {"name": "Other Prison", "place_type": "prison"}
        )
        # The portal expert is covered for every visit of their CSO: the
        # expert has all the rights a CSO member may have.
        cls._undertaking(cls.cso_expert, signed=-60)
        cls.records = {}
        cls._build_partnerships()
        cls._build_agreements()
        cls._build_undertakings()
        cls._build_visits()
        cls._build_material()
        cls._build_requests()
        cls._build_allegations()
        cls._build_registers()
        cls._build_recommendations()
        cls._build_notices()
        cls._build_data_protection()
        cls.records["npm.detention.place", None] = cls.place
        cls.users = {
            "officer": cls.officer,
            "cleared": cls.cleared,
            "manager": cls.manager,
            "portal": cls.portal_expert,
            "employee": cls.employee,
        }
        cls.env.invalidate_all()

    # Builders -----------------------------------------------------------------

    @classmethod
    def _partnership(cls, label):
        return cls.env["npm.cso.partnership"].create(
            {
                "name": f"Lifecycle {label}",
                "partner_id": cls.cso.id,
                **PARTNERSHIP_TERMS,
                "safeguard_line_ids": [
                    fields.Command.create({"name": f"{label}: no instructions"}),
                    fields.Command.create({"name": f"{label}: own conclusions"}),
                ],
            }
        )

    @classmethod
    def _build_partnerships(cls):
        model = "npm.cso.partnership"
        draft = cls._partnership("draft")
        negotiation = cls._partnership("negotiation")
        negotiation.action_start_negotiation()
        agreed, active = cls._partnership("agreed"), cls._partnership("active")
        for partnership in agreed | active:
            partnership.action_start_negotiation()
            partnership.action_confirm_safeguards()
            partnership.action_agree()
        active.action_activate()
        closed = cls._partnership("closed")
        closed.action_close()
        for state, record in (
            ("draft", draft),
            ("negotiation", negotiation),
            ("agreed", agreed),
            ("active", active),
            ("closed", closed),
        ):
            cls.records[model, state] = record
        # Safeguards of a draft partnership (which locks none of its lines).
        confirmed, unconfirmed = draft.safeguard_line_ids
        confirmed.action_confirm()
        cls.records["npm.cso.partnership.safeguard", True] = confirmed
        cls.records["npm.cso.partnership.safeguard", False] = unconfirmed
        cls.agreement_partnership = agreed

    @classmethod
    def _agreement(cls, label):
        return cls.env["npm.cso.agreement"].create(
            {
                "name": f"Lifecycle MoU {label}",
                "agreement_type": "mou",
                "partnership_id": cls.agreement_partnership.id,
                "date_start": cls.today,
                "date_end": cls._days(365),
                **AGREEMENT_TEXTS,
                "signed_copy": SIGNED_COPY,
                "signed_copy_name": "mou.pdf",
            }
        )

    @classmethod
    def _build_agreements(cls):
        model = "npm.cso.agreement"
        built = {
            state: cls._agreement(state) for state in DECLARATIONS[model]["states"]
        }
        for state, agreement in built.items():
            if state != "draft":
                agreement.action_submit()
            if state == "rejected":
                agreement.action_reject(reason="Not in these terms")
            elif state not in ("draft", "to_approve"):
                agreement.action_approve()
            if state in ("signed", "terminated", "expired"):
                agreement.action_sign()
            if state == "terminated":
                agreement.action_terminate()
            elif state == "expired":
                agreement._expire()
            cls.records[model, state] = agreement

    @classmethod
    def _build_undertakings(cls):
        model = "npm.confidentiality.undertaking"
        partner = cls.cso_colleague
        cls.records[model, "draft"] = cls._undertaking(partner, sign=False)
        cls.records[model, "signed"] = cls._undertaking(partner)
        revoked = cls._undertaking(partner)
        revoked.action_revoke(reason="Lifecycle")
        cls.records[model, "revoked"] = revoked
        # The cron's way: a lapsed undertaking's state is written.
        expired = cls._undertaking(partner, signed=-30, expiry=-1)
        expired.state = "expired"
        cls.records[model, "expired"] = expired

    @classmethod
    def _build_visits(cls):
        model = "npm.joint.visit"
        draft = cls._visit(start=10)
        terms_agreed = cls._visit(start=12)
        terms_agreed.action_agree_terms()
        cancelled = cls._visit(start=14)
        cancelled.action_cancel()
        cls.confirmed_visit = cls._confirmed_visit(start=-5)
        done, reported, closed = (cls._confirmed_visit(start=-8) for _ in range(3))
        (done | reported | closed).action_done()
        (reported | closed).action_report()
        closed.action_close()
        for state, record in (
            ("draft", draft),
            ("terms_agreed", terms_agreed),
            ("confirmed", cls.confirmed_visit),
            ("done", done),
            ("reported", reported),
            ("closed", closed),
            ("cancelled", cancelled),
        ):
            cls.records[model, state] = record
        cls.records["npm.joint.visit.member", None] = draft.member_ids.filtered(
            lambda m: m.side == "cso"
        )[:1]

    @classmethod
    def _build_material(cls):
        for model, make in (
            ("npm.visit.finding", cls._finding),
            ("npm.visit.document", cls._document),
        ):
            for shared in (False, True):
                cls.records[model, shared] = make(cls.confirmed_visit, shared=shared)
        # issue 15: a person met, with a consent recorded (its stamps)
        cls.records["npm.visit.person", None] = cls.env["npm.visit.person"].create(
            {"visit_id": cls.confirmed_visit.id, "consent_cso": True}
        )

    @classmethod
    def _build_requests(cls):
        model = "npm.info.use.request"
        Requests = cls.env[model].with_user(cls.portal_expert)
        for state in ("submitted", "approved", "rejected"):
            request = cls.env[model].browse(
                Requests.create(
                    {
                        "visit_id": cls.confirmed_visit.id,
                        "purpose": "report",
                        "description": f"Lifecycle request ({state})",
                    }
                ).id
            )
            if state == "approved":
                request.action_approve()
            elif state == "rejected":
                request.action_reject()
            cls.records[model, state] = request

    @classmethod
    def _build_allegations(cls):
        model = "npm.reprisal.allegation"
        for state in ("reported", "in_progress", "closed"):
            allegation = cls.env[model].create(
                {
                    "visit_id": cls.confirmed_visit.id,
                    "partner_id": cls.cso_expert.id,
                    "description": f"Lifecycle allegation ({state})",
                    "measures_taken": "Lifecycle measures",
                }
            )
            if state in ("in_progress", "closed"):
                allegation.action_start()
            if state == "closed":
                allegation.action_close()
            cls.records[model, state] = allegation

    @classmethod
    def _build_registers(cls):
        finding = cls.records["npm.visit.finding", True]
        cls.records["npm.information.release", None] = cls.env[
            "npm.information.release"
        ].search(
            [("res_model", "=", finding._name), ("res_id", "=", finding.id)], limit=1
        )
        cls.records["npm.cso.export.log", None] = cls.env["npm.cso.export.log"].create(
            {
                "user_id": cls.manager.id,
                "company_id": cls.env.company.id,
                "report_type": "partners",
                "row_count": 3,
                "filename": "csos.xlsx",
                "filters": "none",
            }
        )

    @classmethod
    def _build_recommendations(cls):
        # issue 16: a recommendation in each state, and a follow-up in each
        # state of the issued one
        model = "npm.recommendation"
        for state in ("draft", "issued", "closed"):
            recommendation = cls.env[model].create(
                {
                    "place_id": cls.place.id,
                    "text": f"Lifecycle recommendation ({state})",
                    "date_issued": cls._days(-30),
                }
            )
            if state != "draft":
                recommendation.action_issue()
            if state == "closed":
                recommendation.action_close()
            cls.records[model, state] = recommendation
        Followup = cls.env["npm.recommendation.followup"]
        for state in ("submitted", "validated", "dismissed"):
            followup = Followup.create(
                {
                    "recommendation_id": cls.records[model, "issued"].id,
                    "observation": f"Lifecycle follow-up ({state})",
                    "assessed_status": "in_progress",
                }
            )
            if state == "validated":
                followup.action_validate()
            elif state == "dismissed":
                followup.action_dismiss(reason="Lifecycle")
            cls.records[Followup._name, state] = followup

    @classmethod
    def _build_data_protection(cls):
        finding = cls.records["npm.visit.finding", True]
        cls.records["npm.access.log", None] = cls.env["npm.access.log"].create(
            {
                "user_id": cls.cleared.id,
                "company_id": cls.env.company.id,
                "res_model": finding._name,
                "res_id": finding.id,
                "res_ids": str(finding.id),
                "action": "read",
            }
        )
        rule = cls.env.ref("npm_cso_cooperation.retention_rule_finding")
        cls.records["npm.retention.log", None] = cls.env["npm.retention.log"].create(
            {
                "company_id": cls.env.company.id,
                "res_model": finding._name,
                "res_id": finding.id,
                "record_name": "Lifecycle finding",
                "rule_id": rule.id,
                "action": "anonymise",
            }
        )
        Run = cls.env["npm.retention.run"]
        Line = cls.env["npm.retention.run.line"]
        for state in ("draft", "approved", "applied", "cancelled"):
            run = Run.create({})
            line = Line._lifecycle_create(
                [Line._prepare_values(run, rule, finding.with_env(cls.env))]
            )
            if state == "draft":
                cls.records["npm.retention.run.line", None] = line
            if state in ("approved", "applied"):
                run.action_approve()
            if state == "applied":
                run.action_apply_now()
            if state == "cancelled":
                run.action_cancel()
            cls.records["npm.retention.run", state] = run

    @classmethod
    def _build_notices(cls):
        """The notice in each state (the current one superseded by a new
        version, which the CSOs and experts acknowledge again), and an
        acknowledgment."""
        Notice = cls.env["npm.data.protection.notice"]
        superseded = Notice._current(cls.env.company)
        if not superseded:
            superseded = Notice.create({"name": "Notice", "body": "<p>v1</p>"})
            superseded.action_publish()
        published = Notice.create({"name": "Notice", "body": "<p>New version</p>"})
        published.action_publish()
        for state, notice in (
            ("draft", Notice.create({"name": "Notice", "body": "<p>Draft</p>"})),
            ("published", published),
            ("superseded", superseded),
        ):
            cls.records["npm.data.protection.notice", state] = notice
        acknowledgments = cls._acknowledge(
            cls.cso
            | cls.cso_expert
            | cls.cso_colleague
            | cls.other_cso
            | cls.other_expert
        )
        cls.records["npm.data.protection.acknowledgment", None] = acknowledgments[:1]

    # Helpers --------------------------------------------------------------------

    def _record(self, model, state):
        record = self.records.get((model, state))
        self.assertTrue(
            record,
            f"no {model} in state {state!r} in the world: add it to a builder of "
            "LifecycleWorld",
        )
        return record

    def _hand_record(self, model):
        Model = self.env[model]
        state = (
            Model._lifecycle_create_states[0] if Model._lifecycle_state_field else None
        )
        return self._record(model, state)

    def _value(self, record, fname):
        self.env.invalidate_all()
        return record.sudo()[fname]

    def _forged_value(self, record, fname):
        """A value of the field's type that differs from the record's, and that
        the field would accept."""
        field = record._fields[fname]
        current = record.sudo()[fname]
        if field.type == "boolean":
            return not current
        if field.type == "date":
            return (current or fields.Date.today()) + timedelta(days=400)
        if field.type == "datetime":
            now = fields.Datetime.now().replace(microsecond=0)
            return (current or now) + timedelta(days=400)
        if field.type in ("integer", "float", "monetary", "many2one_reference"):
            return (current or 0) + 7
        if field.type == "many2one":
            other = (
                self.env[field.comodel_name]
                .sudo()
                .search([("id", "not in", current.ids)], limit=1, order="id desc")
            )
            self.assertTrue(other, field)
            return other.id
        if field.type == "selection":
            values = [value for value, _label in field._description_selection(self.env)]
            if fname == record._lifecycle_state_field:
                # a move the actions would make: only the guard refuses it
                values = [
                    target
                    for target, sources in record._lifecycle_transitions.items()
                    if current in sources
                ] + values
            return next(value for value in values if value != current)
        if field.type in ("binary", "image"):
            return base64.b64encode(b"forged")
        if field.type in ("char", "text", "html"):
            return f"Forged {fname}"
        raise AssertionError(f"no forged value for a {field.type} field ({field})")

    def _as(self, role, record):
        if role == "superuser":
            return record
        if role == "forged_marker":
            return record.with_user(self.manager).with_context(**FORGED_CONTEXT)
        return record.with_user(self.users[role])

    def _refused(self, call, exception=UserError):
        with (
            self.assertRaises(exception) as caught,
            mute_logger("odoo.models", "odoo.addons.base.models.ir_rule"),
            self.env.cr.savepoint(),
        ):
            call()
        self.env.invalidate_all()
        return caught.exception


# ---------------------------------------------------------------------------
# 1. Fields no one writes by hand
# ---------------------------------------------------------------------------
class TestLifecycleHandWrites(LifecycleWorld):
    def _check_hand_write(self, model, fname, role):
        record = self._hand_record(model)
        before = self._value(record, fname)
        value = self._forged_value(record, fname)
        target = self._as(role, record)
        may_write = target.has_access("write")
        error = self._refused(lambda: target.write({fname: value}))
        if may_write:
            # The refusal is the guard's, naming the field.
            self.assertNotIsInstance(error, AccessError, str(error))
            names = {fname}
            self.assertIn(
                str(error),
                {
                    target._lifecycle_app_only_message(names),
                    target._lifecycle_by_action_message(names),
                    target._lifecycle_stamp_message(names),
                    target._frozen_error_message(names),
                },
            )
        else:
            self.assertIsInstance(error, AccessError)
        self.assertEqual(self._value(record, fname), before)

    def test_a_new_line_carries_no_stamp(self):
        # Found by probing: stamps given on create recorded a confirmation
        # that no manager made.
        partnership = self._partnership("stamped on create")
        Lines = self.env["npm.cso.partnership.safeguard"].with_user(self.officer)
        with self.assertRaisesRegex(UserError, "cannot be set by hand"):
            Lines.create(
                {
                    "partnership_id": partnership.id,
                    "name": "Forged confirmation",
                    "confirmed_by_id": self.manager.id,
                    "confirmed_on": "2020-01-01 00:00:00",
                }
            )
        self.assertFalse(
            partnership.safeguard_line_ids.filtered(
                lambda line: line.name == "Forged confirmation"
            )
        )

    def test_the_roles_that_may_write_are_tried(self):
        # The control of the cells: the NPM's roles may write the records
        # (so their refusals are the guards'), the others may not.
        for model in DECLARATIONS:
            if not DECLARATIONS[model]["hand_fields"]:
                continue
            record = self._hand_record(model)
            with self.subTest(model=model):
                self.assertTrue(self._as("manager", record).has_access("write"))
                self.assertFalse(self._as("employee", record).has_access("write"))
                self.assertFalse(self._as("portal", record).has_access("write"))
                # the portal expert reads what their CSO is given
                if model in ("npm.visit.finding", "npm.info.use.request"):
                    self.assertTrue(self._as("portal", record).has_access("read"))


for _model, _decl in DECLARATIONS.items():
    for _fname in _decl["hand_fields"]:
        for _role in HAND_ROLES:
            _add(
                TestLifecycleHandWrites,
                f"test_hand__{_slug(_model)}__{_fname}__{_role}",
                f"{_role} writes {_model}.{_fname} by hand: refused",
                "_check_hand_write",
                _model,
                _fname,
                _role,
            )


# ---------------------------------------------------------------------------
# 2. Transitions
# ---------------------------------------------------------------------------
class TestLifecycleTransitions(LifecycleWorld):
    def _move(self, record, target):
        decl = DECLARATIONS[record._name]
        if decl["by_action"]:
            return record._lifecycle_move(target)
        return record.write({decl["state_field"]: target})

    def _check_move_refused(self, model, target, state, forged):
        record = self._record(model, state)
        state_field = DECLARATIONS[model]["state_field"]
        manager = self._as("forged_marker" if forged else "manager", record)
        error = self._refused(lambda: self._move(manager, target))
        self.assertNotIsInstance(error, AccessError, str(error))
        # The state check refuses, not a business rule of the move.
        self.assertEqual(
            str(error), record.with_user(self.manager)._lifecycle_state_message(target)
        )
        self.assertEqual(self._value(record, state_field), state)

    def _check_group_refused(self, model, target, source):
        record = self._record(model, source)
        decl = DECLARATIONS[model]
        group = decl["groups"][target]
        self.assertFalse(self.officer.has_group(group))
        officer = self._as("officer", record)
        may_write = officer.has_access("write")
        error = self._refused(lambda: self._move(officer, target), AccessError)
        if may_write:
            self.assertEqual(str(error), officer._lifecycle_group_message(target))
        # The group check itself, whatever the access rights of the officer.
        error = self._refused(
            lambda: officer._lifecycle_check_move(target, {}), AccessError
        )
        self.assertEqual(str(error), officer._lifecycle_group_message(target))
        self.assertEqual(self._value(record, decl["state_field"]), source)
        # The control: a manager holds the group and passes its check.
        self.assertTrue(self.manager.has_group(group))
        record.with_user(self.manager)._lifecycle_check_group(target)

    def test_the_world_has_every_state(self):
        for model, decl in DECLARATIONS.items():
            for state in decl["states"] or (None,):
                with self.subTest(model=model, state=state):
                    record = self._record(model, state)
                    if state is not None:
                        self.assertEqual(record[decl["state_field"]], state)


for _model, _decl in DECLARATIONS.items():
    _slugs = _decl["slugs"]
    for _target, _sources in _decl["transitions"].items():
        for _state in _decl["states"]:
            if _state in _sources:
                continue
            # A write of the state a record is in moves nothing (the
            # actions, which check every record, are tried from there).
            if _state == _target and not _decl["by_action"]:
                continue
            _name = (
                f"test_move__{_slug(_model)}__to_{_slugs[_target]}"
                f"__from_{_slugs[_state]}"
            )
            _add(
                TestLifecycleTransitions,
                _name,
                f"{_model}: {_state!r} -> {_target!r} by a manager: refused",
                "_check_move_refused",
                _model,
                _target,
                _state,
                False,
            )
            if not _decl["by_action"]:
                _add(
                    TestLifecycleTransitions,
                    f"{_name}__forged_marker",
                    f"{_model}: {_state!r} -> {_target!r} with a forged marker",
                    "_check_move_refused",
                    _model,
                    _target,
                    _state,
                    True,
                )
        if _target in _decl["groups"]:
            for _source in _sources:
                _add(
                    TestLifecycleTransitions,
                    f"test_group__{_slug(_model)}__to_{_slugs[_target]}"
                    f"__from_{_slugs[_source]}",
                    f"{_model}: {_source!r} -> {_target!r} by an officer: refused",
                    "_check_group_refused",
                    _model,
                    _target,
                    _source,
                )


# ---------------------------------------------------------------------------
# 2 (c). Append-only models
# ---------------------------------------------------------------------------
class TestLifecycleAppendOnly(LifecycleWorld):
    def _text_field(self, record):
        return next(
            name
            for name, field in sorted(record._fields.items())
            if field.store
            and not field.compute
            and not field.automatic
            and field.type in ("char", "text")
        )

    def _check_append_only(self, model, operation, role):
        record = self._record(model, None)
        Model = self.env[model].sudo()
        count = Model.search_count([])
        fname = self._text_field(record)
        before = self._value(record, fname)
        target = self._as(role, record)
        calls = {
            "create": lambda: target.browse().create(record.sudo().copy_data()[0]),
            "write": lambda: target.write({fname: self._forged_value(record, fname)}),
            "unlink": lambda: target.unlink(),
            "copy": lambda: target.copy(),
        }
        may = operation == "copy" or target.has_access(operation)
        error = self._refused(calls[operation])
        # Refused as access is: an AccessError, with the register's own
        # message where the role's rights would have let the call through.
        self.assertIsInstance(error, AccessError)
        if may and operation != "create":
            self.assertEqual(
                str(error), record._lifecycle_append_only_message(operation)
            )
        self.assertTrue(record.exists())
        self.assertEqual(Model.search_count([]), count)
        self.assertEqual(self._value(record, fname), before)


for _model, _decl in DECLARATIONS.items():
    if not _decl["append_only"]:
        continue
    for _operation in ("create", "write", "unlink", "copy"):
        for _role in (*APPEND_ONLY_ROLES, "superuser"):
            if _role == "superuser" and _operation == "create":
                continue  # the application's own way (_register_release)
            _add(
                TestLifecycleAppendOnly,
                f"test_append_only__{_slug(_model)}__{_operation}__{_role}",
                f"{_role} cannot {_operation} a line of {_model}",
                "_check_append_only",
                _model,
                _operation,
                _role,
            )


# ---------------------------------------------------------------------------
# 3. Completeness and sound declarations
# ---------------------------------------------------------------------------
class TestLifecycleDeclarations(NpmCase):
    def test_the_generation_found_the_lifecycle_models(self):
        found = {
            name
            for name in self.env.registry.descendants([MIXIN], "_inherit")
            if not self.env[name]._abstract
        }
        self.assertEqual(set(DECLARATIONS), found)
        self.assertLessEqual(KNOWN_MODELS, found)

    def test_every_model_with_a_state_has_the_lifecycle(self):
        """A new model of the addon with a state cannot skip the mixin. Wizards
        (transient) hold no record with legal weight and are left out."""
        lifecycle_models = self.env.registry.descendants([MIXIN], "_inherit")
        checked = set()
        for name in self.env.registry:
            Model = self.env[name]
            field = Model._fields.get("state")
            if (
                Model._abstract
                or Model._transient
                or not (Model._original_module or "").startswith(ADDON)
                or not field
                or field.type != "selection"
            ):
                continue
            checked.add(name)
            with self.subTest(model=name):
                self.assertIn(name, lifecycle_models, name)
                self.assertEqual(Model._lifecycle_state_field, "state", name)
                states = set(_state_values(Model))
                reachable = set(Model._lifecycle_create_states) | set(
                    Model._lifecycle_transitions
                )
                # every state is created or reached by a declared move
                self.assertEqual(states - reachable, set(), name)
        self.assertIn("npm.joint.visit", checked)

    def _check_declaration(self, model):
        Model = self.env[model]
        names = set(Model._fields)
        state_field = Model._lifecycle_state_field
        states = set(_state_values(Model)) if state_field else set()
        if state_field:
            self.assertIn(Model._fields[state_field].type, ("selection", "boolean"))
        else:
            self.assertFalse(Model._lifecycle_by_action or Model._lifecycle_transitions)
        for target, sources in Model._lifecycle_transitions.items():
            self.assertIn(target, states, "transition target")
            self.assertLessEqual(set(sources), states, f"sources of {target}")
        self.assertLessEqual(set(Model._lifecycle_create_states), states)
        self.assertLessEqual(set(Model._lifecycle_undeletable_states), states)
        for target, group in Model._lifecycle_groups.items():
            self.assertIn(target, Model._lifecycle_transitions, "group of no move")
            self.assertTrue(self.env.ref(group, raise_if_not_found=False), group)
        for target, by_field in Model._lifecycle_stamps.items():
            self.assertIn(target, Model._lifecycle_transitions, "stamp of no move")
            self.assertLessEqual(set(by_field), names, f"stamps of {target}")
        for target, move_fields in Model._lifecycle_move_fields.items():
            self.assertIn(target, Model._lifecycle_transitions, "move field")
            self.assertLessEqual(set(move_fields), names)
        self.assertLessEqual(set(Model._lifecycle_action_fields), names)
        if Model._lifecycle_action_fields:
            self.assertTrue(Model._lifecycle_by_action, "action fields need actions")
        self.assertLessEqual(set(Model._lifecycle_app_only_fields), names)
        for frozen, when in Model._lifecycle_frozen:
            self.assertLessEqual(set(frozen), names, "frozen fields")
            if isinstance(when, str):
                self.assertTrue(callable(getattr(Model, when, None)), when)
            elif when is not None:
                self.assertLessEqual(set(when), states, "frozen states")
        parent = Model._lifecycle_parent_field
        if parent:
            self.assertEqual(Model._fields[parent].type, "many2one")
        for fname, code in Model._lifecycle_sequences.items():
            self.assertIn(fname, names)
            self.assertTrue(
                self.env["ir.sequence"].search_count([("code", "=", code)]), code
            )


for _model in DECLARATIONS:
    _add(
        TestLifecycleDeclarations,
        f"test_declaration__{_slug(_model)}",
        f"the life cycle of {_model} names real states, fields and groups",
        "_check_declaration",
        _model,
    )
