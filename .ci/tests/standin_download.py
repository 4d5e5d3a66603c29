"""A local stand-in for Chrome for Testing's download host (storage.googleapis.com).

Read the Docs lets puppeteer download its browser; this machine reaches no such host.
machines.py runs this server as root inside a build's private network namespace, on
127.0.0.1:443, and points storage.googleapis.com there through /etc/hosts. Its certificate
is signed by a test authority that node trusts there through NODE_EXTRA_CA_CERTS, so
puppeteer's own download code runs unchanged (`puppeteer browsers install` ignores
PUPPETEER_CHROME_DOWNLOAD_BASE_URL, so the host itself has to be stood in for).

A request for ``…/<platform>/<name>-<platform>.zip`` is answered with a zip holding
``<name>-<platform>/<name>``, a script that starts BROWSER (a copy of Debian's Chromium
launcher: in the machine, /usr/bin has none): the browser that puppeteer then unpacks into
its cache and launches. Anything else is a 404. Each request is appended to the log file as
"<method> <path> <status>".

    python standin_download.py CERT KEY BROWSER LOG READY
"""

import http.server
import io
import ssl
import sys
import zipfile
from pathlib import PurePosixPath


def browser_zip(name: str, platform: str) -> bytes:
    """A Chrome-for-Testing-shaped zip whose executable starts Handler.browser."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        entry = zipfile.ZipInfo(f"{name}-{platform}/{name}")
        entry.external_attr = 0o100755 << 16  # a regular, executable file
        archive.writestr(entry, f'#!/bin/sh\nexec {Handler.browser} "$@"\n')
    return buffer.getvalue()


class Handler(http.server.BaseHTTPRequestHandler):
    log_path = ""
    browser = ""

    def do_GET(self) -> None:
        self.answer(body=True)

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def answer(self, body: bool) -> None:
        path = PurePosixPath(self.path.split("?")[0])
        platform = path.parent.name
        suffix = f"-{platform}.zip"
        payload = browser_zip(path.name.removesuffix(suffix), platform) if platform and path.name.endswith(suffix) else None
        status = 200 if payload else 404
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"{self.command} {self.path} {status}\n")
        self.send_response(status)
        self.send_header("Content-Type", "application/zip" if payload else "text/plain")
        self.send_header("Content-Length", str(len(payload or b"")))
        self.end_headers()
        if body and payload:
            self.wfile.write(payload)

    def log_message(self, *args) -> None:
        pass


def main(cert: str, key: str, browser: str, log: str, ready: str) -> None:
    Handler.log_path, Handler.browser = log, browser
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 443), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    open(ready, "w").close()
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:])
