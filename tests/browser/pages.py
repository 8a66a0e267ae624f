"""Opening a page of the built site in Chromium and recording what happens in it, for every browser test:
the requests it makes, its console errors and its Content-Security-Policy violations, and what the pinned
axe-core finds in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin, urlparse

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Screen sizes pages are checked at: a common phone and a desktop.
SCREENS = {
    "mobile": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
# The reader's device set to light or to dark colours, and the theme's name for the colours the page then shows.
SCHEMES = {"light": "default", "dark": "slate"}
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


def url_path(rel: str) -> str:
    """The URL path of a page from its file's path under docs/ (directory URLs)."""
    if not rel.endswith(".md"):
        return "/" + rel
    rel = rel[: -len(".md")]
    if rel == "index":
        return "/"
    if rel.endswith("/index"):
        return f"/{rel[: -len('index')]}"
    return f"/{rel}/"


# Where focus is, as a reader sees it: once the page's transitions have ended, and the element is in view (the browser
# scrolls it there on Tab; if it did not, this does, as a reader would). Each problem makes the stop one a reader cannot see.
FOCUS_CHECK = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  // Transitions (a link fading in, the menu sliding) jump to where they end: that is what a reader then sees.
  const settle = () => document.getAnimations().forEach(a => { try { a.finish(); } catch (infinite) { /* keeps running */ } });
  settle();
  const before = el.getBoundingClientRect();
  if (before.top < 0 || before.left < 0 || before.bottom > innerHeight || before.right > innerWidth) {
    el.scrollIntoView({block: "nearest", inline: "nearest"});
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    settle();
  }
  const box = el.getBoundingClientRect();
  // A link that wraps over two lines is judged by its first line: the middle of its whole box can fall on other text.
  const line = el.getClientRects()[0] || box;
  const x = line.left + line.width / 2, y = line.top + line.height / 2;
  const problems = [];
  if (box.width < 1 || box.height < 1) problems.push(`it has no size (${box.width} x ${box.height} px)`);
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) problems.push(`it is off the screen (its middle at ${Math.round(x)}, ${Math.round(y)})`);
  if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) problems.push("it is hidden (display, visibility or opacity)");
  const drawer = document.getElementById("__drawer");
  if (el.closest(".md-sidebar--primary") && drawer && !drawer.checked && matchMedia("(max-width: 76.234375em)").matches) {
    problems.push("it is in the closed menu");
  }
  if (!problems.length) {
    const top = document.elementFromPoint(x, y);
    if (top && !el.contains(top) && !top.contains(el)) problems.push(`it is covered by <${top.tagName.toLowerCase()} class="${top.className}">`);
  }
  const text = (el.getAttribute("aria-label") || el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
  const name = `<${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? ` class="${el.className}"` : ""}> "${text}"`;
  return {name, problems};
}"""


def invisible_focus_stops(page, limit: int = 1500) -> tuple[int, list[str]]:
    """Press Tab from where focus is until it leaves the page: how many stops there were, and every stop on something a
    reader cannot see (of no size, off the screen, hidden, in the closed menu, or under something else)."""
    problems: list[str] = []
    for stop in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_CHECK)
        if found is None:
            return stop, problems
        problems += [f"Tab {stop + 1}: {found['name']}: {problem}" for problem in found["problems"]]
    raise AssertionError(f"focus did not leave the page after {limit} presses of Tab")


# --- the site's search dialog ---


def paths(page, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.href)")
    return [urlparse(urljoin(page.url, href)).path for href in hrefs]


def search(page, query: str) -> None:
    """Type the query key by key, as a person would, and wait for the results that answer it."""
    box = page.locator("[data-kb-search-input]")
    box.fill("")
    box.type(query, delay=5)
    page.wait_for_function(
        "q => document.querySelector('[data-kb-search-results]').getAttribute('data-kb-search-done') === q",
        arg=query,
        timeout=15000,
    )


def public_results(page) -> list[str]:
    return paths(page, ".kb-search__list:not(.kb-search__list--contributors) .kb-search__link")
