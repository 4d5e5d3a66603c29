"""Unit tests of _ext/language.py (the en role) and of the glossary's English names, on
Sphinx's own fixtures (tests/unit/roots/test-language)."""

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors


def english_runs(page: BeautifulSoup) -> list[str]:
    return [e.get_text() for e in page.select("[lang=en]")]


@pytest.mark.sphinx("html", testroot="language", freshenv=True)
def test_english_is_marked_in_html(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert page.html["lang"] == "zh-CN"
    runs = english_runs(page)
    assert runs[:2] == ["The Follower Factory", "The Open Source Definition"]
    assert page.select_one("a.external [lang=en]").get_text() == "The Open Source Definition"  # inside the link
    # The glossary's English names, each on its own; an English term as a whole.
    assert runs[2:] == ["maintainer burnout", "burnout", "NumFOCUS"]
    numfocus = page.find("dt", id="term-numfocus")
    assert not numfocus.has_attr("lang") and numfocus.select_one("[lang=en]").get_text() == "NumFOCUS"


@pytest.mark.sphinx("epub", testroot="language", freshenv=True)
def test_english_is_marked_in_the_epub(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((app.outdir / "index.xhtml").read_text(encoding="utf-8"), "lxml")
    assert english_runs(page)[:2] == ["The Follower Factory", "The Open Source Definition"]


@pytest.mark.sphinx("latex", testroot="language", freshenv=True)
def test_the_pdf_keeps_the_text(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "The Follower Factory" in tex and "maintainer burnout" in tex


@pytest.mark.sphinx("html", testroot="language", srcdir="language-en", freshenv=True, confoverrides={"language": "en"})
def test_chinese_is_marked_in_the_english_edition_and_english_marks_go(app: SphinxTestApp) -> None:
    """The zh role marks Chinese as zh-CN; an en mark, in a page that is English, is dropped."""
    page = app.srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n引自译文：{zh}`可扩展、可扩展`。\n", encoding="utf-8")
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    html = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert html.html["lang"] == "en"
    # the zh run, and the glossary's Chinese term beside its English headword
    assert [e.get_text() for e in html.select("[lang=zh-CN]")] == ["维护者倦怠", "可扩展、可扩展"]
    assert "The Follower Factory" in html.get_text() and not html.select("p [lang=en]")
