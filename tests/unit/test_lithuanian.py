"""The Lithuanian edition's search words, wording rules and plain-language measure (LIX), with the sample pages in
tests/fixtures/lithuanian/: a plain one, a short one, a hard one, and one with wording to avoid and look-alikes."""

from __future__ import annotations

import shutil
from functools import lru_cache

import pytest

from helpers import ROOT
from peerkb import search
from peerkb.check import check_project
from peerkb.cli import main
from peerkb.content import LIX_CEILING, SENTENCE_CEILING, language_of, lix, wording_hits
from peerkb.models import WordingRule, avoid_forms, search_normal
from peerkb.pages import read_page
from peerkb.sitemacros import avoid_phrases
from peerkb.validate import KnowledgeBase

SAMPLES = ROOT / "tests" / "fixtures" / "lithuanian"


# The sample pages stand alone: they translate no English page, which the check reports for each (tested in
# test_translations.py); these tests are about the wording, plain-language and search rules.
NO_PROVENANCE = "page must say which English page it translates"


def lithuanian_problems(project) -> list[str]:
    return [problem for problem in project.problems() if NO_PROVENANCE not in problem]


@lru_cache(maxsize=1)
def real_kb() -> KnowledgeBase:
    return check_project(ROOT).kb


def lt_crisis() -> dict[str, list[str]]:
    return search.search_data(real_kb(), "lt", "get-help-now/", [])["crisis"]


def with_lithuanian(project, *samples: str) -> None:
    """The fixture project with the site's real search words and wording rules (English and Lithuanian), and the
    sample pages under docs/lt/."""
    shutil.copy(ROOT / "data" / "search.yml", project.root / "data" / "search.yml")
    shutil.copy(ROOT / "data" / "wording.yml", project.root / "data" / "wording.yml")
    (project.root / "docs" / "lt").mkdir(exist_ok=True)
    for name in samples:
        shutil.copy(SAMPLES / name, project.root / "docs" / "lt" / name)


# --- search ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("ąčęėįšųūž", "aceeisuuz"),
        ("ĄČĘĖĮŠŲŪŽ", "aceeisuuz"),
        ("Savižudybės", "savizudybes"),
        ("Nenoriu gyventi!", "nenoriu gyventi"),
        ("„Vilties linija“", "vilties linija"),
    ],
)
def test_search_folds_every_lithuanian_letter(text, normal):
    assert search_normal(text) == normal


# Every word and phrase of the research's crisis list (section 3), as a reader types it: with accents and without,
# in capitals, in other forms, and inside a longer question.
CRISIS_QUERIES = [
    "savižudybė",
    "savizudybe",
    "savižudybės",
    "SAVIŽUDYBĖ",
    "savižudybę",
    "mintys apie savižudybę",
    "savižudiškos mintys",
    "savizudiskos mintys",
    "nusižudyti",
    "nusizudyti",
    "nusižudysiu",
    "nusižudžiau",
    "noriu nusižudyti",
    "žudytis",
    "zudytis",
    "noriu mirti",
    "nenoriu gyventi",
    "nebenoriu gyventi",
    "nesinori gyventi",
    "nesinori gyvent",
    "gyvenimas beprasmis",
    "nematau prasmės",
    "nematau prasmes",
    "nebegaliu",
    "aš daugiau nebegaliu",
    "noriu viską užbaigti",
    "noriu viska uzbaigti",
    "be manęs bus lengviau",
    "be manes bus lengviau",
    "geriau užmigti ir nepabusti",
    "ką nors sau pasidarysiu",
    "ka nors sau pasidarysiu",
    "norėčiau pradingti",
    "noreciau pradingti",
    "savižala",
    "savizala",
    "savižalos",
    "susižaloti",
    "susizalojau",
    "pjaustausi",
    "krizė",
    "krize",
    "krizės centras",
    "skubi pagalba",
    "skubios pagalbos",
    "emocinė parama",
    "emocine parama",
    "emocinės paramos telefonas",
    "emocinė pagalba",
    "psichologinė pagalba",
    "psichologines pagalbos",
    "pasikalbėti",
    "pasikalbeti",
    "su kuo pasikalbėti",
    "neviltis",
    "nevilties",
    "vienatvė",
    "vienatve",
    "panika",
    "panikos priepuolis",
]


@pytest.mark.parametrize("query", CRISIS_QUERIES)
def test_every_lithuanian_crisis_word_shows_the_card(query):
    assert search.is_crisis(query, lt_crisis())


@pytest.mark.parametrize(
    "query",
    [
        "savitarpio pagalba",
        "savitarpio pagalbos teikėjas",
        "atsigavimas",
        "kalėjimas",
        "kalejimas",
        "jaunimas",
        "supervizija",
        "darbo užmokestis",
        "psichikos sveikata",
        "pagalba",
        "Islandija",
    ],
)
def test_ordinary_lithuanian_queries_do_not_show_the_card(query):
    assert not search.is_crisis(query, lt_crisis())


def test_english_crisis_words_still_show_the_card_in_english():
    crisis = search.search_data(real_kb(), "en", "get-help-now/", [])["crisis"]
    assert search.is_crisis("I want to die", crisis) and search.is_crisis("Suicidal thoughts", crisis)
    assert not search.is_crisis("peer support worker salary", crisis)


def test_the_lithuanian_search_data_has_its_own_words_and_card():
    data = search.search_data(real_kb(), "lt", "get-help-now/", ["atsigavimas"])
    assert {"savizud", "nusizud", "savizal", "kriz"} <= set(data["crisis"]["stems"])
    assert {"i", "ir", "ka", "kad", "apie", "man", "as", "mano"} <= set(data["stop_words"])
    assert not {"ne", "be", "nebe"} & set(data["stop_words"])  # words that change the meaning are kept
    assert data["text"] == {
        "no_results": "Puslapių nerasta.",
        "one_result": "Rastas 1 puslapis.",
        "many_results": "Rasta puslapių: {n}.",
        "did_you_mean": "Gal ieškojote:",
        "for_contributors": "Prisidedantiems prie svetainės",
        "more_results": "Rodyti daugiau rezultatų",
    }
    card = data["card"]
    assert (card["heading"], card["emergency_label"], card["support_label"]) == (
        "Reikia pagalbos dabar?",
        "Skubiu atveju skambinkite",
        "Jei norite su kuo nors pasikalbėti, skambinkite",
    )
    assert card["help_link"] == "Pagalba dabar – numeriai visoms šalims, apie kurias rašome"
    assert card["support_number"] == "116 123" and card["help_url"] == "get-help-now/"
    assert real_kb().search["lt"].close == "Uždaryti paiešką"


def test_the_card_takes_country_names_from_the_translation_lookup(monkeypatch):
    names = {("lt", "countries", "lt", "name"): "Lietuva", ("lt", "countries", "is", "name"): "Islandija"}
    monkeypatch.setattr(search, "localized_text", lambda kb, language, kind, entry_id, field, english: names.get((language, kind, entry_id, field), english))
    kb = real_kb()
    card = search.card(kb, kb.search["lt"], "get-help-now/")
    places = {place for entry in card["emergency"] for place in entry["places"]}
    assert {"Lietuva", "Islandija"} <= places and "Lithuania" not in places
    assert "Lietuva" in card["support"] and "Lithuania" not in card["support"]
    english = search.card(kb, kb.search["en"], "get-help-now/")
    assert "Lithuania" in english["support"] and "Lietuva" not in english["support"]


def test_the_lithuanian_card_names_countries_in_lithuanian():
    kb = real_kb()
    assert search.country_name(kb, "lt", "lt") == kb.translations["lt"]["countries"]["lt"]["name"] == "Lietuva"
    assert search.country_name(kb, "en", "lt") == "Lithuania"
    assert search.country_name(kb, "lt", "zz") == "zz"


def test_lithuanian_pages_need_a_lithuanian_search_entry(project):
    (project.root / "docs" / "lt").mkdir()
    shutil.copy(SAMPLES / "disclaimer.md", project.root / "docs" / "lt" / "disclaimer.md")
    assert lithuanian_problems(project) == [
        "data/search.yml:1: has no entry for 'lt', the language of the pages under docs/lt/ (add an entry with id: lt, as for the other languages)"
    ]


def test_a_lithuanian_page_may_not_claim_a_lithuanian_crisis_word_as_a_keyword(project):
    with_lithuanian(project, "disclaimer.md")
    project.replace("docs/lt/disclaimer.md", "audience: [public]", "audience: [public]\nkeywords: [savižudybės, atsakomybė]")
    assert lithuanian_problems(project) == [
        "docs/lt/disclaimer.md:5: the keyword 'savižudybės' is a crisis word ('savizud') "
        "(a search for it shows the urgent-help card and page first; only the urgent-help page may list it)"
    ]


def test_the_lithuanian_urgent_help_page_may_list_crisis_words(project):
    with_lithuanian(project)
    shutil.copy(project.root / "docs" / "world.md", project.root / "docs" / "lt" / "world.md")
    project.replace("docs/lt/world.md", "audience: [public, policymakers]", "audience: [public, policymakers]\nkeywords: [savižudybė, krizė]")
    assert lithuanian_problems(project) == []


# --- wording -----------------------------------------------------------------------------------------------


def test_a_file_s_language_goes_by_its_folder():
    assert [language_of(p) for p in ("docs/lt/index.md", "docs/index.md", "docs/ltd.md", "data/translations/lt/glossary.yml", "data/glossary/a.yml")] == [
        "lt",
        "en",
        "en",
        "lt",
        "en",
    ]


def test_endings_in_brackets_stand_for_every_form():
    assert avoid_forms("psichikos ligon(is|io|iui)") == ["psichikos ligonis", "psichikos ligonio", "psichikos ligoniui"]
    assert avoid_forms("(ne|)sėkming(as|o) bandymas") == ["nesėkmingas bandymas", "nesėkmingo bandymas", "sėkmingas bandymas", "sėkmingo bandymas"]
    assert avoid_forms("suffers from") == ["suffers from"]


def test_the_sample_page_s_wording_is_found_with_file_line_and_alternative(project):
    with_lithuanian(project, "wording.md")
    slur = "These are slurs (in 2023 the equal-opportunities ombudsperson ruled 'psichas' stigmatising) and keep stigma alive."
    slur_hint = "write 'neutralus apibūdinimas, pavyzdžiui, krizę išgyvenantis žmogus' instead"
    romantic = "The ethics code for the media bans romanticising descriptions of suicide and presenting it as a choice or a solution."
    disability = "These words name a person by a disability; 'asmuo su negalia' puts the person first."
    assert lithuanian_problems(project) == [
        "docs/lt/wording.md:11: 'psichikos ligonius' is wording to avoid: 'Mental patient' (psichikos ligonis) reduces a person to an illness; "
        "the national anti-stigma campaign puts the person first. (write 'žmogus, turintis psichikos sveikatos sutrikimų, arba psichikos "
        'sveikatos sunkumų patiriantis asmuo\' instead; to quote it on purpose, write {{ avoid("psichikos ligonius") }})',
        f"docs/lt/wording.md:12: 'beprote' is wording to avoid: {slur} ({slur_hint}; to quote it on purpose, write {{{{ avoid(\"beprote\") }}}})",
        f"docs/lt/wording.md:12: 'psichu' is wording to avoid: {slur} ({slur_hint}; to quote it on purpose, write {{{{ avoid(\"psichu\") }}}})",
        f"docs/lt/wording.md:13: 'išprotėjo' is wording to avoid: {slur} ({slur_hint}; to quote it on purpose, write {{{{ avoid(\"išprotėjo\") }}}})",
        "docs/lt/wording.md:14: 'šizofrenikas' is wording to avoid: A diagnosis is something a person has, not who they are; people should not "
        "be described by their mental health condition. (write 'žmogus, sergantis šizofrenija, arba žmogus, turintis diagnozę' instead; "
        'to quote it on purpose, write {{ avoid("šizofrenikas") }})',
        f"docs/lt/wording.md:15: 'Invalidų' is wording to avoid: {disability} (write 'asmuo su negalia; psichosocialinė negalia' instead; "
        'to quote it on purpose, write {{ avoid("invalidų") }})',
        f"docs/lt/wording.md:15: 'neįgalieji' is wording to avoid: {disability} (write 'asmuo su negalia; psichosocialinė negalia' instead; "
        'to quote it on purpose, write {{ avoid("neįgalieji") }})',
        f"docs/lt/wording.md:16: 'pasirinko mirtį' is wording to avoid: {romantic} (write 'nusižudė, arba mirė dėl savižudybės' instead; "
        'to quote it on purpose, write {{ avoid("pasirinko mirtį") }})',
        "docs/lt/wording.md:16: 'savižudis' is wording to avoid: It labels a person by a death or a crisis; describe what happened instead. "
        "(write 'nusižudęs žmogus, savižudybės krizę išgyvenantis asmuo, arba nusižudžiusiųjų artimieji' instead; "
        'to quote it on purpose, write {{ avoid("savižudis") }})',
        f"docs/lt/wording.md:17: 'savo noru pasitraukė' is wording to avoid: {romantic} (write 'nusižudė, arba mirė dėl savižudybės' instead; "
        'to quote it on purpose, write {{ avoid("savo noru pasitraukė") }})',
        "docs/lt/wording.md:17: 'įvykdė savižudybę' is wording to avoid: 'Įvykdyti' is said of crimes and plans; like 'committed suicide' in "
        "English, it adds blame to a death. (write 'nusižudė' instead; to quote it on purpose, write {{ avoid(\"įvykdė savižudybę\") }})",
        "docs/lt/wording.md:18: 'nesėkmingo bandymo nusižudyti' is wording to avoid: Death is never a success, and surviving is not a failure; "
        "outside suicide, a (ne)sėkmingas bandymas is an ordinary phrase and is not flagged. (write 'bandymas nusižudyti, arba mėginimas "
        'nusižudyti\' instead; to quote it on purpose, write {{ avoid("nesėkmingo bandymo nusižudyti") }})',
    ]


def lt_rules() -> list[WordingRule]:
    return [rule for rule in real_kb().wording.values() if rule.language == "lt"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Jis – psichinis ligonis.", ["psichinis ligonis"]),
        ("Apie psichinius ligonius.", ["psichinius ligonius"]),
        ("Psichikos ligonių teisės.", ["Psichikos ligonių"]),
        ("Su psichikos ligone.", ["psichikos ligone"]),
        ("Pavojingas psichikos ligonis.", ["psichikos ligonis"]),
        ("Šyzikas ir šizikai.", ["Šyzikas", "šizikai"]),
        ("Bepročių namai.", ["Bepročių"]),
        ("Neįgaliųjų teisės.", ["Neįgaliųjų"]),
        ("Savižudžių artimieji.", ["Savižudžių"]),
        ("Jis įvykdė savižudybę.", ["įvykdė savižudybę"]),
        ("Savižudybę įvykdžiusių žmonių.", ["Savižudybę įvykdžiusių"]),
        ("Sėkmingas savižudybės bandymas.", ["Sėkmingas savižudybės bandymas"]),
        ("Sėkminga savižudybė.", ["Sėkminga savižudybė"]),
        ("Jie esą savo noru pasitraukė.", ["savo noru pasitraukė"]),
        ("Po nesėkmingo bandymo nusižudyti.", ["nesėkmingo bandymo nusižudyti"]),
    ],
)
def test_lithuanian_wording_is_found_in_its_other_forms(text, found):
    assert [written for _, written, _ in wording_hits(text, lt_rules())] == found


@pytest.mark.parametrize(
    "text",
    [
        "Psichikos sveikata ir psichiatras.",
        "Psichologas, psichoterapija ir psichoterapeutas.",
        "Psichikos ligoninė ir psichikos ligoninėje.",
        "Psichikos ligos ir psichikos sutrikimai.",
        "Psichinė sveikata ir psichiniai sunkumai.",
        "Psichė ir psichika.",
        "Psichosocialinė reabilitacija ir psicho-socialinis.",
        "Savižudybė, savižudybės prevencija ir savižudiškos mintys.",
        "Po kelių nesėkmingų bandymų rasti darbą.",
        "Sėkmingas bandymas pakeisti tvarką.",
        "Invalidumo pensija.",
        "Neįgalus žmogus ir neįgalumas.",
        "Neįgaliųjų reikalų departamentas ir Lietuvos neįgaliųjų forumas.",
        "Jis pasirinko mirties bausmės panaikinimą.",
        "Beprotiškai gražu.",
    ],
)
def test_ordinary_lithuanian_words_are_not_flagged(text):
    assert wording_hits(text, lt_rules()) == []


def test_english_rules_leave_lithuanian_pages_alone_and_lithuanian_rules_english_ones(project):
    with_lithuanian(project, "disclaimer.md")
    project.append("docs/lt/disclaimer.md", "\nJis suffers from nieko.\n")
    project.append("docs/index.md", "\nA psichikos ligonis in English text.\n")
    assert lithuanian_problems(project) == []


def test_lithuanian_wording_in_lithuanian_data_translations(project):
    with_lithuanian(project)
    (project.root / "data" / "translations" / "lt").mkdir(parents=True, exist_ok=True)
    (project.root / "data" / "translations" / "lt" / "glossary.yml").write_text(
        "# savižudis in a comment is left alone\nterm-one:\n  definition: Apie psichikos ligonius.\n", encoding="utf-8"
    )
    problems = lithuanian_problems(project)
    assert [p.split(" is wording")[0] for p in problems if "wording to avoid" in p] == ["data/translations/lt/glossary.yml:3: 'psichikos ligonius'"]


def test_avoid_quotes_a_lithuanian_phrase_in_any_of_its_forms(project):
    with_lithuanian(project)
    project.replace("docs/index.md", "A claim with a source", 'We avoid {{ avoid("psichikos ligonių") }} and {{ avoid("savižudis") }}. A claim with a source')
    assert lithuanian_problems(project) == []
    assert "psichikos ligonių" in avoid_phrases(real_kb().wording.values())


def test_a_phrase_with_broken_brackets_is_refused(project):
    project.replace("data/wording.yml", '["suffers from", "suffering from"]', '["suffers from", "ligon(is io)"]')
    assert lithuanian_problems(project) == [
        "data/wording.yml:3: entry 'suffers-from' → avoid: 'ligon(is io)' is not a phrase of words with their endings in brackets "
        "(write words of letters; for a word whose ending changes, list its endings in brackets, separated by |, e.g. ligon(is|io|iui), "
        "without spaces or brackets inside brackets)"
    ]


def test_the_style_guide_table_shows_each_language_apart():
    from peerkb.render import render_wording_table

    html = render_wording_table(real_kb().wording.values())
    assert html.count("<table>") == 2
    assert "<caption>Wording to avoid, and what to write instead</caption>" in html
    assert "<caption>Lithuanian wording to avoid (pages under docs/lt/ and data/translations/lt/), and what to write instead</caption>" in html
    assert '<tr id="wording-lt-savizudis">' in html and '<td lang="lt"><q>savižud(is|<wbr>žio|<wbr>' in html
    assert html.index("wording-committed-suicide") < html.index("wording-lt-psichikos-ligonis")


# --- plain language: LIX ---------------------------------------------------------------------------------------


def sample(name: str):
    page, _ = read_page(SAMPLES / name, ROOT)
    return page


def test_lix_counts_words_sentences_and_long_words():
    result = lix(sample("understanding-peer-support.md"), "lt")
    assert (result.words, result.sentences, result.long_words) == (408, 30, 214)
    assert round(result.score, 1) == 66.1 and round(result.words_per_sentence, 1) == 13.6


def test_lix_reads_lithuanian_letters_and_abbreviations():
    from peerkb.pages import Page

    page = Page("docs/lt/x.md", None, "Tai įvyko 2024 m. rugsėjo 3 d. Vilniuje, t. y. sostinėje.\nŽmogus džiaugėsi.\n", 1)
    result = lix(page)
    # 'Žmogus' and 'džiaugėsi' are words of their own letters; 'm.', 'd.' and 't. y.' end no sentence.
    assert (result.words, result.sentences, result.long_words) == (11, 2, 4)


def test_a_hard_lithuanian_page_is_reported_with_file_and_numbers(project):
    with_lithuanian(project, "hard.md")
    hint = "(split long sentences, use lists, and choose shorter, everyday words; `kb report` shows every Lithuanian page's LIX)"
    assert lithuanian_problems(project) == [
        f"docs/lt/hard.md:9: LIX 110 is above {LIX_CEILING:.0f} for a public page (28.2 words a sentence, 82% of words longer than 6 letters) {hint}",
        f"docs/lt/hard.md:9: sentences average 28.2 words, more than {SENTENCE_CEILING:.0f} for a public page (LIX 110) {hint}",
    ]


def test_plain_and_short_lithuanian_pages_pass(project):
    with_lithuanian(project, "understanding-peer-support.md", "disclaimer.md")
    assert lithuanian_problems(project) == []


def test_a_page_of_short_words_in_long_sentences_is_reported_for_its_sentences_alone(project):
    with_lithuanian(project, "disclaimer.md")
    sentence = "Mes kartu einame į parką ir ten dažnai ilgai kalbame apie tai, kas mums svarbu šiandien vakare.\n"
    project.write("docs/lt/disclaimer.md", (SAMPLES / "disclaimer.md").read_text(encoding="utf-8").split("# ")[0] + "# Pavyzdys\n\n" + sentence * 10)
    assert lithuanian_problems(project) == [
        "docs/lt/disclaimer.md:9: sentences average 15.5 words, more than 15 for a public page (LIX 28) "
        "(split long sentences, use lists, and choose shorter, everyday words; `kb report` shows every Lithuanian page's LIX)"
    ]


def test_lithuanian_pages_for_contributors_are_not_measured(project):
    with_lithuanian(project, "hard.md")
    project.replace("docs/lt/hard.md", "audience: [public]", "audience: [contributors]")
    assert lithuanian_problems(project) == []


def test_english_pages_keep_the_flesch_score(project):
    with_lithuanian(project, "understanding-peer-support.md")
    shutil.copy(SAMPLES / "hard.md", project.root / "docs" / "hard.md")  # Lithuanian text outside docs/lt/ is measured as English
    problems = lithuanian_problems(project)
    assert len(problems) == 1 and problems[0].startswith("docs/hard.md:9: reading ease ")


def test_the_report_lists_lithuanian_pages_with_lix_words_and_sentence_length(project, capsys):
    with_lithuanian(project, "hard.md", "understanding-peer-support.md", "disclaimer.md")
    assert main(["report", "--root", str(project.root)]) == 0
    out = capsys.readouterr().out
    lithuanian = out[out.index("Lithuanian pages (docs/lt/)") :].splitlines()
    assert lithuanian == [
        "Lithuanian pages (docs/lt/), hardest first",
        "  LIX  words  w/sent  long  public  page",
        "  110    169    28.2   82%     yes  docs/lt/hard.md  over ceiling",
        "   66    408    13.6   52%     yes  docs/lt/understanding-peer-support.md",
        "   59    130     9.3   49%     yes  docs/lt/disclaimer.md",
        "",
        "3 Lithuanian pages. Public pages of 150+ words need a LIX of at most 70 and at most 15 words a sentence on average "
        "(lower is easier; long: words of more than 6 letters).",
    ]
    assert "docs/lt/" not in out[: out.index("Lithuanian pages (docs/lt/)")]


def test_avoid_marks_a_lithuanian_phrase_and_its_alternative_as_lithuanian():
    from peerkb.render import render_avoid

    rules = avoid_phrases(real_kb().wording.values())
    assert render_avoid("savižudis", rules["savižudis"]) == (
        '<span class="kb-avoid" data-pagefind-ignore><q lang="lt">savižudis</q> <span class="kb-avoid__note">(avoid; write “<span lang="lt">'
        "nusižudęs žmogus, savižudybės krizę išgyvenantis asmuo, arba nusižudžiusiųjų artimieji</span>”)</span></span>"
    )
    assert render_avoid("suffers from", rules["suffers from"]) == (
        '<span class="kb-avoid" data-pagefind-ignore><q>suffers from</q> <span class="kb-avoid__note">(avoid; write “lives with, experiences, or has”)</span></span>'
    )


def test_endings_in_the_table_are_escaped_and_may_break_after_each_bar():
    from peerkb.render import render_wording_table

    rule = WordingRule.model_construct(id="x", language="lt", avoid=["<b>(a|b)"], instead="a & b", why="w", allow=[])
    html = render_wording_table([rule])
    assert '<td lang="lt"><q>&lt;b&gt;(a|<wbr>b)</q></td>' in html and "<b>" not in html
