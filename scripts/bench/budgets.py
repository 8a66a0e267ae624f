"""Budgets and what is done with them: pass or fail, the printed table, the JSON results, and the small
sums the budgets are measured with. Nothing here runs or times anything."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

COMPARE = {"<=": lambda m, lim: m <= lim, ">=": lambda m, lim: m >= lim, "==": lambda m, lim: m == lim}


@dataclass
class Budget:
    """One budget: what was measured against its limit. `measured` is None when it could not be measured."""

    name: str
    measured: float | None
    limit: float
    op: str = "<="
    unit: str = ""
    note: str = ""
    group: str = "bench"

    @property
    def passed(self) -> bool:
        return self.measured is not None and COMPARE[self.op](self.measured, self.limit)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "not measured"
    text = f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
    return f"{text} {unit}".strip()


def format_table(budgets: list[Budget]) -> str:
    """The budgets as a plain-text table: budget, measured, limit, pass/fail."""
    rows = [("budget", "measured", "limit", "result")]
    rows += [(b.name, _number(b.measured, b.unit), f"{b.op} {_number(b.limit, b.unit)}", "pass" if b.passed else "FAIL") for b in budgets]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"  {b.name}: {b.note}" for b in budgets if b.note]
    return "\n".join(lines + (["", "Notes:", *notes] if notes else []))


def results(budgets: list[Budget], measurements: dict[str, Any], when: str) -> dict[str, Any]:
    """The JSON written to .bench/results.json."""
    return {
        "date": when,
        "passed": all(b.passed for b in budgets),
        "budgets": [b.as_dict() for b in budgets],
        "measurements": measurements,
    }


def merge_results(old: dict[str, Any] | None, new: dict[str, Any], group: str) -> dict[str, Any]:
    """`new` results of one group of budgets (e.g. 'lighthouse') merged into earlier results of the others."""
    if not old:
        return new
    budgets = [b for b in old.get("budgets", []) if b.get("group") != group] + [b for b in new["budgets"] if b.get("group") == group]
    measurements = {**old.get("measurements", {}), **new["measurements"]}
    return {"date": new["date"], "passed": all(b["passed"] for b in budgets), "budgets": budgets, "measurements": measurements}


def median(values: list[float]) -> float:
    return statistics.median(values)


def per_thousand_words(seconds: float, words: int) -> float:
    """Seconds of build time per 1,000 words."""
    return seconds / words * 1000 if words else float("inf")


def scaling_ratio(per_page: dict[int, float]) -> tuple[int, int, float] | None:
    """(largest scale, next scale, ratio of their per-page costs), or None with fewer than two scales."""
    scales = sorted(per_page)
    if len(scales) < 2:
        return None
    big, small = scales[-1], scales[-2]
    return big, small, per_page[big] / per_page[small]
