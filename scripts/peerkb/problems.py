"""One shape for every problem a contributor can meet, and one way to print it.

Every check collects `Problem`s instead of stopping at the first one, so a single run shows
everything that needs fixing. The printed form is always

    FILE:LINE: entry 'ID' → field: what is wrong (how to fix it)

with the entry and field left out where they do not apply.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """A single mistake in a data file or a page, located as precisely as we can."""

    file: str
    line: int
    message: str
    entry: str | None = None
    field: str | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        if self.entry is not None:
            where += f"entry '{self.entry}' → " if self.field is not None else f"entry '{self.entry}': "
        if self.field is not None:
            where += f"{self.field}: "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class ValidationFailed(Exception):
    """Raised with every problem found, so callers can print them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.message))
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem], then: str = "nothing was built") -> str:
    """The full report: one line per problem, then a count and what happens next (`then`)."""
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found; {then}.")
    return "\n".join(lines)
