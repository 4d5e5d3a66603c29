"""The PDF's back-links: "出现于：第 3、12 页", each number a link to the term's use.

The LaTeX builder resolves the book as one tree, so the term links here are exactly the ones
printed (content only for the HTML is gone: this runs after OnlyNodeTransform, priority 50).
Each gets a label; the glossary entry lists them, and \\bookpages (_latex/jupyterconbook.sty)
prints each page once. The glossary's own "参见" links are left out, as in the HTML, and so are
links in titles and captions (a label there would move into the contents). A term link is
told by the class Sphinx's {term} role gives its text (``std-term``, as tips.py does), and each
page by the LaTeX builder's ``start_of_file`` nodes: tests/unit/test_ext_glossary.py checks the
labels and lists of a small book.
"""

import itertools

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from _ext.i18n import _

from .domain import glossary_domain


class PageBackLinks(SphinxPostTransform):
    default_priority = 900  # after the LaTeX builder's own (the last at 750)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        glossary_docs = set(glossary_domain(self.env).entries)
        uses: dict[str, list[str]] = {}
        labels = (f"glossary-use-{n}" for n in itertools.count())

        def walk(node: nodes.Element, docname: str) -> None:
            # Sphinx puts each included document in a start_of_file node without re-parenting
            # its children, so the document is tracked on the way down, not looked up.
            for child in list(node.children):
                if isinstance(child, addnodes.start_of_file):
                    walk(child, child["docname"])
                elif isinstance(child, (nodes.title, nodes.caption, nodes.term)):
                    continue
                elif isinstance(child, nodes.reference) and len(child) and isinstance(child[0], nodes.Element) \
                        and "std-term" in child[0]["classes"]:
                    if docname not in glossary_docs:
                        label = next(labels)
                        node.insert(node.index(child), nodes.raw("", rf"\phantomsection\label{{{label}}}", format="latex"))
                        anchor = (child.get("refuri") or "").rpartition("#")[2] or child.get("refid", "")
                        uses.setdefault(anchor, []).append(label)
                elif isinstance(child, nodes.Element):
                    walk(child, docname)

        walk(self.document, self.document.get("docname", ""))
        for term in self.document.findall(nodes.term):
            used = uses.get(term["ids"][0] if term["ids"] else "")
            if used:
                para = nodes.paragraph("", "", nodes.inline("", _("Mentioned in: "), classes=["backlinks-label"]),
                                       classes=["glossary-backlinks"])
                para += nodes.raw("", r"\bookpages{%s}" % ",".join(used), format="latex")
                term.parent.next_node(nodes.definition).append(para)
