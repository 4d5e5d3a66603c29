"""Unit tests of _ext/anchors.py: section anchors from the heading's words, built with Sphinx's
own test fixtures (tests/unit/roots/test-anchors, a two-page MyST project)."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

pytestmark = pytest.mark.sphinx("html", testroot="anchors", freshenv=True)


def section_ids(outdir: Path, page: str) -> dict[str, str]:
    """Heading text -> the id of its section."""
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "lxml")
    return {s.find(re.compile("^h[1-6]$")).get_text(strip=True).rstrip("¶#"): s["id"] for s in soup.find_all("section")}


def test_sections_are_named_by_their_slug_or_label(app: SphinxTestApp) -> None:
    app.build()
    assert section_ids(app.outdir, "index.html") == {
        "首页": "首页", "背景：GDPR": "背景gdpr", "对 GDPR 的质疑": "对-gdpr-的质疑", "有标签的一节": "kept-label",
    }
    assert section_ids(app.outdir, "other.html") == {"另一页": "另一页", "数据的偏差": "数据的偏差", "Jupyter 与 Dask": "jupyter-与-dask"}
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'id="id\d+"|#id\d+"', html), "a positional id is left"
    # MyST's own [text](#slug) links follow the slug, in the page and across pages.
    assert 'href="#对-gdpr-的质疑"' in html and 'href="other.html#数据的偏差"' in html
    assert strip_colors(app.warning.getvalue()) == ""


@pytest.mark.sphinx(srcdir="anchors-insert")
def test_a_section_added_above_moves_no_anchor(app: SphinxTestApp) -> None:
    app.build()
    before = section_ids(app.outdir, "index.html")
    page = app.srcdir / "index.md"
    text = page.read_text(encoding="utf-8")
    # A new section first, itself about GDPR: docutils would give it the ASCII id "gdpr" of
    # the old ones, or shift every positional id by one.
    page.write_text(text.replace("## 背景：GDPR", "## 新的一节：GDPR 罚款\n\n正文。\n\n## 背景：GDPR"), encoding="utf-8")
    app.build()  # incremental: index.md is read again
    after = section_ids(app.outdir, "index.html")
    assert after.pop("新的一节：GDPR 罚款") == "新的一节gdpr-罚款"
    assert after == before


@pytest.mark.sphinx(srcdir="anchors-renamed")
def test_a_renamed_heading_keeps_its_old_anchor_with_a_label(app: SphinxTestApp) -> None:
    """What tests/anchors.txt asks of a renamed heading: its old slug as a label above it. A label
    in Chinese keeps its own words (docutils' id for it would be "gdpr"); the new slug works too,
    and the links to the old anchor, from the page and from another page, still land."""
    page = app.srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## 背景：GDPR", "(背景gdpr)=\n## 背景：欧盟的 GDPR"), encoding="utf-8")
    other = app.srcdir / "other.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n见{ref}`背景gdpr`和[背景](index.md#背景gdpr)。\n", encoding="utf-8")
    app.build()
    soup = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert section_ids(app.outdir, "index.html")["背景：欧盟的 GDPR"] == "背景gdpr"
    assert soup.find(id="背景欧盟的-gdpr") is not None and soup.find(id="gdpr") is None
    links = BeautifulSoup((app.outdir / "other.html").read_text(encoding="utf-8"), "lxml").select("a.reference.internal")
    assert [a["href"] for a in links if "背景" in a["href"]] == ["index.html#背景gdpr", "index.html#背景gdpr"]
    assert strip_colors(app.warning.getvalue()) == ""
    from docutils import nodes

    assert nodes.make_id("背景gdpr") == "gdpr", "docutils' ids now keep Chinese: _labels_keep_their_words can go"


@pytest.mark.sphinx(srcdir="anchors-collide")
def test_a_slug_held_by_another_sections_docutils_id_is_given_back(app: SphinxTestApp) -> None:
    """"## 对 GDPR 的质疑" gets docutils' id gdpr, so MyST does not give the later "## GDPR"
    its slug gdpr; once the first section's implicit id is freed, the second gets it."""
    page = app.srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## GDPR\n\n正文。\n", encoding="utf-8")
    app.build()
    ids = section_ids(app.outdir, "index.html")
    assert ids["GDPR"] == "gdpr" and ids["对 GDPR 的质疑"] == "对-gdpr-的质疑"
    assert strip_colors(app.warning.getvalue()) == ""


@pytest.mark.sphinx(srcdir="anchors-no-words")
def test_a_heading_without_a_slug_is_a_warning_at_its_line(app: SphinxTestApp) -> None:
    (app.srcdir / "other.md").write_text("# 另一页\n\n## 数据的偏差\n\n正文。\n\n## ！？\n", encoding="utf-8")
    app.build()
    warnings = strip_colors(app.warning.getvalue()).strip().splitlines()
    assert len(warnings) == 1, warnings
    assert re.fullmatch(
        re.escape(f"{app.srcdir / 'other.md'}:7: WARNING: section '！？' has only a positional anchor (#") + r"id\d+"
        + re.escape("), which moves when a section is added above it: give it a label, (name)=, or a heading MyST "
                    "can make a unique slug of [anchors.positional]"),
        warnings[0],
    ), warnings[0]


@pytest.mark.sphinx(confoverrides={"extensions": ["myst_parser"]})
def test_myst_alone_still_keeps_the_positional_id_first(app: SphinxTestApp) -> None:
    """The reason for _ext/anchors.py. If this fails, MyST makes the slug the first id itself
    (executablebooks/MyST-Parser#1158 made it a second one): remove the module and this test."""
    app.build()
    soup = BeautifulSoup((app.outdir / "other.html").read_text(encoding="utf-8"), "lxml")
    heading = next(h for h in soup.find_all("h2") if "数据的偏差" in h.get_text())
    assert re.fullmatch(r"id\d+", heading.parent["id"]), "MyST no longer gives 数据的偏差 a positional id: review _ext/anchors.py"
    assert soup.find(id="数据的偏差") is not None, "MyST no longer emits the slug as an id: review _ext/anchors.py"
