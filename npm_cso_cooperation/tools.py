# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Small helpers shared by the addon's models."""

from datetime import datetime

import pytz

from odoo import SUPERUSER_ID
from odoo.exceptions import ValidationError

from .groups import GROUP_MANAGER


def records_action(env, action_xmlid, domain, context=None):
    """The window action ``action_xmlid`` narrowed to ``domain``.

    Smart buttons open a register on the records of one document (the visits
    of a place, the agreements of a partnership, …): same action, own domain
    and defaults.
    """
    action = env["ir.actions.act_window"]._for_xml_id(action_xmlid)
    action["domain"] = domain
    action["context"] = context or {}
    return action


def selection_label(record, field_name, value=None):
    """The label, in the user's language, of a value of a selection field of
    ``record`` (the record's own value by default)."""
    field = record._fields[field_name]
    labels = dict(field._description_selection(record.env))
    return labels[value or record[field_name]]


def check_date_order(records, message, start="date_start", end="date_end"):
    """Refuse any of ``records`` whose ``end`` field is before its ``start``
    field (both set): raise a ValidationError with ``message(record)``, the
    record's own words for it (its name, its dates as its form shows them).

    One rule for every period: agreements, partnerships, visits, the export
    wizard's date range. Either date may be empty (an open-ended period).
    """
    for record in records:
        if record[start] and record[end] and record[end] < record[start]:
            raise ValidationError(message(record))


def npm_today(env, company=None):
    """The NPM's date today, for everything that gives access or legal weight
    (coverage by an undertaking, recipients of a release, expiry crons).

    It is the date in the time zone of the company (its partner's ``tz``;
    ``company`` defaults to the current company), else the server's UTC
    date; never the time zone of the user or of the request context, which
    the caller chooses: ``{'tz': 'Etc/GMT+12'}`` would otherwise keep an
    undertaking that ended yesterday valid for another half day.
    """
    company = company or env.company
    tz_name = company._npm_tz_name()
    try:
        tz = pytz.timezone(tz_name)
    except pytz.UnknownTimeZoneError:
        tz = pytz.utc
    return datetime.now(pytz.utc).astimezone(tz).date()


def npm_managers(company):
    """The NPM managers of ``company``: active internal users holding the
    manager role who work in that company.

    Every escalation and notification addressed to "the managers" (approval
    of an agreement, an urgent action still open, ...) goes to these only,
    never to the managers of another company of the database.
    """
    env = company.env
    # sudo: who holds the manager role is read to address activities; the
    # users are returned in the caller's environment
    group = env.ref(GROUP_MANAGER).sudo()
    managers = group.users.filtered(
        lambda user: (
            user.active
            and not user.share
            and user.id != SUPERUSER_ID
            and company in user.company_ids
        )
    )
    return managers.with_env(env)


def days_setting(env, key, default):
    """A number of days kept in the system parameter ``key`` (the settings
    screen refuses less than one): ``default`` when it is unset, unreadable
    or below one."""
    # sudo: reading one setting; ir.config_parameter is for admins only.
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return default
    return days if days > 0 else default
