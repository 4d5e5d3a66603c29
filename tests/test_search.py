"""Search finds what a reader types: any word printed on a page finds that page.

The queries are drawn by rule from the built book, not picked: every glossary term in
both languages, every heading, every proper name of tests/inventory.py, and a sample of
Chinese compounds (every 5th run of Chinese characters on each page, cut to a length
of 2 to 6 characters that cycles with the run's position). Each is run through Sphinx's
own searchtools.js (its query parser and search, the book's index and splitter) and the
book's ordering of the results (book.js: pages holding the query as typed first), in
headless Chromium, on search.html. The diagrams' labels are not indexed (Sphinx indexes
text nodes; a diagram's source is an attribute), so they are left out of the pages' text.
"""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import GENERATED_PAGES, article_text
from inventory import INVENTORY

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def flat(text: str) -> str:
    """Text as search sees it: lower case, no white space, the heading marks dropped."""
    return re.sub(r"\s+", "", text.replace("#", "")).lower()


def page_text(soup: BeautifulSoup) -> str:
    """The article's text without the diagrams' sources (not indexed: see the module's notes)."""
    article = BeautifulSoup(str(soup.select_one("article.bd-article")), "lxml")
    for diagram in article.select("pre.mermaid"):
        diagram.decompose()
    return article_text(article)


@pytest.fixture(scope="module")
def texts(book_pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    return {name: flat(page_text(soup)) for name, soup in book_pages.items()}


@pytest.fixture(scope="module")
def glossary_terms(pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    """Every name of every glossary entry, Chinese and English -> the entry's anchor."""
    names = {}
    for dt in pages["glossary.html"].select("dl.glossary > dt"):
        english = dt.select_one(".term-en")
        aliases = english.get_text().strip("（）").split(", ") if english else []
        head = "".join(dt.find_all(string=True, recursive=False)).strip()
        for name in (head, *aliases):
            names[name] = dt["id"]
    return names


@pytest.fixture(scope="module")
def queries(book_pages: dict[str, BeautifulSoup], glossary_terms: dict[str, str]) -> list[str]:
    found = list(glossary_terms)
    for soup in book_pages.values():
        article = soup.select_one("article.bd-article")
        found += [h.get_text(" ", strip=True).rstrip("#").strip() for h in article.select("h1, h2, h3")]
    found += INVENTORY
    for name, soup in sorted(book_pages.items()):
        runs = [r for r in HAN_RUN.findall(page_text(soup)) if len(r) >= 2]
        for i, run in enumerate(runs[::5]):
            found.append(run[: 2 + i % 5])
    return list(dict.fromkeys(q for q in found if q))


@pytest.fixture(scope="module")
def results(browser, site_url: str, queries: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Query -> the results as the page would list them: (page file, anchor), best first."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/search.html")
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    found = page.evaluate(
        """async (queries) => Object.fromEntries(await Promise.all(queries.map(async (query) => {
             const results = (await Search.phraseFirst(query)).reverse();
             return [query, results.map((r) => [r[0] + ".html", r[2]])];
           })))""",
        queries,
    )
    context.close()
    return {query: [tuple(r) for r in found[query]] for query in found}


def holding(query: str, texts: dict[str, str]) -> set[str]:
    return {name for name, text in texts.items() if flat(query) in text}


def test_enough_queries(queries: list[str]) -> None:
    assert len(queries) >= 80, len(queries)


def test_every_page_holding_a_query_is_found(queries, results, texts) -> None:
    misses = {q: sorted(holding(q, texts) - {p for p, _ in results[q]}) for q in queries}
    misses = {q: pages for q, pages in misses.items() if pages}
    assert misses == {}, f"{len(misses)} of {len(queries)} queries miss pages that hold them: {misses}"


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
        order = [p for p, _ in results[query] if p not in GENERATED_PAGES]
        exact = [p in holding(query, texts) for p in order]
        if True in exact and False in exact[: len(exact) - exact[::-1].index(True)]:
            wrong[query] = order
    assert wrong == {}


def test_the_result_ordering_is_active(browser, site_url: str) -> None:
    """book.js wraps three names of Sphinx's searchtools.js; a Sphinx upgrade may rename them."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/search.html")
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    active = page.evaluate("() => typeof Search.phraseFirst === 'function'")
    context.close()
    assert active, (
        "book.js did not wrap Search.query/_performSearch/makeSearchSummary: searchtools.js changed "
        "(a Sphinx upgrade?); update the search section of docs/_static/book.js"
    )


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
