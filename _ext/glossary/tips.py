"""Hover tips: every term link in the HTML gets the entry's first sentence as a tooltip.

Written at build time: CSS shows it on hover and on keyboard focus (docs/_static/book.css), and
``aria-describedby`` ties it to the link. No script, no third-party request. For the website
builders only: an EPUB reader would show the hidden tip as text.

The link is Sphinx's own ``<a>``: the visitor finds it among what the HTML writer has written
inside the tip (``self.body``) and adds the attribute; tests/unit/test_ext_glossary.py fails
if Sphinx's writer stops starting a link with ``<a ``.
"""

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from _ext.i18n import _

from .domain import glossary_domain


class term_tip(nodes.Inline, nodes.TextElement):
    """A term link with its tooltip (HTML only; the tip is an attribute, not text)."""


class Tips(SphinxPostTransform):
    default_priority = 900  # after references are resolved (ReferencesResolver, 10) and every other post-transform
    builders = ("html", "dirhtml", "singlehtml")

    def run(self, **kwargs) -> None:
        tips = glossary_domain(self.env).tips()
        for n, ref in enumerate(list(self.document.findall(nodes.reference))):
            anchor = (ref.get("refuri") or "#" + ref.get("refid", "")).rpartition("#")[2]
            if anchor in tips and ref.next_node(lambda x: isinstance(x, nodes.Element) and "std-term" in x["classes"]):
                entry = tips[anchor]
                wrapper = term_tip(tip=_("%(term)s: %(definition)s") % {"term": entry["name"], "definition": entry["tip"]},
                                   term_parts=entry["name_parts"], definition=entry["tip"], tip_id=f"tip-{n}")
                ref.replace_self(wrapper)
                wrapper += ref


def visit_term_tip(self: HTML5Translator, node: term_tip) -> None:
    self.body.append('<span class="term-tip">')
    node["body_start"] = len(self.body)


def depart_term_tip(self: HTML5Translator, node: term_tip) -> None:
    for i in range(node["body_start"], len(self.body)):
        if self.body[i].startswith("<a "):
            self.body[i] = self.body[i].replace("<a ", f'<a aria-describedby="{node["tip_id"]}" ', 1)
            break
    # The tip as written ("术语（English name）：定义"), its runs in another language marked lang.
    term = "".join(f'<span lang="{tag}">{self.encode(text)}</span>' if tag else self.encode(text)
                   for text, tag in node["term_parts"])
    template = self.encode(_("%(term)s: %(definition)s") % {"term": "\0term", "definition": "\0definition"})
    tip = template.replace("\0term", term).replace("\0definition", self.encode(node["definition"]))
    self.body.append(f'<span class="term-tip__text" role="tooltip" id="{node["tip_id"]}">{tip}</span></span>')
