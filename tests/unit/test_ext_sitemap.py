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


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-incremental", freshenv=True)
def test_sphinx_sitemap_still_lists_only_the_pages_a_build_writes(app: SphinxTestApp) -> None:
    """Why make site and make htmlzip build whole (-E; MAINTAINING.md's register, row 24):
    after one page is edited, an incremental build's sitemap.xml lists only what it wrote."""
    app.build()
    page = app.srcdir / "one.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    app.build()
    listed = sorted(e.text for e in ET.parse(app.outdir / "sitemap.xml").iter(LOC))
    assert "https://example.org/book/one.html" in listed
    assert "https://example.org/book/two.html" not in listed, (
        "sphinx-sitemap#13 is mended: an incremental build keeps every page; make site and make htmlzip need not build whole")


@pytest.mark.sphinx("html", testroot="sitemap", srcdir="sitemap-locales", freshenv=True,
                    confoverrides={"extensions": ["myst_parser", "sphinx_sitemap"], "language": "zh_CN",
                                   "html_baseurl": "https://example.org/", "sitemap_url_scheme": "{lang}{version}{link}",
                                   "sitemap_locales": ["zh_CN", "en"]})
def test_sphinx_sitemap_alone_still_puts_sphinxs_language_in_the_address(app: SphinxTestApp) -> None:
    """Why _ext/sitemap.py writes the alternates itself (MAINTAINING.md's register, row 41):
    sphinx-sitemap's addresses carry Sphinx's zh_CN, where Read the Docs serves /zh-cn/."""
    app.build()
    locs = [e.text for e in ET.parse(app.outdir / "sitemap.xml").iter(LOC)]
    assert "https://example.org/zh_CN/one.html" in locs, (
        f"sphinx-sitemap names the language as the address does now ({locs[:2]}): see whether its alternates can replace _ext/sitemap.py's")
