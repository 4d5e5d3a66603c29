"""The PDF as a Chinese book (issue 14): spacing, type, captions, figures, front matter,
metadata and the glossary's page-numbered back-links. Read with poppler and pypdf."""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import BUILDDIR, ROOT
from pypdf import PdfReader

sys.path.insert(0, str(ROOT))
import conf  # noqa: E402  (the settings the PDF is made with)
from _ext import HAN  # noqa: E402
from _ext.citation import licence  # noqa: E402

CJK = f"[{HAN}]"
TOUCH = re.compile(rf"{CJK}[A-Za-z0-9]|[A-Za-z0-9]{CJK}")
URL = re.compile(r"https?://|www\.|\.(org|com|io|gov|edu|net)\b")


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


@pytest.fixture(scope="module")
def raw_pages(pdf_path: Path) -> list[str]:
    """Each page's text in content-stream order (pdftotext -raw): the spaces are the gaps
    between the glyphs as set, without the layout mode's column guessing, which merges a
    caption's label into a block of its own ("图1")."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    return out.stdout.split("\f")[:-1]


def touching(text: str) -> Counter:
    """The words of ``text`` (as pdftotext -raw splits them) where Chinese touches a Latin
    letter or digit, URLs aside."""
    return Counter(w for w in text.split() if TOUCH.search(w) and not URL.search(w))


@pytest.fixture(scope="module")
def figure_words(pdf_path: Path) -> Counter:
    """The same words inside the diagrams, read from mermaid-cli's own PDFs of them."""
    figures = sorted((BUILDDIR / "latex" / "zh-cn").glob("mermaid-*.pdf"))
    assert figures, "no diagram PDFs next to the LaTeX sources"
    words = Counter()
    for figure in figures:
        words += touching(subprocess.run(["pdftotext", "-raw", str(figure), "-"], capture_output=True, text=True, check=True).stdout)
    return words


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    return list(walk(reader.outline, 0))


# -- Spacing and type ------------------------------------------------------------------------
def test_chinese_never_touches_latin_letters_or_digits(raw_pages: list[str], figure_words: Counter) -> None:
    """A space between Chinese and Latin letters or digits everywhere, links included.

    Excluded: URLs, and the words inside the diagrams, counted occurrence by occurrence
    from the diagrams' own PDFs. Chromium (mermaid-cli) draws them with Type 3 fonts
    whose spaces pdftotext does not measure; the spaces are in the source and visible.
    """
    found = Counter()
    for text in raw_pages:
        found += touching(text)
    assert found - figure_words == Counter()


def test_latin_type_matches_the_chinese(pdf_path: Path) -> None:
    """Noto Serif and Noto Sans for Latin letters, next to Noto Serif/Sans CJK; no other face."""
    out = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    names = {row.split()[0].split("+")[-1] for row in out.splitlines()[2:] if "Type 3" not in row}
    assert {"NotoSerif-Regular", "NotoSans-Bold"} <= names, names
    assert {n for n in names if not n.startswith(("NotoSerif", "NotoSans"))} == set()


def test_term_links_are_upright_in_both_scripts(reader: PdfReader, pages: dict[str, BeautifulSoup]) -> None:
    """Term links with Latin letters are set like the Chinese ones: no italics."""
    latin_terms = {
        a.get_text(" ", strip=True)
        for soup in pages.values()
        for a in soup.select("main a.reference.internal:has(span.std-term)")
        if a.get_text(strip=True).isascii()
    }
    assert len(latin_terms) >= 10, latin_terms
    fonts: dict[str, set] = {}

    def visit(text, cm, tm, font, size):
        if font is not None and text.strip() in latin_terms:
            fonts.setdefault(text.strip(), set()).add(str(font.get("/BaseFont")))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    assert len(fonts) >= 10, f"too few term links found in the PDF's text runs: {sorted(fonts)}"
    italic = {term: f for term, f in fonts.items() if any("Italic" in name for name in f)}
    assert italic == {}


def test_paragraphs_open_with_a_two_character_indent(pdf_path: Path, pages, chapter_titles) -> None:
    """The opening paragraph of every chapter, as the website has it, starts indented by
    two Chinese characters in the PDF (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>')
    indents = {}
    for name in chapter_titles:
        paragraph = BeautifulSoup(str(pages[name].select_one("main section p")), "lxml")
        for tip in paragraph.select(".term-tip__text"):
            tip.decompose()
        start = "".join(paragraph.get_text().split())[:12]
        for page in out.split("</page>"):
            words = [(float(x), w) for x, w in word.findall(page)]
            at = next((i for i in range(len(words)) if "".join(w for _, w in words[i : i + 4]).startswith(start)), None)
            if at is not None:
                # The text margin: where lines start with a letter or character (an opening
                # bracket at a line start is set into the margin, as Chinese typesetting does).
                left = min(x for x, w in words if re.match(rf"{CJK}|[A-Za-z0-9]", w))
                indents[name] = round(words[at][0] - left, 1)
                break
    assert set(indents) == set(chapter_titles), f"opening paragraphs not found: {set(chapter_titles) - set(indents)}"
    assert {n: i for n, i in indents.items() if not 18 < i < 26} == {}, "expected two 11 pt characters (about 22 pt)"


def test_no_chinese_text_is_letter_spaced(raw_pages: list[str]) -> None:
    """Narrow table cells break Chinese lines instead of spreading the characters across
    the cell: pdftotext sees letter-spaced text as one-character words ("哥 伦 比 亚")."""
    spread = []
    for number, text in enumerate(raw_pages, 1):
        for line in text.splitlines():
            if re.search(rf"(?:^|\s){CJK}(?:\s{CJK}){{2,}}(?:\s|$)", line):
                spread.append(f"page {number}: {line}")
    assert spread == []


# -- Captions and figures -----------------------------------------------------------------------
def figures(book_pages: dict[str, BeautifulSoup]) -> list[tuple[str, str]]:
    """(number, the caption's first 20 characters) of every figure in the website."""
    found = []
    for soup in book_pages.values():
        for caption in soup.select("figure figcaption"):
            number = caption.select_one(".caption-number").get_text(strip=True).split()[-1]
            text = caption.select_one(".caption-text").get_text("", strip=True)
            found.append((number, "".join(text.split())[:20]))
    return found


def test_figure_captions_read_tu_n_then_the_caption(raw_pages: list[str], book_pages) -> None:
    """"图 1　标题": the number, a space, the caption; no colon."""
    text = "\n".join(raw_pages)
    numbers = figures(book_pages)
    assert numbers, "the website has no figures"
    missing = [f"图 {number} {start}" for number, start in numbers
               if not re.search(rf"(^|\n)图 {number}\s+{r'\s*'.join(map(re.escape, start))}", text)]
    assert not missing, f"captions not printed as 图 N, a space, the caption: {missing}"
    assert re.findall(r"[图表] ?\d+ ?[:：]", text) == []


def test_continued_tables_are_headed_biao_n_xu(raw_pages: list[str], pages: dict[str, BeautifulSoup]) -> None:
    """Every page a table continues on is headed "表 N（续）"."""
    assert not any("接上页" in page for page in raw_pages)
    wrong = []
    for soup in pages.values():
        for table in soup.select("main table"):
            header = " ".join(th.get_text(" ", strip=True) for th in table.select("thead th"))
            on = [i for i, page in enumerate(raw_pages) if header and header in page]
            wrong += [f"page {i + 1} continues the table {header!r}" for i in on[1:] if not re.search(r"表 \d+（续）", raw_pages[i])]
    assert not wrong, wrong


def test_figures_stay_in_their_section(raw_pages: list[str], reader: PdfReader, pages, book_pages, reading_order) -> None:
    """A figure is printed no later than the page where the next heading starts."""
    # Headings and figures in reading order, from the website.
    events = []
    for name in reading_order:
        for node in pages[name].select("main h1, main h2, main h3, main figure figcaption"):
            if node.name == "figcaption":
                events.append(("figure", node.select_one(".caption-number").get_text(strip=True).split()[-1]))
            else:
                events.append(("heading", node.get_text(" ", strip=True).rstrip("#¶ ").strip()))
    # Each heading's page: the outline entries, matched in order (titles repeat).
    entries, at, pages_of = outline(reader), 0, {}
    for i, (kind, value) in enumerate(events):
        if kind == "heading":
            wanted = "".join(value.split())
            match = next((j for j in range(at, len(entries)) if "".join(entries[j][1].split()).endswith(wanted)), None)
            if match is not None:
                pages_of[i], at = entries[match][2], match + 1
    checked, wrong = 0, []
    for i, (kind, value) in enumerate(events):
        if kind != "figure":
            continue
        caption_page = next(p for p, text in enumerate(raw_pages) if re.search(rf"(^|\n)图 {value}\s", text))
        following = next((j for j in range(i + 1, len(events)) if j in pages_of), None)
        if following is not None and caption_page > pages_of[following]:
            wrong.append(f"图 {value} is on page {caption_page + 1}, after {events[following][1]!r} (page {pages_of[following] + 1})")
        checked += 1
    assert checked == len(figures(book_pages))
    assert not wrong, wrong


# -- Title page, copyright page and metadata ------------------------------------------------------
# The book's facts as CITATION.cff declares them; the licence's page as _ext/citation.py's
# licence() names it (its message id: the page in the book's language, the catalogue's
# translation, starts with it). A licence it cannot name has no page, and the tests fail saying so.
CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
AUTHORS = [a["name"] for a in CFF["authors"]]
LICENCE_PAGE = str(licence(CFF["license"])[2]) or f"(no page: licence() cannot name {CFF['license']})"


def commit_date() -> str:
    """The edition's date as the Makefile gives it to the build: $SOURCE_DATE_EPOCH, else the last commit's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    day = datetime.fromtimestamp(int(epoch), conf.book_timezone)
    return f"{day.year}年{day.month}月{day.day}日"


def test_title_page(raw_pages: list[str]) -> None:
    page = "".join(raw_pages[0].split())
    missing = [text for text in (CFF["title"], conf.description, *AUTHORS) if "".join(text.split()) not in page]
    assert not missing, f"not on the title page: {missing}"


def test_copyright_page(raw_pages: list[str]) -> None:
    page = "".join(raw_pages[1].split())
    expected = {
        "licence": "CCBY4.0",
        "licence's page": LICENCE_PAGE,
        "original article": "".join(conf.book_source_article["title"].split()),
        "article URL": conf.book_source_article["url"],
        "where it appeared": "".join(conf.book_source_article["publication"].split()),
        "its author, as far as known": "原文作者姓名未能查到",
        "the machine translation": "机器译文",
        "the edition": "第1版",
        "the edition's date (the last commit's)": commit_date(),
        "the book's web address": conf.html_baseurl,
    }
    missing = {what: text for what, text in expected.items() if text not in page}
    assert missing == {}, f"not on the copyright page: {missing}"
    today = datetime.now(timezone.utc)
    if f"{today.year}年{today.month}月{today.day}日" != commit_date():
        assert f"{today.year}年{today.month}月{today.day}日" not in "".join(raw_pages[:3]), "the build date is printed"


def test_xmp_metadata(pdf_path: Path) -> None:
    """pdfinfo shows an XMP metadata stream with title, author, language, licence and subject."""
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "<x:xmpmeta" in xmp, "no XMP metadata stream"
    root = ET.fromstring(xmp[xmp.index("<x:xmpmeta") : xmp.index("</x:xmpmeta>") + len("</x:xmpmeta>")])
    ns = {"dc": "http://purl.org/dc/elements/1.1/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
          "xmpRights": "http://ns.adobe.com/xap/1.0/rights/"}

    def items(tag: str) -> list[str]:
        return [li.text for li in root.iterfind(f".//dc:{tag}//rdf:li", ns)]

    assert items("title") == [CFF["title"]]
    assert items("creator") == AUTHORS
    assert items("language") == ["zh-CN"]
    assert items("description") == [conf.description]
    assert items("rights") and "CC BY 4.0" in items("rights")[0]
    assert root.findtext(".//xmpRights:WebStatement", namespaces=ns).startswith(LICENCE_PAGE)


# -- Glossary back-links with page numbers ------------------------------------------------------------
def test_glossary_backlinks_give_linked_page_numbers(pdf_path: Path, reader: PdfReader, pages) -> None:
    """Each entry's "出现于：第 3、12 页": one per entry that the website links back from,
    every number a link to the page it names."""
    entries = outline(reader)
    start = next(i for i, (d, title, _) in enumerate(entries) if d == 0 and title.endswith("术语表"))
    first, last = entries[start][2], next(p for d, _, p in entries[start + 1 :] if d == 0) - 1
    expected = len(pages["glossary.html"].select("p.glossary-backlinks"))
    assert expected >= 30

    glossary_labels = {reader.page_labels[i] for i in range(first, last + 1)}
    numbers_seen = 0
    lines = 0
    wrong = []
    for index in range(first, last + 1):
        page = reader.pages[index]
        height = float(page.mediabox.height)
        bbox = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(index + 1), "-l", str(index + 1), str(pdf_path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout
        words = [(tuple(map(float, m[:4])), m[4]) for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', bbox)]
        links = []
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            if annot.get("/Subtype") == "/Link" and action is not None and action.get_object().get("/S") == "/GoTo":
                x0, y0, x1, y1 = map(float, annot["/Rect"])
                target = reader.named_destinations[str(action.get_object()["/D"])]
                links.append(((x0 + x1) / 2, height - (y0 + y1) / 2, reader.page_labels[reader.get_destination_page_number(target)]))
        for i, ((x0, y0, x1, y1), word) in enumerate(words):
            if not word.endswith("出现于：第"):
                continue
            lines += 1
            group = []
            for (bx0, by0, bx1, by1), w in words[i + 1 :]:
                if w == "页":
                    break
                group.append(((bx0, by0, bx1, by1), w))
            for (bx0, by0, bx1, by1), w in group:
                printed = [n for n in w.split("、") if n]
                if not all(n.isdigit() for n in printed):
                    wrong.append(f"page {index + 1}: {w!r} is not a list of page numbers")
                inside = sorted((x, label) for x, y, label in links if bx0 <= x <= bx1 and by0 <= y <= by1)
                if [label for _, label in inside] != printed:
                    wrong.append(f"page {index + 1}: {w!r} links to {inside}")
                # As in the HTML, the glossary's own "参见" links are not uses of a term.
                if set(printed) & glossary_labels:
                    wrong.append(f"page {index + 1}: {w!r} lists the glossary's own pages")
                numbers_seen += len(printed)
    if lines != expected:
        wrong.append(f"{lines} back-link lines in the PDF's glossary, {expected} in the website's")
    if numbers_seen < lines:
        wrong.append(f"{numbers_seen} page numbers on {lines} back-link lines")
    assert wrong == [], "\n".join(wrong)
