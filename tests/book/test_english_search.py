"""The English edition's search, as a reader types into it: Sphinx's English stemmer and
stopwords (its language_data.js), every word drawn by rule from the English pages finding every
page that holds it, and a glossary term typed in Chinese finding its entry. Run through Sphinx's
searchtools.js and the book's ordering (book-search.js), in headless Chromium, on search.html."""

from pathlib import Path

import pytest
from helpers import parse, search
from search_queries import draw_english, english_stopwords, english_texts, holding_word


@pytest.fixture(scope="module")
def texts(english_html_dir: Path) -> dict[str, str]:
    return english_texts(english_html_dir)


@pytest.fixture(scope="module")
def queries(texts: dict[str, str], english_html_dir: Path) -> list[str]:
    return draw_english(texts, english_stopwords(english_html_dir))


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
        if lost := sorted(holding_word(query, texts) - {p for p, _ in results[query]}):
            misses[query] = lost
    assert len(queries) >= 100 and misses == {}, f"{len(misses)} of {len(queries)} words miss pages: {misses}"


def test_a_chinese_term_finds_its_glossary_entry(chinese_terms, results) -> None:
    wrong = {term: results[term][:3] for term, anchor in chinese_terms.items()
             if ("glossary.html", f"#{anchor}") not in results[term][:3]}
    assert len(chinese_terms) >= 40 and wrong == {}, wrong
