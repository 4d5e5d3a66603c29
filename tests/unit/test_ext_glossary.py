"""Unit tests of _ext/glossary on Sphinx's own fixtures: tests/unit/roots/test-glossary is a
three-page MyST book (a glossary in two blocks, two pages that use its terms)."""

import inspect
import re

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinx.util.texescape import ascii_tex_replacements, tex_replacements
from sphinx.writers.latex import LaTeXTranslator

import _ext.glossary.index
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
        "term-open-source": "开源（open source,OSS）",
    }
    # every further English name is one more anchor of its entry (a renamed entry keeps its old one)
    more = {span["id"]: span.find_parent("dt")["id"] for span in soup(app, "terms.html").select("dl.glossary dt span[id]")}
    assert more == {"term-oss": "term-open-source", "term-general-data-protection-regulation": "term-gdpr"}
    links = [a["href"] for a in soup(app, "other.html").select("a.reference") if "#term-" in a["href"]]
    assert links == ["terms.html#term-open-source", "terms.html#term-maintainer-burnout"]  # Chinese, then English name
    # The private write of anchors.note_term, and the lookup back-links make: both names in
    # Sphinx's term table at the English anchor. If Sphinx stops keeping _terms, this fails.
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
    # tips.py adds aria-describedby to the <a> Sphinx's HTML writer wrote (self.body): if the writer
    # writes a link otherwise, the links have none and this fails.
    tips = {a.get_text(): page.find(id=a["aria-describedby"]).get_text() for a in page.select("a[aria-describedby]")}
    assert tips == {
        "维护者倦怠": "维护者倦怠（maintainer burnout）：维护者长期承担过多工作而疲惫。",
        "GDPR": "GDPR（General Data Protection Regulation）：欧盟的《通用数据保护条例》。",
    }


@pytest.mark.sphinx("epub", confoverrides={"html_baseurl": "https://example.org/book/", "version": "1", "copyright": "2026"})
def test_the_epub_has_back_links_and_the_published_data_but_no_tips(app: SphinxTestApp) -> None:
    """Each post-transform for the builders it serves: back-links for every HTML builder, tips for
    the website only (a reader would show the hidden tip as text), data links to the published site."""
    app.build()
    assert warnings(app) == []
    terms = BeautifulSoup((app.outdir / "terms.xhtml").read_text(encoding="utf-8"), "lxml")
    assert [a["href"] for a in terms.select("#term-gdpr ~ dd p.glossary-backlinks a")][:1] == ["index.xhtml"]
    assert [a["href"] for a in terms.select("p.glossary-data a")] == [
        f"https://example.org/book/terms.{fmt}" for fmt in ("json", "csv", "tbx")]
    index = (app.outdir / "index.xhtml").read_text(encoding="utf-8")
    assert "term-tip" not in index and "aria-describedby" not in index
    assert not list(app.outdir.glob("terms.json"))


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
    text = page.read_text(encoding="utf-8").replace("open source\nOSS\n", "").replace(
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
    """The reason for _ext/glossary/directive.py's Glossary directive. If this fails, MyST numbers the
    content from the file (executablebooks/MyST-Parser#1175 merged): remove the override."""
    app.build()
    # (directive line, content offset, first item) for a probe without and with an option.
    assert app.config.probe_seen == [(5, 0, 0), (9, 2, 0)], (
        "MyST now numbers directive content differently: review Glossary.run's renumbering")


@pytest.mark.sphinx("latex")
def test_pdf_index_files_chinese_terms_under_their_initial_and_back_links_give_pages(app: SphinxTestApp) -> None:
    app.build()
    assert warnings(app) == []
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\index{W维护者倦怠@\spxentry{维护者倦怠}|spxpagem}" in tex
    assert r"\index{K开源@\spxentry{开源}|spxpagem}" in tex
    # pagelinks.py: a label at each use outside the glossary, in reading order (the other page's
    # 开源 and maintainer burnout, then the home page's text after its toctree: 维护者倦怠, GDPR);
    # each entry's labels in \bookpages, in the glossary's order; none for see-also links.
    labels = re.findall(r"\\phantomsection\\label\{(glossary-use-\d+)\}", tex)
    assert labels == [f"glossary-use-{n}" for n in range(4)], labels
    pages = re.findall(r"\\bookpages\{([^}]*)\}", tex)
    assert pages == ["glossary-use-1,glossary-use-2", "glossary-use-3", "glossary-use-0"], pages


# The characters Sphinx's LaTeX writer escapes in an index entry, read from its code: TeX's
# (sphinx.util.texescape) and makeindex's (the replace() calls of LaTeXTranslator.visit_index).
SPECIAL = sorted({c for c, _tex in tex_replacements + ascii_tex_replacements if c.isascii() and c.isprintable()}
                 | set(re.findall(r"replace\('([^\\'])'", inspect.getsource(LaTeXTranslator.visit_index))))


def test_pdf_index_escapes_what_sphinx_escapes(make_app, test_root_copy, tmp_path, monkeypatch) -> None:
    """index.py writes a keyed Chinese entry itself: the same book built with Sphinx's own index
    writer (the visitor handing every entry to it) must escape the term the same way. The term
    holds every character Sphinx escapes (each backslash-escaped in the Markdown source)."""
    assert set('"@!|{}') <= set(SPECIAL), SPECIAL
    srcdir = test_root_copy("glossary")
    page = srcdir / "terms.md"
    page.write_text(page.read_text(encoding="utf-8").replace("开源 : K", "开源" + "".join("\\" + c for c in SPECIAL) + " : K"),
                    encoding="utf-8")

    def index_entry(builddir: str) -> tuple[str, str, str]:
        """(the key, the sort text, the printed text) of the term's index entry in the .tex."""
        app = make_app("latex", srcdir=srcdir, builddir=tmp_path / builddir, freshenv=True)
        app.build()
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        found = re.search(r"\\index\{(K?)(开源.*?)@\\spxentry\{(开源.*?)\}\|spxpagem\}", tex)
        assert found, f"no index entry for 开源 in {builddir}'s .tex"
        return found.groups()

    ours = index_entry("ours")
    monkeypatch.setattr(_ext.glossary.index, "keyed", lambda node: [])
    sphinxs = index_entry("sphinx")
    assert sphinxs[0] == "", (
        "Sphinx's LaTeX writer now files a glossary term under its key (开源 : K): _ext/glossary/index.py can go")
    assert ours == ("K", sphinxs[1], sphinxs[2]), (
        f"_ext/glossary/index.py escapes {ours[1:]} where Sphinx's visit_index writes {sphinxs[1:]}: update index_escape")


@pytest.mark.sphinx(srcdir="glossary-en", confoverrides={"language": "en"})
def test_another_language_needs_only_a_catalogue(app: SphinxTestApp) -> None:
    """With no catalogue for the language, the words are the English message ids; and in the
    English edition an entry's English name is its headword, its Chinese term the pair, marked
    zh-CN (in the tip too), with no English marked as English."""
    app.build()
    page = soup(app, "terms.html")
    term = page.select_one("dl.glossary dt#term-maintainer-burnout")
    assert term.get_text().strip().rstrip("#¶ ") == "maintainer burnout (维护者倦怠)"
    assert [e.get_text() for e in term.select("[lang]")] == ["维护者倦怠"] and term.select_one("[lang=zh-CN]")
    assert page.select_one("p.glossary-backlinks .backlinks-label").get_text() == "Mentioned in: "
    tip = soup(app, "index.html").select_one(".term-tip__text")
    assert tip.get_text() == "maintainer burnout (维护者倦怠): 维护者长期承担过多工作而疲惫。"
    assert [e.get_text() for e in tip.select("[lang]")] == ["维护者倦怠"]
