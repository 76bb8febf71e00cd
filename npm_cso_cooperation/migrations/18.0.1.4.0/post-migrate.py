# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""18.0.1.4.0: the identity of persons interviewed moves to the persons met.

Findings had a free-text ``interviewee_identity`` (cleared staff only). Each
finding that has one gets a person met on its visit (category *other*), whose
``identity`` is that text and who is linked to the finding; the column is then
dropped. The person's consent is left empty: nobody recorded it, so nothing
that concerns them is shared with the CSO until an officer records it (a
finding already shared stays shared: it was released before this version).
"""

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists

TABLE = "npm_visit_finding"
COLUMN = "interviewee_identity"


def migrate(cr, version):
    if not version or not column_exists(cr, TABLE, COLUMN):
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute(
        f'SELECT id, visit_id, "{COLUMN}" FROM "{TABLE}" '
        f"WHERE COALESCE(TRIM(\"{COLUMN}\"), '') != '' ORDER BY id"
    )
    rows = cr.fetchall()
    Person = env["npm.visit.person"].with_context(
        tracking_disable=True, mail_create_nolog=True
    )
    for finding_id, visit_id, identity in rows:
        person = Person.create(
            {"visit_id": visit_id, "category": "other", "identity": identity}
        )
        # a link in SQL: the ORM's write would check that the consent
        # covers the finding's sharing, which the data never recorded
        cr.execute(
            "INSERT INTO npm_visit_finding_person_rel (finding_id, person_id) "
            "VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (finding_id, person.id),
        )
    cr.execute(f'ALTER TABLE "{TABLE}" DROP COLUMN "{COLUMN}"')
