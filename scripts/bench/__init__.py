"""Performance budgets, measured in one run: `kb bench` (and `kb lighthouse`).

Every measurement works on a copy of the project in a temporary folder, so nothing here touches the project
itself. The budgets (see README, "Performance"):

- build time per 1,000 published words is at most 1.3 times that of a plain Material site with the same
  words: every page as this site's macros render it, written out as Markdown and built without macros or
  data (a plain site built from the source Markdown with the macro calls removed is timed too, for
  reference: it lacks the tables, source lists and glossary entries the data adds, about 60% of the words);
- the cost per page at the largest synthetic scale (50 copies of every page) is at most 1.2 times the
  cost per page at the next scale (10 copies): building stays linear;
- data is loaded and validated once per build, not once per page;
- a page's first load (the page and every same-origin file it loads, gzipped) weighs at most 100 KiB for
  every page type, counted from the files and measured in Chromium (a cold visit, served gzipped); nothing of
  search loads with a page, and the first search costs at most 200 KiB more (measured in Chromium);
- the preview's reload after a data edit takes at most 1.2 times plain Material's reload after a page edit,
  the two previews timed side by side;
- Lighthouse (mobile): performance at least 95, accessibility, best practices and SEO 100.

The modules, one job each:

- common      the bench's error, progress messages, waiting for a local server
- copies      the temporary workspace, the copy of the project, the synthetic copies of every page
- plainsite   word counts, and the plain Material sites the site is compared with
              (dump_markdown.py: the MkDocs hook that writes the published Markdown, in a copy's config only)
- builds      timed builds in fresh processes, and the in-process count of file reads
- weight      page weight on first load, counted from the built files
- searchcost  a cold first visit and the first search, measured in Chromium
- reload      the preview's reload, beside plain Material's
- lighthouse  Lighthouse runs on a local, gzipped copy of the built site
- budgets     budgets, the table and the JSON results (pure)
- reporting   printing and writing the results
- suite       `kb bench`: the steps in order

The bench uses the site's package (peerkb) but never its CLI: `kb bench` and `kb lighthouse` import this
package when they run, and MkDocs is run through peerkb.mkdocsrun, as the CLI and the tests run it.
"""

from __future__ import annotations

from .common import BenchError
from .copies import workspace
from .lighthouse import run_lighthouse
from .reporting import report
from .suite import parse_scales, run_bench

__all__ = ["BenchError", "parse_scales", "report", "run_bench", "run_lighthouse", "workspace"]
