"""What readers and search engines expect of a published site."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import BUILDDIR, PDF_NAME


def meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else ""


def test_descriptions_and_open_graph(book_pages: dict[str, BeautifulSoup]) -> None:
    base = meta(book_pages["index.html"], property="og:url").removesuffix("index.html")
    assert base.startswith("https://") and base.endswith("/")
    for name, soup in book_pages.items():
        assert len(meta(soup, name="description")) >= 30, name
        assert meta(soup, property="og:title"), name
        assert meta(soup, property="og:description"), name
        assert meta(soup, property="og:url") == base + name, name


def test_sitemap_lists_every_page_once(html_dir: Path, book_pages) -> None:
    tree = ET.parse(html_dir / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    missing = [name for name in book_pages if not any(loc.endswith("/" + name) for loc in locs)]
    assert missing == [], missing


def test_footer_is_in_chinese(book_pages) -> None:
    """The theme's footer lines, translated and with Chinese punctuation."""
    for name, soup in book_pages.items():
        lines = [" ".join(p.get_text(" ").split()) for p in soup.select("footer.bd-footer-content p")]
        assert lines == ["© 2026 JupyterCon 2018 笔记编写组，以 CC BY 4.0 许可发布。", lines[1]], (name, lines)
        assert re.fullmatch(r"最后更新于 \d{4}-\d{2}-\d{2}。", lines[1]), (name, lines)


def test_last_updated_on_every_page(book_pages) -> None:
    for name, soup in book_pages.items():
        updated = soup.select_one("p.last-updated")
        assert updated and re.search(r"最后更新于 \d{4}-\d{2}-\d{2}", updated.get_text()), name


def test_favicon_is_declared(pages) -> None:
    for name, soup in pages.items():
        icon = soup.select_one("link[rel=icon]")
        assert icon is not None and icon["href"].endswith("favicon.svg"), name


def test_404_page_works_at_any_depth(browser, site_url: str, html_dir: Path) -> None:
    """Served for a missing deep URL, the 404 page still finds its styles and links."""
    context = browser.new_context()
    page = context.new_page()
    deep = f"{site_url}/some/missing/deep/page.html"
    page.route(deep, lambda route: route.fulfill(status=404, path=html_dir / "404.html", content_type="text/html"))
    failed = []
    page.on("response", lambda r: failed.append((r.status, r.url)) if r.status >= 400 and r.url != deep else None)
    page.goto(deep, wait_until="networkidle")
    assert failed == []
    assert "页面不存在" in page.locator("article").inner_text()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK SC"')
    for href in page.eval_on_selector_all("article a", "links => links.map(a => a.href)"):
        assert context.request.get(href).status == 200, href
    context.close()


def size_text(path: Path) -> str:
    """A file's size as the download menu writes it: （0.8 MB）."""
    return f"（{path.stat().st_size / 1e6:.1f} MB）"


def test_download_menu_on_every_page(browser, site_url: str, pages, html_dir: Path) -> None:
    """On every page a "下载" menu offers the PDF, the EPUB and the offline zip, each with its
    size; each link downloads the book's own file (not a print of the page)."""
    files = {"pdf": BUILDDIR / "pdf" / f"{PDF_NAME}.pdf", "epub": BUILDDIR / "epub" / f"{PDF_NAME}.epub",
             "htmlzip": BUILDDIR / "htmlzip" / f"{PDF_NAME}-html.zip"}
    context = browser.new_context()
    page = context.new_page()
    for name in pages:
        page.goto(f"{site_url}/{name}")
        button = page.locator("summary.book-downloads__button")
        assert button.count() == 1 and button.is_visible() and "下载" in button.inner_text(), name
        button.click()
        for fmt, path in files.items():
            link = page.locator(f".book-downloads__list a.download-{fmt}")
            assert link.is_visible(), (name, fmt)
            assert link.evaluate("a => a.href") == f"{site_url}/{path.name}", (name, fmt)
            assert link.locator(".download-size").inner_text() == size_text(path), (name, fmt)
    for fmt, path in files.items():  # the files themselves, once: the links are the same on every page
        response = context.request.get(f"{site_url}/{path.name}")
        assert response.status == 200 and response.body() == path.read_bytes(), fmt
    page.keyboard.press("Escape")
    assert not page.locator(".book-downloads__list").is_visible(), "Escape does not close the menu"
    # On a 375-px phone the open menu stays on the screen.
    page.set_viewport_size({"width": 375, "height": 740})
    page.locator("summary.book-downloads__button").click()
    box = page.locator(".book-downloads__list").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375, box
    context.close()


def test_phone_layout(browser, site_url: str, pages) -> None:
    """On a 375-px phone: no sideways scrolling, and the book's navigation opens from the menu button."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name in pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, f"{name} scrolls sideways"
    page.goto(f"{site_url}/panel.html", wait_until="networkidle")
    assert page.locator("nav.bd-docs-nav:visible").count() == 0
    page.locator("button.primary-toggle:visible").first.click()
    nav = page.locator("nav.bd-docs-nav:visible").first
    nav.wait_for(state="visible")
    assert nav.locator("a", has_text="术语表").is_visible()
    context.close()


def test_menu_button_hides_the_sidebar_on_desktop(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/panel.html", wait_until="networkidle")
    sidebar = page.locator("#pst-primary-sidebar")
    assert sidebar.is_visible()
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_function("document.querySelector('#pst-primary-sidebar').classList.contains('pst-sidebar-hidden')")


# Everything that opens the search: the theme's search field and icon button, and a search form.
SEARCH_ENTRY_POINTS = ".search-button__button, .search-button-field, form[role=search], form.bd-search"
VISIBLE = """(selector) => [...document.querySelectorAll(selector)].filter((e) => {
  const box = e.getBoundingClientRect(), style = getComputedStyle(e);
  return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !e.closest("dialog:not([open])");
}).map((e) => e.className)"""


@pytest.mark.parametrize("width", [1280, 375])
def test_one_search_entry_point_per_viewport(browser, site_url: str, book_pages, width: int) -> None:
    """One search box or button in view on every page: pydata-sphinx-theme 0.20 adds a second
    "搜索 Ctrl+K" in a header strip above the sidebar unless navbar_persistent is set (conf.py)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    for name in book_pages:
        page.goto(f"{site_url}/{name}")
        visible = page.evaluate(VISIBLE, SEARCH_ENTRY_POINTS)
        assert len(visible) == 1, f"{name} at {width} px shows {len(visible)} search entry points: {visible}"
    context.close()


@pytest.mark.parametrize(("width", "kind", "opened"), [
    (1280, "primary", "#pst-primary-sidebar.pst-sidebar-hidden"),
    (375, "primary", "#pst-primary-sidebar-modal[open]"),
    (375, "secondary", "#pst-secondary-sidebar-modal[open]"),
])
def test_each_toggle_acts_once_per_click(page, site_url: str, width: int, kind: str, opened: str) -> None:
    """The visible menu and contents buttons work with the themes' own scripts (no forwarding in
    book.js), and one click changes the state once: it stays changed. On the desktop a second
    click undoes it (on a phone the opened panel covers the button)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}/panel.html", wait_until="networkidle")
    assert page.locator(f"button.{kind}-toggle:visible").count() == 1, f"not exactly one visible {kind} toggle at {width} px"
    assert page.locator(opened).count() == 0
    page.locator(f"button.{kind}-toggle:visible").click()
    page.wait_for_timeout(400)
    assert page.locator(opened).count() == 1, f"one click on the {kind} toggle at {width} px did not leave it toggled"
    if width == 1280:
        page.locator(f"button.{kind}-toggle:visible").click()
        page.wait_for_timeout(400)
        assert page.locator(opened).count() == 0, "a second click did not undo the first"


def test_keyboard_reaches_search_downloads_and_term_tips(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{site_url}/panel.html", wait_until="networkidle")
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(
            "() => { const e = document.activeElement; return [e.tagName, e.className || '', e.getAttribute('href') || '',"
            " e.getAttribute('aria-describedby') || ''] }"
        ))
    assert any("search-button" in cls or "search" in cls for _, cls, _, _ in reached), "the search cannot be reached with Tab"
    assert any("book-downloads__button" in cls for _, cls, _, _ in reached), "the download menu cannot be reached with Tab"
    assert any("#term-" in href and tip for _, _, href, tip in reached), "no term link with its tip is reached with Tab"


def test_dark_mode_on_every_page(browser, site_url: str, pages) -> None:
    context = browser.new_context(color_scheme="dark")
    context.add_init_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')")
    page = context.new_page()
    for name in pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == "dark", name
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert sum(int(v) for v in re.findall(r"\d+", background)[:3]) < 150, f"{name}: background {background}"
    context.close()


def test_print_shows_the_text_without_sidebars(page, site_url: str) -> None:
    page.goto(f"{site_url}/panel.html", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in ("#pst-primary-sidebar", ".bd-sidebar-secondary", ".header-article__inner", ".bd-header"):
        hidden = page.locator(selector).evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none' || !e.offsetParent)")
        assert hidden, f"{selector} is printed"
    assert page.locator("#jb-print-docs-body h1").is_visible()  # the theme's print title
    assert page.locator("article section p").first.is_visible()
    assert page.locator(".term-tip__text").evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')")


def test_interface_strings_are_mainland_chinese(pages) -> None:
    """Names, tooltips and placeholders of the interface: Chinese, in mainland wording."""
    allowed_latin = {"Ctrl", "K", "PDF", "JupyterCon", "GDPR", "Julia", "Lane", "Netflix", "Carol", "Willing"}
    not_mainland = ["亮色", "暗色", "网页导航", "回到顶部"]
    problems = set()
    for name, soup in pages.items():
        for tag in soup.find_all(True):
            for attr in ("aria-label", "title", "placeholder"):
                text = tag.get(attr, "")
                words = set(re.findall(r"[A-Za-z]+", text))
                if text and words - allowed_latin and not re.search(r"[\u4e00-\u9fff]", text):
                    problems.add(f"{name}: {attr}={text!r}")
        text = soup.get_text(" ")
        problems |= {f"{name}: {word}" for word in not_mainland if word in text}
    assert sorted(problems) == []
