"""Stable term anchors: ``#term-<english-name>``, not Sphinx's ``#term-0``.

Sphinx derives a term's id from its text, so a Chinese term gets ``#term-0``, which changes
when entries move. Each entry carries its English name as a second term line; the entry's id
becomes ``term-`` and that name (``#term-maintainer-burnout``) in the page, the index, search
and objects.inv alike, and the English line is folded into the first one: "维护者倦怠（maintainer
burnout）". Both names stay valid {term} targets. Further English lines (an abbreviation, an
entry's former English name) are folded in too, and each is one more anchor of the entry. An entry without an English name keeps
Sphinx's id and is a warning (``glossary.english_name``) at its line.
"""

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import StandardDomain
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from _ext import language
from _ext.i18n import _

from .terms import term_text

logger = logging.getLogger(__name__)


class StableTermAnchors(SphinxTransform):
    default_priority = 500

    def apply(self, **kwargs) -> None:
        std = self.env.domains.standard_domain
        for item in (i for g in self.document.findall(addnodes.glossary) for i in g.findall(nodes.definition_list_item)):
            head, *rest = [t for t in item.children if isinstance(t, nodes.term)]
            english = [t for t in (head, *rest) if term_text(t).isascii()]
            if not english:
                logger.warning("glossary entry %r has no English name: add it as a second term line", term_text(head),
                               location=head, type="glossary", subtype="english_name")
                continue
            new_id = "term-" + nodes.make_id(term_text(english[0]))
            aliases = [t for t in rest if t in english]
            if self.document.ids.get(new_id, head) not in (head, *aliases):
                continue  # two entries with one English name: Sphinx has warned at the second
            for term in (head, *aliases):
                for old in term["ids"]:
                    self.document.ids.pop(old, None)
                for index in term.findall(addnodes.index):
                    index["entries"] = [(e[0], e[1], new_id, *e[3:]) for e in index["entries"]]
                    if term is not head:
                        head += index.deepcopy()
                note_term(std, term_text(term), new_id, term)
            # Each further English name is an anchor too (#term-bias of 数据偏差, data bias), so an
            # entry can take a better English name and keep the anchor readers have.
            more = [i for i in dict.fromkeys("term-" + nodes.make_id(term_text(t)) for t in english[1:])
                    if i != new_id and i not in self.document.ids]
            head["ids"] = [new_id, *more]
            head["english"] = [term_text(t) for t in english]  # for the glossary as data (data.py)
            for anchor in head["ids"]:
                self.document.ids[anchor] = head
            own = language.own_tag(self.config)
            if head in english:  # an English term (NumFOCUS): its text marked English in the Chinese edition
                for text in [n for n in head.children if isinstance(n, nodes.Text)]:
                    head.replace(text, language.part(text.astext(), "en", self.config))
            if aliases:
                if own == "en" and head not in english:
                    # The English edition: the English name is the headword, the Chinese term its pair.
                    chinese, (first, *others) = term_text(head), aliases
                    head.replace(next(n for n in head.children if isinstance(n, nodes.Text)), nodes.Text(term_text(first)))
                    for text in [n for n in head.children if isinstance(n, nodes.Text)][1:]:
                        head.remove(text)
                    shown = [language.part(chinese, "zh-CN", self.config)] + [nodes.Text(term_text(a)) for a in others]
                else:
                    shown = [language.part(term_text(a), "en", self.config) for a in aliases]
                before, _s, after = _(" (%s)").partition("%s")
                folded = nodes.inline("", before, classes=["term-en"])
                for i, run in enumerate(shown):
                    folded += [nodes.Text(", ")] if i else []
                    folded += run
                for alias in aliases:
                    item.remove(alias)
                folded += nodes.Text(after)
                head += folded


def note_term(std: StandardDomain, name: str, anchor: str, location: nodes.Node) -> None:
    """Point the term ``name`` at ``anchor``, as Sphinx's glossary directive would have.

    The directive has noted it at Sphinx's own id; that record is dropped and the name noted
    again with the public ``note_object``. Sphinx's {term} lookup reads ``_terms`` (lower case,
    documented as internal), the one private write of this package; tests/unit/test_ext_glossary.py
    fails if Sphinx resolves terms some other way, or stops keeping ``_terms``.
    """
    std.objects.pop(("term", name), None)
    std.note_object("term", name, anchor, location=location)
    std._terms[name.lower()] = (std.env.current_document.docname, anchor)
