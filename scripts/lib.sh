# Shared by scripts/test and scripts/serve: find Odoo 18 and PostgreSQL, or
# stop at once saying what is missing and how to provide it.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}

die() {
    printf '\nERROR: %s\n\n' "$*" >&2
    exit 2
}

require_odoo18() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' is not on PATH. Install Python 3.10+ and Odoo 18.0."
    local version
    if ! version=$("$PYTHON" -c 'import odoo.release as r; print("%d.%d" % r.version_info[:2])' 2>/dev/null); then
        die "Odoo is not importable by '$PYTHON'.
This project is an Odoo addon: it expects Odoo 18.0 Community to be installed already.
Provide it, for example, from a checkout of Odoo's 18.0 branch:
    pip install -r <odoo>/requirements.txt
    pip install --no-deps -e <odoo> --config-settings editable_mode=compat
or run Odoo with Docker (see docker-compose.yml in the README)."
    fi
    [ "$version" = "18.0" ] || die "'$PYTHON' imports Odoo $version, but this addon is for Odoo 18.0."
    ODOO_ADDONS=$("$PYTHON" -c 'import odoo, os; p = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "addons"); print(p if os.path.isdir(p) else "")')
    ADDONS_PATH="$ROOT${ODOO_ADDONS:+,$ODOO_ADDONS}"
}

require_postgres() {
    local err
    if ! err=$("$PYTHON" - <<'PY' 2>&1
import os
import psycopg2
kw = {"dbname": "postgres"}
for env, key in (("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")):
    if os.environ.get(env):
        kw[key] = os.environ[env]
psycopg2.connect(**kw).close()
PY
    ); then
        die "PostgreSQL is not reachable:
${err}

Start PostgreSQL (e.g. 'pg_ctlcluster 15 main start') and make sure the current
user may create databases (Odoo refuses the role 'postgres'); set PGHOST, PGPORT,
PGUSER and PGPASSWORD if it is not on the local socket."
    fi
    DB_ARGS=()
    [ -n "${PGHOST:-}" ] && DB_ARGS+=("--db_host=$PGHOST")
    [ -n "${PGPORT:-}" ] && DB_ARGS+=("--db_port=$PGPORT")
    [ -n "${PGUSER:-}" ] && DB_ARGS+=("--db_user=$PGUSER")
    [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=("--db_password=$PGPASSWORD")
    return 0
}

# ensure_debian_package COMMAND PACKAGE WHY: install Debian's PACKAGE when
# COMMAND is missing (as root with apt-get), or stop saying how to provide it.
ensure_debian_package() {
    local command=$1 package=$2 why=$3
    command -v "$command" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "$command is missing: installing Debian's $package package ($why)"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null; } \
            || die "could not install $package ($why)"
    else
        die "$command is missing: install it (e.g. 'apt-get install $package'); $why"
    fi
}

# Odoo's own command line, whatever way Odoo was installed.
odoo_cli() {
    "$PYTHON" -c 'import sys, odoo.cli; sys.argv[0] = "odoo"; odoo.cli.main()' \
        --addons-path="$ADDONS_PATH" "${DB_ARGS[@]}" "$@"
}

database_exists() {
    "$PYTHON" - "$1" <<'PY'
import os, sys
import psycopg2
kw = {"dbname": "postgres"}
for env, key in (("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")):
    if os.environ.get(env):
        kw[key] = os.environ[env]
with psycopg2.connect(**kw) as cnx, cnx.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
    sys.exit(0 if cr.fetchone() else 1)
PY
}

drop_database() {
    "$PYTHON" - "$1" <<'PY' || true
import os, shutil, sys
import psycopg2
from odoo.tools import config
kw = {"dbname": "postgres"}
for env, key in (("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")):
    if os.environ.get(env):
        kw[key] = os.environ[env]
cnx = psycopg2.connect(**kw)
cnx.autocommit = True
cnx.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % sys.argv[1].replace('"', ""))
shutil.rmtree(config.filestore(sys.argv[1]), ignore_errors=True)
PY
}

# The URL Odoo serves with these command-line arguments: the last
# --http-port=N, --http-port N, -p N or -pN (Odoo keeps the last one), else
# 8069; the last --http-interface, else localhost (all interfaces: localhost).
serve_url() {
    local port=8069 interface=localhost
    while [ $# -gt 0 ]; do
        case "$1" in
            --http-port=*) port=${1#--http-port=} ;;
            --http-port | -p) [ $# -gt 1 ] && { port=$2; shift; } ;;
            -p*) port=${1#-p} ;;
            --http-interface=*) interface=${1#--http-interface=} ;;
            --http-interface) [ $# -gt 1 ] && { interface=$2; shift; } ;;
        esac
        shift
    done
    case "$interface" in
        "" | 0.0.0.0 | "::") interface=localhost ;;
    esac
    printf 'http://%s:%s\n' "$interface" "$port"
}
