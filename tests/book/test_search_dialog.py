"""Search as you type in the dialog of every page (docs/_static/book-search.js), in headless
Chromium over 127.0.0.1: what search.html lists, in its order, with its snippets; nothing of the
search loaded until the dialog opens; the keyboard path; axe with results shown; a phone; the
offline copy (file://) and the English edition.

The queries are drawn by rule: every SAMPLE-th of tests/search_queries.py's (the Chinese edition's
and the English edition's), typed into the dialog of the text page (a page one folder down, so each
result's link is checked from below the site's root)."""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import pytest
from helpers import PHONE, search
from search_queries import draw, draw_english, english_stopwords, english_texts

SAMPLE = {"zh-cn": 6, "en": 20}
SHOWN = 10  # the results compared, from the top
TABS = 4
SEARCH_FILES = ("searchtools.js", "language_data.js", "book-search.js", "searchindex.js")

# search.html's first results for each query, as the page shows them: Search.performSearch (what the
# page runs for ?q=) into its emptied result box, until Sphinx says the search is done and the
# first results have their snippets (or, for one without, a second has passed).
PAGE_RESULTS = """async ([queries, shown]) => {
  const out = {}, box = document.getElementById("search-results");
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  for (const query of queries) {
    box.replaceChildren();
    Search.performSearch(query);
    while (Search.title.innerText !== Documentation.gettext("Search Results")) await tick();
    const items = [...box.querySelectorAll("ul.search > li")].slice(0, shown);
    for (const start = performance.now(); items.some((li) => !li.querySelector(".context")) && performance.now() - start < 1000;) await tick();
    out[query] = items.map((li) => [li.querySelector("a").href, li.querySelector("a").textContent, li.querySelector(".context")?.textContent ?? ""]);
  }
  return out;
}"""
DIALOG_RESULTS = """(shown) => [...document.querySelectorAll("#search-results .search-result")].slice(0, shown)
  .map((a) => [a.href, a.firstElementChild.textContent, a.querySelector(".context")?.textContent ?? ""])"""


def sample(queries: list[str], edition: str) -> list[str]:
    return queries[:: SAMPLE[edition]]


def open_dialog(page) -> None:
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")


def start_typing(page, query: str) -> int:
    """The query typed into the dialog's field over what was there; the number of searches done before."""
    done = page.evaluate("performance.getEntriesByName('book-search').length")
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(query)
    return done


def shown(page, done: int) -> None:
    """Wait for the typed query's results (its search measured once the list is shown), looking
    every 10 ms (Playwright's default, every frame, is slow in a tab that is not in front)."""
    page.wait_for_function("n => performance.getEntriesByName('book-search').length > n", arg=done, polling=10)


def type_query(page, query: str) -> None:
    shown(page, start_typing(page, query))


def compare(browser, base: str, text_page: str, queries: list[str]) -> dict:
    """Query -> (search.html's, the dialog's) first results, where they differ; and the console's
    errors. The queries are typed in TABS tabs at once (each waits out the dialog's pause after
    typing), while search.html works through its list in another."""
    context = browser.new_context()
    errors = []
    context.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    search_page, tabs = context.new_page(), [context.new_page() for _ in range(TABS)]
    search_page.goto(f"{base}/search.html")
    search_page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    search_page.evaluate("(args) => { window.bookResults = (%s)(args); }" % PAGE_RESULTS, [queries, SHOWN])
    for tab in tabs:
        tab.goto(f"{base}/{text_page}")
        open_dialog(tab)
    dialog = {}
    for at in range(0, len(queries), TABS):
        batch = list(zip(tabs, queries[at : at + TABS]))
        for (tab, query), done in [(pair, start_typing(*pair)) for pair in batch]:
            shown(tab, done)
            dialog[query] = tab.evaluate(DIALOG_RESULTS, SHOWN)
    listed = search_page.evaluate("() => window.bookResults")
    context.close()
    differing = {q: (listed[q], dialog[q]) for q in queries if listed[q] != dialog[q]}
    return {"differing": differing, "errors": errors, "with_results": sum(bool(listed[q]) for q in queries)}


def test_the_dialog_lists_what_search_html_lists(browser, site_url: str, page_types, book_pages) -> None:
    queries = sample(draw(book_pages), "zh-cn")
    found = compare(browser, site_url, page_types["text"], queries)
    assert len(queries) >= 100 and found["with_results"] >= 0.9 * len(queries), (len(queries), found["with_results"])
    assert found["differing"] == {}, f"{len(found['differing'])} of {len(queries)} queries: {found['differing']}"
    assert found["errors"] == []


def test_the_english_dialog_lists_what_its_search_html_lists(browser, english_site_url: str, english_html_dir, page_types) -> None:
    texts = english_texts(english_html_dir)
    queries = sample(draw_english(texts, english_stopwords(english_html_dir)), "en")
    found = compare(browser, english_site_url, page_types["text"], queries)
    assert len(queries) >= 15 and found["with_results"] == len(queries), (len(queries), found["with_results"])
    assert found["differing"] == {}, found["differing"]
    assert found["errors"] == []


def test_every_page_type_but_search_html_has_it(browser, site_url: str, page_types, many: str) -> None:
    """The same results from the dialog of a page of each type (conftest's rule), at its depth. On
    search.html, Ctrl+K and the search button go to the page's own field (the theme's choice), and
    its results are the page's."""
    context = browser.new_context()
    page = context.new_page()
    found = {}
    for kind, name in page_types.items():
        page.goto(f"{site_url}/{name}")
        page.keyboard.press("Control+k")
        if kind == "search":
            found[kind] = page.evaluate("document.activeElement.closest('.bd-search-container') !== null")
            continue
        page.locator("#pst-search-dialog[open]").wait_for()
        type_query(page, many)
        found[kind] = page.evaluate(DIALOG_RESULTS, SHOWN)
    context.close()
    assert found.pop("search") is True, "on search.html, Ctrl+K no longer goes to the page's own field"
    assert len(found) >= 6 and all(found[kind] == found["text"] for kind in found), found


def test_no_search_code_loads_before_the_dialog_opens(browser, site_url: str, page_types) -> None:
    """Not with the page, nor on the reader's first moves (a pointer, a scroll); then, on opening the
    dialog, each of them."""
    context = browser.new_context()
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url.split("?")[0].rsplit("/", 1)[-1]))
    page.goto(f"{site_url}/{page_types['text']}", wait_until="networkidle")
    page.mouse.move(300, 300)
    page.mouse.wheel(0, 400)
    page.wait_for_timeout(300)
    before = [name for name in SEARCH_FILES if name in requested]
    open_dialog(page)
    after = [name for name in SEARCH_FILES if name in requested]
    context.close()
    assert "bootstrap.js" in requested, "the first moves were not made"
    assert (before, after) == ([], list(SEARCH_FILES))


@pytest.fixture(scope="module")
def many(browser, site_url: str, book_pages) -> str:
    """The sampled query with the most results (at least three)."""
    results = search(browser, site_url, sample(draw(book_pages), "zh-cn"))
    query = max(results, key=lambda q: len(results[q]))
    assert len(results[query]) >= 3
    return query


def test_the_keyboard_path(browser, site_url: str, page_types, many: str) -> None:
    """Open from the search button, type (the count is announced), arrow down twice, Enter: the
    third result's page and section. Then, on that page, open, type, Escape: the dialog closes and the button has the
    focus again."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/{page_types['text']}")
    button = page.locator(".search-button-field:visible").first
    button.focus()
    page.keyboard.press("Enter")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.keyboard.insert_text(many)
    page.wait_for_function("performance.getEntriesByName('book-search').length > 0")
    third = page.evaluate("[...document.querySelectorAll('#search-results .search-result')][2].href")
    count = page.locator("#search-results .search-result").count()
    announced = page.locator("#search-results [role=status]").inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    current = page.evaluate("document.getElementById(document.activeElement.getAttribute('aria-activedescendant')).href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    landed = page.url
    page.wait_for_load_state()
    button = page.locator(".search-button-field:visible").first
    button.focus()
    page.keyboard.press("Enter")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.keyboard.insert_text(many)
    page.keyboard.press("Escape")
    page.locator("#pst-search-dialog:not([open])").wait_for(state="attached")
    back = page.evaluate("document.activeElement.matches('.search-button-field')")
    context.close()
    assert str(count) in announced, (count, announced)  # role=status: a polite live region
    assert current == third and landed == third
    assert back, "Escape did not give the focus back to the search button"


def test_what_is_typed_while_the_search_loads_is_kept(browser, site_url: str, page_types, many: str) -> None:
    """searchtools.js empties every search field as it starts (book.js puts the text back): held
    until the reader has typed, then let through, it leaves the query and its results."""
    context = browser.new_context()
    context.set_default_timeout(5_000)
    page = context.new_page()
    held = []
    page.route("**/_static/searchtools.js", lambda route: held.append(route))
    page.goto(f"{site_url}/{page_types['text']}")
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.keyboard.insert_text(many)
    page.wait_for_timeout(300)
    was_held = len(held)
    for route in held:
        route.continue_()
    page.wait_for_function("performance.getEntriesByName('book-search').length > 0")
    kept = page.input_value("#pst-search-dialog input[name=q]"), page.locator("#search-results .search-result").count()
    context.close()
    assert was_held == 1 and kept[0] == many and kept[1] >= 3, (was_held, kept)


def test_axe_finds_nothing_with_results_shown(browser, site_url: str, page_types, many: str) -> None:
    from test_every_page import AXE, AXE_RUN

    found = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site_url}/{page_types['text']}")
        open_dialog(page)
        type_query(page, many)
        page.keyboard.press("ArrowDown")  # a result other than the first is the current one
        page.add_script_tag(path=str(AXE))
        found[scheme] = (page.evaluate("document.documentElement.dataset.theme"),
                         page.locator("#search-results .search-result").count(), page.evaluate(AXE_RUN))
        context.close()
    assert {s: f[0] for s, f in found.items()} == {"light": "light", "dark": "dark"}
    assert all(f[1] >= 3 for f in found.values()), found
    assert {s: f[2] for s, f in found.items()} == {"light": [], "dark": []}


def test_on_a_phone_the_results_fit_and_scroll_inside_the_dialog(browser, site_url: str, page_types, many: str) -> None:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    page = context.new_page()
    page.goto(f"{site_url}/{page_types['text']}")
    page.locator(".search-button__button:visible").first.tap()
    page.locator("#pst-search-dialog[open]").wait_for()
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    type_query(page, many)
    box = page.evaluate("""() => {
      const d = document.getElementById("pst-search-dialog").getBoundingClientRect();
      const r = document.getElementById("search-results");
      return {left: d.left, right: d.right, bottom: d.bottom, scrolls: r.scrollHeight > r.clientHeight,
              page_width: document.documentElement.scrollWidth, overflow: getComputedStyle(r).overflowY};
    }""")
    page.locator("#search-results").evaluate("r => r.scrollTop = r.scrollHeight")
    last_visible = page.locator("#search-results .search-result").last.is_visible()
    context.close()
    assert box["left"] >= 0 and box["right"] <= PHONE["width"] and box["bottom"] <= PHONE["height"], box
    assert box["scrolls"] and box["overflow"] == "auto" and box["page_width"] <= PHONE["width"], box
    assert last_visible


def test_offline_the_dialog_lists_sphinx_order_without_snippets(browser, unzipped, html_dir, page_types, book_pages) -> None:
    """From the offline copy (file://): no page can be fetched, so Sphinx's order and no snippets,
    as on its search.html; each result's link leads to a page of the copy."""
    queries = sample(draw(book_pages), "zh-cn")[:10]
    context = browser.new_context()
    page = context.new_page()
    url = (unzipped / html_dir.name / page_types["text"]).as_uri()
    page.goto(url)
    open_dialog(page)
    found, wanted = {}, {}
    for query in queries:
        type_query(page, query)
        found[query] = page.evaluate(DIALOG_RESULTS, 1000)
        wanted[query] = page.evaluate("""q => Search._performSearch(...Search._parseQuery(q)).reverse()
            .map((r) => new URL(document.documentElement.dataset.content_root + r[0] + ".html" + r[2], location.href).href)""", query)
    context.close()
    assert {q: [r[0] for r in found[q]] for q in queries} == wanted
    assert not any(r[2] for q in queries for r in found[q])
    targets = {Path(url2pathname(urlsplit(r[0]).path)) for q in queries for r in found[q]}
    assert targets and all(t.is_file() and unzipped in t.parents for t in targets), targets
