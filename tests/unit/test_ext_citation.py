"""Unit tests of _ext/citation.py: the citation forms from a CITATION.cff, and, on Sphinx's own
fixtures, the directive and the meta tags (tests/unit/roots/test-citation: a book of four authors,
two of them with Latin names, one Chinese, one an organisation, with a place of publication)."""

import re

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext.citation import bibtex, bibtex_escape, gbt7714, gbt_name, ris

BOOK = {"type": "book", "title": "Seeds", "authors": [{"family-names": "Kinchy", "given-names": "Abby"}],
        "publisher": {"name": "MIT Press", "city": "Cambridge, Mass."}, "year": 2012, "url": "http://lib.example/381443"}


@pytest.mark.parametrize(("author", "written"), [
    ({"family-names": "Einstein", "given-names": "Albert"}, "EINSTEIN A"),
    ({"family-names": "Li", "given-names": "Jiang-ning"}, "LI J N"),
    ({"family-names": "Morgan", "name-particle": "de", "given-names": "Augustus"}, "DE MORGAN A"),
    ({"family-names": "李", "given-names": "江宁"}, "李江宁"),
    ({"name": "Online Computer Library Center, Inc."}, "Online Computer Library Center, Inc."),
])
def test_gbt_names_follow_8_1_1(author: dict, written: str) -> None:
    assert gbt_name(author) == written


def test_gbt_online_monograph_matches_the_standards_example() -> None:
    """GB/T 7714-2015's own [M/OL] example (KINCHY A. Seeds …), less its cited page."""
    assert gbt7714(BOOK) == "KINCHY A. Seeds[M/OL]. Cambridge, Mass.: MIT Press, 2012[date accessed]. http://lib.example/381443."


def test_gbt_without_place_or_publisher_and_more_than_three_authors() -> None:
    ref = {**BOOK, "publisher": None, "authors": [{"name": n} for n in "ABCD"]}
    assert gbt7714(ref) == "A, B, C, et al. Seeds[M/OL]. [S.l.]: [s.n.], 2012[date accessed]. http://lib.example/381443."


def test_bibtex_and_ris() -> None:
    ref = {**BOOK, "authors": [*BOOK["authors"], {"name": "The Team"}], "languages": ["en"]}
    assert bibtex(ref, "kinchy2012") == (
        "@book{kinchy2012,\n"
        "  author    = {Kinchy, Abby and {The Team}},\n"
        "  title     = {Seeds},\n"
        "  year      = {2012},\n"
        "  publisher = {MIT Press},\n"
        "  language  = {en},\n"
        "  url       = {http://lib.example/381443}\n"
        "}"
    )
    assert ris(ref).splitlines() == ["TY  - BOOK", "AU  - Kinchy, Abby", "AU  - The Team", "TI  - Seeds", "PY  - 2012",
                                     "PB  - MIT Press", "LA  - en", "UR  - http://lib.example/381443", "ER  - "]


@pytest.mark.sphinx("html", testroot="citation", freshenv=True)
def test_directive_and_meta_tags(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    blocks = {p.get_text(): p.find_next_sibling("div").get_text() for p in page.select("p.citation-format")}
    assert list(blocks) == ["GB/T 7714-2015", "BibTeX", "RIS"]
    assert blocks["GB/T 7714-2015"].strip() == (
        "EINSTEIN A, DE MORGAN A, 李江宁, 等. 示例之书[M/OL]. 北京: 示例出版社, 2020[引用日期]. https://example.org/book/.")
    assert blocks["BibTeX"].startswith("@book{example2026,\n  author    = {Einstein, Albert and de Morgan, Augustus and 李, 江宁 and {示例编写组}},")
    meta = [(m["name"], m["content"]) for m in page.select("meta[name^='citation_']")]
    assert meta == [("citation_title", "示例之书"), ("citation_author", "Einstein, Albert"), ("citation_author", "de Morgan, Augustus"),
                    ("citation_author", "李, 江宁"), ("citation_author", "示例编写组"), ("citation_publication_date", "2020"),
                    ("citation_language", "zh"), ("citation_publisher", "示例出版社")]


def test_bibtex_escapes_what_latex_reads_as_commands() -> None:
    assert bibtex_escape(r"R&D_2 {x} 50% #1 $ \ y") == r"R\&D\_2 \{x\} 50\% \#1 \$ \textbackslash{} y"
    entry = bibtex({"type": "book", "title": "A & B", "authors": [{"name": "X_Y"}], "url": "https://e.org/a_b"}, "k")
    fields = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", entry, re.M))
    assert fields == {"author": "{X\\_Y}", "title": "A \\& B", "url": "https://e.org/a_b"}
