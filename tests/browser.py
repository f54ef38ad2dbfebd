"""Browser-test plumbing: build a site once, serve it on loopback, open it in Debian's Chromium.

Fixtures built on this live in ``conftest.py``; tests use ``site_url``, ``page``
and ``built_site``. Every request that leaves 127.0.0.1 is blocked and recorded.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields the base URL (with a trailing slash)."""
    handler = functools.partial(_Quiet, directory=str(folder))
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


def chromium_available() -> bool:
    return Path(CHROMIUM).exists() or shutil.which("chromium") is not None


class Requests:
    """Records every request a page makes; blocks those to any host but the local server."""

    def __init__(self) -> None:
        self.local: list[str] = []
        self.blocked: list[str] = []

    def attach(self, context) -> None:
        def route(r):
            url = r.request.url
            if url.startswith(("http://127.0.0.1:", "data:", "blob:")):
                self.local.append(url)
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        context.route("**/*", route)
