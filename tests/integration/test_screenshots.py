"""`kb screenshots` (python3 scripts/run.py screenshots): full-page screenshots of five pages at two widths, from the
built site, in the system's Chromium; the preview workflow uploads them for reviewers (tests/unit/test_workflows.py)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from peerkb import screenshots
from peerkb.cli import main

pytestmark = pytest.mark.browser

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """(width, height) from a PNG's header."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG and head[12:16] == b"IHDR", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


@pytest.fixture
def chromium() -> None:
    if screenshots.find_chromium() is None:
        if os.environ.get("CI") == "true":
            pytest.fail(screenshots.CHROMIUM_HINT + " (CI=true: these tests must run in CI)")
        pytest.skip(screenshots.CHROMIUM_HINT)


def test_screenshots_of_five_pages_at_phone_and_desktop_width(site, tmp_path, chromium):
    out = tmp_path / "shots"
    out.mkdir()
    (out / "home-390.png").write_bytes(b"an old screenshot")  # replaced, never left behind
    (out / "notes.txt").write_text("a reviewer's file")  # anything else in the folder is left alone
    # The command, as a reader of the README runs it, in a process of its own: Playwright's synchronous API cannot run
    # beside the browser the browser tests keep open in this one.
    done = subprocess.run(
        [sys.executable, "-m", "peerkb", "screenshots", "--site-dir", str(site), "--out", str(out)], capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, done.stderr
    names = [f"{name}-{width}.png" for name in ("home", "get-help-now", "international", "recommendations", "glossary") for width in (390, 1280)]
    assert sorted(p.name for p in out.glob("*.png")) == sorted(names)
    assert (out / "notes.txt").read_text() == "a reviewer's file"
    for name in names:
        path = out / name
        width, height = png_size(path)
        expected_width = int(name.removesuffix(".png").rsplit("-", 1)[1])
        assert width == expected_width, name
        # The whole page, not only the screen: each of these pages is longer than a phone's or a desktop's screen.
        assert height > (844 if width == 390 else 800), f"{name} is {height} px tall"
        assert 30_000 < path.stat().st_size < 30_000_000, f"{name} is {path.stat().st_size} bytes"
    output = done.stdout
    assert output.endswith(f"10 screenshots in {out}.\n")
    assert output.count("wrote ") == 10


def test_screenshots_say_what_is_missing(tmp_path, capsys):
    empty = tmp_path / "site"
    empty.mkdir()
    (empty / "index.html").write_text("<!doctype html><title>x</title>")
    assert main(["screenshots", "--site-dir", str(empty), "--out", str(tmp_path / "shots")]) == 1
    assert capsys.readouterr().err == (
        f"kb screenshots: {empty} has no page at get-help-now/, international/, recommendations/, glossary/ "
        "(build the site first: python3 scripts/run.py build)\n"
    )
    assert not (tmp_path / "shots").exists()
