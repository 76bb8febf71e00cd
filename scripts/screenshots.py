"""Take the README's screenshots from the demo database.

Usage (with ``scripts/serve`` running on http://localhost:8069):

    python3 scripts/screenshots.py [--url http://localhost:8069] [--db npm_cso_demo]
        [--devtools-port 9333] [--only NAME ...]

Each shot logs in as the user it names through Odoo's JSON-RPC, hands the
session cookie to headless Chromium over the DevTools protocol, opens the page
and saves ``docs/screenshots/<name>.png``.
"""

import argparse
import base64
import hmac
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The second factor of the demo users who are cleared (demo data, README
# "Two-factor sign-in").
DEMO_TOTP_SECRET = "NPMCSODEMOTWOFACTORSECRETKEY2345"
OUT = os.path.join(ROOT, "docs", "screenshots")

# name, login, path (relative to the server), CSS selector the page is ready
# on, and optionally a CSS selector to click first (then "ready" is awaited
# again). "{xmlid}" in a path is replaced by the id of that demo record.
SHOTS = [
    ("overview", "npm_manager", "/odoo/npm-overview", ".o_npm_overview_count"),
    ("cso_registry", "npm_officer", "/odoo/npm-csos", ".o_list_view .o_data_row"),
    (
        "cso_registry_kanban",
        "npm_officer",
        "/odoo/npm-csos?view_type=kanban",
        ".o_kanban_record",
    ),
    (
        "partnership_form",
        "npm_manager",
        "/odoo/npm-partnerships/{npm_cso_cooperation.demo_partnership_watchdog}",
        ".o_form_view .o_field_widget[name=state]",
    ),
    (
        "agreements_list",
        "npm_manager",
        "/odoo/npm-agreements",
        ".o_list_view .o_data_row",
    ),
    (
        "agreement_form",
        "npm_manager",
        "/odoo/npm-agreements/{npm_cso_cooperation.demo_agreement_watchdog_mou}",
        ".o_form_view .o_field_widget[name=state]",
    ),
    (
        "joint_visits_kanban",
        "npm_manager",
        "/odoo/npm-joint-visits",
        ".o_kanban_record",
    ),
    (
        "joint_visit_form",
        "npm_cleared",
        "/odoo/npm-joint-visits/{npm_cso_cooperation.demo_joint_visit_prison}",
        ".o_form_view div[name=member_ids] .o_data_row",
    ),
    (
        "visit_documents",
        "npm_cleared",
        "/odoo/npm-visit-documents",
        ".o_list_view .o_data_row",
    ),
    (
        "undertakings_list",
        "npm_officer",
        "/odoo/npm-undertakings",
        ".o_list_view .o_data_row",
    ),
    (
        "portal_home",
        "cso_expert",
        "/my",
        ".o_portal_index_card:not(.d-none) a[href='/my/undertakings']",
    ),
    (
        "portal_undertaking_sign",
        "cso_expert",
        "/my/undertakings/{npm_cso_cooperation.demo_undertaking_lawyer_police_visit}",
        "#npm_modal_sign.show .o_portal_sign_submit:enabled",
        "a.o_npm_sign",
    ),
    (
        "portal_visit",
        "cso_expert",
        "/my/visits/{npm_cso_cooperation.demo_joint_visit_prison}",
        ".o_npm_visit_findings",
    ),
    (
        "portal_requests",
        "cso_expert",
        "/my/requests",
        ".o_portal_my_doc_table",
    ),
    (
        "recommendations_kanban",
        "npm_officer",
        "/odoo/npm-recommendations?view_type=kanban",
        ".o_kanban_record",
    ),
    (
        "recommendation_form",
        "npm_officer",
        "/odoo/npm-recommendations/{npm_cso_cooperation.demo_rec_prison_medical_3}",
        ".o_form_view div[name=followup_ids] .o_data_row",
    ),
    (
        "recommendations_pivot",
        "npm_manager",
        "/odoo/npm-recommendation-analysis",
        ".o_pivot table",
    ),
    (
        "portal_recommendation",
        "cso_expert",
        "/my/recommendations/{npm_cso_cooperation.demo_rec_police_lawyer_2}",
        ".o_npm_my_followups",
    ),
]


def login(url, db, user, password=None):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {
        "jsonrpc": "2.0",
        "params": {"db": db, "login": user, "password": password or user},
    }
    request = urllib.request.Request(
        url + "/web/session/authenticate",
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
    )
    with opener.open(request, timeout=30) as response:
        answer = json.load(response)
    if answer.get("error"):
        raise SystemExit(
            f"login as {user} failed: {answer['error']['data']['message']}"
        )
    if not answer["result"].get("uid"):
        # cleared staff: the code of their second factor completes the login
        _second_factor(opener, url)
    return next(c.value for c in jar if c.name == "session_id")


def totp_code(secret=DEMO_TOTP_SECRET, when=None):
    """The current code of an authenticator secret (RFC 6238, as auth_totp)."""
    key = base64.b32decode(secret)
    counter = struct.pack(">Q", int((when or time.time()) // 30))
    digest = hmac.digest(key, counter, "sha1")
    offset = digest[-1] & 15
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**6:06d}"


def _second_factor(opener, url):
    with opener.open(url + "/web/login/totp", timeout=30) as response:
        page = response.read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "totp_token": totp_code()})
    with opener.open(url + "/web/login/totp", data=data.encode(), timeout=30):
        pass


def resolve_xmlids(url, db, paths):
    """Ids of the demo records the paths name, looked up as admin."""
    session_id = login(url, db, "admin", "admin")
    ids = {}
    for xmlid in {x for path in paths for x in re.findall(r"{([\w.]+)}", path)}:
        module, name = xmlid.split(".")
        payload = {
            "jsonrpc": "2.0",
            "params": {
                "model": "ir.model.data",
                "method": "check_object_reference",
                "args": [module, name],
                "kwargs": {},
            },
        }
        request = urllib.request.Request(
            url + "/web/dataset/call_kw",
            data=json.dumps(payload).encode(),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"session_id={session_id}",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        if answer.get("error"):
            raise SystemExit(f"no demo record {xmlid}: is the demo data loaded?")
        ids[xmlid] = answer["result"][1]
    return ids


class Browser:
    def __init__(self, port):
        self.profile = tempfile.mkdtemp()
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        if not binary:
            raise SystemExit("Chromium is missing: apt-get install chromium")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={self.profile}",
                "--window-size=1440,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/json", timeout=2
                ) as response:
                    pages = [p for p in json.load(response) if p["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("Chromium did not start")
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60
        )
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def wait_for(self, selector, timeout=60):
        expression = f"!!document.querySelector({json.dumps(selector)})"
        deadline = time.time() + timeout
        while time.time() < deadline:
            result = self.call("Runtime.evaluate", expression=expression)
            if result.get("result", {}).get("value"):
                time.sleep(1)  # let fonts and images finish
                return
            time.sleep(0.5)
        raise SystemExit(f"timed out waiting for {selector}")

    def shoot(self, url, session_id, path, ready, click=None):
        host = urllib.request.urlparse(url).hostname
        self.call("Network.enable")
        self.call("Network.clearBrowserCookies")
        self.call(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            domain=host,
            path="/",
        )
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=1440,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Page.navigate", url=url + path)
        if click:
            self.wait_for(click)
            self.call(
                "Runtime.evaluate",
                expression=f"document.querySelector({json.dumps(click)}).click()",
            )
        self.wait_for(ready)
        return base64.b64decode(
            self.call("Page.captureScreenshot", format="png")["data"]
        )

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:8069")
    parser.add_argument("--db", default=os.environ.get("NPM_DB", "npm_cso_demo"))
    parser.add_argument(
        "--devtools-port",
        type=int,
        default=9333,
        help="Chromium's remote debugging port (choose a free one)",
    )
    parser.add_argument("--only", nargs="*", help="names of the shots to take")
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    shots = [shot for shot in SHOTS if not args.only or shot[0] in args.only]
    ids = resolve_xmlids(args.url, args.db, [shot[2] for shot in shots])
    browser = Browser(args.devtools_port)
    try:
        for name, user, path, ready, *click in shots:
            path = re.sub(r"{([\w.]+)}", lambda m: str(ids[m.group(1)]), path)
            png = browser.shoot(
                args.url, login(args.url, args.db, user), path, ready, *click
            )
            target = os.path.join(OUT, f"{name}.png")
            with open(target, "wb") as f:
                f.write(png)
            print(f"{target}: {len(png)} bytes")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
