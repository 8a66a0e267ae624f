"""The one way the CLI, the bench and the tests start MkDocs (peerkb.mkdocsrun), run for real: MkDocs from this
environment, its output captured as text or written to a log file."""

from __future__ import annotations

from peerkb.mkdocsrun import run_mkdocs


def test_mkdocs_runs_from_this_environment_with_its_output_captured_or_logged(tmp_path):
    result = run_mkdocs("--version", cwd=tmp_path, capture=True)
    assert result.returncode == 0 and "mkdocs, version" in result.stdout
    with (tmp_path / "log").open("wb") as log:
        assert run_mkdocs("--version", cwd=tmp_path, log=log).returncode == 0
    assert "mkdocs, version" in (tmp_path / "log").read_text(encoding="utf-8")
