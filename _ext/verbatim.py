"""A literal block is translated as one message, as MyST writes it: code comments in English in
the English edition.

Sphinx translates a literal block only with ``gettext_additional_targets = ["literal-block"]``, and
then parses the translation as reStructuredText (``::`` and an indented block), which MyST reads
as a paragraph "::" (executablebooks/MyST-Parser#444): the English page shows "::" instead of the
code. Here each literal block a page writes becomes a subclass that speaks Sphinx's
``addnodes.translatable`` interface, as _ext/diagrams/translatable.py does for diagrams: its text
is one message (with MyST's final newline), and the translation replaces the text as it is, no
parser involved. Its class name stays ``literal_block``, so every builder visits it as before. A
block that is made, not written (the about page's citations), carries ``translatable = False`` and
is left alone.

Upstream contacts: docutils' ``literal_block``; Sphinx's translatable interface and the
``translated`` flag. tests/unit/test_ext_i18n.py builds a page's code block in English with it,
and without it fails once MyST reads Sphinx's literal translation itself (then this module can go).
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata


class literal_block(nodes.literal_block, addnodes.translatable):  # noqa: N801: builders dispatch on the name
    def preserve_original_messages(self) -> None:
        self.setdefault("original_text", self.astext())

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self.children = []
        self += nodes.Text(translated_message)
        self["translated"] = True

    def extract_original_messages(self) -> list[str]:
        return [self.get("original_text", self.astext())]


class TranslatableLiteralBlocks(SphinxTransform):
    default_priority = 5  # before Sphinx's PreserveTranslatableMessages (10) and Locale (20)

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.literal_block)):
            if type(node) is nodes.literal_block and node.get("translatable", True) and node.source:
                block = literal_block(node.rawsource, *node.children, **node.attributes)
                block.source, block.line = node.source, node.line
                node.replace_self(block)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(TranslatableLiteralBlocks)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
