"""What every step of the bench shares: its error, its progress messages, and waiting for a local server."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class BenchError(Exception):
    """A step of the benchmark could not run (a build failed, a server did not start)."""


def say(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    """The text at `url`, or None when it cannot be fetched (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.05) -> bool:
    """Whether `condition` came true within `timeout` seconds, checked every `interval`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
