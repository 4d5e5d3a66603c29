"""Unit tests of _ext/glossary.py on Sphinx's own fixtures: tests/unit/roots/test-glossary is a
three-page MyST book (a glossary in two blocks, two pages that use its terms)."""

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext.glossary.index import index_escape
from _ext.glossary.terms import first_sentence

pytestmark = pytest.mark.sphinx("html", testroot="glossary", freshenv=True)


def soup(app: SphinxTestApp, page: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / page).read_text(encoding="utf-8"), "lxml")


def warnings(app: SphinxTestApp) -> list[str]:
    return strip_colors(app.warning.getvalue()).strip().splitlines()


def test_anchors_come_from_the_english_name_and_both_names_link(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    terms = {dt["id"]: dt.get_text("", strip=True).rstrip("#¶ ") for dt in soup(app, "terms.html").select("dl.glossary dt")}
    assert terms == {
        "term-maintainer-burnout": "维护者倦怠（maintainer burnout）",
        "term-gdpr": "GDPR（General Data Protection Regulation）",
        "term-open-source": "开源（open source）",
    }
    links = [a["href"] for a in soup(app, "other.html").select("a.reference") if "#term-" in a["href"]]
    assert links == ["terms.html#term-open-source", "terms.html#term-maintainer-burnout"]  # Chinese, then English name
    std = app.env.domains.standard_domain
    assert std._terms["维护者倦怠"] == std._terms["maintainer burnout"] == ("terms", "term-maintainer-burnout")
    assert std.objects["term", "maintainer burnout"] == ("terms", "term-maintainer-burnout")


def test_backlinks_name_page_and_section(app: SphinxTestApp) -> None:
    app.build()
    entries = {dt["id"]: dt.find_next_sibling("dd") for dt in soup(app, "terms.html").select("dl.glossary dt")}
    back = {anchor: [(a["href"], a.get_text()) for a in dd.select("p.glossary-backlinks a")] for anchor, dd in entries.items()}
    assert back == {
        "term-maintainer-burnout": [("index.html", "首页"), ("other.html#一节", "另一页 › 一节")],
        "term-gdpr": [("index.html", "首页")],  # not the glossary's own see-also link
        "term-open-source": [("other.html#一节", "另一页 › 一节")],
    }


def test_tips_hold_the_first_sentence(app: SphinxTestApp) -> None:
    app.build()
    page = soup(app, "index.html")
    tips = {a.get_text(): page.find(id=a["aria-describedby"]).get_text() for a in page.select("a[aria-describedby]")}
    assert tips == {
        "维护者倦怠": "维护者倦怠（maintainer burnout）：维护者长期承担过多工作而疲惫。",
        "GDPR": "GDPR（General Data Protection Regulation）：欧盟的《通用数据保护条例》。",
    }


@pytest.mark.parametrize(("text", "sentence"), [
    ("维护者长期承担过多工作而疲惫。这会让项目停滞。", "维护者长期承担过多工作而疲惫。"),
    ("Python 3.5 is old. So is U.S.A. law.", "Python 3.5 is old."),
    ("Read index.md first. Then the rest.", "Read index.md first."),
    ("它能跑吗？能。", "它能跑吗？"),
    ("See jupyter.org for more", "See jupyter.org for more"),
])
def test_first_sentence_rule(text: str, sentence: str) -> None:
    assert first_sentence(text) == sentence


@pytest.mark.sphinx(srcdir="glossary-errors")
def test_errors_name_the_line_of_the_file(app: SphinxTestApp) -> None:
    """Each glossary error at its own line, in a file whose glossaries do not start at the top,
    one of them with an option: term errors, and a broken {term} inside a definition
    (MyST numbers a directive's content from the block: executablebooks/MyST-Parser#1175)."""
    page = app.srcdir / "terms.md"
    text = page.read_text(encoding="utf-8").replace("open source\n", "").replace(
        "GDPR\nGeneral Data Protection Regulation", "GDPR\nmaintainer burnout").replace(
        "```{glossary}\n开源", "```{glossary}\n:sorted:\n\n开源").replace(
        "再发布的软件。", "再发布的软件。\n\n  参见：{term}`不存在的条目`。")
    page.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    duplicate = lines.index("maintainer burnout", lines.index("GDPR")) + 1
    no_english = lines.index("开源 : K") + 1
    broken = next(i for i, line in enumerate(lines) if "不存在的条目" in line) + 1
    app.build()
    assert sorted(warnings(app)) == sorted([
        f"{page}:{duplicate}: WARNING: duplicate term description of maintainer burnout, other instance in terms",
        f"{page}:{no_english}: WARNING: glossary entry '开源' has no English name: add it as a second term line [glossary.english_name]",
        f"{page}:{broken}: WARNING: term not in glossary: '不存在的条目' [ref.term]",
    ])


@pytest.mark.sphinx(testroot="myst-lines")
def test_myst_still_numbers_directive_content_from_the_block(app: SphinxTestApp) -> None:
    """The reason for _ext/glossary.py's Glossary directive. If this fails, MyST numbers the
    content from the file (executablebooks/MyST-Parser#1175 merged): remove the override."""
    app.build()
    # (directive line, content offset, first item) for a probe without and with an option.
    assert app.config.probe_seen == [(5, 0, 0), (9, 2, 0)], (
        "MyST now numbers directive content differently: review Glossary.run's renumbering")


@pytest.mark.sphinx("latex")
def test_pdf_index_files_chinese_terms_under_their_initial(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{W维护者倦怠@\spxentry{维护者倦怠}|spxpagem}" in tex
    assert r"\index{K开源@\spxentry{开源}|spxpagem}" in tex


def test_pdf_index_escapes_what_sphinx_escapes() -> None:
    assert index_escape(r'a!b@c|d"e\{f\}') == r'a"!b"@c\textbar{}d""e\sphinxleftcurlybrace{}f\sphinxrightcurlybrace{}'


@pytest.mark.sphinx(srcdir="glossary-en", confoverrides={"language": "en"})
def test_another_language_needs_only_a_catalogue(app: SphinxTestApp) -> None:
    """With no catalogue for the language, the words are the English message ids."""
    app.build()
    page = soup(app, "terms.html")
    assert page.select_one("dl.glossary dt .term-en").get_text() == " (maintainer burnout)"
    assert page.select_one("p.glossary-backlinks .backlinks-label").get_text() == "Mentioned in: "
    tip = soup(app, "index.html").select_one(".term-tip__text").get_text()
    assert tip == "维护者倦怠 (maintainer burnout): 维护者长期承担过多工作而疲惫。"
