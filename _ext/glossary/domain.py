"""What the glossary knows across documents, in a Domain (as sphinx.ext.todo keeps its todos).

Per document: the glossary entries it defines (anchor -> name, tip, name parts) and the {term}
references it makes (target, section id, section title). Collected while each document is read,
cleared when it is read again and merged from the processes of a parallel read (-j), so that
incremental and parallel builds stay right. Digests of both tell Sphinx which pages to write
again: the glossary when back-links changed, every page using a term when an entry changed.
"""

import hashlib
import json
from collections.abc import Set
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .terms import first_sentence, term_parts, term_text


class GlossaryDomain(Domain):
    name = "book_glossary"
    label = "book glossary"
    initial_data: dict[str, Any] = {"entries": {}, "refs": {}, "digests": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._tips: dict[str, dict] | None = None

    @property
    def entries(self) -> dict[str, dict[str, dict]]:
        """docname -> anchor -> the entry (name, names, tip, name_parts)."""
        return self.data["entries"]

    @property
    def refs(self) -> dict[str, list[tuple[str, str | None, str | None]]]:
        """docname -> its term references: (target, section id, section title), in page order."""
        return self.data["refs"]

    def tips(self) -> dict[str, dict]:
        """anchor -> entry, for every entry of the book: made once per build, not per page."""
        if self._tips is None:
            self._tips = {a: e for entries in self.entries.values() for a, e in entries.items()}
        return self._tips

    def clear_doc(self, docname: str) -> None:
        self.entries.pop(docname, None)
        self.refs.pop(docname, None)
        self._tips = None

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in ("entries", "refs"):
            self.data[name].update({d: v for d, v in otherdata[name].items() if d in docnames})
        self._tips = None

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Note the glossary entries a page defines and the term references it makes."""
        entries = {}
        for item in (i for g in document.findall(addnodes.glossary) for i in g.findall(nodes.definition_list_item)):
            term = item.next_node(nodes.term)
            paragraph = item.next_node(nodes.definition).next_node(nodes.paragraph)
            tip = first_sentence(paragraph.astext()) if paragraph else ""
            entries[term["ids"][0]] = {"name": term.astext(), "names": [term_text(term)], "tip": tip,
                                       "name_parts": term_parts(term)}
        self._tips = None
        if entries:
            self.entries[docname] = entries
            return  # references from the glossary itself are its see-also links, not back-links
        refs = []
        for xref in document.findall(addnodes.pending_xref):
            if xref.get("reftype") == "term":
                section = xref.parent
                while section is not None and not isinstance(section, nodes.section):
                    section = section.parent
                top = section is None or isinstance(section.parent, nodes.document)
                refs.append((xref["reftarget"].lower(), None if top else section["ids"][0], None if top else section[0].astext()))
        if refs:
            self.refs[docname] = refs

    def resolve_xref(self, env: BuildEnvironment, fromdocname: str, builder: Builder, typ: str, target: str,
                     node: addnodes.pending_xref, contnode: nodes.Element) -> nodes.reference | None:
        """A back-link (backlinks.py): the page ``target``, at its section ``node["section"]``."""
        return make_refnode(builder, fromdocname, target, node["section"], contnode)

    def outdated(self) -> list[str]:
        """Documents to write again although unchanged: the glossary when back-links changed,
        pages using terms when an entry (a tip) changed."""

        def digest(data: dict) -> str:
            return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

        refs, entries, outdated = digest(self.refs), digest(self.entries), []
        if self.data["digests"].get("refs") != refs:
            outdated += self.entries
        if self.data["digests"].get("entries") != entries:
            outdated += self.refs
        self.data["digests"] = {"refs": refs, "entries": entries}
        return outdated


def glossary_domain(env: BuildEnvironment) -> GlossaryDomain:
    return env.domains[GlossaryDomain.name]


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    return glossary_domain(env).outdated()
