"""Opening a page of the built site in Chromium and recording what happens in it, for every browser test:
the requests it makes, its console errors and its Content-Security-Policy violations, and what the pinned
axe-core finds in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Screen sizes pages are checked at: a common phone and a desktop.
SCREENS = {
    "mobile": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# Runs before the page's own scripts, as an init script, which the page's Content-Security-Policy does not
# govern: every violation of the policy is passed to the test (through an exposed function, which survives
# navigation).
CSP_LISTENER = """
window.addEventListener("securitypolicyviolation", (event) => {
  window.__kbCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "(none)"}`
    + ` (${event.sourceFile || "the page"}:${event.lineNumber})`);
}, true);
"""


@dataclass
class Visit:
    """What happened while a page loaded."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)


def new_page(browser, **context_options):
    """A page in a context of its own, recording what happens in it (see Visit)."""
    context = browser.new_context(**context_options)
    visit = Visit()
    context.expose_function("__kbCspViolation", lambda message: visit.csp.append(message))
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and visit.errors.append(message.text))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    return context, page, visit


def open_page(browser, url: str, **context_options):
    context, page, visit = new_page(browser, **context_options)
    page.goto(url, wait_until="networkidle")
    return context, page, visit


def assert_private_and_error_free(page, visit: Visit) -> None:
    """No request to another host, no console error and no Content-Security-Policy violation so far."""
    page.evaluate("0")  # a round trip, so that violations reported before it have arrived
    assert foreign(visit.requests) == []
    assert visit.errors == []
    assert visit.csp == [], "Content-Security-Policy violations:\n" + "\n".join(visit.csp)


def axe_violations(page, axe_source: str) -> tuple[int, str]:
    """Run the pinned axe-core on the page: the number of violations and a report of them.

    The script is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    govern; a <script> element added to the page would be inline script, which the policy blocks."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(results => results.violations)",
        WCAG_TAGS,
    )
    return len(violations), axe_report(violations)


def axe_report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{', '.join(v['tags'])}] {v['helpUrl']}")
        for node in v["nodes"]:
            summary = " ".join(line.strip() for line in (node.get("failureSummary") or "").splitlines()[1:2])
            lines.append(f"  {' > '.join(map(str, node['target']))}: {summary}")
    return f"axe-core found {len(violations)} violation(s):\n" + "\n".join(lines)


def foreign(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"]
