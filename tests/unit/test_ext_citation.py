"""Unit tests of _ext/citation.py: the citation forms from a CITATION.cff, and, on Sphinx's own
fixtures, the directive and the meta tags (tests/unit/roots/test-citation: a book of four authors,
two of them with Latin names, one Chinese, one an organisation, with a place of publication)."""

import re
import shutil
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext import citation
from _ext.citation import apa7, bibtex, bibtex_escape, book, gbt7714, gbt_name, ris

ROOT = Path(__file__).resolve().parents[2]

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


def test_apa7_book_as_its_manual_writes_it() -> None:
    """APA 7, 10.2: people "Surname, I." with "&" before the last; a group author is not repeated
    as the publisher (9.25)."""
    two = {**BOOK, "authors": [*BOOK["authors"], {"family-names": "Morgan", "name-particle": "de", "given-names": "Augustus"}]}
    assert apa7(two) == "Kinchy, A., & de Morgan, A. (2012). Seeds. MIT Press. http://lib.example/381443"
    group = {"name": "The Editors"}
    assert apa7({**BOOK, "authors": [group], "publisher": group}) == "The Editors. (2012). Seeds. http://lib.example/381443"


def test_each_edition_is_its_own_work(tmp_path: Path) -> None:
    """A build in a language that one of CITATION.cff's references names cites that edition; the
    Chinese book is the preferred citation; a mistake in an edition is named by where it is."""
    cff = tmp_path / "CITATION.cff"
    shutil.copy(ROOT / "CITATION.cff", cff)
    zh, en = book(cff, "zh_CN"), book(cff, "en")
    assert (zh.title, zh.url.endswith("/zh-cn/latest/")) == ("JupyterCon 2018 笔记", True)
    assert (en.title, en.authors, en.url.endswith("/en/latest/")) == ("JupyterCon 2018 Notes", "The JupyterCon 2018 Notes editorial team", True)
    assert zh.problems == en.problems == ()
    cff.write_text(cff.read_text(encoding="utf-8").replace('    url: "https://jupytercon-2018-notes.readthedocs.io/en/latest/"', "    url: nowhere"), encoding="utf-8")
    lines = cff.read_text(encoding="utf-8").splitlines()
    assert [(line, message.split(",")[0]) for line, message in book(cff, "en").problems] == [
        (lines.index("    url: nowhere") + 1, "references.0: url: write the book's address")]


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
    # conf.py sets no copyright: the year, the authors and the licence, in the catalogue's words.
    assert app.config.copyright == "2020 Albert Einstein, Augustus de Morgan, 李江宁, 示例编写组，以 CC BY 4.0 许可发布"


def test_the_copyright_line_gets_sphinxs_year_from_source_date_epoch(make_app, test_root_copy,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Sphinx replaces this year in ``copyright`` with SOURCE_DATE_EPOCH's (config-inited, priority
    800: reproducible builds); the line is made before that (450), as a conf.py value would be.
    If Sphinx checks earlier, the line keeps the machine's year: move copyright_line earlier."""
    srcdir = test_root_copy("citation")
    cff = srcdir / "CITATION.cff"
    now = time.localtime().tm_year
    cff.write_text(cff.read_text(encoding="utf-8").replace("year: 2020", f"year: {now}"), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1262304000")  # 2010-01-01
    assert make_app("html", srcdir=srcdir).config.copyright.startswith("2010 Albert Einstein")


def test_a_new_citation_file_rewrites_every_page(make_app, test_root_copy) -> None:
    """Every page carries the meta tags: an incremental build after CITATION.cff changed writes
    them all again (a second `make html`: a new application, the environment from its pickle)."""
    srcdir = test_root_copy("citation")
    make_app("html", srcdir=srcdir).build()
    cff = srcdir / "CITATION.cff"
    cff.write_text(cff.read_text(encoding="utf-8").replace("示例之书", "新书名"), encoding="utf-8")
    again = make_app("html", srcdir=srcdir)
    again.build()
    for page in ("index.html", "other.html"):
        html = BeautifulSoup((again.outdir / page).read_text(encoding="utf-8"), "lxml")
        assert html.select_one("meta[name=citation_title]")["content"] == "新书名", page


# A line of the test root's CITATION.cff (tests/unit/roots/test-citation), as it is and written
# wrong; what the error must say; the line it must name, when not the wrong one's.
CFF = Path(__file__).resolve().parent / "roots" / "test-citation" / "CITATION.cff"
MISTAKES = [
    ('title: "Top-level title (not what is cited)"', "title:\tTop-level", "CITATION.cff is YAML", None),
    ("  license: CC-BY-4.0", "  license: [CC-BY-4.0", "never closed): CITATION.cff is YAML", None),  # named where it was opened
    ('  title: "示例之书"', '  title: ""', "preferred-citation: title: write the book's title", None),
    ('    - name: "示例编写组"', "    - affiliation: x", "preferred-citation: authors: write a list of authors", "  authors:"),
    ("  year: 2020", "  year: twenty", "preferred-citation: year: write the year of publication", None),
    ("  license: CC-BY-4.0", "  license: GPL-3.0-or-later", "preferred-citation: license: write one SPDX licence id", None),
    # Fields the book does not read, checked against the Citation File Format 1.2.0's schema, by name:
    ("    city: \"北京\"", "    city: [北京]", "preferred-citation.publisher.city: ['北京'] is not of type 'string'", None),
    ("    - zh", "    - chinese", "preferred-citation.languages.0: 'chinese' is", None),
    ('message: "Please cite the book."', "message: 42", "message: 42 is not of type 'string'", None),
    ("  languages:", "  language:", "preferred-citation.language: the Citation File Format 1.2.0 has no such key", None),
    ("      given-names: Albert", "      nickname: Al", "preferred-citation.authors.0.nickname: the "
     "Citation File Format 1.2.0 has no such key", None),
]


def test_a_mistake_in_citation_cff_names_its_line_and_what_to_write(tmp_path: Path) -> None:
    good = CFF.read_text(encoding="utf-8").splitlines()
    title = citation.book(CFF).title
    path, misses = tmp_path / "CITATION.cff", []
    for right, wrong, message, named in MISTAKES:
        at = good.index(right)
        path.write_text("\n".join([*good[:at], wrong, *good[at + 1:]]) + "\n", encoding="utf-8")
        facts = citation.book(path)
        warned = facts.problems
        line = (max(i for i, text in enumerate(good[:at]) if text == named) if named else at) + 1
        if len(warned) != 1 or warned[0][0] != line or message not in warned[0][1]:
            misses.append(f"{wrong!r} (line {at + 1}): {warned}")
        if "YAML" not in message and "title" not in message and facts.title != title:
            misses.append(f"{wrong!r}: the other facts were lost: {facts}")
    assert misses == [], "\n".join(misses)


def test_the_book_stops_at_a_broken_citation_cff_without_a_traceback(tmp_path: Path, capsys) -> None:
    """The book's own conf.py, beside a CITATION.cff with a YAML mistake: the build fails (-W) with
    the file, the line and what to do, and no traceback."""
    shutil.copy(ROOT / "conf.py", tmp_path / "conf.py")
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    (tmp_path / "CITATION.cff").write_text(text.replace("title: ", "title:\tx ", 1), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    assert build_main(["-q", "-W", "-b", "dummy", "-c", str(tmp_path), str(tmp_path / "docs"), str(tmp_path / "_build")]) == 1
    err = strip_colors(capsys.readouterr().err)
    line = text.splitlines().index(next(t for t in text.splitlines() if t.startswith("title: "))) + 1
    assert f"{tmp_path / 'CITATION.cff'}:{line}: WARNING: found character '\\t' that cannot start any token" in err, err
    assert "CITATION.cff is YAML" in err and "[citation.cff]" in err and "Traceback" not in err, err
    assert err.count("CITATION.cff is YAML") == 1, "warned more than once"


def test_bibtex_escapes_what_latex_reads_as_commands() -> None:
    assert bibtex_escape(r"R&D_2 {x} 50% #1 $ \ y") == r"R\&D\_2 \{x\} 50\% \#1 \$ \textbackslash{} y"
    entry = bibtex({"type": "book", "title": "A & B", "authors": [{"name": "X_Y"}], "url": "https://e.org/a_b"}, "k")
    fields = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", entry, re.MULTILINE))
    assert fields == {"author": "{X\\_Y}", "title": "A \\& B", "url": "https://e.org/a_b"}


def test_citation_cff_not_in_utf8_is_named_at_its_line_and_a_bom_is_read(tmp_path: Path) -> None:
    """Saved as GB18030: the line of its first non-ASCII byte and the command that mends it
    (_ext/sources.py's message); saved with a byte-order mark: the same facts."""
    text = CFF.read_text(encoding="utf-8")
    path = tmp_path / "CITATION.cff"
    path.write_bytes(text.encode("gb18030"))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if not t.isascii())
    assert citation.book(path).problems == ((line, citation.not_text(path.read_bytes(), path)[1]),)
    assert "looks like GBK/GB18030" in citation.book(path).problems[0][1]
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert citation.book(path) == citation.book(CFF)
