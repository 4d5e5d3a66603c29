"""Language of parts: English inside the Chinese text is marked as English.

WCAG 2.1 success criterion 3.1.2 (Language of Parts): a passage in another language than the
page's carries its own ``lang``, so that a screen reader reads it with an English voice and a
browser picks English fonts and hyphenation. Proper names and technical terms are exempt; talk
and article titles, quotations and the English names of terms are not.

- The ``en`` role marks a run of English in a page: ``{en}`The Follower Factory```.
- The glossary's English names are marked by _ext/glossary/anchors.py with the same class.

Both give the document tree an inline node with the class ``language-en``, which docutils'
HTML writers (and so Sphinx's HTML and EPUB builders) write as ``lang="en"``; the LaTeX writer
keeps the text as it is. No warnings.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

ENGLISH = "language-en"


def english(text: str, rawtext: str = "") -> nodes.inline:
    """An inline node of English text."""
    return nodes.inline(rawtext, text, classes=[ENGLISH])


def en_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [english(text, rawtext)], []


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_role("en", en_role)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
