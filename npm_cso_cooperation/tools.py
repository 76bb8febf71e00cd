# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Small helpers shared by the addon's models."""


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
