"""Unit tests of _ext/sitemap.py on Sphinx's fixtures (tests/unit/roots/test-sitemap): the website
gets a sitemap.xml, the EPUB's folder none; and a guard on the sphinx-sitemap behaviour it
works around."""

import xml.etree.ElementTree as ET

import pytest
from sphinx.testing.util import SphinxTestApp

LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


@pytest.mark.sphinx("html", testroot="sitemap", freshenv=True)
def test_the_website_lists_every_page(app: SphinxTestApp) -> None:
    app.build()
    assert sorted(e.text for e in ET.parse(app.outdir / "sitemap.xml").iter(LOC)) == [
        f"https://example.org/book/{page}.html" for page in ("genindex", "index", "one", "search", "two")]


@pytest.mark.sphinx("epub", testroot="sitemap", srcdir="sitemap-epub", freshenv=True)
def test_the_epub_gets_no_sitemap(app: SphinxTestApp) -> None:
    app.build()
    assert (app.outdir / "index.xhtml").is_file()
    assert not (app.outdir / "sitemap.xml").exists()


@pytest.mark.sphinx("epub", testroot="sitemap", srcdir="sitemap-epub-upstream", freshenv=True,
                    confoverrides={"extensions": ["myst_parser", "sphinx_sitemap"]})
def test_sphinx_sitemap_alone_still_maps_the_epub(app: SphinxTestApp) -> None:
    app.build()
    assert (app.outdir / "sitemap.xml").is_file(), (
        "sphinx-sitemap no longer writes a sitemap for the EPUB: remove _ext/sitemap.py (list sphinx_sitemap in conf.py)")
