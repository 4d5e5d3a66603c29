"""Both editions' EPUBs, checked by Debian's epubcheck, and what their readers' software reads in them."""

import re
import runpy
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, parse
from lxml import etree

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


BOTH = pytest.mark.parametrize("edition", ["epub_path", "english_epub_path"])


@BOTH
def test_epubcheck_finds_no_errors(edition: str, request: pytest.FixtureRequest) -> None:
    assert EPUBCHECK.is_file(), "epubcheck is missing: run `make deps`"
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(request.getfixturevalue(edition))], capture_output=True, text=True, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert re.search(r"Messages: 0 fatals / 0 errors / 0 warnings\b", report), report


def test_diagrams_are_images(epub_path: Path) -> None:
    """EPUB readers run no JavaScript: diagrams are drawn at build time."""
    with zipfile.ZipFile(epub_path) as book:
        names = book.namelist()
        assert any(n.startswith("_images/mermaid-") and n.endswith(".png") for n in names)
        assert not any("mermaid.esm" in n for n in names)
        pages = [book.read(n).decode() for n in names if n.endswith(".xhtml")]
    assert not any('<pre class="mermaid"' in page for page in pages), "a diagram was left as source text"
    assert any('<img src="_images/mermaid-' in page for page in pages)


@pytest.mark.parametrize(("edition", "language"), [("epub_path", "zh-cn"), ("english_epub_path", "en")])
def test_accessibility_metadata(edition: str, language: str, request: pytest.FixtureRequest,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """EPUB Accessibility 1.1: the package document says how the book can be read, as conf.py
    declares for the edition, in its language; the book's language is the edition's."""
    with zipfile.ZipFile(request.getfixturevalue(edition)) as book:
        opf = etree.fromstring(book.read("content.opf"))
        pages = [BeautifulSoup(book.read(n), "lxml-xml").find("html") for n in book.namelist() if n.endswith(".xhtml")]
    metas = [(m.get("property"), m.text) for m in opf.iter("{http://www.idpf.org/2007/opf}meta")
             if (m.get("property") or "").startswith("schema:")]
    monkeypatch.setenv("BOOK_LANGUAGE", language)
    conf = runpy.run_path(str(ROOT / "conf.py"))
    assert metas == conf["book_epub_accessibility"]
    tag = conf["epub_language"]
    assert opf.findtext(".//{http://purl.org/dc/elements/1.1/}language") == tag == {"zh-cn": "zh-CN", "en": "en"}[language]
    assert {page.get("lang") for page in pages} == {tag}
    properties = {p for p, _ in metas}
    assert {"schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard",
            "schema:accessibilitySummary"} <= properties  # required and recommended by section 2.1
    assert ("schema:accessibilityFeature", "alternativeText") in metas


def test_every_image_has_its_diagrams_description_as_alt_text(epub_path: Path) -> None:
    """What alternativeText claims: each diagram image says in words what the diagram shows
    (its accTitle and accDescr), not its mermaid source."""
    sources = {}
    for page in (ROOT / "docs").rglob("*.md"):
        for code in re.findall(r"```\{mermaid\}\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            title = re.search(r"accTitle:\s*(.+)", code)[1].strip()
            sources[title] = f"{title}：{re.search(r'accDescr:\s*(.+)', code)[1].strip()}"
    with zipfile.ZipFile(epub_path) as book:
        alts = [img.get("alt") for name in book.namelist() if name.endswith(".xhtml")
                for img in BeautifulSoup(book.read(name), "lxml-xml").find_all("img")]
    assert len(alts) == len(sources) > 0
    assert sorted(alts) == sorted(sources.values())


def test_every_english_image_has_its_english_description_as_alt_text(english_epub_path: Path, english_html_dir: Path) -> None:
    """The English EPUB's diagrams are drawn in English, each with the English title and
    description (from the English pages' diagram sources) as its alt text."""
    sources = [pre.get_text() for path in english_html_dir.rglob("*.html") for pre in parse(path).select("pre.mermaid")]
    expected = [f"{re.search(r'accTitle:\s*(.+)', code)[1].strip()}: {re.search(r'accDescr:\s*(.+)', code)[1].strip()}"
                for code in sources]
    with zipfile.ZipFile(english_epub_path) as book:
        alts = [img.get("alt") for name in book.namelist() if name.endswith(".xhtml")
                for img in BeautifulSoup(book.read(name), "lxml-xml").find_all("img")]
    assert len(alts) == len(expected) > 0
    assert sorted(alts) == sorted(expected)
