"""Unit tests of _ext/editions.py on Sphinx's fixtures (tests/unit/roots/test-editions, laid out as
on Read the Docs: /zh-cn/latest/ beside /en/latest/): the switcher's links from any depth, its
name in both languages, the edition's list of pages, and each page's editions in sitemap.xml."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from sphinx.testing.util import SphinxTestApp

from _ext import sitemap
from _ext.editions import beside, code

SITEMAP, XHTML = f"{{{sitemap.SITEMAP}}}", f"{{{sitemap.XHTML}}}"


def test_an_edition_is_named_as_read_the_docs_names_its_language() -> None:
    assert [code(language) for language in ("zh_CN", "en", "pt_BR")] == ["zh-cn", "en", "pt-br"]
    assert beside("https://x.org/zh-cn/latest/", "zh-cn", "en") == "https://x.org/en/latest/"
    assert beside("/zh-cn/", "zh-cn", "en") == "/en/"
    # Only the language's own folder is swapped, not a look-alike in another segment.
    assert beside("https://zh-cn.x.org/docs/zh-cn/v1/", "zh-cn", "en") == "https://zh-cn.x.org/docs/en/v1/"


@pytest.mark.sphinx("html", testroot="editions", freshenv=True)
def test_the_switcher_links_the_same_page_in_the_other_edition(app: SphinxTestApp) -> None:
    seen, labels = {}, set()
    app.connect("html-page-context", lambda app, name, t, context, d: seen.update({name: context.get("book_editions")})
                or labels.add(context.get("book_editions_label")), priority=900)
    app.build()
    assert labels == {"语言 · Language"}, "the switcher's name, in the page's language and in the other edition's"
    (deep,) = seen["deep/page"]
    assert deep == {"tag": "en", "name": "English", "href": "../../../en/latest/deep/page.html",
                    "home": "../../../en/latest/index.html", "pages": "../../../en/latest/_static/book-pages.js",
                    "label": "Language"}
    assert seen["index"][0]["href"] == "../../en/latest/index.html"
    listed = re.fullmatch(r'bookPages\((\[.*\])\);\n', (app.outdir / "_static" / "book-pages.js").read_text(encoding="utf-8"))
    assert listed and set(json.loads(listed[1])) == {"deep/page", "genindex", "index", "search"}
    alternates = {e.findtext(f"{SITEMAP}loc"): {(a.get("hreflang"), a.get("href")) for a in e.iter(f"{XHTML}link")}
                  for e in ET.parse(app.outdir / "sitemap.xml").iter(f"{SITEMAP}url")}
    assert alternates["https://example.org/zh-cn/latest/deep/page.html"] == {
        ("zh-CN", "https://example.org/zh-cn/latest/deep/page.html"), ("en", "https://example.org/en/latest/deep/page.html"),
        ("x-default", "https://example.org/zh-cn/latest/deep/page.html")}


@pytest.mark.sphinx("epub", testroot="editions", srcdir="editions-epub", freshenv=True)
def test_the_epub_has_no_switcher_and_no_list(app: SphinxTestApp) -> None:
    seen = []
    app.connect("html-page-context", lambda app, name, t, context, d: seen.append("book_editions" in context), priority=900)
    app.build()
    assert seen and not any(seen), "an EPUB page was given the switcher"
    assert not (app.outdir / "_static" / "book-pages.js").exists()
