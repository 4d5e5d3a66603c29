"""Language of parts (WCAG 2.1, 3.1.2): English inside the Chinese pages is marked lang="en",
in the HTML and in the EPUB.

Which English must be marked is drawn by rule from every page, not listed by hand:
- every English name of every glossary entry (glossary.json);
- every quotation in Chinese quotation marks (“…”) whose text is English words (two or more);
- every external link whose whole text is an English phrase of three or more words, and every
  emphasis of two or more (the titles of articles, books and pages this book cites; links to
  glossary terms are names);
- every English sentence in full-width brackets (a semicolon, or a comma and a lower-case word).
Proper names and technical terms are exempt (WCAG 3.1.2): a name in brackets after its Chinese
name, such as “（Columbia Journalism School）”, is not asked for.
"""

import json
import re
import zipfile
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from _ext import HAN

ENGLISH_WORDS = r"[A-Za-z][A-Za-z0-9'’.\-/&]*(?:[ :,;]+[A-Za-z0-9][A-Za-z0-9'’.\-/&]*)"
QUOTED = re.compile(rf"“({ENGLISH_WORDS}+)”")
# A clause after a semicolon, or after a comma and a lower-case word ("go fast, go alone"); not
# a name and its abbreviation ("Center for Urban Science and Progress, CUSP").
BRACKETED_SENTENCE = re.compile(f"（([A-Za-z][^（）{HAN}]*(?:;|, [a-z])[^（）{HAN}]*)）")


def marked_english(node) -> bool:
    """Whether a node is inside an element whose nearest lang says English."""
    for parent in ([node] if isinstance(node, Tag) else []) + list(node.parents):
        if isinstance(parent, Tag) and parent.has_attr("lang"):
            return parent["lang"] == "en"
    return False


def english_phrase(text: str, words: int) -> bool:
    return re.fullmatch(rf"{ENGLISH_WORDS}{{{words - 1},}}", text.strip()) is not None


def must_be_english(page: BeautifulSoup) -> list[tuple[str, bool]]:
    """(text, marked) for every piece of the page that the rules say is English."""
    body = page.select_one("article") or page.body
    found = []
    for element in body.select("a.external, em, cite"):
        text = element.get_text()
        if english_phrase(text, 3 if element.name == "a" else 2):
            found.append((text, all(marked_english(s) for s in element.find_all(string=True) if s.strip())))
    for string in body.find_all(string=True):
        for rule in (QUOTED, BRACKETED_SENTENCE):
            for match in rule.finditer(string):
                if rule is BRACKETED_SENTENCE or english_phrase(match[1], 2):
                    found.append((match[1], marked_english(string)))
    # A quotation marked as a whole sits in its own element between the marks: read the marks around it.
    for element in body.select("[lang=en]"):
        before, after = element.previous_sibling, element.next_sibling
        if isinstance(before, NavigableString) and isinstance(after, NavigableString) and before.endswith("“") and after.startswith("”"):
            found.append((element.get_text(), True))
    return found


def test_every_glossary_english_name_is_marked(pages: dict[str, BeautifulSoup], html_dir: Path) -> None:
    entries = json.loads((html_dir / "glossary.json").read_text(encoding="utf-8"))["entries"]
    page = pages["glossary.html"]
    unmarked = []
    for entry in entries:
        dt = page.find("dt", id=entry["id"])
        marked = {e.get_text() for e in dt.select("[lang=en]")}
        unmarked += [(entry["id"], name) for name in entry["english"] if name not in marked]
    assert len(entries) > 50 and not unmarked, unmarked


def test_english_titles_and_quotations_are_marked(book_pages: dict[str, BeautifulSoup]) -> None:
    found = {name: must_be_english(page) for name, page in book_pages.items()}
    unmarked = {name: [text for text, marked in pieces if not marked] for name, pieces in found.items()}
    assert sum(len(pieces) for pieces in found.values()) >= 15, "the rules found too little to be a test"
    assert not {n: u for n, u in unmarked.items() if u}, unmarked


def test_the_rules_see_unmarked_english() -> None:
    """The rules find English that is not marked (a test that cannot fail proves nothing)."""
    page = BeautifulSoup('<html lang="zh-CN"><body><article><p>报道“The Follower Factory”与'
                         '<a class="external" href="x">The Open Source Definition</a>，谚语（go fast, go alone）。'
                         '机构（Columbia Journalism School）（Center for Urban Science and Progress, CUSP）。</p></article></body></html>', "lxml")
    assert sorted(must_be_english(page)) == [("The Follower Factory", False), ("The Open Source Definition", False),
                                             ("go fast, go alone", False)]


def test_the_epub_marks_them_too(epub_path: Path) -> None:
    with zipfile.ZipFile(epub_path) as book:
        pages = {n: BeautifulSoup(book.read(n), "lxml") for n in book.namelist() if n.endswith(".xhtml") and n != "nav.xhtml"}
    found = [piece for page in pages.values() for piece in must_be_english(page)]
    assert len(found) >= 15 and all(marked for _, marked in found), [t for t, m in found if not m]
    glossary = pages["glossary.xhtml"]
    assert glossary.select("dt [lang=en]"), "the glossary's English names are not marked in the EPUB"


def test_nothing_chinese_is_marked_english(pages: dict[str, BeautifulSoup]) -> None:
    """lang="en" only around English: a Chinese word or a Chinese title attribute inside would be
    read with an English voice."""
    han = re.compile(f"[{HAN}]")
    wrong = [(name, str(e)[:120]) for name, page in pages.items() for e in page.select("[lang=en]")
             if han.search(e.get_text()) or any(han.search(d.get("title", "")) for d in [e, *e.find_all(True)])]
    assert not wrong, wrong
