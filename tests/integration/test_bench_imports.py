"""The bench never imports the CLI, checked in a fresh interpreter: importing every module of the bench leaves
peerkb.cli unloaded (tests/unit/test_bench.py reads the bench's imports without running them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import bench

BENCH = Path(bench.__file__).parent


def test_importing_every_module_of_the_bench_leaves_the_cli_unloaded():
    files = sorted(BENCH.glob("*.py"))
    assert len(files) > 5
    modules = ", ".join(f"bench.{p.stem}" for p in files if p.stem != "__init__")
    code = f"import sys, bench, {modules}; print('peerkb.cli' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "False"
