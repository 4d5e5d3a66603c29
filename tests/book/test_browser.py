"""The search page in headless Chromium over 127.0.0.1: what a reader sees of a search.
(Which pages a query finds: test_search.py, over queries drawn from the book.)"""

from urllib.parse import quote


SEARCHING = "正在搜索"


def search(page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const r = document.querySelector('#search-results');"
        " return r && r.querySelector('p.search-summary') && !r.textContent.includes('正在搜索'); }",
        timeout=20_000,
    )
    return page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")


def test_no_match_says_so(page, site_url: str) -> None:
    assert search(page, site_url, "量子纠缠") == []
    summary = page.inner_text("#search-results p.search-summary")
    assert "没有匹配" in summary and SEARCHING not in page.inner_text("#search-results")


def test_result_snippets_leave_out_the_term_tips(page, site_url: str) -> None:
    """A search with results (their snippets fetched from the pages), with no console error."""
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    search(page, site_url, "维护者倦怠")
    page.wait_for_function("document.querySelectorAll('#search-results p.context').length > 0", timeout=20_000)
    snippets = page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
    assert snippets and not any("维护者倦怠维护者倦怠" in s or "维护者倦怠（maintainer burnout）：" in s for s in snippets), snippets
    assert errors == []


def test_result_snippets_are_cut_from_the_article_only(page, site_url: str, pages) -> None:
    """Not from the theme's buttons, previous/next links or footer, which share [role=main]."""
    main = pages["keynotes/ufford.html"].select_one("main")
    chrome = {
        " ".join(el.get_text(" ").split())
        for el in main.select(".theme-change-button, .book-downloads__button, .book-downloads__list a, .prev-next-subtitle, .last-updated")
    }
    assert {"跟随系统", "下载", "上一页", "下一页"} <= chrome and any(c.startswith("EPUB") for c in chrome), chrome
    search(page, site_url, "Netflix")
    page.wait_for_function(
        "document.querySelectorAll('#search-results p.context').length"
        " === document.querySelectorAll('#search-results ul.search li').length", timeout=20_000)
    snippets = page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
    assert len(snippets) >= 5, snippets
    leaks = [(text, s) for s in snippets for text in chrome if text in s]
    assert leaks == [], leaks


def test_search_icon_stays_clear_of_the_query(page, site_url: str) -> None:
    page.goto(f"{site_url}/search.html?q=Netflix")
    form = ".bd-search-container .bd-search"
    icon = page.locator(f"{form} .fa-magnifying-glass").bounding_box()
    text_left = page.locator(f"{form} input[name=q]").evaluate(
        "i => i.getBoundingClientRect().left + parseFloat(getComputedStyle(i).paddingLeft)")
    assert icon and icon["width"] > 0
    assert icon["x"] + icon["width"] <= text_left, (icon, text_left)


def test_sphinx_sitemap_still_starts_a_process_manager() -> None:
    """Why conftest's browser is one per module, not one per session: sphinx-sitemap starts a
    multiprocessing Manager (a forked process) on every build, and the unit tier builds in the
    pytest process after this tier. If this fails, it no longer does: the browser may be one per
    session again."""
    import inspect

    import sphinx_sitemap

    assert "Manager()" in inspect.getsource(sphinx_sitemap)
