"""Take the README's screenshots from the demo database.

Usage (with ``scripts/serve`` running on http://localhost:8069):

    python3 scripts/screenshots.py [--url http://localhost:8069] [--db npm_cso_demo]

Each shot logs in as the user it names through Odoo's JSON-RPC, hands the
session cookie to headless Chromium over the DevTools protocol, opens the page
and saves ``docs/screenshots/<name>.png``.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from http.cookiejar import CookieJar

import websocket

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "docs", "screenshots")

# name, login, path (relative to the server), CSS selector the page is ready on
SHOTS = [
    ("cso_registry", "npm_officer", "/odoo/npm-csos", ".o_list_view .o_data_row"),
    (
        "cso_registry_kanban",
        "npm_officer",
        "/odoo/npm-csos?view_type=kanban",
        ".o_kanban_record",
    ),
]


def login(url, db, user):
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    payload = {
        "jsonrpc": "2.0",
        "params": {"db": db, "login": user, "password": user},
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
    return next(c.value for c in jar if c.name == "session_id")


class Browser:
    def __init__(self, port=9333):
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

    def shoot(self, url, session_id, path, ready):
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
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    browser = Browser()
    try:
        for name, user, path, ready in SHOTS:
            png = browser.shoot(args.url, login(args.url, args.db, user), path, ready)
            target = os.path.join(OUT, f"{name}.png")
            with open(target, "wb") as f:
                f.write(png)
            print(f"{target}: {len(png)} bytes")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
