"""Chinese search, driven in headless Chromium over 127.0.0.1."""

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
