"""The EPUB, checked by Debian's epubcheck, and what its readers' software reads in it."""

import re
import runpy
import subprocess
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT
from lxml import etree

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def test_epubcheck_finds_no_errors(epub_path: Path) -> None:
    assert EPUBCHECK.is_file(), "epubcheck is missing: run `make deps`"
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(epub_path)], capture_output=True, text=True, check=False
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


def test_accessibility_metadata(epub_path: Path) -> None:
    """EPUB Accessibility 1.1: the package document says how the book can be read, as conf.py declares."""
    with zipfile.ZipFile(epub_path) as book:
        opf = etree.fromstring(book.read("content.opf"))
    metas = [(m.get("property"), m.text) for m in opf.iter("{http://www.idpf.org/2007/opf}meta")
             if (m.get("property") or "").startswith("schema:")]
    assert metas == runpy.run_path(str(ROOT / "conf.py"))["book_epub_accessibility"]
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
