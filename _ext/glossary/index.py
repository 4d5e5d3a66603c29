"""The PDF index files Chinese glossary terms under their pinyin initial, as the HTML index does.

The glossary gives each Chinese term a key (``维护者 : W``); the HTML index groups by it, but
Sphinx's LaTeX writer ignores it, and xindy would file every Chinese term under one
"non-alphabetical" group. The ``index`` node's LaTeX visitor is replaced: keyed Chinese entries
get the key as the start of their sort key, written with Sphinx's own escaping; every other
entry goes to Sphinx's visitor. tests/unit/test_ext_glossary.py builds a book with and without
this visitor: it fails if the escaping differs from Sphinx's, or if Sphinx files by the key itself.
"""

from sphinx import addnodes
from sphinx.writers.latex import LaTeXTranslator


def index_escape(text: str) -> str:
    """What Sphinx's own index writer escapes in an encoded entry (LaTeXTranslator.visit_index):
    braces, and the characters makeindex and xindy read as commands (" @ ! |)."""
    text = text.replace(r"\{", r"\sphinxleftcurlybrace{}").replace(r"\}", r"\sphinxrightcurlybrace{}")
    return text.replace('"', '""').replace("@", '"@').replace("!", '"!').replace("|", r"\textbar{}")


def keyed(node: addnodes.index) -> list[tuple]:
    """The entries filed here: single Chinese entries with a key."""
    return [e for e in node["entries"] if e[0] == "single" and e[4] and not e[1].isascii()]


def visit_index_latex(self: LaTeXTranslator, node: addnodes.index) -> None:
    mine = keyed(node)
    for _type, string, _target, main, key in mine:
        text = index_escape(self.encode(string))
        key = index_escape(self.encode(key))
        page_style = "|spxpagem" if main == "main" else ""
        self.body.append(rf"\index{{{key}{text}@\spxentry{{{text}}}{page_style}}}")
    node["entries"] = [e for e in node["entries"] if e not in mine]
    LaTeXTranslator.visit_index(self, node)
