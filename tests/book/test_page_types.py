"""What the templates put on every page, tried in headless Chromium on one page of each type.

The download menu, the search entry point, the sidebar and contents toggles, keyboard reach,
the print layout and the 404 page come from the templates, the same on every page of a type;
one page of each type is enough (test_every_page.py visits every page for what depends on its
content). The types, and the page that stands for each, are found by rule in the build:

- landing page: where the site's logo links;
- search, general index: the pages each page's <link rel="search"> and <link rel="index"> name;
- 404: what a host serves for a missing address (Read the Docs and others look for /404.html),
  served here at a deep address, as a missing page's URL would be;
- glossary: the page with the glossary;
- diagram page: the first page, in reading order, with a diagram;
- text page: the first page in reading order with its own contents ("on this page"), no
  diagram and no glossary.

Each type's page is visited twice: on a desktop (1280 px) and on a phone (375 px, touch).
Each test lists every type's page that misses.
"""

import re
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import BUILDDIR, DESKTOP, PDF_NAME, PHONE, draw_diagrams, luminance, resolve

DEEP = "some/missing/deep/page.html"
DOWNLOADS = {"pdf": BUILDDIR / "pdf" / f"{PDF_NAME}.pdf", "epub": BUILDDIR / "epub" / "zh-cn" / f"{PDF_NAME}.epub",
             "htmlzip": BUILDDIR / "htmlzip" / f"{PDF_NAME}-html.zip"}
# Everything that opens the search: the theme's search field and icon button, and a search form.
SEARCH_ENTRY_POINTS = ".search-button__button, .search-button-field, form[role=search], form.bd-search"
VISIBLE_ENTRY_POINTS = """(selector) => [...document.querySelectorAll(selector)].filter((e) => {
  const box = e.getBoundingClientRect(), style = getComputedStyle(e);
  return box.width > 0 && box.height > 0 && style.visibility !== "hidden" && !e.closest("dialog:not([open])");
}).map((e) => e.className)"""
FOCUSED = """(target) => { const e = document.activeElement, tip = target && document.getElementById(target.getAttribute('aria-describedby'));
  return {cls: String(e.className || ''), onTarget: e === target, tipShown: !!tip && tip.checkVisibility()}; }"""


class Findings:
    """Problems per check, each naming the page; a step that breaks off is a problem of its check."""

    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = defaultdict(list)
        self.ran: dict[str, int] = defaultdict(int)

    def step(self, check: str, where: str, action) -> None:
        self.ran[check] += 1
        try:
            for problem in action() or []:
                self.problems[check].append(f"{where}: {problem}")
        except Exception as error:  # noqa: BLE001
            self.problems[check].append(f"{where}: broke off: {type(error).__name__}: {str(error).splitlines()[0]}")


def entry_points(page, is_search: bool) -> list[str]:
    found = page.evaluate(VISIBLE_ENTRY_POINTS, SEARCH_ENTRY_POINTS)
    expected = 2 if is_search else 1  # the search page has its own form besides
    return [f"{len(found)} search entry points in view, not {expected}: {found}"] if len(found) != expected else []


def download_menu(page, site_url: str) -> list[str]:
    """The "下载" button opens a list of the PDF, the EPUB and the offline zip, each with its size,
    each linking to the book's own file; Escape closes it."""
    button = page.locator("summary.book-downloads__button")
    if not (button.count() == 1 and button.is_visible() and "下载" in button.inner_text()):
        return [f"no single visible 下载 button ({button.count()})"]
    button.click()
    problems = []
    for fmt, path in DOWNLOADS.items():
        link = page.locator(f".book-downloads__list a.download-{fmt}")
        if not link.is_visible():
            problems.append(f"{fmt}: no visible link")
            continue
        if link.evaluate("a => a.href") != f"{site_url}/{path.name}":
            problems.append(f"{fmt}: links to {link.evaluate('a => a.href')}")
        size = f"（{path.stat().st_size / 1e6:.1f} MB）"
        if link.locator(".download-size").inner_text() != size:
            problems.append(f"{fmt}: size {link.locator('.download-size').inner_text()!r}, not {size!r}")
    page.keyboard.press("Escape")
    if page.locator(".book-downloads__list").is_visible():
        problems.append("Escape does not close the menu")
    return problems


def keyboard(page, found: Findings) -> list[str]:
    """Tab reaches the search and the download menu; on a page with glossary terms, the first
    term link too, and its tip shows while it has the focus, hides when it loses it, and shows
    on hover."""
    target = page.locator("article a[aria-describedby]").first
    has_term = target.count() > 0
    handle = target.element_handle() if has_term else None
    reached, tip_on_focus = [], None
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED, handle)
        reached.append(focused["cls"])
        if focused["onTarget"]:
            tip_on_focus = focused["tipShown"]
        if any("search" in c for c in reached) and any("book-downloads__button" in c for c in reached) \
                and (tip_on_focus is not None or not has_term):
            break
    problems = []
    if not any("search" in c for c in reached):
        problems.append("the search cannot be reached with Tab")
    if not any("book-downloads__button" in c for c in reached):
        problems.append("the download menu cannot be reached with Tab")
    if has_term:
        found.ran["term tip"] += 1
        tip = page.locator(f"#{target.get_attribute('aria-describedby')}")
        if tip_on_focus is None:
            problems.append("the first term link cannot be reached with Tab")
        elif not tip_on_focus:
            problems.append("the first term link's tip does not show on keyboard focus")
        page.locator("article h1").hover()
        page.evaluate("document.activeElement.blur()")
        if tip.is_visible():
            problems.append("the tip stays shown after the focus and the pointer left")
        target.hover()
        if not tip.is_visible():
            problems.append("the tip does not show on hover")
    return problems


def primary_toggle_on_desktop(page) -> list[str]:
    """The menu button hides the book's navigation, and a second click brings it back; one
    click changes the state once (the theme's own script, no forwarding in book.js)."""
    toggle = page.locator("button.primary-toggle:visible")
    if toggle.count() != 1 or not page.locator("#pst-primary-sidebar").is_visible():
        return [f"{toggle.count()} visible menu buttons, navigation shown: {page.locator('#pst-primary-sidebar').is_visible()}"]
    problems = []
    for clicks, hidden in ((1, 1), (2, 0)):
        toggle.click()
        page.wait_for_timeout(400)
        if page.locator("#pst-primary-sidebar.pst-sidebar-hidden").count() != hidden:
            problems.append(f"after {clicks} clicks the navigation is {'shown' if hidden else 'hidden'}")
    return problems


def print_layout(page) -> list[str]:
    page.emulate_media(media="print")
    problems = [f"{selector} is printed" for selector in ("#pst-primary-sidebar", ".bd-sidebar-secondary", ".header-article__inner", ".bd-header")
                if not page.locator(selector).evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none' || !e.offsetParent)")]
    if not page.locator("#jb-print-docs-body h1").is_visible():  # the theme's print title
        problems.append("no printed title")
    if not page.locator("article section p").first.is_visible():
        problems.append("the text is not printed")
    if not page.locator(".term-tip__text").evaluate_all("els => els.every(e => getComputedStyle(e).display === 'none')"):
        problems.append("term tips are printed")
    page.emulate_media(media="screen")
    return problems


def chosen_mode_lasts(page) -> list[str]:
    """A reader who picks dark in the theme's menu gets it on the next page load, and the
    diagrams are drawn dark from the start (not redrawn)."""
    page.locator(".theme-switch-button").first.click()
    page.locator(".theme-change-button[data-mode=dark]").first.click()
    page.reload(wait_until="load")
    problems = [] if page.evaluate("document.documentElement.dataset.theme") == "dark" else ["not dark after a reload"]
    draw_diagrams(page)
    for diagram in page.locator("pre.mermaid").all():
        fill, text = diagram.evaluate("d => [getComputedStyle(d.querySelector('svg .node rect, svg .node path')).fill,"
                                      " getComputedStyle(d.querySelector('svg .nodeLabel')).color]")
        if luminance(fill) >= luminance(text):
            problems.append(f"a diagram drawn with box {fill} and text {text}")
    return problems


def not_found_page(page, failed: list[str]) -> list[str]:
    """Served for a missing deep address, the 404 page still finds its styles, fonts and links."""
    page.wait_for_load_state("networkidle")
    problems = [f"failed requests: {failed}"] if failed else []
    if "页面不存在" not in page.locator("article").inner_text():
        problems.append("it does not say the page does not exist")
    if not page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Noto Sans CJK SC"'):
        problems.append("the book's styles are not applied")
    problems += [f"{href} answers {status}" for href in page.eval_on_selector_all("article a", "links => links.map(a => a.href)")
                 if (status := page.context.request.get(href).status) != 200]
    return problems


def open_page(context, site_url: str, kind: str, name: str, html_dir: Path):
    """The page of a type, and the requests that failed as it loaded (the 404 page's own aside)."""
    page, failed = context.new_page(), []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith(DEEP) else None)
    if kind == "404":
        page.route(f"{site_url}/{DEEP}", lambda route: route.fulfill(status=404, path=html_dir / name, content_type="text/html"))
        page.goto(f"{site_url}/{DEEP}", wait_until="load")
    else:
        page.goto(f"{site_url}/{name}", wait_until="load")
    return page, failed


@pytest.fixture(scope="module")
def findings(browser, site_url: str, html_dir: Path, pages, page_types: dict[str, str]) -> Findings:
    found = Findings()
    for kind, name in page_types.items():
        where = f"{name} ({kind})"
        book_page = bool(pages[name].select_one("article section p")) and kind not in ("404", "search", "genindex")
        context = browser.new_context(viewport=DESKTOP, color_scheme="light")
        context.set_default_timeout(5_000)
        page, failed = open_page(context, site_url, kind, name, html_dir)
        found.step("keyboard", where, lambda: keyboard(page, found))  # first: Tab starts from the top of the page
        if kind == "404":
            found.step("404", where, lambda: not_found_page(page, failed))
        found.step("search entry", f"{where} at {DESKTOP['width']} px", lambda: entry_points(page, kind == "search"))
        found.step("downloads", where, lambda: download_menu(page, site_url))
        found.step("toggles", f"{where} at {DESKTOP['width']} px", lambda: primary_toggle_on_desktop(page))
        if book_page:
            found.step("print", where, lambda: print_layout(page))
        if kind == "diagram":
            found.step("mode", where, lambda: chosen_mode_lasts(page))
        context.close()

        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="light")
        context.set_default_timeout(5_000)
        page, _ = open_page(context, site_url, kind, name, html_dir)
        at = f"{where} at {PHONE['width']} px"
        found.step("phone", at, lambda: [f"{w} px wide: scrolls sideways"] if (w := page.evaluate("document.documentElement.scrollWidth")) > PHONE["width"] else [])
        found.step("search entry", at, lambda: entry_points(page, kind == "search"))
        found.step("downloads", at, lambda: download_menu_fits(page))
        found.step("toggles", at, lambda: toggles_on_a_phone(page, pages[name], page_types["glossary"], name))
        context.close()
    return found


def download_menu_fits(page) -> list[str]:
    page.locator("summary.book-downloads__button").click()
    box = page.locator(".book-downloads__list").bounding_box()
    return [] if box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] else [f"the open menu leaves the screen: {box}"]


def toggles_on_a_phone(page, soup: BeautifulSoup, glossary: str, name: str) -> list[str]:
    """The menu button opens the book's navigation (hidden until then) in a panel that stays open;
    the contents button, on a page with its own contents, opens those."""
    problems = []
    if page.locator("nav.bd-docs-nav:visible").count():
        problems.append("the navigation shows before the menu button is pressed")
    for kind, has in (("primary", True), ("secondary", bool(soup.select_one(".bd-sidebar-secondary")))):
        toggle = page.locator(f"button.{kind}-toggle:visible")
        if toggle.count() != int(has):
            problems.append(f"{toggle.count()} visible {kind} toggles, {int(has)} expected")
            continue
        if not has:
            continue
        toggle.tap()
        page.wait_for_timeout(400)
        if page.locator(f"#pst-{kind}-sidebar-modal[open]").count() != 1:
            problems.append(f"one tap on the {kind} toggle did not leave its panel open")
        elif kind == "primary":
            nav = page.locator("nav.bd-docs-nav:visible").first
            # The 404 page's links are absolute, from the edition's folder (/zh-cn/…).
            links = [resolve(name, re.sub(r"^/[^/]+(?=/)", "", h))
                     for h in nav.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
            if glossary not in links or not nav.locator("a").first.is_visible():
                problems.append("the opened navigation does not show the book's pages")
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)
    return problems


def check(findings: Findings, name: str) -> None:
    problems = findings.problems[name]
    assert findings.ran[name], f"the check {name!r} was not made on any page"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_download_menu(findings, browser, site_url: str) -> None:
    """On every type of page, on a desktop and on a 375-px phone; the files downloaded are the
    book's own (not a print of the page)."""
    context = browser.new_context()
    wrong = [fmt for fmt, path in DOWNLOADS.items()
             if (r := context.request.get(f"{site_url}/{path.name}")).status != 200 or r.body() != path.read_bytes()]
    context.close()
    assert not wrong, f"the site serves other bytes than the book's {wrong}"
    check(findings, "downloads")


def test_one_search_entry_point_in_view(findings) -> None:
    """One search box or button in view at 1280 and at 375 px: pydata-sphinx-theme 0.20 adds a
    second "搜索 Ctrl+K" in a header strip above the sidebar unless navbar_persistent is set
    (conf.py). The search page has its own form besides."""
    check(findings, "search entry")


def test_toggles_act_once_per_click(findings) -> None:
    check(findings, "toggles")


def test_keyboard_reaches_search_downloads_and_term_tips(findings) -> None:
    assert findings.ran["term tip"], "no page type's page has a term link to tab to"
    check(findings, "keyboard")


def test_no_sideways_scrolling_on_a_phone(findings) -> None:
    """On a real phone (mobile viewport, touch): the page is laid out at the screen's width."""
    check(findings, "phone")


def test_print_shows_the_text_without_sidebars(findings) -> None:
    check(findings, "print")


def test_404_page_works_at_any_depth(findings) -> None:
    check(findings, "404")


def test_a_chosen_mode_lasts(findings) -> None:
    check(findings, "mode")
