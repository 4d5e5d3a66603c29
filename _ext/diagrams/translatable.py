"""A diagram's source is a message of its page's catalogue: the English edition draws it in English.

Sphinx translates the nodes it knows (paragraphs, titles, captions, literal blocks); a mermaid
diagram's source (its labels, ``accTitle`` and ``accDescr``) is an attribute of
sphinxcontrib-mermaid's node, which no catalogue reaches. Before Sphinx's i18n transforms run,
each such node becomes this subclass, which speaks Sphinx's interface for translatable nodes
(``sphinx.addnodes.translatable``): ``make gettext`` puts the whole source in the catalogue as
one message, as ``gettext_additional_targets = ["literal-block"]`` does for code, and the
translated source replaces it. Its class name stays ``mermaid``, so every builder visits it with
sphinxcontrib-mermaid's own visitors, which find the node's methods by that name.

Upstream contacts: sphinxcontrib-mermaid's node class and its ``code`` attribute; Sphinx's
translatable interface and the ``translated`` flag that translation progress counts.
tests/unit/test_ext_diagrams.py builds a catalogue and an English page from it, and fails once
sphinxcontrib-mermaid's node is translatable itself (then this module can go).
"""

from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinxcontrib.mermaid import mermaid as upstream


class mermaid(upstream, addnodes.translatable):  # noqa: N801: the name builders dispatch on
    def preserve_original_messages(self) -> None:
        self.setdefault("original_code", self["code"])

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self["code"] = translated_message
        self["translated"] = True

    def extract_original_messages(self) -> list[str]:
        return [self.get("original_code", self["code"])]


class TranslatableDiagrams(SphinxTransform):
    default_priority = 5  # before Sphinx's PreserveTranslatableMessages (10) and Locale (20)

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(upstream)):
            if not isinstance(node, mermaid):
                node.replace_self(mermaid(node.rawsource, *node.children, **node.attributes))
