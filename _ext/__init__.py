"""The book's own Sphinx extensions: only what no maintained extension does, a module per concern.

- ``_ext.anchors``: section anchors from the heading text, not docutils' positional ``id1``.
- ``_ext.glossary``: stable term anchors, back-links, hover tips, the PDF index keys, and the
  glossary as JSON, CSV and TBX files and JSON-LD in its page (a package, a module per concern).
- ``_ext.language``: the ``en`` role; English marked ``lang="en"`` (WCAG 3.1.2).
- ``_ext.citation``: how to cite the book (GB/T 7714-2015, BibTeX, RIS) and the ``citation_*``
  meta tags, from CITATION.cff.
- ``_ext.epub_accessibility``: EPUB Accessibility 1.1 metadata in the EPUB's package document.
- ``_ext.search``: Chinese search that finds any word printed on a page.
- ``_ext.reproducible``: the same commit, the same bytes: the PDF's XMP dates, and the book's one
  zip writer (the EPUB's entries, the offline copy's zip) dated from the commit, not the build.
- ``_ext.navigation``: the sidebar's table of contents rendered once per build, not per page.
- ``_ext.diagrams``: mermaid served by the site, loaded near a diagram, checked at build time
  (``check.mjs`` beside it, under node).
- ``_ext.icons``: the icon font cut to the icons in use.
- ``_ext.sitemap``: sitemap.xml complete on incremental builds.
- ``_ext.latex``: the LaTeX writer adjusted for Chinese text set with xeCJK.
- ``_ext.frontmatter``: the PDF's title page, copyright page and metadata.
- ``_ext.i18n``: the book's own words, its message catalogue (``_ext/locales``), for the
  extensions, the templates and book.js.

The words they write have English message ids in the book's catalogue (``_ext.i18n``).

conf.py lists each in ``extensions``; tests/test_ext_*.py hold their unit tests.
"""

# Han characters: CJK Unified Ideographs, Extension A and the compatibility block, the scripts
# the book uses; a regular expression's character class without its brackets. Declared once:
# the search, the citation names and the tests use it.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
