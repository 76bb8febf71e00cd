# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""The rows an export holds: a register's own domain narrowed by the filters
the exporting user chose (CSO, date range, state).

A date range is made of whole days, both ends included. On a datetime field
those are the days of the exporting user's time zone (the one the file's
dates are written in, see ``reader.user_tz``), compared in UTC.
"""

import datetime

import pytz

from odoo import fields

from .reader import path_field, user_tz


def utc_midnight(env, day):
    """The start of ``day`` in the user's time zone, as a UTC datetime
    string (the form datetime columns are searched with)."""
    local = user_tz(env).localize(datetime.datetime.combine(day, datetime.time.min))
    return fields.Datetime.to_string(local.astimezone(pytz.utc))


def date_domain(env, register, date_from=None, date_to=None):
    """Rows of ``register`` whose date field falls in the range, both ends
    included; either end may be left open."""
    name = register.date_field
    field = path_field(env, register.model, name)
    domain = []
    if field.type == "datetime":
        # whole days in the user's time zone, compared in UTC
        if date_from:
            domain.append((name, ">=", utc_midnight(env, date_from)))
        if date_to:
            next_day = date_to + datetime.timedelta(days=1)
            domain.append((name, "<", utc_midnight(env, next_day)))
        return domain
    if date_from:
        domain.append((name, ">=", date_from))
    if date_to:
        domain.append((name, "<=", date_to))
    return domain


def export_domain(
    env, register, partner=None, date_from=None, date_to=None, state=None
):
    """The register's own domain plus the filters it has: its CSO is
    ``partner``, its date is in the range, its state is ``state`` (a state
    of the register: the caller checks it)."""
    domain = list(register.domain)
    if partner and register.cso_field:
        domain.append((register.cso_field, "=", partner.id))
    if register.date_field and (date_from or date_to):
        domain += date_domain(env, register, date_from, date_to)
    if state and register.state_field:
        domain.append((register.state_field, "=", state))
    return domain
