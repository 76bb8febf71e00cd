"""Upgrading a database of the previous version keeps its data.

The previous version's schema is made on a database of its own: the addon is
installed (with its demo data), then its renamed fields get back their old
column and metadata, with values as the previous version wrote them, and the
module its previous version number. ``-u`` must then run the migration
scripts (npm_cso_cooperation/migrations) and keep every value.
"""

import os
import subprocess
import sys
from contextlib import closing, contextmanager

import psycopg2

from odoo.tests import BaseCase
from odoo.tools import config

from ..common import MODULE

PREVIOUS_VERSION = "18.0.1.2.0"
# 18.0.1.4.0: the findings' interviewee identity moved to the persons met
MOVED_IDENTITY = "Detainee of block C, cell 14 (upgrade)"
# (table, column before, column now, ir.model.fields model) per renamed field
RENAMED = [
    ("npm_joint_visit", "terms_agreed_by", "terms_agreed_by_id", "npm.joint.visit"),
]


@contextmanager
def _cursor(dbname):
    """An autocommit cursor, closed (with its connection) on exit."""
    with closing(_connect(dbname)) as cnx, closing(cnx.cursor()) as cr:
        yield cr


def _connect(dbname):
    kw = {"dbname": dbname}
    for env, key in (
        ("PGHOST", "host"),
        ("PGPORT", "port"),
        ("PGUSER", "user"),
        ("PGPASSWORD", "password"),
    ):
        if os.environ.get(env):
            kw[key] = os.environ[env]
    cnx = psycopg2.connect(**kw)
    cnx.autocommit = True
    return cnx


class TestUpgradeFromPreviousVersion(BaseCase):
    test_module = MODULE
    test_tags = frozenset({"standard", "post_install", MODULE})

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dbname = f"npm_upgrade_{os.getpid()}"
        cls.addClassCleanup(cls._drop_database)
        cls._drop_database()
        cls._odoo("-i", MODULE)
        with _cursor(cls.dbname) as cr:
            cls.before = cls._make_previous_schema(cr)
        cls.upgrade_output = cls._odoo("-u", MODULE)

    @classmethod
    def _drop_database(cls):
        with _cursor("postgres") as cr:
            cr.execute(f'DROP DATABASE IF EXISTS "{cls.dbname}"')

    @classmethod
    def _odoo(cls, *args):
        command = [
            sys.executable,
            "-c",
            'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()',
            f"--addons-path={config['addons_path']}",
            "-d",
            cls.dbname,
            *args,
            "--stop-after-init",
            "--log-level=warn",
        ]
        for option in ("db_host", "db_port", "db_user", "db_password"):
            if config.get(option):
                command.append(f"--{option}={config[option]}")
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=900, check=False
        )
        if result.returncode:
            raise AssertionError(
                f"odoo {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout + result.stderr

    @classmethod
    def _make_previous_schema(cls, cr):
        """Rename back what this version renamed; write values as the
        previous version did. Returns what the upgrade must keep."""
        cr.execute("SELECT id FROM res_users WHERE login = 'admin'")
        (admin,) = cr.fetchone()
        kept = {}
        for table, old, new, model in RENAMED:
            cr.execute(f'ALTER TABLE "{table}" RENAME COLUMN "{new}" TO "{old}"')
            cr.execute(
                f'ALTER TABLE "{table}" RENAME CONSTRAINT "{table}_{new}_fkey" '
                f'TO "{table}_{old}_fkey"'
            )
            cr.execute(
                "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s "
                "RETURNING id",
                (old, model, new),
            )
            (field_id,) = cr.fetchone()
            prefix = f"field_{model.replace('.', '_')}__"
            cr.execute(
                "UPDATE ir_model_data SET name = %s WHERE model = 'ir.model.fields' "
                "AND module = %s AND name = %s",
                (prefix + old, MODULE, prefix + new),
            )
            cr.execute(f'UPDATE "{table}" SET "{old}" = %s RETURNING id', (admin,))
            ids = sorted(row[0] for row in cr.fetchall())
            kept[(table, new)] = {"field_id": field_id, "ids": ids, "value": admin}
        # the findings' free-text identity of the previous versions
        cr.execute("ALTER TABLE npm_visit_finding ADD COLUMN interviewee_identity text")
        cr.execute(
            "UPDATE npm_visit_finding SET interviewee_identity = %s "
            "WHERE id = (SELECT MIN(id) FROM npm_visit_finding) RETURNING id, visit_id",
            (MOVED_IDENTITY,),
        )
        kept["identity"] = cr.fetchone()
        cr.execute(
            "UPDATE ir_module_module SET latest_version = %s WHERE name = %s",
            (PREVIOUS_VERSION, MODULE),
        )
        return kept

    def test_the_previous_schema_was_made(self):
        # the control: there is something to migrate
        for key, kept in self.before.items():
            if key == "identity":
                self.assertTrue(kept, "no finding to migrate")
                continue
            self.assertTrue(kept["ids"], f"no row of {key[0]} to migrate")

    def _renamed(self):
        return {k: v for k, v in self.before.items() if k != "identity"}

    def test_interviewee_identity_moves_to_a_person_met(self):
        finding_id, visit_id = self.before["identity"]
        with _cursor(self.dbname) as cr:
            cr.execute(
                "SELECT p.visit_id, p.category, p.identity, p.pseudonym "
                "FROM npm_visit_person p JOIN npm_visit_finding_person_rel r "
                "ON r.person_id = p.id WHERE r.finding_id = %s AND p.identity = %s",
                (finding_id, MOVED_IDENTITY),
            )
            rows = cr.fetchall()
            self.assertEqual(len(rows), 1, rows)
            self.assertEqual(rows[0][:3], (visit_id, "other", MOVED_IDENTITY))
            self.assertTrue(rows[0][3])
            cr.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_name "
                "= 'npm_visit_finding' AND column_name = 'interviewee_identity'"
            )
            self.assertEqual(cr.fetchone()[0], 0)

    def test_renamed_fields_keep_their_values(self):
        with _cursor(self.dbname) as cr:
            for (table, new), kept in self._renamed().items():
                cr.execute(f'SELECT id, "{new}" FROM "{table}" ORDER BY id')
                rows = cr.fetchall()
                self.assertEqual([row[0] for row in rows], kept["ids"])
                self.assertEqual({row[1] for row in rows}, {kept["value"]})

    def test_renamed_fields_keep_their_metadata(self):
        # Tracking values of the chatter point to the field's id: the field
        # is renamed, not dropped and created again.
        with _cursor(self.dbname) as cr:
            for (table, old, new, model), kept in zip(
                RENAMED, self._renamed().values(), strict=True
            ):
                cr.execute(
                    "SELECT id, name FROM ir_model_fields WHERE model = %s "
                    "AND name IN %s",
                    (model, (old, new)),
                )
                self.assertEqual(cr.fetchall(), [(kept["field_id"], new)])
                cr.execute(
                    "SELECT count(*) FROM information_schema.columns "
                    "WHERE table_name = %s AND column_name = %s",
                    (table, old),
                )
                self.assertEqual(cr.fetchone()[0], 0, f"{table}.{old} is left")

    def test_module_is_at_the_new_version(self):
        with _cursor(self.dbname) as cr:
            cr.execute(
                "SELECT latest_version FROM ir_module_module WHERE name = %s",
                (MODULE,),
            )
            (version,) = cr.fetchone()
        self.assertNotEqual(version, PREVIOUS_VERSION)
        self.assertTrue(version.endswith("1.4.0"), version)

    def test_upgrade_logs_no_error(self):
        bad = [
            line
            for line in self.upgrade_output.splitlines()
            if " ERROR " in line or " CRITICAL " in line
        ]
        self.assertFalse(bad, "\n".join(bad))
