"""Unit tests of _ext/sitemap.py on Sphinx's fixtures (tests/unit/roots/test-sitemap, three pages):
an incremental build that rewrites one page still lists every page, and a guard on the
sphinx-sitemap bug it works around (jdillard/sphinx-sitemap#13)."""

import queue
import types
import xml.etree.ElementTree as ET

import pytest
from sphinx.testing.util import SphinxTestApp

LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.fixture(autouse=True)
def queue_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """sphinx-sitemap keeps its queue in a multiprocessing Manager, a process forked from this
    one. Forked from a pytest process that drives Chromium through Playwright, it left the
    session's browser gone some tests later, and the next browser test hung. These builds are
    serial: a queue in this process behaves the same (put, get_nowait, queue.Empty)."""
    import sphinx_sitemap

    monkeypatch.setattr(sphinx_sitemap, "Manager", lambda: types.SimpleNamespace(Queue=queue.Queue))


def sitemap_after_editing_one_page(app: SphinxTestApp) -> list[str]:
    app.build()
    page = app.srcdir / "one.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    app.build()  # incremental: only one.html (and its neighbours) are written again
    return sorted(e.text for e in ET.parse(app.outdir / "sitemap.xml").iter(LOC))


ALL = ["https://example.org/book/genindex.html", "https://example.org/book/index.html",
       "https://example.org/book/one.html", "https://example.org/book/search.html", "https://example.org/book/two.html"]


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-ours", freshenv=True)
def test_every_page_stays_listed(app: SphinxTestApp) -> None:
    assert sitemap_after_editing_one_page(app) == ALL


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-upstream", freshenv=True,
                    confoverrides={"extensions": ["myst_parser", "sphinx_sitemap"]})
def test_sphinx_sitemap_alone_still_drops_pages(app: SphinxTestApp) -> None:
    listed = sitemap_after_editing_one_page(app)
    assert listed != ALL, "sphinx-sitemap now keeps every page on incremental builds: remove _ext/sitemap.py"
    assert "https://example.org/book/one.html" in listed


@pytest.mark.sphinx("epub", testroot="sitemap", srcdir="sitemap-epub", freshenv=True)
def test_the_epub_gets_no_sitemap(app: SphinxTestApp) -> None:
    """sphinx-sitemap would write one of whichever pages the run wrote (all, or a few on a rebuild)."""
    app.build()
    assert (app.outdir / "index.xhtml").is_file()
    assert not (app.outdir / "sitemap.xml").exists()
