"""The book's own Sphinx extensions: only what no maintained extension does, a module per concern.

- ``_ext.sources``: every file the build reads as text is UTF-8 text, checked before Sphinx
  reads a page; else the file, the line and column, and how to save it as UTF-8.
- ``_ext.i18n``: the book's own words, its message catalogue (``locales/<language>/LC_MESSAGES/
  book.po``), for the extensions, the templates (``book_translate``) and book.js.
- ``_ext.verbatim``: a code block translated whole, as MyST writes it.
- ``_ext.progress``: in a translated edition, what is not yet translated shown in Chinese, marked,
  and the page's share translated.
- ``_ext.anchors``: section anchors from the heading text, not docutils' positional ``id1``.
- ``_ext.glossary``: stable term anchors, back-links, hover tips, the PDF index keys, and the
  glossary as JSON, CSV and TBX files and JSON-LD in its page (a package, a module per concern).
- ``_ext.language``: the ``en`` and ``zh`` roles; a run in the other edition's language marked with
  its ``lang`` (WCAG 3.1.2).
- ``_ext.citation``: the book's facts from CITATION.cff (conf.py reads them there; the copyright
  line and the licence's name), how to cite the book (GB/T 7714-2015, BibTeX, RIS) and the
  ``citation_*`` meta tags.
- ``_ext.editions``: the book's editions, a folder each (``zh-cn``, ``en``); the language switcher
  to the same page and place in the other edition, and each edition's list of pages it checks.
- ``_ext.downloads``: the download menu's files (the PDF, the EPUB, the offline zip) and sizes,
  copied into a local site or linked where Read the Docs serves them.
- ``_ext.epub_accessibility``: EPUB Accessibility 1.1 metadata in the EPUB's package document.
- ``_ext.search``: Chinese search that finds any word printed on a page, and the index entries
  an incremental build (make livehtml) would lose.
- ``_ext.reproducible``: the same commit, the same bytes: the PDF's XMP dates, and the book's one
  zip writer (the EPUB's entries, the offline copy's zip) dated from the commit, not the build.
- ``_ext.navigation``: the sidebar's table of contents rendered once per build, not per page.
- ``_ext.diagrams``: mermaid served by the site, loaded near a diagram, checked at build time
  (``check.mjs`` beside it, under node).
- ``_ext.icons``: the icon font cut to the icons in use.
- ``_ext.critical``: the stylesheets cut to what the pages use (PurgeCSS) and each page's part
  inline in its head (Beasties), the rest loaded after the page (``critical.mjs`` beside it).
- ``_ext.sitemap``: sphinx-sitemap for the website, each page's editions in it, and no
  sitemap.xml in the EPUB's folder.
- ``_ext.latex``: the LaTeX writer adjusted for Chinese text set with xeCJK.
- ``_ext.frontmatter``: the PDF's title page, copyright page and metadata, the edition dated by
  the commit.

conf.py lists each in ``extensions``; tests/unit/test_ext_*.py hold their unit tests, on small
projects in tests/unit/roots. Each module's docstring lists its configuration values, its
warnings (``type.subtype``, for ``suppress_warnings``) and its upstream contacts.
"""

# Han characters: CJK Unified Ideographs, Extension A and the compatibility block, the scripts
# the book uses; a regular expression's character class without its brackets. Declared once:
# the search, the citation names and the tests use it.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
