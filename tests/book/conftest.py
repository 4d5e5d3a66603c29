"""Shared fixtures: the book built once per run, in every format, then read as a reader gets it.

The build goes through the Makefile, like everything else: `make site` makes the PDF, the EPUB
and the offline zip, then the site that offers them. `make test` has just run it and says so
(BOOK_BUILT=1): the tests build nothing more. Run on their own, they run `make site` first.
"""

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import BUILDDIR, CHROMIUM, CHROMIUM_ARGS, PDF_NAME, ROOT, build, parse, resolve
from search_queries import GENERATED

ZIP = BUILDDIR / "htmlzip" / f"{PDF_NAME}-html.zip"  # the offline zip, made by `make site`

# Markers by the fixtures a test uses, directly or through other fixtures (pytest.ini).
MARKED_BY = {
    "slow": {"built", "project_copy"},
    "browser": {"browser", "page", "visits"},
    "pdf": {"pdf_path", "latex_log", "english_pdf_path"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for marker, fixtures in MARKED_BY.items():
            if fixtures & set(getattr(item, "fixturenames", ())):
                item.add_marker(marker)


@pytest.fixture(scope="session")
def built() -> Path:
    """The build folder, with the book in every format in it."""
    if os.environ.get("BOOK_BUILT") != "1":
        build("site")
    return BUILDDIR


@pytest.fixture(scope="session")
def html_dir(built: Path) -> Path:
    """The Chinese edition's website (each edition is a folder of _build/html: _ext/editions.py)."""
    return built / "html" / "zh-cn"


@pytest.fixture(scope="session")
def english_html_dir(built: Path) -> Path:
    """The English edition's website."""
    return built / "html" / "en"


@pytest.fixture(scope="session")
def pdf_path(built: Path) -> Path:
    return built / "pdf" / f"{PDF_NAME}.pdf"


@pytest.fixture(scope="session")
def latex_log(pdf_path: Path) -> str:
    return (BUILDDIR / "latex" / "zh-cn" / f"{PDF_NAME}.log").read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="session")
def epub_path(built: Path) -> Path:
    return built / "epub" / "zh-cn" / f"{PDF_NAME}.epub"


@pytest.fixture(scope="session")
def english_downloads(built: Path, english_html_dir: Path) -> dict[str, Path]:
    """The English edition's PDF and EPUB, as its pages' download menu names them, where the
    Makefile made them."""
    menu = parse(english_html_dir / "index.html")
    names = {fmt: menu.select_one(f"a.download-{fmt}")["href"] for fmt in ("pdf", "epub")}
    return {"pdf": built / "pdf" / names["pdf"], "epub": built / "epub" / "en" / names["epub"]}


@pytest.fixture(scope="session")
def english_pdf_path(english_downloads: dict[str, Path]) -> Path:
    return english_downloads["pdf"]


@pytest.fixture(scope="session")
def english_epub_path(english_downloads: dict[str, Path]) -> Path:
    return english_downloads["epub"]


@pytest.fixture(scope="session")
def unzipped(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip, unpacked: one folder, with the root page and a folder per edition."""
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(ZIP) as archive:
        names = archive.namelist()
        assert {n.split("/")[0] for n in names} == {PDF_NAME}, "the zip unpacks into one folder"
        archive.extractall(dest)
    return dest / PDF_NAME


@pytest.fixture(scope="session")
def pages(html_dir: Path) -> dict[str, BeautifulSoup]:
    """Every built HTML page, parsed, keyed by its path relative to the site root."""
    return {
        str(p.relative_to(html_dir)): parse(p)
        for p in sorted(html_dir.rglob("*.html"))
        if "_static" not in p.parts and "_sources" not in p.parts
    }


@pytest.fixture(scope="session")
def book_pages(pages: dict[str, BeautifulSoup]) -> dict[str, BeautifulSoup]:
    """The pages of the book itself, without genindex and search."""
    return {name: soup for name, soup in pages.items() if name not in GENERATED}


@pytest.fixture(scope="session")
def diagram_pages(pages: dict[str, BeautifulSoup]) -> dict[str, list[str]]:
    """Page -> the mermaid sources it carries, for the pages that have diagrams."""
    found = {name: [pre.get_text() for pre in soup.select("pre.mermaid")] for name, soup in pages.items()}
    return {name: sources for name, sources in found.items() if sources}


@pytest.fixture(scope="session")
def reading_order(pages: dict[str, BeautifulSoup], book_pages) -> list[str]:
    """The pages in book order: from where the site's logo links, each page's "next" link."""
    some = sorted(book_pages)[0]
    order, name = [], resolve(some, pages[some].select_one("a.navbar-brand")["href"])
    while name and name not in order:
        order.append(name)
        link = pages[name].select_one('link[rel="next"]')
        name = resolve(name, link["href"]) if link else None
    return order


@pytest.fixture(scope="session")
def page_types(pages: dict[str, BeautifulSoup], reading_order: list[str], diagram_pages) -> dict[str, str]:
    """Page type -> the page that stands for it, found by rule (test_page_types.py's docstring)."""
    landing, order = reading_order[0], reading_order
    glossary = next(n for n in order if pages[n].select_one("dl.glossary"))
    types = {
        "landing": landing,
        "text": next(n for n in order if n not in (landing, glossary) and n not in diagram_pages
                     and pages[n].select_one(".bd-sidebar-secondary")),
        "glossary": glossary,
        "diagram": next(n for n in order if n in diagram_pages),
        "search": resolve(landing, pages[landing].select_one('link[rel="search"]')["href"]),
        "genindex": resolve(landing, pages[landing].select_one('link[rel="index"]')["href"]),
        "404": "404.html",
    }
    assert set(types.values()) <= set(pages) and len(set(types.values())) == len(types), types
    return types


@pytest.fixture(scope="session")
def chapter_titles(html_dir: Path, pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    """The H1 of each page linked from the landing page's table of contents."""
    titles = {}
    for link in pages["index.html"].select("div.toctree-wrapper > ul > li > a.reference.internal"):
        target = link["href"].split("#")[0]
        titles[target] = pages[target].find("h1").get_text(" ", strip=True).rstrip("#").strip()
    return titles


@pytest.fixture(scope="session")
def pdf_text(pdf_path: Path) -> str:
    """The PDF's text as pdftotext (poppler) extracts it, all whitespace removed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    return "".join(out.stdout.split())


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """Make a fresh temporary copy of the project to break on purpose.

    The copy shares .venv and node_modules with the real checkout (symlinks) and keeps
    file times, so make sees them as up to date and only the docs build runs. It is a git
    repository with one commit, like a clone: the "last updated" dates come from git.
    """
    files = ("conf.py", "Makefile", "requirements.txt", "package.json", "package-lock.json", "CITATION.cff")
    folders = ("docs", "_ext", "_latex", "tools", "tests")

    def copy() -> Path:
        dest = tmp_path_factory.mktemp("project")
        for name in files:
            shutil.copy2(ROOT / name, dest / name)
        for name in folders:
            shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in (".venv", "node_modules"):
            (dest / name).symlink_to(ROOT / name)
        git = ["git", "-C", str(dest), "-c", "user.name=tests", "-c", "user.email=tests@example.invalid"]
        subprocess.run([*git, "init", "-q"], check=True)
        subprocess.run([*git, "add", *files, *folders], check=True)
        subprocess.run([*git, "commit", "-q", "-m", "copy"], check=True)
        return dest

    return copy


def serve(directory: Path):
    """A built site, served over 127.0.0.1 by a real HTTP server on a free port (a fixture's body)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def server_url(built: Path):
    """Every edition's website (_build/html), served over 127.0.0.1, as on a web server."""
    yield from serve(built / "html")


@pytest.fixture(scope="session")
def site_url(server_url: str, html_dir: Path) -> str:
    """The Chinese edition, served."""
    return f"{server_url}/{html_dir.name}"


@pytest.fixture(scope="session")
def english_site_url(server_url: str, english_html_dir: Path) -> str:
    """The English edition, served."""
    return f"{server_url}/{english_html_dir.name}"


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright; one per module, closed when it ends. (Not
    one per session: `pytest tests/` runs the unit tier after this one in the same process, and
    there sphinx-sitemap starts a multiprocessing manager by fork; with Playwright still running,
    the forked child deadlocks and the run hangs at exit.)"""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "Chromium is missing: run `make deps`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()
