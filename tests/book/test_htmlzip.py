"""The offline copy: `make htmlzip`'s zip, unzipped and opened from disk (file://) in Chromium,
with no network. Pages, navigation, Chinese search, glossary tips and diagrams must all work.

What is tried is drawn by rule: every diagram page, the landing page's first chapter link,
the first Chinese glossary term as the search query (the pages that hold it must be found).
"""

import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import draw_diagrams
from search_queries import GENERATED, article_text, flat
from _ext import HAN

from conftest import ZIP


@pytest.fixture(scope="module")
def offline(unzipped: Path, html_dir: Path) -> Path:
    """The Chinese edition in the unpacked zip."""
    return unzipped / html_dir.name


@pytest.fixture
def watched(page):
    """The page, with every request and console error it makes recorded."""
    requests, errors = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, requests, errors


def only_from_disk(requests: list[str]) -> list[str]:
    return [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))]


def test_the_zip_is_reproducible_and_whole(offline: Path) -> None:
    """Entries in order, one date, one mode; the root page and every edition's site, whole."""
    with zipfile.ZipFile(ZIP) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert len({i.date_time for i in infos}) == 1 and {i.external_attr for i in infos} == {0o644 << 16}
    root = offline.parent
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    edition = {"index.html", "search.html", "glossary.html", "glossary.json", "_static/mermaid/mermaid.min.js"}
    assert {"index.html", *(f"{e}/{name}" for e in ("zh-cn", "en") for name in edition)} <= files
    assert not [name for name in files if name.endswith(".buildinfo")]


def test_a_text_page_and_its_navigation(offline: Path, watched) -> None:
    page, requests, errors = watched
    page.goto((offline / "index.html").as_uri())
    first = page.locator("article div.toctree-wrapper a.reference.internal").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.locator("article h1").inner_text().rstrip("#").strip() == title
    # A glossary tip: shown on hover, from the page itself.
    term = page.locator("article .term-tip > a").first
    term.hover()
    tip = page.locator("#" + term.get_attribute("aria-describedby"))
    assert tip.is_visible() and tip.inner_text()
    assert not only_from_disk(requests) and not errors, (only_from_disk(requests), errors)


def test_chinese_search_from_disk(offline: Path, watched) -> None:
    page, requests, errors = watched
    glossary = BeautifulSoup((offline / "glossary.html").read_text(encoding="utf-8"), "lxml")
    query = next(t for dt in glossary.select("dl.glossary > dt")
                 if re.fullmatch(f"[{HAN}]{{2,}}", t := "".join(dt.find_all(string=True, recursive=False)).strip()))
    holding = {p.relative_to(offline).as_posix() for p in offline.rglob("*.html")
               if p.name not in GENERATED and "_static" not in p.parts
               and flat(query) in flat(article_text(BeautifulSoup(p.read_text(encoding="utf-8"), "lxml")))}
    assert holding
    page.goto((offline / "search.html").as_uri() + f"?q={query}")
    page.locator("#search-results li").first.wait_for()
    page.wait_for_timeout(500)
    found = {a.split("#")[0].split("?")[0].removeprefix(offline.as_uri() + "/")
             for a in page.locator("#search-results li a").evaluate_all("(links) => links.map((a) => a.href)")}
    assert holding <= found, f"{query}: not found {holding - found}"
    assert not only_from_disk(requests) and not errors, (only_from_disk(requests), errors)


def test_every_diagram_is_drawn_from_disk(offline: Path, watched) -> None:
    page, requests, errors = watched
    diagram_pages = sorted(p for p in offline.rglob("*.html") if 'class="mermaid"' in p.read_text(encoding="utf-8"))
    assert len(diagram_pages) >= 3
    page.set_default_timeout(15_000)
    undrawn = []
    for path in diagram_pages:
        page.goto(path.as_uri())
        try:
            draw_diagrams(page)
        except Exception:  # noqa: BLE001  (counted below)
            pass
        if page.locator("pre.mermaid > svg").count() != page.locator("pre.mermaid").count():
            undrawn.append(path.relative_to(offline).as_posix())
    assert not undrawn and not only_from_disk(requests) and not errors, (undrawn, only_from_disk(requests), errors)
