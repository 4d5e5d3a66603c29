"""Reading a glossary entry: a term's own text, its English runs, a definition's first sentence."""

import re

from docutils import nodes
from sphinx import addnodes

from _ext import language

SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")


def term_text(term: nodes.term) -> str:
    """A term's own text, without its index node or the folded English names (anchors.py)."""
    return "".join(
        n.astext()
        for n in term.children
        if not isinstance(n, addnodes.index) and not (isinstance(n, nodes.Element) and "term-en" in n["classes"])
    )


def term_parts(term: nodes.term) -> list[tuple[str, str | None]]:
    """The term's text in runs, each with the language it is marked as (_ext/language.py), if any."""
    return [(t.astext(), language.tag_of(t) if language.tag_of(t) != language.tag_of(term.parent) else None)
            for t in term.findall(nodes.Text)]


def first_sentence(text: str) -> str:
    """Up to the first full stop, question or exclamation mark: Chinese ones anywhere, Latin
    ones before a space or the end (so 3.5 and index.md do not end a sentence; an abbreviation
    before a space, as in "U.S. law", does: the glossary's definitions avoid them)."""
    end = SENTENCE_END.search(text)
    return text[: end.end()] if end else text
