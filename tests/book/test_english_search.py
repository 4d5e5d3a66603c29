"""The English edition's search, as a reader types into it: Sphinx's English stemmer and
stopwords (its language_data.js), every word drawn by rule from the English pages finding every
page that holds it, and a glossary term typed in Chinese finding its entry. Run through Sphinx's
searchtools.js and the book's ordering (book.js), in headless Chromium, on search.html."""

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import parse, search
from search_queries import GENERATED, page_text

WORD = re.compile(r"\b[A-Za-z]{6,}\b")


@pytest.fixture(scope="module")
def texts(english_html_dir: Path) -> dict[str, str]:
    """Each English page's text as the index has it, Chinese runs (marked zh-CN) left out."""
    found = {}
    for path in sorted(english_html_dir.rglob("*.html")):
        name = path.relative_to(english_html_dir).as_posix()
        if "_static" in path.parts or name in GENERATED:
            continue
        soup = parse(path)
        for node in soup.select('[lang="zh-CN"]'):
            node.decompose()
        found[name] = page_text(soup)
    return found


@pytest.fixture(scope="module")
def stopwords(english_html_dir: Path) -> set[str]:
    script = (english_html_dir / "_static" / "language_data.js").read_text(encoding="utf-8")
    return set(json.loads(re.search(r"const stopwords = new Set\((\[.*?\])\)", script, re.S)[1]))


@pytest.fixture(scope="module")
def queries(texts: dict[str, str], stopwords: set[str]) -> list[str]:
    """Every seventh distinct word of six letters or more, page by page, stopwords aside."""
    words = []
    for text in texts.values():
        words += [w for w in dict.fromkeys(WORD.findall(text)) if w.lower() not in stopwords][::7]
    return list(dict.fromkeys(w.lower() for w in words))


@pytest.fixture(scope="module")
def chinese_terms(english_html_dir: Path) -> dict[str, str]:
    """Each glossary entry's Chinese term (its zh-CN pair) -> the entry's anchor."""
    glossary = parse(english_html_dir / "glossary.html")
    return {dt.select_one('[lang="zh-CN"]').get_text(): dt["id"] for dt in glossary.select("dl.glossary dt[id]")
            if dt.select_one('[lang="zh-CN"]')}


@pytest.fixture(scope="module")
def results(browser, english_site_url: str, queries: list[str], chinese_terms: dict[str, str]) -> dict[str, list[tuple[str, str]]]:
    return search(browser, english_site_url, queries + list(chinese_terms))


def test_every_page_holding_a_word_is_found(queries, results, texts) -> None:
    """Recall 100 %: each drawn word finds every English page holding it (the stemmer folds its forms)."""
    misses = {}
    for query in queries:
        holding = {name for name, text in texts.items() if re.search(rf"\b{query}\b", text, re.I)}
        if lost := sorted(holding - {p for p, _ in results[query]}):
            misses[query] = lost
    assert len(queries) >= 100 and misses == {}, f"{len(misses)} of {len(queries)} words miss pages: {misses}"


def test_a_chinese_term_finds_its_glossary_entry(chinese_terms, results) -> None:
    wrong = {term: results[term][:3] for term, anchor in chinese_terms.items()
             if ("glossary.html", f"#{anchor}") not in results[term][:3]}
    assert len(chinese_terms) >= 40 and wrong == {}, wrong
