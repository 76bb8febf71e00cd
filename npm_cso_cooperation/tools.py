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
