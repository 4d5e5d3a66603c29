"""The PDF, read with poppler (pdffonts, pdftotext) and pypdf."""

import re
import subprocess
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT
from pypdf import PdfReader
from pypinyin import Style, lazy_pinyin
from _ext import HAN
from _ext.citation import book


def test_every_font_is_embedded(pdf_path: Path) -> None:
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []
    assert any("NotoSerifCJK" in row for row in rows), "the Chinese serif font is not used"


def test_no_missing_characters(latex_log: str) -> None:
    missing = [line for line in latex_log.splitlines() if "Missing character" in line]
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


def test_outline_has_every_chapter(pdf_path: Path, chapter_titles: dict[str, str]) -> None:
    """Each chapter at the outline's top level, and the index."""
    top = [item.title for item in PdfReader(pdf_path).outline if not isinstance(item, list)]
    missing = [title for title in [*chapter_titles.values(), "索引"] if not any(title in entry for entry in top)]
    assert not missing, f"{missing} not at the top of the outline {top}"


def test_metadata(pdf_path: Path) -> None:
    reader = PdfReader(pdf_path)
    meta = reader.metadata
    assert meta.title == book(ROOT / "CITATION.cff").title
    assert meta.author
    assert reader.trailer["/Root"].get("/Lang") == "zh-CN"


def test_page_size_is_a4(pdf_path: Path) -> None:
    box = PdfReader(pdf_path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_internal_links_work(pdf_path: Path) -> None:
    """Cross-references are clickable and land on a named destination that exists."""
    reader = PdfReader(pdf_path)
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
