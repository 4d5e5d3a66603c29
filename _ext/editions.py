"""The book's editions, one per language, and a reader's way from one to another.

Each edition is a site of its own, in a folder named as Read the Docs names its language
(``zh-cn``, ``en``): ``_build/html/<code>/`` (``make html``), the same in the offline zip, and
``/<code>/<version>/`` on Read the Docs, where each language is a project (a translation of the
first). CITATION.cff lists them (_ext/citation.editions): the book, then its editions in other
languages, each with its language and address.

- **The language switcher** (docs/_templates/language-switcher.html), on every page of the
  website and of the offline copy: a link to the same page in each other edition, in that
  edition's own name for its language (``book_edition_names``), written relative to the page (``book_edition_root``:
  where the edition's folder is on its server), so that it works online, on Read the Docs and
  from disk. book.js adds the reader's place (the #anchor), after checking that the other
  edition has the page: it loads that edition's list of pages (``_static/book-pages.js``,
  written after each build; a script element, so from file:// too), and goes to that
  edition's home page when the page is not there or the list does not load. The 404 page,
  served at any address, links from the server's root (the other edition's home page).
- **The root page** of a folder holding the editions: tools/editions.py.
- hreflang alternates: _ext/citation.py (each page's head) and _ext/sitemap.py (sitemap.xml).
"""

import gettext
import json
import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from _ext.citation import editions
from _ext.i18n import DOMAIN, _, sphinx_language

PAGES = "_static/book-pages.js"


def code(language: str) -> str:
    """The edition's folder, as Read the Docs names a language: Sphinx's 'zh_CN' is 'zh-cn'."""
    return language.replace("_", "-").lower()


def beside(url: str, own: str, other: str) -> str:
    """The address of the edition ``other`` beside ``url``, the edition ``own``: its language's
    folder in the path swapped (``/zh-cn/latest/`` -> ``/en/latest/``)."""
    parts = urlsplit(url)
    path = "/".join(other if segment == own else segment for segment in parts.path.split("/"))
    return parts._replace(path=path).geturl()


def in_language(app: Sphinx, message: str, language: str) -> str:
    """A message of the book's catalogue in another edition's language (its compiled catalogue
    in the doctree folder: _ext/i18n.py)."""
    locales = Path(app.doctreedir) / "locales"
    return gettext.translation(DOMAIN, locales, [sphinx_language(language)], fallback=True).gettext(message)


def switcher(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "epub" or app.builder.format != "html":
        return
    own, root = code(app.config.language), app.config.book_edition_root
    up = "../" * pagename.count("/")
    # The 404 page is served at any address: its links start from the server's root.
    notfound = pagename == getattr(app.config, "notfound_pagename", None)
    others = []
    for tag, _url in editions(Path(app.config.book_citation_file)):
        if code(tag) == own:
            continue
        other = beside(root, own, code(tag))
        folder = other if notfound else up + posixpath.relpath(other, root) + "/"
        others.append({"tag": tag, "name": app.config.book_edition_names.get(tag, tag), "href": f"{folder}{pagename}.html",
                       "home": f"{folder}index.html", "pages": folder + PAGES,
                       "label": in_language(app, "Language", tag)})
    context["book_editions"] = others
    # The switcher's name in the page's language and in each other edition's.
    context["book_editions_label"] = " · ".join(dict.fromkeys([_("Language"), *(e["label"] for e in others)]))


def write_page_list(app: Sphinx, exception: Exception | None) -> None:
    """The edition's pages, for another edition's switcher to check: ``bookPages([...])``."""
    if exception or app.builder.name == "epub" or app.builder.format != "html":
        return
    out = Path(app.outdir)
    names = sorted(n for n in {*app.env.found_docs, "genindex", "search"} if (out / f"{n}.html").is_file())
    (out / PAGES).write_text(f"bookPages({json.dumps(names)});\n", encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")
    app.setup_extension("_ext.citation")
    app.add_config_value(
        "book_edition_root", "/", "html", types=frozenset({str}),
        description="the path of this edition's folder on the server that holds every edition "
                    "(/zh-cn/ locally, /zh-cn/latest/ on Read the Docs): the switcher's links are relative to it",
    )
    app.add_config_value(
        "book_edition_names", {}, "html", types=frozenset({dict}),
        description="each edition's language in its own words, by its tag in CITATION.cff (en: English): "
                    "the switcher's and the root page's names for it",
    )
    app.connect("html-page-context", switcher)
    app.connect("build-finished", write_page_list)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
