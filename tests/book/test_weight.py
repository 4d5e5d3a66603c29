"""Page weight, as a size: the bytes a reader's browser fetches for each page, gzip-compressed."""

import gzip
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

BUDGET = 150 * 1024  # every text page, every request counted
# The search page also loads the search index, Chinese bigrams included (_ext/search.py).
BUDGETS = {"search.html": 180 * 1024}


def transferred(browser, url: str) -> dict[str, int]:
    """URL -> gzip size of each response the page makes."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    sizes = {r.url: len(gzip.compress(r.body(), 6)) for r in responses}
    context.close()
    return sizes


@pytest.fixture(scope="session")
def text_pages(pages, diagram_pages) -> list[str]:
    return [name for name in pages if name not in diagram_pages]


def test_text_pages_fit_the_budget(browser, site_url: str, text_pages) -> None:
    over = {}
    for name in text_pages:
        sizes = transferred(browser, f"{site_url}/{name}")
        if sum(sizes.values()) > BUDGETS.get(name, BUDGET):
            top = sorted(sizes.items(), key=lambda kv: -kv[1])[:5]
            over[name] = (sum(sizes.values()) // 1024, [(u.rsplit("/", 1)[-1], s // 1024) for u, s in top])
    assert over == {}, f"pages over their budget ({BUDGET // 1024} KB gzip, {BUDGETS}) (KB, largest requests): {over}"


def test_every_icon_shown_is_in_the_served_font(browser, site_url: str, pages, html_dir: Path) -> None:
    """The icon font is cut down to the icons in use: each icon a page draws must be in it."""
    cmap = TTFont(html_dir / "_static" / "fonts" / "fa-solid-subset.woff2").getBestCmap()
    context = browser.new_context()
    page = context.new_page()
    checked = 0
    for name in pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        shown = page.evaluate(
            """() => [...document.querySelectorAll('*')].flatMap(el => {
                 const s = getComputedStyle(el, '::before');
                 const m = s.content.match(/^"(.)"/u);  // e.g. '"\uf0c9" / ""' (glyph / alt text)
                 return s.fontFamily.includes('Font Awesome') && s.fontWeight === '900' && m
                   ? [m[1].codePointAt(0)] : [];
               })"""
        )
        missing = sorted({hex(c) for c in shown if c not in cmap})
        assert missing == [], f"{name}: icons missing from the font: {missing}"
        checked += len(shown)
    context.close()
    assert checked > len(pages), "no icons found: the check would pass on anything"
