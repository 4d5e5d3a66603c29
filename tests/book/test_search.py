"""Search finds what a reader types: any word printed on a page finds that page.

The queries are drawn by rule from the built book, not picked (tests/search_queries.py,
which make bench uses too). Each is run through Sphinx's
own searchtools.js (its query parser and search, the book's index and splitter) and the
book's ordering of the results (book-search.js: pages holding the query as typed first), in
headless Chromium, on search.html. The diagrams' labels are not indexed (Sphinx indexes
text nodes; a diagram's source is an attribute), so they are left out of the pages' text.
"""

import pytest
from bs4 import BeautifulSoup
from helpers import search
from search_queries import GENERATED
from search_queries import HAN_RUN, draw, flat, glossary_names, holding, holding_every_word, page_text, pairs


@pytest.fixture(scope="module")
def texts(book_pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    return {name: flat(page_text(soup)) for name, soup in book_pages.items()}


@pytest.fixture(scope="module")
def glossary_terms(pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    return glossary_names(pages["glossary.html"])


@pytest.fixture(scope="module")
def queries(book_pages: dict[str, BeautifulSoup]) -> list[str]:
    return draw(book_pages)


@pytest.fixture(scope="module")
def word_pairs(book_pages: dict[str, BeautifulSoup]) -> list[str]:
    return pairs(book_pages)


@pytest.fixture(scope="module")
def results(browser, site_url: str, queries: list[str], word_pairs: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Query -> the results as the page would list them: (page file, anchor), best first."""
    return search(browser, site_url, queries + word_pairs)


def test_enough_queries(queries: list[str]) -> None:
    assert len(queries) >= 80, len(queries)


def test_every_page_holding_a_query_is_found(queries, results, texts) -> None:
    misses = {q: sorted(holding(q, texts) - {p for p, _ in results[q]}) for q in queries}
    misses = {q: pages for q, pages in misses.items() if pages}
    assert misses == {}, f"{len(misses)} of {len(queries)} queries miss pages that hold them: {misses}"


def test_words_typed_together_find_every_page_holding_each(word_pairs, results, texts) -> None:
    """A name and a Chinese word typed together ("Netflix 笔记本") find every page holding both."""
    misses = {q: sorted(holding_every_word(q, texts) - {p for p, _ in results[q]}) for q in word_pairs}
    misses = {q: pages for q, pages in misses.items() if pages}
    assert len(word_pairs) >= 5 and misses == {}, (word_pairs, misses)


def test_a_page_holding_the_query_is_in_the_first_three(queries, results, texts) -> None:
    wrong = {q: results[q][:3] for q in queries if holding(q, texts) and not holding(q, texts) & {p for p, _ in results[q][:3]}}
    assert wrong == {}


def test_a_glossary_term_finds_its_entry_in_the_first_three(glossary_terms, results) -> None:
    wrong = {name: results[name][:3] for name, anchor in glossary_terms.items() if ("glossary.html", f"#{anchor}") not in results[name][:3]}
    assert wrong == {}


def test_the_exact_phrase_ranks_above_its_parts(queries, results, texts) -> None:
    """A page holding only the pieces of a Chinese query never comes before one holding the query."""
    wrong = {}
    for query in (q for q in queries if HAN_RUN.fullmatch(q) and len(q) >= 3):
        order = [p for p, _ in results[query] if p not in GENERATED]
        exact = [p in holding(query, texts) for p in order]
        if True in exact and False in exact[: len(exact) - exact[::-1].index(True)]:
            wrong[query] = order
    assert wrong == {}


def test_snippets_show_the_query(browser, site_url: str, queries: list[str], texts) -> None:
    """Typed into the page: the snippet of each result that holds the query shows it (every 40th query)."""
    context = browser.new_context()
    page = context.new_page()
    missing, checked = {}, 0
    for query in queries[::40]:
        page.goto(f"{site_url}/search.html?q={query}")
        page.wait_for_function("() => Search.title && Search.title.innerText === Documentation.gettext('Search Results')")
        for item in page.locator("#search-results ul.search li").all():
            name = item.locator("a").first.get_attribute("href").split("#")[0].split("?")[0]
            if name in holding(query, texts):
                checked += 1
                if flat(query) not in flat(item.locator("p.context").inner_text()):
                    missing.setdefault(query, []).append(name)
    context.close()
    assert checked >= 15 and missing == {}, (checked, missing)
