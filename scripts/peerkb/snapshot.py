"""The project's files as one run of the check reads them: each file read once, on first use, and counted.

`check_project` makes one `ProjectFiles` and passes it to every rule that reads a file (data, pages,
mkdocs.yml, the URL registry, generated docs), so a file several rules look at is read from disk once.
`reads` counts the reads per file, which a test and the bench report. A rule called on its own, as tests
call them, makes its own.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path


class ProjectFiles:
    """The text of the project's files by path, read from disk once each."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.reads: Counter[str] = Counter()
        self._text: dict[Path, str] = {}

    def text(self, path: Path | str) -> str:
        """The text of a file given by its path (absolute, or from the project root); raises FileNotFoundError
        when there is none."""
        full = path if isinstance(path, Path) and path.is_absolute() else self.root / path
        if full not in self._text:
            self._text[full] = full.read_text(encoding="utf-8")
            self.reads[self._name(full)] += 1
        return self._text[full]

    def _name(self, full: Path) -> str:
        try:
            return full.relative_to(self.root).as_posix()
        except ValueError:
            return full.as_posix()


def files_of(root: Path, files: ProjectFiles | None) -> ProjectFiles:
    """The run's files, or a fresh set for a rule called on its own."""
    return files if files is not None else ProjectFiles(root)
