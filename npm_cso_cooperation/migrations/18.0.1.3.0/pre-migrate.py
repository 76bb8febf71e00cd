# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""18.0.1.3.0: many2one fields end in ``_id``.

``npm.joint.visit.terms_agreed_by`` becomes ``terms_agreed_by_id``. The column
and the field's metadata are renamed before the registry loads the new
definition, so that who agreed the terms of each visit, and the chatter's
tracking values of that field (they point to the field's id), are kept.
"""

from odoo.tools.sql import column_exists, constraint_definition, rename_column

RENAMED_FIELDS = [
    # (model, table, old name, new name)
    ("npm.joint.visit", "npm_joint_visit", "terms_agreed_by", "terms_agreed_by_id"),
]


def migrate(cr, version):
    if not version:
        return
    for model, table, old, new in RENAMED_FIELDS:
        if column_exists(cr, table, old) and not column_exists(cr, table, new):
            rename_column(cr, table, old, new)
            old_fkey, new_fkey = f"{table}_{old}_fkey", f"{table}_{new}_fkey"
            if constraint_definition(cr, table, old_fkey):
                cr.execute(
                    f'ALTER TABLE "{table}" RENAME CONSTRAINT "{old_fkey}" '
                    f'TO "{new_fkey}"'
                )
        cr.execute(
            "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
            (new, model, old),
        )
        prefix = f"field_{model.replace('.', '_')}__"
        cr.execute(
            """
            UPDATE ir_model_data SET name = %s
             WHERE module = 'npm_cso_cooperation' AND model = 'ir.model.fields'
               AND name = %s
            """,
            (prefix + new, prefix + old),
        )
