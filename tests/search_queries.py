"""The search test sets, drawn by rule from a built site (tests/book/test_search.py,
tests/book/test_english_search.py and make bench).

The Chinese edition's:

Every glossary name (Chinese and English), every heading, every proper name of
tests/inventory.py, and a sample of Chinese compounds: every 5th run of Chinese characters
on each page, cut to a length of 2 to 6 characters that cycles with the run's position.
A page "holds" a query when its article text (without term tips and diagram sources,
which are not indexed) contains it, case and white space aside.

The English edition's: every seventh distinct word of six letters or more on each page, Sphinx's
English stopwords aside; a page holds a word when its text, Chinese runs (marked zh-CN) left out,
has it as a word.
"""

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from inventory import INVENTORY
from _ext import HAN

HAN_RUN = re.compile(f"[{HAN}]+")
GENERATED = {"genindex.html", "search.html", "404.html"}


def flat(text: str) -> str:
    """Text as search sees it: lower case, no white space, the heading marks dropped."""
    return re.sub(r"\s+", "", text.replace("#", "")).lower()


def article_text(soup: BeautifulSoup, hidden: str = ".term-tip__text") -> str:
    """The article's text as a reader sees it, without the hidden term tips (and whatever
    else ``hidden`` selects)."""
    article = BeautifulSoup(str(soup.select_one("article.bd-article")), "lxml")
    for node in article.select(hidden):
        node.decompose()
    return article.get_text(" ")


def page_text(soup: BeautifulSoup) -> str:
    """The article's text as the search index has it: no term tips, no diagram sources."""
    return article_text(soup, ".term-tip__text, pre.mermaid")


def book_pages(html_dir: Path) -> dict[str, BeautifulSoup]:
    return {
        str(p.relative_to(html_dir)): BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")
        for p in sorted(html_dir.rglob("*.html"))
        if "_static" not in p.parts and "_sources" not in p.parts and p.name not in GENERATED
    }


def glossary_names(glossary: BeautifulSoup) -> dict[str, str]:
    """Every name of every glossary entry -> the entry's anchor."""
    names = {}
    for dt in glossary.select("dl.glossary > dt"):
        english = dt.select_one(".term-en")
        aliases = english.get_text().strip("（）").split(", ") if english else []
        head = "".join(t for t in dt.find_all(string=True) if not t.find_parent(class_=["term-en", "headerlink"])).strip()
        for name in (head, *aliases):
            names[name] = dt["id"]
    return names


def draw(pages: dict[str, BeautifulSoup]) -> list[str]:
    found = list(glossary_names(pages["glossary.html"]))
    for soup in pages.values():
        found += [h.get_text(" ", strip=True).rstrip("#").strip() for h in soup.select_one("article.bd-article").select("h1, h2, h3")]
    found += INVENTORY
    for _name, soup in sorted(pages.items()):
        runs = [r for r in HAN_RUN.findall(page_text(soup)) if len(r) >= 2]
        for i, run in enumerate(runs[::5]):
            found.append(run[: 2 + i % 5])
    return list(dict.fromkeys(q for q in found if q))


def pairs(pages: dict[str, BeautifulSoup]) -> list[str]:
    """Two words typed together: for each page, the first name of tests/inventory.py that is
    one Latin word and that the page holds, then the first three characters of the page's
    first run of three or more Chinese characters ("LIGO 引力波")."""
    found = []
    for _name, soup in sorted(pages.items()):
        text = page_text(soup)
        name = next((n for n in INVENTORY if re.fullmatch(r"[A-Za-z]\w+", n) and n in text), None)
        run = next((r for r in HAN_RUN.findall(text) if len(r) >= 3), None)
        if name and run:
            found.append(f"{name} {run[:3]}")
    return list(dict.fromkeys(found))


def holding_every_word(query: str, texts: dict[str, str]) -> set[str]:
    """The pages whose (flattened) text holds each word of the query."""
    return {name for name, text in texts.items() if all(flat(word) in text for word in query.split())}


def holding(query: str, texts: dict[str, str]) -> set[str]:
    """The pages whose (flattened) text holds the query."""
    return {name for name, text in texts.items() if flat(query) in text}


WORD = re.compile(r"\b[A-Za-z]{6,}\b")


def english_texts(html_dir: Path) -> dict[str, str]:
    """Each English page's text as the index has it, Chinese runs (marked zh-CN) left out."""
    found = {}
    for path in sorted(html_dir.rglob("*.html")):
        name = path.relative_to(html_dir).as_posix()
        if "_static" in path.parts or name in GENERATED:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for node in soup.select('[lang="zh-CN"]'):
            node.decompose()
        found[name] = page_text(soup)
    return found


def english_stopwords(html_dir: Path) -> set[str]:
    """Sphinx's English stopwords, as the site's language_data.js gives them to its search."""
    script = (html_dir / "_static" / "language_data.js").read_text(encoding="utf-8")
    return set(json.loads(re.search(r"const stopwords = new Set\((\[.*?\])\)", script, re.S)[1]))


def draw_english(texts: dict[str, str], stopwords: set[str]) -> list[str]:
    """Every seventh distinct word of six letters or more, page by page, stopwords aside."""
    words = []
    for text in texts.values():
        words += [w for w in dict.fromkeys(WORD.findall(text)) if w.lower() not in stopwords][::7]
    return list(dict.fromkeys(w.lower() for w in words))


def holding_word(query: str, texts: dict[str, str]) -> set[str]:
    """The pages whose text has the query as a word, case aside."""
    return {name for name, text in texts.items() if re.search(rf"\b{query}\b", text, re.I)}
