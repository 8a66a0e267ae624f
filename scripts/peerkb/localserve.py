"""A local HTTP server for a while: the build prints pages to PDF through one (pdf.py), the bench serves the built
site to Lighthouse and Chromium through one, and the tests serve fixtures and built sites through one."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def serving(handler: Callable[..., http.server.BaseHTTPRequestHandler], port: int = 0) -> Iterator[str]:
    """A server on 127.0.0.1 (a free port unless `port` is given) with `handler`, for as long as the block runs;
    yields its address, without a trailing slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
