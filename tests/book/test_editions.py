"""Between the editions, as a reader goes: the root page, and the language switcher keeping the
page and the place (#anchor), online (_build/html served as a web server would: /zh-cn/, /en/)
and from the offline zip (file://), with its fallback to the other edition's home page when
that edition lacks the page. Read the Docs' layout is rehearsed in .ci/tests/test_readthedocs.py.

Drawn by rule: the pages in reading order, every fourth from the first, each at the id of its
last section; the page the fallback is tried on is a new page added to a copy's Chinese edition.
"""

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import serve
from helpers import UNCUT_CSS, make, parse
from _ext import HAN

EDITIONS = {"zh-cn": ("en", "English"), "en": ("zh-cn", "简体中文")}


def places(reading_order: list[str], pages: dict[str, BeautifulSoup]) -> list[tuple[str, str]]:
    """Every fourth page in reading order, at the id of the last section of its article."""
    return [(name, pages[name].select("article section[id]")[-1]["id"]) for name in reading_order[::4]]


def test_every_page_links_the_same_page_in_the_other_edition(html_dir: Path, english_html_dir: Path) -> None:
    """On every page of both editions, read as HTML: one switcher, named in both languages, with
    one link, in the other edition's language and its own name for it, to the same page there
    (a file that exists), its home page and its list of pages, which lists exactly its pages."""
    misses = []
    for folder in (html_dir, english_html_dir):
        other, name = EDITIONS[folder.name]
        listed = set(re.findall(r'"([^"]+)"', (folder.parent / other / "_static" / "book-pages.js").read_text(encoding="utf-8")))
        on_disk = {p.relative_to(folder.parent / other).with_suffix("").as_posix() for p in (folder.parent / other).rglob("*.html")
                   if "_static" not in p.parts}
        if listed != on_disk - {"404"}:
            misses.append(f"{other}/_static/book-pages.js lists {sorted(listed ^ (on_disk - {'404'}))} wrongly")
        for path in sorted(p for p in folder.rglob("*.html") if "_static" not in p.parts):
            page = path.relative_to(folder).as_posix()
            switchers = parse(path).select("nav.book-editions")
            links = switchers[0].select("a") if len(switchers) == 1 else []
            if len(links) != 1:
                misses.append(f"{folder.name}/{page}: {len(switchers)} switchers, {len(links)} links")
                continue
            link, label = links[0], switchers[0].get("aria-label", "")
            at = posixpath.join(folder.name, posixpath.dirname(page))
            wanted = {"href": f"{other}/{page}", "data-edition-home": f"{other}/index.html",
                      "data-edition-pages": f"{other}/_static/book-pages.js"}
            found = {key: posixpath.normpath(posixpath.join(at, link[key])) for key in wanted}
            tag = "en" if other == "en" else "zh-CN"
            if page == "404.html":  # served at any address: from the root, to the home page
                found = {key: link[key] for key in wanted}
                wanted = {key: f"/{path}" for key, path in wanted.items()}
            if found != wanted or (link["lang"], link["hreflang"], link.get_text(strip=True)) != (tag, tag, name):
                misses.append(f"{folder.name}/{page}: {found} {link['lang']} {link.get_text(strip=True)}")
            if not (folder.parent / found["href"].lstrip("/")).is_file():
                misses.append(f"{folder.name}/{page}: {found['href']} is not there")
            if not (re.search(f"[{HAN}]", label) and re.search("[A-Za-z]", label)):
                misses.append(f"{folder.name}/{page}: the switcher's name {label!r} is not in both languages")
    assert not misses, f"{len(misses)} misses:\n" + "\n".join(misses)


def switch(page, url: str, keyboard: bool = False) -> str:
    """Open ``url``, follow the switcher (a click, or Tab to it and Enter), return where it lands."""
    page.goto(url)
    link = page.locator("nav.book-editions a")
    if keyboard:
        for _ in range(200):
            page.keyboard.press("Tab")
            if link.evaluate("a => a === document.activeElement"):
                break
        else:
            return "the switcher is not reached with Tab"
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        with page.expect_navigation():
            link.click()
    page.wait_for_load_state()
    return unquote(page.url)


def test_the_switcher_keeps_the_page_and_the_place_online(page, server_url: str, reading_order, pages) -> None:
    """Chinese to English by a click, English to Chinese by the keyboard, at the same #anchor,
    which is there in the page reached."""
    misses = []
    for name, anchor in places(reading_order, pages):
        for edition, keyboard in (("zh-cn", False), ("en", True)):
            other = EDITIONS[edition][0]
            landed = switch(page, f"{server_url}/{edition}/{name}#{anchor}", keyboard)
            if landed != f"{server_url}/{other}/{name}#{anchor}" or not page.locator(f"[id='{anchor}']").count():
                misses.append(f"{edition}/{name}#{anchor} -> {landed}")
    assert not misses, "\n".join(misses)


@pytest.fixture(scope="module")
def newer_chinese(project_copy, english_html_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both editions as a reader can meet them between two builds: the Chinese edition with a page
    the English one has not got yet (a copy's, built with a new page), beside the English."""
    project = project_copy()
    (project / "docs" / "added.md").write_text("---\norphan: true\n---\n\n# 新加的一页\n\n## 第一节\n\n正文。\n", encoding="utf-8")
    result = make("html", "EDITIONS=zh-cn", f"SPHINXOPTS={UNCUT_CSS}", cwd=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    site = tmp_path_factory.mktemp("editions")
    shutil.copytree(project / "_build" / "html" / "zh-cn", site / "zh-cn")
    shutil.copytree(english_html_dir, site / "en")
    return site


@pytest.fixture(scope="module")
def newer_chinese_url(newer_chinese: Path):
    yield from serve(newer_chinese)


def test_the_switcher_falls_back_to_the_home_page(page, newer_chinese: Path, newer_chinese_url: str, server_url: str,
                                                  html_dir: Path) -> None:
    """A page the other edition lacks: online and from disk, the switcher checks, then lands on
    that edition's home page, not on a missing page. So does the 404 page, served (as a web server
    serves it) at a missing address deep in the site."""
    online = switch(page, f"{newer_chinese_url}/zh-cn/added.html#第一节")
    from_disk = switch(page, (newer_chinese / "zh-cn" / "added.html").as_uri() + "#第一节")
    missing = f"{server_url}/zh-cn/no/such/page.html"
    page.route(missing, lambda route: route.fulfill(status=404, path=html_dir / "404.html", content_type="text/html"))
    not_found = switch(page, missing)
    assert (online, from_disk, not_found) == (f"{newer_chinese_url}/en/index.html", (newer_chinese / "en" / "index.html").as_uri(),
                                              f"{server_url}/en/index.html")


def test_the_switcher_keeps_the_page_and_the_place_from_disk(page, unzipped: Path, reading_order, pages) -> None:
    """The offline zip, unpacked and opened from disk: both ways, at the same #anchor."""
    misses = []
    for name, anchor in places(reading_order, pages):
        for edition in EDITIONS:
            target = (unzipped / EDITIONS[edition][0] / name).as_uri() + f"#{anchor}"
            landed = switch(page, (unzipped / edition / name).as_uri() + f"#{anchor}")
            if urlsplit(landed)._replace(fragment="") != urlsplit(target)._replace(fragment="") or \
                    urlsplit(landed).fragment != urlsplit(target).fragment:
                misses.append(f"{edition}/{name}#{anchor} -> {landed}")
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("locale, edition", [("zh-CN", "zh-cn"), ("en-GB", "en"), ("en-US", "en"), ("fr-FR", "zh-cn")])
def test_the_root_page_sends_a_reader_to_their_edition(browser, server_url: str, unzipped: Path, locale: str, edition: str) -> None:
    """The browser's language picks the edition by its first subtag (en-GB, en-US: en), the book's
    own language when there is none in it (fr-FR); online and from disk."""
    context = browser.new_context(locale=locale)
    try:
        page = context.new_page()
        landed = []
        for root in (f"{server_url}/", unzipped.as_uri() + "/index.html"):
            page.goto(root)
            page.wait_for_url(re.compile(r".*/(zh-cn|en)/index\.html$"))
            landed.append(page.url.rsplit("/", 2)[-2])
    finally:
        context.close()
    assert landed == [edition, edition]
