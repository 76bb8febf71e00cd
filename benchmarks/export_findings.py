#!/usr/bin/env python3
# Copyright 2026 NPM-CSO Cooperation contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0.html).
"""Benchmark (not a test): the findings register export against Odoo's own.

Fills (or reuses) a database holding 50,000 findings over 5,000 joint visits,
then exports the same rows and columns two ways, each run in a fresh process:

- **ours**: ``npm.cso.export.wizard`` (register ``findings``) ``action_export()``,
  everything included (search, reading, writing, base64 into the wizard, log);
- **odoo**: what the web client's list export does for xlsx: ``search`` with the
  same domain, ``export_data()`` of the same fields, then
  ``odoo.addons.web.controllers.export.ExcelExport.from_data`` (Odoo's
  ``ExportXlsxWriter``).

It does so for the first 10,000 rows (a date range covering 1,000 visits) and
for all 50,000, and prints the time of each (the fastest of ``--repeat`` runs,
3 by default, ours and Odoo's alternating: the machine may be shared), as wall
clock and as CPU time of the process, the ratios, and the peak memory of each:
Python's own allocations (``tracemalloc``, measured in one more, untimed run)
and the growth of the process's peak RSS during a timed run. It also counts
the formula cells in each file: one finding in 1,000 is named
``=HYPERLINK(...)``.

    python3 benchmarks/export_findings.py                    # npm_bench_exports
    python3 benchmarks/export_findings.py --database mydb --sizes 10000,50000
    python3 benchmarks/export_findings.py --drop             # drop it afterwards

The database is created with the addon installed (no demo data) when missing,
and reused afterwards. The exports run as a benchmark user who is an NPM
manager (reads every finding) and may use Odoo's export (group_allow_export).
"""

import argparse
import base64
import datetime
import gc
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
import tracemalloc
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VISITS = 5000
FINDINGS_PER_VISIT = 10
FIRST_DAY = datetime.date(2015, 1, 1)
# The benchmark manager's second factor (cleared staff need one to reach NPM
# records; see the README, "Two-factor sign-in").
BENCH_TOTP_SECRET = "NPMBENCHSECRETTWOFACTORAAAAAAAAA"
BENCH_LOGIN = "bench_exporter"
HOSTILE_NAME = '=HYPERLINK("http://example.org","click")'


# ----------------------------------------------------------------------
# Parent: create the database, then run each measurement in a new process
# ----------------------------------------------------------------------
def addons_path():
    import odoo

    odoo_addons = os.path.join(
        os.path.dirname(os.path.dirname(odoo.__file__)), "addons"
    )
    return ",".join(p for p in (ROOT, odoo_addons) if os.path.isdir(p))


def odoo_cli(*args):
    cmd = [
        sys.executable,
        "-c",
        "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()",
        f"--addons-path={addons_path()}",
        *args,
    ]
    subprocess.run(cmd, check=True)


def database_exists(name):
    import psycopg2

    with psycopg2.connect(dbname="postgres") as cnx, cnx.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        return bool(cr.fetchone())


def drop_database(name):
    import psycopg2

    cnx = psycopg2.connect(dbname="postgres")
    cnx.autocommit = True
    cnx.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    cnx.close()


def worker(database, *args):
    out = subprocess.run(
        [sys.executable, __file__, "--database", database, "--worker", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="npm_bench_exports")
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="timed runs of each export, each in a fresh process; the fastest "
        "counts (default 3)",
    )
    parser.add_argument(
        "--drop", action="store_true", help="drop the database at the end"
    )
    parser.add_argument("--worker", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        return run_worker(args.database, args.worker)

    if not database_exists(args.database):
        print(f"Creating {args.database} with npm_cso_cooperation (no demo data)…")
        odoo_cli(
            "-d",
            args.database,
            "-i",
            "npm_cso_cooperation",
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
        )
    t0 = time.perf_counter()
    filled = worker(args.database, "fill")
    print(
        f"Data: {filled['findings']} findings over {filled['visits']} visits "
        f"({'created' if filled['created'] else 'reused'} in "
        f"{time.perf_counter() - t0:.1f} s)"
    )
    results = []
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = {"ours": [], "odoo": []}
        for attempt in range(args.repeat):
            # alternate the order so that a change of load hits both alike
            order = ("ours", "odoo") if attempt % 2 == 0 else ("odoo", "ours")
            for method in order:
                trace = "1" if attempt == 0 else "0"
                runs[method].append(
                    worker(args.database, "measure", method, str(size), trace)
                )
        results.append((summarise(runs["ours"]), summarise(runs["odoo"])))

    print()
    print(
        f"{'rows':>7} | {'ours s':>6} | {'odoo s':>6} | {'ratio':>5} | "
        f"{'ours CPU s':>10} | {'odoo CPU s':>10} | {'CPU ratio':>9} | "
        f"{'ours peak MB':>12} | {'odoo peak MB':>12} | "
        f"{'ours RSS+ MB':>12} | {'odoo RSS+ MB':>12} | file MB ours/odoo | "
        "formulas ours/odoo"
    )
    for ours, odoo_ in results:
        assert ours["rows"] == odoo_["rows"], (ours, odoo_)
        print(
            f"{ours['rows']:>7} | {ours['seconds']:>6.2f} | "
            f"{odoo_['seconds']:>6.2f} | {ours['seconds'] / odoo_['seconds']:>5.2f} | "
            f"{ours['cpu']:>10.2f} | {odoo_['cpu']:>10.2f} | "
            f"{ours['cpu'] / odoo_['cpu']:>9.2f} | "
            f"{ours['peak_mb']:>12.1f} | {odoo_['peak_mb']:>12.1f} | "
            f"{ours['rss_mb']:>12.1f} | {odoo_['rss_mb']:>12.1f} | "
            f"{ours['bytes'] / 2**20:>7.1f}/{odoo_['bytes'] / 2**20:<9.1f} | "
            f"{ours['formulas']}/{odoo_['formulas']}"
        )
    print(
        f"\nTimes: fastest of {args.repeat} runs, each in a fresh process, ours "
        "and Odoo's alternating; s = wall clock, CPU = this process's CPU time "
        "(PostgreSQL's excluded; steadier on a busy machine); ratio = ours / "
        "odoo (target ≤ 1.0). Peak = tracemalloc peak of one more, untimed "
        "run; RSS+ = growth of the process's peak RSS during the first timed "
        "run."
    )
    if args.drop:
        drop_database(args.database)
        print(f"Dropped {args.database}.")
    return 0


# ----------------------------------------------------------------------
# Workers (one process each)
# ----------------------------------------------------------------------
def summarise(runs):
    """Fastest times over the runs; memory and file from the traced one."""
    traced = next(run for run in runs if "peak_mb" in run)
    return dict(
        traced,
        seconds=min(run["seconds"] for run in runs),
        cpu=min(run["cpu"] for run in runs),
    )


def run_worker(database, argv):
    import odoo
    from odoo.tools import config

    config.parse_config(
        ["-d", database, f"--addons-path={addons_path()}", "--log-level=warn"]
    )
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if argv[0] == "fill":
            result = fill(env)
            cr.commit()
        else:
            method, size, trace = argv[1], int(argv[2]), argv[3] == "1"
            user = env["res.users"].search([("login", "=", BENCH_LOGIN)])
            if not user.totp_enabled:
                # a manager reaches NPM records with a second factor only
                user.write({"totp_secret": BENCH_TOTP_SECRET})
            user_env = env(user=user.id, context={"lang": "en_US", "tz": "UTC"})
            result = measure(user_env, method, size, trace)
            cr.rollback()
    print(json.dumps(result))
    return 0


def fill(env):
    """Create the benchmark data once: bulk SQL, consistent with the ORM."""
    cr = env.cr
    user = env["res.users"].search([("login", "=", BENCH_LOGIN)])
    if not user:
        user = env["res.users"].create(
            {
                "name": "Benchmark Exporter",
                "login": BENCH_LOGIN,
                "groups_id": [
                    (4, env.ref("npm_cso_cooperation.group_npm_manager").id),
                    (4, env.ref("base.group_allow_export").id),
                ],
            }
        )
    partnership = env["npm.cso.partnership"].search(
        [("name", "=", "Benchmark partnership")], limit=1
    )
    created = False
    if not partnership:
        created = True
        cso = env["res.partner"].create(
            {
                "name": "Benchmark Watch",
                "is_company": True,
                "is_cso": True,
                "cso_type": "ngo",
            }
        )
        partnership = env["npm.cso.partnership"].create(
            {"name": "Benchmark partnership", "partner_id": cso.id}
        )
        place = env["npm.detention.place"].create(
            {"name": "Benchmark Central Prison", "place_type": "prison"}
        )
        env.flush_all()
        params = {
            "place": place.id,
            "partnership": partnership.id,
            "cso": cso.id,
            "company": partnership.company_id.id,
            "uid": env.uid,
            "first_day": FIRST_DAY,
            "visits": VISITS,
            "per_visit": FINDINGS_PER_VISIT,
            "hostile": HOSTILE_NAME,
        }
        cr.execute(VISITS_SQL, params)
        cr.execute(FINDINGS_SQL, params)
        env.invalidate_all()
    # fresh planner statistics after the bulk insert, as autovacuum would give
    cr.execute("ANALYZE npm_joint_visit, npm_visit_finding")
    visits = env["npm.joint.visit"].search_count(
        [("partnership_id", "=", partnership.id)]
    )
    findings = env["npm.visit.finding"].search_count(
        [("visit_id.partnership_id", "=", partnership.id)]
    )
    return {"visits": visits, "findings": findings, "created": created}


VISITS_SQL = """
INSERT INTO npm_joint_visit (
    name, place_id, place_type, partnership_id, cso_id, company_id, user_id,
    date_start, date_end, state, create_uid, create_date, write_uid, write_date)
SELECT 'JV/BENCH/' || lpad(i::text, 5, '0'), %(place)s, 'prison',
       %(partnership)s, %(cso)s, %(company)s, %(uid)s,
       %(first_day)s::date + i, %(first_day)s::date + i, 'done',
       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
  FROM generate_series(0, %(visits)s - 1) AS i
"""

FINDINGS_SQL = """
INSERT INTO npm_visit_finding (
    name, visit_id, company_id, place_id, cso_id, description, sensitivity,
    share_with_cso, is_urgent, urgent_state, urgent_deadline, urgent_user_id,
    interviewee_identity, reprisal_risk_notes,
    create_uid, create_date, write_uid, write_date)
SELECT CASE WHEN (v.n * %(per_visit)s + k) %% 1000 = 7 THEN %(hostile)s
            ELSE 'Finding ' || (v.n * %(per_visit)s + k) END,
       v.id, %(company)s, %(place)s, %(cso)s,
       '<p>Cell ' || k || ': ventilation insufficient, 6 persons in a cell '
           || 'designed for 2; no access to outdoor exercise for 3 days.</p>',
       (ARRAY['internal', 'confidential', 'strictly_confidential'])[1 + k %% 3],
       false, k = 0, CASE WHEN k = 0 THEN 'open' END,
       CASE WHEN k = 0 THEN v.date_start + 1 END,
       CASE WHEN k = 0 THEN %(uid)s END,
       CASE WHEN k %% 3 = 2 THEN 'Detainee ' || v.n || '-' || k END,
       CASE WHEN k %% 3 = 2 THEN 'Moderate: transferred after the last visit' END,
       %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
  FROM (SELECT id, date_start, row_number() OVER (ORDER BY date_start, id) - 1 AS n
          FROM npm_joint_visit WHERE partnership_id = %(partnership)s) AS v,
       generate_series(0, %(per_visit)s - 1) AS k
"""


def wizard_values(size):
    """Filters selecting the findings of the first ``size / 10`` visits."""
    days = max(size // FINDINGS_PER_VISIT, 1)
    return {
        "report_type": "findings",
        "date_from": FIRST_DAY,
        "date_to": FIRST_DAY + datetime.timedelta(days=days - 1),
    }


# Each export returns the row count and a function giving the file, called
# outside the measured region (decoding is not part of either export).
def export_ours(env, values):
    wizard = env["npm.cso.export.wizard"].create(values)
    wizard.action_export()
    return wizard.row_count, lambda: base64.b64decode(wizard.data)


def export_odoo(env, values):
    """The web client's xlsx list export of the same rows and columns."""
    from odoo import http

    from odoo.addons.npm_cso_cooperation.exports.reader import RegisterReader
    from odoo.addons.web.controllers.export import ExcelExport

    wizard = env["npm.cso.export.wizard"].create(values)
    register = wizard._get_register()
    reader = RegisterReader(env, register)
    domain = wizard._get_export_domain(register)
    field_names = [column.path.replace(".", "/") for column in reader.columns]
    fields = [
        {"name": name, "label": column.header, "type": column.field.type}
        for name, column in zip(field_names, reader.columns, strict=True)
    ]

    class FakeRequest:  # ExportXlsxWriter reads request.env
        pass

    fake = FakeRequest()
    fake.env = env
    http._request_stack.push(fake)
    try:
        model = env[register.model].with_context(import_compat=False)
        records = model.search(domain, order=register.order or None)
        rows = records.export_data(field_names)["datas"]
        content = ExcelExport().from_data(fields, reader.headers, rows)
    finally:
        http._request_stack.pop()
    return len(rows), lambda: content


def count_formulas(content):
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(
            len(re.findall(rb"<f[ >]", archive.read(name)))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        )


def measure(env, method, size, trace):
    """One timed export (wall and CPU time, RSS growth), then, if ``trace``,
    one more under tracemalloc for its peak."""
    run = export_ours if method == "ours" else export_odoo
    run(env, wizard_values(FINDINGS_PER_VISIT))  # warm-up: code paths, caches
    env.invalidate_all()
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, start_cpu = time.perf_counter(), time.process_time()
    rows, content = run(env, wizard_values(size))
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    content = content()
    result = {
        "method": method,
        "rows": rows,
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": max(rss_after - rss_before, 0) / 1024,
        "formulas": count_formulas(content),
        "bytes": len(content),
    }
    del content
    if trace:
        env.invalidate_all()
        gc.collect()
        tracemalloc.start()
        run(env, wizard_values(size))
        result["peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return result


if __name__ == "__main__":
    sys.exit(main())
