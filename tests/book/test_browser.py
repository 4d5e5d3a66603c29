"""The site in headless Chromium over 127.0.0.1: Chinese search, term tips."""

from urllib.parse import quote

import pytest

# query -> a page that must be among the results
QUERIES = {
    "维护者倦怠": "glossary.html",
    "暗副本": "keynotes/abernathey.html",
    "去标识化": "glossary.html",
    "知情同意": "panel.html",
    "开源软件": "glossary.html",
    "计算靠近数据": "glossary.html",
    "拉取请求审阅": "glossary.html",
    "数据交换中心": "talks/lane.html",
    # Chinese words of the running text
    "引力波": "keynotes/farr.html",
    "吃豆人规则": "closing.html",
    # English names
    "Netflix": "keynotes/ufford.html",
    "papermill": "keynotes/ufford.html",
    "Pangeo": "keynotes/abernathey.html",
    # mixed queries: every word must match
    "Netflix 笔记本": "keynotes/ufford.html",
    "GDPR 匿名化": "panel.html",
    "Julia Lane 微观数据": "talks/lane.html",
}

SEARCHING = "正在搜索"


def search(page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const r = document.querySelector('#search-results');"
        " return r && r.querySelector('p.search-summary') && !r.textContent.includes('正在搜索'); }",
        timeout=20_000,
    )
    return page.eval_on_selector_all("#search-results ul.search li a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("query, expected", QUERIES.items())
def test_glossary_terms_are_found(page, site_url: str, query: str, expected: str) -> None:
    results = [href.split("#")[0] for href in search(page, site_url, query)]
    assert expected in results, f"{query}: {results}"


def test_term_tip_shows_on_keyboard_focus_and_hover(page, site_url: str) -> None:
    page.goto(f"{site_url}/keynotes/abernathey.html")
    link = page.locator("article a[href$='#term-dark-replica']").first
    tip = page.locator(f"#{link.get_attribute('aria-describedby')}")
    assert tip.is_hidden()
    page.keyboard.press("Tab")  # focus moves by keyboard until it reaches the term link
    for _ in range(200):
        if link.evaluate("a => a === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert link.evaluate("a => a === document.activeElement"), "the term link cannot be reached with Tab"
    assert tip.is_visible()
    assert tip.inner_text().startswith("暗副本（dark replica）：")
    page.locator("article h1").hover()
    page.evaluate("document.activeElement.blur()")
    assert tip.is_hidden()
    link.hover()
    assert tip.is_visible()


def test_no_match_says_so(page, site_url: str) -> None:
    assert search(page, site_url, "量子纠缠") == []
    summary = page.inner_text("#search-results p.search-summary")
    assert "没有匹配" in summary and SEARCHING not in page.inner_text("#search-results")


def test_search_page_has_no_console_error(page, site_url: str) -> None:
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    search(page, site_url, "维护者倦怠")
    assert errors == []


def test_result_snippets_leave_out_the_term_tips(page, site_url: str) -> None:
    search(page, site_url, "维护者倦怠")
    page.wait_for_function("document.querySelectorAll('#search-results p.context').length > 0", timeout=20_000)
    snippets = page.eval_on_selector_all("#search-results p.context", "ps => ps.map(p => p.textContent)")
    assert snippets and not any("维护者倦怠维护者倦怠" in s or "维护者倦怠（maintainer burnout）：" in s for s in snippets), snippets


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
