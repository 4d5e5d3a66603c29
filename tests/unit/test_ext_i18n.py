"""Unit tests of _ext/i18n.py, the book's catalogue, on Sphinx's fixtures (tests/unit/roots/test-i18n:
the book's templates over sphinx-book-theme): the words a reader gets in Chinese, and the English
message ids in a language with no catalogue."""

import gettext
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext import HAN, i18n

HAN_RUN = re.compile(f"[{HAN}]+")

pytestmark = pytest.mark.sphinx("html", testroot="i18n", freshenv=True)


def words(app: SphinxTestApp) -> dict[str, str]:
    """The words of the book's templates and extensions on a built page."""
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    menu = page.select_one("details.book-downloads")
    return {
        "title nav": page.select_one("div.bd-sidebar-primary nav:has(a.navbar-brand)")["aria-label"],
        "contents nav": page.select_one("nav.bd-docs-nav")["aria-label"],
        "page contents": page.select_one("div.onlyprint nav")["aria-label"],
        "menu button": page.select_one("button.primary-toggle")["aria-label"],
        "download": menu.summary.get_text(strip=True),
        "download title": menu.summary["title"],
        "pdf": menu.select_one("a.download-pdf").get_text(),
        "search": page.select_one("input[name=q]")["placeholder"],
        "book.js": json.loads(page.select_one("script#book-strings").get_text())["expand_or_collapse"],
    }


def test_the_book_speaks_its_language(app: SphinxTestApp) -> None:
    assert words(app) == {
        "title nav": "书名", "contents nav": "全书目录", "page contents": "本页目录", "menu button": "显示或隐藏目录",
        "download": "下载", "download title": "下载整本书（Book）", "pdf": "PDF（1.2 MB）", "search": "搜索本书……",
        "book.js": "展开或折叠：%s",
    }
    # Compiled into the build's doctree folder, not beside the committed .po.
    assert (app.doctreedir / "locales" / "zh_CN" / "LC_MESSAGES" / "book.mo").is_file()
    assert not list(i18n.LOCALES.rglob("*.mo")), "a compiled catalogue in _ext/locales"


@pytest.mark.sphinx(srcdir="i18n-en", confoverrides={"language": "en"})
def test_a_language_without_a_catalogue_gets_the_english_ids(app: SphinxTestApp) -> None:
    assert words(app) == {
        "title nav": "Book title", "contents nav": "Table of contents of the book", "page contents": "Contents of this page",
        "menu button": "Toggle primary sidebar", "download": "Download", "download title": "Download the whole book (Book)",
        "pdf": "PDF (1.2 MB)", "search": "Search this book…", "book.js": "Expand or collapse: %s",
    }
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert not re.search(f"[{HAN}]", html), "Chinese words in an English build"


def test_each_catalogue_is_compiled_when_its_mo_is_older(tmp_path: Path) -> None:
    i18n.compile_catalogues(tmp_path)
    mo = tmp_path / "zh_CN" / "LC_MESSAGES" / "book.mo"
    with mo.open("rb") as file:
        assert gettext.GNUTranslations(file).gettext("Download") == "下载"
    mo.write_bytes(b"stale")
    i18n.compile_catalogues(tmp_path)
    assert mo.read_bytes() == b"stale", "recompiled although newer than its .po"
    old = (i18n.LOCALES / "zh_CN" / "LC_MESSAGES" / "book.po").stat().st_mtime_ns - 10**9
    import os

    os.utime(mo, ns=(old, old))
    i18n.compile_catalogues(tmp_path)
    assert mo.read_bytes() != b"stale" and not list(tmp_path.rglob("*.tmp"))


@pytest.mark.sphinx("html", testroot="progress", freshenv=True)
def test_what_is_not_yet_translated_is_shown_marked_and_counted(app: SphinxTestApp) -> None:
    """_ext/progress.py: the paragraph the catalogue lacks is shown in Chinese, lang zh-CN, with a
    label; a message translated as itself ("BibTeX") counts as translated; the note gives 3 of 4
    and links the Chinese page (CITATION.cff's preferred citation)."""
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    marked = page.select(".untranslated")
    assert [(m.name, m.get("lang"), m.get_text()) for m in marked] == [("p", "zh-CN", "Not yet translated 第二段，还没有译文。")]
    note = page.select_one(".translation-progress")
    assert "This page is 75% translated" in note.get_text()
    assert note.select_one("a")["href"] == "https://jupytercon-2018-notes.readthedocs.io/zh-cn/latest/index.html"


@pytest.mark.sphinx("html", testroot="translation", freshenv=True)
def test_myst_gettext_pitfalls_are_translated_without_a_warning(app: SphinxTestApp) -> None:
    """Each known pitfall of MyST pages in gettext, translated as the book's catalogues are made:
    a reference-style link (MyST-Parser#690, sphinx#8852): a msgstr is parsed without the page's
    link definitions, so its translation writes the link inline (README: the English edition), and
    one left reference-style is plain text (this fails once MyST resolves it: the rule can go);
    a literal block is one message (MyST-Parser#444); a {term} keeps its target with an English
    display, so no i18n.inconsistent_references; a glossary entry; a substitution. No warning."""
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    article = page.select_one("div.body") or page
    link = article.find("a", string="the website")
    assert link is not None and link["href"] == "https://jupyter.org/"
    assert article.find("a", string="the same website") is None and "[the same website][jupyter]" in article.get_text()
    assert article.select_one("pre").get_text() == '# a comment in the code\nprint("hello")\n'
    term = article.find("a", string="maintainer burnout")
    assert term is not None and term["href"].endswith("#term-maintainer-burnout")
    assert "A substitution: JupyterCon 2018 took place in New York." in article.get_text()
    assert "Maintainers worn out by carrying too much work for too long." in article.select_one("dl.glossary dd").get_text()
    assert not HAN_RUN.search(article.get_text().replace("维护者倦怠", ""))  # the glossary's pair aside


def test_make_gettext_takes_a_literal_block_whole_and_leaves_a_made_one(make_app, test_root_copy) -> None:
    """_ext/verbatim.py: the code block the page writes is one message of the catalogue, as the
    translation above gives it; a block an extension makes (translatable = False) is not."""
    from babel.messages.pofile import read_po
    srcdir = test_root_copy("translation")
    app = make_app("gettext", srcdir=srcdir, freshenv=True)
    app.build()
    with (app.outdir / "index.pot").open(encoding="utf-8") as pot:
        ids = [m.id for m in read_po(pot) if m.id]
    assert '# 代码里的注释\nprint("你好")\n' in ids
    with (srcdir / "locales" / "en" / "LC_MESSAGES" / "index.po").open(encoding="utf-8") as po:
        assert set(ids) == {m.id for m in read_po(po) if m.id}  # the catalogue holds exactly the page's messages


@pytest.mark.sphinx("html", testroot="translation", srcdir="translation-upstream", freshenv=True,
                    confoverrides={"extensions": ["myst_parser", "_ext.glossary", "_ext.language"],
                                   "gettext_additional_targets": ["literal-block"]})
def test_sphinx_alone_still_parses_a_translated_literal_block_as_rest(app: SphinxTestApp) -> None:
    """Register row 40: the reason for _ext/verbatim.py. With Sphinx's own literal-block target,
    the translation is parsed as reST ("::" and an indented block) by MyST, and the page shows
    "::" (MyST-Parser#444). Fails once the code comes through: then the module can go."""
    app.build()
    page = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert "# a comment in the code" not in page.get_text() and "::" in page.get_text()
