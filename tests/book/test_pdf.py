"""The PDFs, read with poppler (pdffonts, pdftotext) and pypdf: what both editions' share (fonts,
characters, outline, metadata, links), then the Chinese one's text and index, and the English
one typeset as an English book."""

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, parse
from pypdf import PdfReader
from pypinyin import Style, lazy_pinyin
from _ext import HAN
from _ext.citation import book


BOTH = pytest.mark.parametrize("edition", ["pdf_path", "english_pdf_path"])


@BOTH
def test_every_font_is_embedded(edition: str, request: pytest.FixtureRequest) -> None:
    """Both editions: the Chinese in Noto Serif CJK, the English edition's Chinese names too."""
    pdf_path = request.getfixturevalue(edition)
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []
    assert any("NotoSerifCJK" in row for row in rows), "the Chinese serif font is not used"


def test_no_missing_characters(latex_log: str, english_pdf_path: Path) -> None:
    english = (english_pdf_path.parents[1] / "latex" / "en" / english_pdf_path.with_suffix(".log").name).read_text(
        encoding="utf-8", errors="replace")
    missing = [line for log in (latex_log, english) for line in log.splitlines() if "Missing character" in line]
    assert missing == []


def test_chinese_body_text_from_every_chapter(pdf_text: str, pages, chapter_titles) -> None:
    """The first paragraph of each chapter, as the website shows it, is in the PDF too. (Every
    page's title, in the text and the outline: test_content.py.)"""
    assert chapter_titles, "the landing page lists no chapters"
    wrong = []
    for page in chapter_titles:
        paragraph = BeautifulSoup(str(pages[page].select_one("main section p")), "lxml")
        for tip in paragraph.select(".term-tip__text"):
            tip.decompose()  # hover tips are not part of the printed text
        words = "".join(paragraph.get_text().split())
        if not re.search(f"[{HAN}]", words) or words[:30] not in pdf_text:
            wrong.append(f"{page}: {words[:30]!r}")
    assert not wrong, f"opening paragraphs not in the PDF: {wrong}"


def test_outline_has_every_chapter(pdf_path: Path, english_pdf_path: Path, chapter_titles: dict[str, str],
                                   english_html_dir: Path) -> None:
    """Each chapter at the outline's top level, and the index, in both editions (the English
    chapters' titles as the English pages give them)."""
    english = [parse(english_html_dir / page).find("h1").get_text(" ", strip=True).rstrip("#").strip() for page in chapter_titles]
    missing = []
    for path, titles in ((pdf_path, [*chapter_titles.values(), "索引"]), (english_pdf_path, [*english, "Index"])):
        top = [item.title for item in PdfReader(path).outline if not isinstance(item, list)]
        missing += [f"{path.name}: {title}" for title in titles if not any(title in entry for entry in top)]
    assert not missing, f"not at the top of the outline: {missing}"


@pytest.mark.parametrize(("edition", "language", "lang"), [("pdf_path", "", "zh-CN"), ("english_pdf_path", "en", "en")])
def test_metadata(edition: str, language: str, lang: str, request: pytest.FixtureRequest) -> None:
    reader = PdfReader(request.getfixturevalue(edition))
    meta = reader.metadata
    assert meta.title == book(ROOT / "CITATION.cff", language).title
    assert meta.author
    assert reader.trailer["/Root"].get("/Lang") == lang


def test_page_size_is_a4(pdf_path: Path) -> None:
    box = PdfReader(pdf_path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


@BOTH
def test_internal_links_work(edition: str, request: pytest.FixtureRequest) -> None:
    """Cross-references are clickable and land on a named destination that exists."""
    reader = PdfReader(request.getfixturevalue(edition))
    destinations = set(reader.named_destinations)
    internal = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and action.get_object().get("/S") == "/GoTo":
                internal.append(str(action.get_object()["/D"]))
            elif annot.get("/Dest") is not None:
                internal.append(str(annot["/Dest"]))
    assert len(internal) >= 5, "too few internal links"
    assert [d for d in internal if d not in destinations] == []


def index_lines(pdf_path: Path) -> list[str]:
    """The lines of the PDF's index, found through the outline entry 索引."""
    reader = PdfReader(pdf_path)
    entry = next(item for item in reader.outline if not isinstance(item, list) and item.title == "索引")
    first = reader.get_destination_page_number(entry) + 1
    # -raw keeps the order of the content stream: one column after the other.
    out = subprocess.run(["pdftotext", "-raw", "-f", str(first), str(pdf_path), "-"], capture_output=True, text=True, check=True)
    return [line.strip() for line in out.stdout.splitlines() if line.strip()]


def test_index_files_terms_under_pinyin_initials(pdf_path: Path) -> None:
    """Glossary terms are in the index; Chinese ones under their pinyin initial, not a catch-all group."""
    groups, letter = {}, None
    for line in index_lines(pdf_path):
        if re.fullmatch(r"[A-Z]", line):
            letter = line
        elif letter and "," in line:
            groups[line.rsplit(",", 1)[0].strip()] = letter
    assert groups.get("JupyterHub") == "J"
    assert groups.get("anonymisation") == "A"
    chinese = {term: letter for term, letter in groups.items() if not term.isascii() and not term.startswith("Jupyter")}
    assert len(chinese) >= 30, chinese
    wrong = {t: g for t, g in chinese.items() if lazy_pinyin(t, style=Style.FIRST_LETTER)[0][:1].upper() != g}
    assert wrong == {}


def test_the_english_pdf_reads_as_an_english_book(english_pdf_path: Path, english_html_dir: Path) -> None:
    """LaTeX's report class in English: "Chapter 1", "Fig. 1" (as the English pages number it), the contents and the index by
    their English names (not Chinese heads or captions); the copyright page says the edition is a translation; each glossary entry's
    pages read "Mentioned in: p. 3, p. 12", one for each entry the English glossary page links back."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(english_pdf_path), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    misses = [word for word in ("Chapter 1", "Fig. 1", "Contents", "Index",
                                "This edition is translated from the book's Simplified Chinese edition by its editors.")
              if word not in flat]
    misses += [word for word in ("第 1 章", "目录", "索引", "图 1") if word in flat]
    entries = len(parse(english_html_dir / "glossary.html").select("p.glossary-backlinks"))
    mentioned = re.findall(r"Mentioned in: (p\. \d+(?:, p\. \d+)*)", flat)
    if not entries or len(mentioned) != entries:
        misses.append(f"{len(mentioned)} glossary entries list their pages, {entries} link back on the glossary page")
    assert not misses, misses
