# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""XML ids of the addon's roles (``security/npm_cso_cooperation_groups.xml``),
for ``has_group()``, ``env.ref()`` and the ``groups=`` of fields. Each role
implies the one before it."""

#: NPM officer: CSOs, agreements, joint visits; internal and confidential
#: material.
GROUP_OFFICER = "npm_cso_cooperation.group_npm_user"
#: Cleared officer: also strictly confidential material.
GROUP_CONFIDENTIAL = "npm_cso_cooperation.group_npm_confidential"
#: NPM manager: approves agreements, administers the app.
GROUP_MANAGER = "npm_cso_cooperation.group_npm_manager"
