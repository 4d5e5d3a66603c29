"""Back-links: under each glossary entry, the pages and sections whose {term} references point
at it ("出现于：首页、另一页 › 一节"), in the book's order.

For the HTML builders (the EPUB's included). The links are pending cross-references of the
glossary's domain, placed before Sphinx resolves references (ReferencesResolver, priority 10),
which asks the domain (domain.py) for each: so the builder makes the URIs, as for any link.
A reference's target is looked up in Sphinx's term table (``StandardDomain._terms``, internal;
anchors.py writes it): tests/unit/test_ext_glossary.py fails if Sphinx stops keeping it.
The PDF lists page numbers instead (pagelinks.py).
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from _ext.i18n import _

from .domain import GlossaryDomain, glossary_domain


class BackLinks(SphinxPostTransform):
    default_priority = 5  # before ReferencesResolver (10), which resolves the links
    formats = ("html",)

    def run(self, **kwargs) -> None:
        glossary, docname = glossary_domain(self.env), self.env.current_document.docname
        if docname not in glossary.entries:
            return
        terms = self.env.domains.standard_domain._terms
        order = {d: i for i, d in enumerate(book_order(self.env))}
        found: dict[str, list] = {}
        for page in sorted(glossary.refs, key=lambda d: order.get(d, len(order))):
            for target, section_id, section_title in glossary.refs[page]:
                anchor = terms.get(target, (None, None))[1]
                link = (page, section_id, section_title)
                if anchor and link not in found.setdefault(anchor, []):
                    found[anchor].append(link)
        for term in self.document.findall(nodes.term):
            links = found.get(term["ids"][0] if term["ids"] else "")
            if not links:
                continue
            para = nodes.paragraph("", "", nodes.inline("", _("Mentioned in: "), classes=["backlinks-label"]),
                                   classes=["glossary-backlinks"])
            for i, (page, section_id, section_title) in enumerate(links):
                if i:
                    para += nodes.Text(_(", "))
                title = self.env.titles[page].astext() + (f" › {section_title}" if section_title else "")
                para += addnodes.pending_xref("", nodes.Text(title), refdomain=GlossaryDomain.name, reftype="backlink",
                                              reftarget=page, section=section_id, refdoc=docname)
            term.parent.next_node(nodes.definition).append(para)


def book_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order the toctrees give them, depth first from the root."""
    seen: dict[str, None] = {}  # insertion-ordered, with O(1) membership

    def walk(doc: str) -> None:
        if doc not in seen:
            seen[doc] = None
            for child in env.toctree_includes.get(doc, []):
                walk(child)

    walk(env.config.root_doc)
    return list(seen)
