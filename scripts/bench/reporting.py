"""The report of a run: the table printed, the failing Lighthouse audits and the search index listed, and the
results written to (or, for one group of budgets, merged into) the JSON file."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

from .budgets import COMPARE, Budget, format_table, merge_results, results
from .common import say
from .lighthouse import LIGHTHOUSE_TARGETS
from .weight import KIB


def report(budgets: list[Budget], measurements: dict[str, Any], out: Path, group: str | None = None) -> bool:
    """Print the table, write (or, for one group, merge into) the JSON results; True when every budget passed."""
    when = datetime.date.today().isoformat()
    new = results(budgets, measurements, when)
    out.parent.mkdir(parents=True, exist_ok=True)
    if group and out.is_file():
        new = merge_results(json.loads(out.read_text(encoding="utf-8")), new, group)
    out.write_text(json.dumps(new, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    say("\n" + format_table(budgets))
    lighthouse = measurements.get("lighthouse", {})
    for page, categories in lighthouse.get("failing_audits", {}).items():
        for category, audits in categories.items():
            score = lighthouse["scores"].get(page, {}).get(category)
            op, limit = LIGHTHOUSE_TARGETS[category]
            if score is not None and COMPARE[op](score, limit):
                continue  # only the audits of a score below its target
            for audit_id, title in audits:
                say(f"  Lighthouse {page} / {category}: {audit_id} — {title}")
    for name, cost in measurements.get("search_transfer", {}).items():
        say(
            f"  {name}: first visit {cost['first_visit_bytes'] / KIB:.1f} KiB in {cost['first_visit_files']} files; "
            f"first search {cost['first_search_bytes'] / KIB:.1f} KiB in {cost['first_search_files']} files"
        )
    say(f"Results written to {out}")
    return all(b.passed for b in budgets)
