"""The book's glossary: what Sphinx's glossary directive does not do for a book. Start here.

The glossary (docs/glossary.md) is Sphinx's ``glossary`` directive in MyST. Each entry is a
Chinese term with its pinyin initial as the index key, its English name on a second term line,
and a definition (a paragraph, then optionally one paragraph of "参见" links)::

    维护者倦怠 : W
    maintainer burnout
      维护者长期承担过多工作而疲惫。

A module per concern:

- ``directive``: the directive, with each term at its line of the file in messages
  (MyST-Parser#1175).
- ``anchors``: stable anchors from the English name (``#term-maintainer-burnout``, not
  ``#term-0``); the English name folded into the term's line; both names link.
- ``domain``: what the glossary knows across documents (each page's entries and term
  references), so that incremental and parallel (-j) builds stay right.
- ``backlinks``: under each entry, the pages and sections that use it ("出现于：…");
  ``pagelinks``: in the PDF, the page numbers instead ("出现于：第 3、12 页").
- ``tips``: every term link on the website shows the entry's first sentence on hover and focus.
- ``index``: the PDF index files Chinese terms under their pinyin initial.
- ``data``: the glossary as JSON, CSV and TBX files and JSON-LD, and the ``{glossary-data}``
  directive that links them.
- ``terms``: reading an entry (a term's own text, its English runs, a first sentence).

Warnings, each silenced alone by its name in ``suppress_warnings``:

- ``glossary.english_name``: an entry has no English name, so no stable anchor.
- ``glossary.data_shape``: an entry is not one definition paragraph and at most one paragraph of
  links (its data would leave text out).

The words it writes ("出现于：", the list separator, the brackets of the English name, the tip's
colon, the data line) have English message ids in the book's catalogue (_ext/i18n.py): another
language edition needs a catalogue, not a code change. Where it touches upstream internals, the
module says so and names its guard in tests/unit/test_ext_glossary.py.
"""

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from .anchors import StableTermAnchors
from .backlinks import BackLinks
from .data import GlossaryData, PublishedDataLinks, write_data
from .directive import Glossary
from .domain import GlossaryDomain, outdated_pages
from .index import visit_index_latex
from .pagelinks import PageBackLinks
from .tips import Tips, depart_term_tip, term_tip, visit_term_tip


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    app.add_directive_to_domain("std", "glossary", Glossary, override=True)
    app.add_transform(StableTermAnchors)
    app.add_domain(GlossaryDomain)
    app.connect("env-get-updated", outdated_pages)
    app.add_post_transform(BackLinks)
    app.add_post_transform(PageBackLinks)
    app.add_node(term_tip, html=(visit_term_tip, depart_term_tip))
    app.add_post_transform(Tips)
    app.add_node(addnodes.index, override=True, latex=(visit_index_latex, None))
    app.add_directive("glossary-data", GlossaryData)
    app.add_post_transform(PublishedDataLinks)
    app.connect("html-page-context", write_data)  # from the resolved page, back-links included
    return {"version": "2", "env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
