"""Language of parts: a run in the other edition's language is marked with its language.

WCAG 2.1 success criterion 3.1.2 (Language of Parts): a passage in another language than the
page's carries its own ``lang``, so that a screen reader reads it with the right voice and a
browser picks the right fonts and hyphenation. Proper names and technical terms are exempt; talk
and article titles, quotations and the other-language names of terms are not.

- The ``en`` role marks a run of English in a Chinese page: ``{en}`The Follower Factory```;
  the ``zh`` role a run of Chinese in an English page (the English edition quotes the machine
  translation's wordings, and pairs each glossary term with its Chinese name).
- The glossary's English names are marked by _ext/glossary/anchors.py with the same class.

Each gives the document tree an inline node with the class ``language-<tag>``, which docutils'
HTML writers (and so Sphinx's HTML and EPUB builders) write as ``lang="<tag>"``; the LaTeX
writer keeps the text as it is. A mark in the page's own language (``{en}`` in the English
edition, whose text is translated from the Chinese with its marks) is dropped. No warnings.
"""

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata

# Role name -> the BCP 47 tag written as lang="..."
LANGUAGES = {"en": "en", "zh": "zh-CN"}


def own_tag(config) -> str | None:
    """The page's own language as the tag a run would carry: "zh-CN" for zh_CN, "en" for en."""
    return LANGUAGES.get((config.language or "").split("_")[0].lower())


def part(text: str, tag: str, config) -> nodes.Node:
    """``text`` in the language ``tag``: marked, unless that is the page's own language."""
    return nodes.Text(text) if tag == own_tag(config) else nodes.inline("", text, classes=["language-" + tag])


def tag_of(node: nodes.Node) -> str | None:
    """The language a node's text is marked as, if any (the class of an enclosing run)."""
    while node is not None:
        if isinstance(node, nodes.Element):
            for cls in node["classes"]:
                if cls.startswith("language-"):
                    return cls.removeprefix("language-")
        node = node.parent
    return None


def language_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    return [nodes.inline(rawtext, text, classes=["language-" + LANGUAGES[name]])], []


class DropOwnLanguage(SphinxTransform):
    """After translation (the i18n transforms run at 20 and 25), marks in the page's language go."""

    default_priority = 30

    def apply(self, **kwargs) -> None:
        own = f"language-{own_tag(self.config)}"
        for node in self.document.findall(nodes.inline):
            if own in node["classes"]:
                node["classes"].remove(own)


def setup(app: Sphinx) -> ExtensionMetadata:
    for name in LANGUAGES:
        app.add_role(name, language_role)
    app.add_transform(DropOwnLanguage)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
