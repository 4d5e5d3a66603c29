"""Sphinx configuration for 《JupyterCon 2018 笔记》.

The sources live in docs/; this file sits at the repository root and is passed with
``-c .`` (the Makefile does that), so paths below are relative to the root.
Sections follow one concern each.
"""

import os
import sys
from datetime import timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the book's own extensions: the _ext package
from _ext.citation import book  # noqa: E402
from _ext.editions import beside  # noqa: E402
from _ext.i18n import sphinx_language  # noqa: E402

# -- Project -----------------------------------------------------------------
# The book's facts are declared once, in CITATION.cff: its title, authors, year, address, licence
# and version are read from there (a mistake in it stops the build at its line). The copyright
# line is made from them in the catalogue's words (_ext/citation.py).
# The edition: the Makefile says which in BOOK_LANGUAGE, Read the Docs in READTHEDOCS_LANGUAGE
# ('zh-cn', 'en': the edition's folder, _ext/editions.py; Sphinx wants 'zh_CN'). Its title,
# authors and address are CITATION.cff's.
EDITION = os.environ.get("BOOK_LANGUAGE") or os.environ.get("READTHEDOCS_LANGUAGE") or "zh-cn"
language = sphinx_language(EDITION)
BOOK = book(ROOT / "CITATION.cff", language)
project = BOOK.title
author = BOOK.authors
version = BOOK.version
# The book has one release; no release number on the title page.
release = ""
# The subtitle (the PDF's title page, the EPUB's description), in each edition's language.
description = {
    "zh_CN": "JupyterCon 2018：Jupyter 项目如何支撑大规模数据科学",
    "en": "JupyterCon 2018: how Project Jupyter supports large-scale data science",
}[language]
# The file name of the PDF and EPUB. The Makefile reads it from here, so it is declared once.
PDF_BASENAME = "jupytercon-2018-notes"
# Each edition's PDF and EPUB: the book's own language's under that name, another's with its
# language (jupytercon-2018-notes-en.pdf); the Makefile's file_of names them the same way.
BOOK_FILE = PDF_BASENAME if EDITION == "zh-cn" else f"{PDF_BASENAME}-{EDITION}"
# Where the site is published: Read the Docs says so in READTHEDOCS_CANONICAL_URL (its project's
# language; another edition built there, for the offline zip, is beside it); elsewhere the
# book's address (sitemap, Open Graph, canonical links, the PDF's online edition).
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or BOOK.url
if os.environ.get("READTHEDOCS_CANONICAL_URL") and os.environ.get("READTHEDOCS_LANGUAGE"):
    html_baseurl = beside(html_baseurl, os.environ["READTHEDOCS_LANGUAGE"], EDITION)

# -- Sources and MyST ----------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.mermaid",
    "_ext.sources",  # every file the build reads as text is UTF-8: else its file, line and how to mend it
    "_ext.i18n",  # the book's own words: its message catalogue (_ext/locales), for the templates too
    "_ext.verbatim",  # a code block translated whole, as MyST writes it (not parsed as reST: MyST-Parser#444)
    "_ext.progress",  # an edition's paragraphs not yet translated shown in Chinese, marked, with the share
    "_ext.anchors",  # section anchors from the heading's words, not positional id1, id2
    "_ext.diagrams",  # mermaid served by the site, loaded near a diagram, checked at build time
    "_ext.language",  # the en and zh roles: a run in the other edition's language marked with its lang
    "_ext.glossary",  # stable term anchors, back-links, tips, the PDF index, the glossary as data
    "_ext.search",  # Chinese search that finds any word printed on a page
    "_ext.reproducible",  # the PDF's XMP and the EPUB's zip dated from the commit, not the build
    "_ext.epub_accessibility",  # EPUB Accessibility 1.1 metadata in the EPUB's package document
    "_ext.navigation",  # the sidebar's table of contents rendered once per build, not per page
    "_ext.latex",  # links in the PDF keep the space before them (xeCJK)
    "_ext.frontmatter",  # the PDF's title and copyright pages and metadata
    "_ext.editions",  # the language switcher: the same page, at the same place, in the other edition
    "_ext.downloads",  # the download menu's files: the PDF, the EPUB and the offline zip, with their sizes
    "_ext.citation",  # how to cite the book (GB/T 7714, BibTeX, RIS) and citation_* meta tags, from CITATION.cff
    "sphinxext.opengraph",
    "_ext.sitemap",  # sphinx-sitemap for the website, with each page's editions; none in the EPUB's folder
    "notfound.extension",
    "sphinx_last_updated_by_git",
    "_ext.icons",  # the icon font cut to the icons in use
    "_ext.critical",  # only the CSS the pages use, each page's first screen inline
]
exclude_patterns = ["_static", "_templates", "locales"]
myst_enable_extensions = ["colon_fence", "deflist"]
# Every heading gets an anchor from its words, Chinese kept (背景：GDPR → #背景gdpr);
# _ext/anchors.py makes it the section's only id.
myst_heading_anchors = 6

# Figures, diagrams included, are numbered through the book: 图 1, 图 2 … in HTML and PDF
# (0: not per chapter, which is what the LaTeX builder would do otherwise).
numfig = True
numfig_secnum_depth = 0

# Every reference must resolve: a broken {term}, {ref} or {doc} is an error
# (the Makefile adds -W --keep-going -n).
nitpicky = True

# -- HTML and theme ----------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["docs/_static"]
html_css_files = ["book.css"]
html_js_files = [("book.js", {"defer": "defer"})]
html_favicon = "docs/_static/favicon.svg"
templates_path = ["docs/_templates"]
# The sidebar: the book's title (book-title.html, inside a landmark), search, the contents.
html_sidebars = {"**": ["book-title.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
html_theme_options = {
    "show_toc_level": 2,
    "home_page_in_toc": True,
    # The theme's ".pdf" button only prints the page; download-menu.html offers the real files.
    "use_download_button": False,
    "article_header_end": ["language-switcher.html", "download-menu.html", "article-header-buttons.html"],
    # One search box, in the sidebar. pydata-sphinx-theme (since 0.17.1) puts a second one in
    # a header strip above it when this is unset, and sphinx-book-theme 1.4 leaves it unset:
    # https://github.com/executablebooks/sphinx-book-theme/issues/986 (fix: PR #987). The
    # header strip also held the first .primary-toggle, the only one the themes' scripts
    # listen to (sphinx-book-theme#999, pydata-sphinx-theme#2451); with it empty, the visible
    # buttons work as designed. tests/book/test_page_types.py checks both at 1280 and 375 px.
    "navbar_persistent": [],
    # The copyright line already names the authors; the theme's "By" line would repeat it.
    "footer_content_items": ["copyright.html", "last-updated.html"],
}
# Interface strings: every word the book's own templates, book.js and extensions show has an
# English message id in the book's catalogue (_ext/i18n.py, _ext/locales/<language>/LC_MESSAGES/
# book.po); docs/locales/<language>/LC_MESSAGES/sphinx.po gives the themes' and Sphinx's own words
# in mainland Simplified Chinese where theirs differ or are missing.
locale_dirs = ["locales"]
# The English edition is translated from the Chinese pages: one catalogue per page in
# docs/locales/en/LC_MESSAGES (as the Python docs and Sphinx's own docs keep theirs), without
# uuids or source line numbers, so that a change to one paragraph changes one message; the POT
# files are dated from the last commit (SOURCE_DATE_EPOCH, which the Makefile sets).
gettext_compact = False
gettext_location = False
# A node whose translation is missing or out of date gets the class "untranslated"; _ext/progress.py
# shows it to the reader.
translation_progress_classes = "untranslated"

# The download menu on every page (download-menu.html, _ext/downloads.py): the PDF, the EPUB and
# the website as a zip to read offline, each file where the Makefile makes it under the build
# folder. A local `make site` builds them first and they are copied into the site; Read the Docs
# makes them after the pages, so the menu links its download addresses. The offline copy (make
# htmlzip, BOOK_OFFLINE=1) carries the PDF and the EPUB, not a zip of itself.
BOOK_OFFLINE = os.environ.get("BOOK_OFFLINE") == "1"
book_downloads = {"pdf": f"pdf/{BOOK_FILE}.pdf", "epub": f"epub/{EDITION}/{BOOK_FILE}.epub"}
if not BOOK_OFFLINE:
    book_downloads["htmlzip"] = f"htmlzip/{PDF_BASENAME}-html.zip"
# Read from disk, a page may fetch nothing: the offline copy loads mermaid's classic build
# (_ext/diagrams) and shows no search snippets (Sphinx fetches the result pages for them).
book_diagrams_offline = BOOK_OFFLINE
html_show_search_summary = not BOOK_OFFLINE
# No page links to the sources (search snippets come from the pages themselves): Sphinx would
# publish each page's file as it is on disk, byte-order mark and all, in _sources/.
html_copy_source = False
# Follow the reader's system setting; without a default the theme logs an error on every page.
html_context = {"default_mode": "auto"}

# What scripts (or the browser) add to a page once it has loaded: _ext/critical.py keeps the rules
# that use these when it cuts the stylesheets to what the built pages use, and inlines them in
# every page. A class, tag, attribute or custom property name (a regular expression): (the script
# under _static that adds or reads it, a folder of scripts, or "" for the browser; the text there,
# or in the pages, that does; what it is).
# tests/book/test_critical_css.py fails when the text is gone or a name keeps no rule.
book_css_keep = {
    "^data-theme$": ("scripts/pydata-sphinx-theme.js", "dataset.theme", "the colour scheme (light, dark)"),
    "^data-mode$": ("scripts/pydata-sphinx-theme.js", "dataset.mode", "the reader's colour setting"),
    "^dropdown-menu-dark$": ("scripts/pydata-sphinx-theme.js", '"dropdown-menu-dark"', "the colour menu, dark"),
    "^active$": ("scripts/pydata-sphinx-theme.js", '"active"', "the colour menu's current item"),
    "^show$": ("scripts/bootstrap.js", '"show"', "an open menu or a shown tooltip"),
    "^--bs-position$": ("scripts/bootstrap.js", 'getPropertyValue("--bs-position")', "a menu's side, read by the script"),
    "^fade$": ("scripts/bootstrap.js", '"fade"', "a tooltip fading in"),
    "^tooltip": ("scripts/bootstrap.js", "tooltip-inner", "a tooltip and its parts"),
    "^bs-tooltip-auto$": ("scripts/bootstrap.js", "bs-${this.constructor.NAME}-auto", "a tooltip's side"),
    "^data-popper-placement$": ("scripts/bootstrap.js", "data-popper-placement", "a tooltip's side"),
    "^pst-sidebar-hidden$": ("scripts/sphinx-book-theme.js", '"pst-sidebar-hidden"', "the sidebar, closed"),
    "^scrolled$": ("scripts/sphinx-book-theme.js", '"scrolled"', "the header, once the page scrolled"),
    "^noprint$": ("scripts/sphinx-book-theme.js", '"noprint"', "what the print leaves out (the sidebars)"),
    "^highlighted$": ("sphinx_highlight.js", '"highlighted"', "a searched word, marked"),
    "^highlight-link$": ("sphinx_highlight.js", '"highlight-link"', "the link that unmarks them"),
    "^search$": ("searchtools.js", 'classList.add("search")', "the list of search results"),
    "^context$": ("searchtools.js", 'classList.add("context")', "a search result's snippet"),
    "^search-summary$": ("searchtools.js", '"search-summary"', "the number of results"),
    "^search-result$": ("book-search.js", '"search-result"', "a result in the search dialog"),
    "^aria-selected$": ("book-search.js", '"aria-selected"', "the search dialog's current result"),
    "^svg$": ("mermaid/mermaid.esm.min.mjs", '"svg"', "a diagram, drawn"),
    "^edgeLabel$": ("mermaid", '"edgeLabel"', "a drawn diagram's edge label (book.css: its colour in dark mode)"),
    "^labelBkg$": ("mermaid", '"labelBkg"', "its background"),
    "^open$": ("", "<details", "a menu or dialog the reader opened (the browser sets it)"),
}

# -- Published-site metadata ---------------------------------------------------
# Page descriptions and Open Graph tags, from the page text (site name: the project); no
# social cards (they would need matplotlib and fonts) and nothing fetched at build time.
ogp_site_url = html_baseurl
# A book, not a website: Zotero files a page whose og:type is "website" as a web page, and one
# whose type is "book" as the book that the citation_* tags (_ext/citation.py) describe.
ogp_type = "book"
# How to cite the book: the facts are in CITATION.cff (_ext/citation.py reads it); the BibTeX key.
book_citation_key = PDF_BASENAME.replace("-", "")
ogp_social_cards = {"enable": False}
# sitemap.xml: the base URL already holds the language and version; _ext/sitemap.py adds each
# page's other editions, not sphinx-sitemap (its language is Sphinx's zh_CN, not the address's zh-cn).
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
# Each edition's language in its own words (by its tag in CITATION.cff), as the language switcher
# and the root page of _build/html name it, the same in every edition.
book_edition_names = {"zh-CN": "简体中文", "en": "English"}
# Where the edition's folder is on its server: under its language and version on Read the Docs,
# under its language on a local server of _build/html and in the offline zip (which Read the Docs
# builds too). The language switcher's links are relative to it (_ext/editions.py); the 404
# page's are absolute from it, so that it works at any depth.
book_edition_root = urlsplit(html_baseurl).path if os.environ.get("READTHEDOCS") and not BOOK_OFFLINE else f"/{EDITION}/"
notfound_urls_prefix = book_edition_root
# Its words are in the template (docs/_templates/notfound.html), from the catalogue.
notfound_template = "notfound.html"
notfound_context = {}
# "最后更新" dates from git, per page.
html_last_updated_fmt = "%Y-%m-%d"
# Every date the book prints (each page's "最后更新", the PDF's edition) is a commit's date in
# China Standard Time (UTC+8, no daylight saving), its readers' time: the same on every build
# machine, whatever its own time zone.
book_timezone = timezone(timedelta(hours=8))
git_last_updated_timezone = book_timezone

# -- Search ------------------------------------------------------------------
# The search language follows `language` (zh): _ext/search.py indexes every Chinese character
# bigram and splits queries the same way, so any word printed on a page finds it; book-search.js
# lists the pages holding the query as typed first.

# -- LaTeX and PDF -----------------------------------------------------------
# Each PDF is typeset as a book of its language: the Chinese with ctex's report class (Chinese
# names, heads and spacing through its documented \ctexset keys), the English with LaTeX's report
# class and xeCJK for the Chinese it quotes; Noto Serif/Sans for Latin letters, to match Noto
# Serif/Sans CJK; the rest in _latex/jupyterconbook.sty, given the edition's language.
CHINESE = language == "zh_CN"
latex_engine = "xelatex"
latex_docclass = {"manual": "ctexrep" if CHINESE else "report"}
latex_documents = [("index", f"{BOOK_FILE}.tex", project, author, "manual")]
latex_additional_files = ["_latex/jupyterconbook.sty"]


# The title page, the copyright page (版权页) and the PDF's metadata: _ext/frontmatter.py sets
# them from these facts, CITATION.cff's and the words of the catalogue; the edition is dated
# by the commit it is made from.
book_description = description
# The original article's author is not named in it (the catalogue says so in each language).
book_source_article = {
    "title": "Notes from JupyterCon: How Project Jupyter is enabling large-scale data science",
    "publication": "Towards Data Science",
    "year": 2018,
    "url": "https://towardsdatascience.com/notes-from-jupytercon-how-project-jupyter-is-enabling-large-scale-datascience-a3627a05ea68",
}
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    # A book read on screen: no blank pages before chapters. fontset=none: the fonts are
    # set in jupyterconbook.sty (ctex's default set, Fandol, lacks many characters).
    "extraclassoptions": "openany,oneside" + (",fontset=none" if CHINESE else ""),
    # ctex's Chinese line spacing makes the running head taller than Sphinx's default.
    "geometry": r"\usepackage[headheight=14pt]{geometry}",
    # No babel: it has no Chinese, and its English names would replace ctex's. (The English
    # edition gets Sphinx's default for xelatex, polyglossia's English.)
    **({"babel": ""} if CHINESE else {}),
    "fncychap": "",
    "fontpkg": r"""
\setmainfont{Noto Serif}
\setsansfont{Noto Sans}
\setmonofont{Noto Sans Mono CJK SC}[Scale=MatchLowercase]
""",
    # Figures stay where they are in the text, in their section (float package's H).
    "figure_align": "H",
    "preamble": r"\usepackage[%s]{jupyterconbook}" % ("zh" if CHINESE else "en"),
    "maketitle": r"\bookmaketitle",
}

# -- EPUB --------------------------------------------------------------------
epub_basename = BOOK_FILE
epub_title = project
epub_author = author
epub_publisher = BOOK.publisher
epub_language = language.replace("_", "-")
epub_description = description
# The OPF identifier and the NCX uid must agree (epubcheck NCX-001).
epub_identifier = epub_uid = BOOK_FILE
epub_scheme = "URN"
# .buildinfo.bak appears after a configuration change: not part of the EPUB. (The EPUB's build
# gets no downloads: _ext/downloads.py.)
epub_exclude_files = ["search.html", ".buildinfo.bak"]
epub_show_urls = "no"
# EPUB Accessibility 1.1 metadata (_ext/epub_accessibility.py writes it into content.opf): the
# book is text with headings, a table of contents and an index; its diagrams are images, each
# with its accTitle and accDescr as alt text (_ext/diagrams); nothing flashes, moves or sounds.
book_epub_accessibility = [
    ("schema:accessMode", "textual"),
    ("schema:accessMode", "visual"),
    ("schema:accessModeSufficient", "textual"),
    ("schema:accessibilityFeature", "alternativeText"),
    ("schema:accessibilityFeature", "displayTransformability"),
    ("schema:accessibilityFeature", "index"),
    ("schema:accessibilityFeature", "readingOrder"),
    ("schema:accessibilityFeature", "structuralNavigation"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary", {
        "zh_CN": "本书以文字为主，章节有清晰的标题层级，附目录和索引，阅读顺序与正文顺序一致，文字可以随阅读器设置缩放和重排。"
                 "书中的流程图以图片呈现，每张图都附有文字说明作为替代文本。书中没有闪烁、动画或声音内容。",
        "en": "The book is mainly text, with a clear hierarchy of headings, a table of contents and an index; it reads "
              "in the order of the text, and the text can be resized and reflowed in the reader's settings. Its "
              "flowcharts are images, each with a text description as its alternative text. Nothing in it flashes, "
              "moves or makes a sound.",
    }[language]),
]


# -- Mermaid -----------------------------------------------------------------
# The site serves mermaid from its own _static (_ext/diagrams copies it there from
# node_modules, pinned in package-lock.json); there is no CDN fallback.
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
# What every diagram needs (README: Diagrams): a warning at one that lacks any.
book_diagram_parts = ("name", "caption", "accTitle", "accDescr")
_CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
mermaid_init_config = {
    "startOnLoad": False,
    "fontFamily": _CJK_FONTS,
    "themeVariables": {"fontFamily": _CJK_FONTS},
    "flowchart": {"nodeSpacing": 30, "rankSpacing": 30},
}
# The same look as the PDF's figures (tools/mermaid/config.json) in light mode.
mermaid_light_theme = "neutral"
# Every diagram is drawn in a box this tall (the extension's default, stated here because
# book.css reserves the same box before mermaid has drawn it: no layout shift).
mermaid_height = "500px"
# The fullscreen button's only label is a glyph ("⛶") that the fonts lack.
mermaid_fullscreen = False
# PDF (and EPUB) figures are drawn by mermaid-cli on Chromium (tools/mmdc picks the browser).
# The paths are relative to the repository root, where the Makefile runs sphinx-build: an
# absolute path would put the checkout's path into the configuration hash (.buildinfo).
mermaid_cmd = "tools/mmdc"
mermaid_params = [
    "--puppeteerConfigFile", "tools/mermaid/puppeteer.json",
    "--configFile", "tools/mermaid/config.json",
    "--pdfFit",
    "--backgroundColor", "transparent",
]
