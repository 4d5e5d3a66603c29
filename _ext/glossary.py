"""Glossary helpers that no maintained extension provides.

1. Stable anchors. Sphinx derives a term's id from its text, so a Chinese term gets
   ``#term-0``, which changes when entries move. Each entry here carries its English
   name as a second term line; the entry's id becomes ``term-<english-name>`` (as in
   ``#term-maintainer-burnout``), in the page, the index, search and objects.inv alike,
   and the English line is folded into the first one: "维护者倦怠（maintainer burnout）".
   Both names stay valid {term} targets.
2. Back-links. Each entry lists the pages and sections whose {term} references point
   at it ("出现于：…"), collected while reading, so incremental and parallel builds
   (-j) stay right. The PDF lists page numbers instead ("出现于：第 3、12 页"), each a
   link to the term's use.
3. Hover tips. Every term link in the HTML gets the entry's first sentence as a
   tooltip, written at build time: CSS shows it on hover and on keyboard focus, and
   ``aria-describedby`` ties it to the link. No script, no third-party request.
4. Search. The glossary's Chinese terms are written out as a jieba user dictionary, so
   that the Chinese search (_ext/search.py) keeps a multi-character term as one word.
5. PDF index. Chinese terms are filed under their pinyin initial, as in the HTML index.
"""

import hashlib
import itertools
import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.writers.latex import LaTeXTranslator

logger = logging.getLogger(__name__)
USERDICT = "glossary-userdict.txt"


# -- 1. Stable anchors ---------------------------------------------------------
class StableTermAnchors(SphinxTransform):
    default_priority = 500

    def apply(self) -> None:
        std = self.env.domains.standard_domain
        docname = self.env.current_document.docname
        for item in (i for g in self.document.findall(addnodes.glossary) for i in g.findall(nodes.definition_list_item)):
            head, *rest = [t for t in item.children if isinstance(t, nodes.term)]
            english = [t for t in (head, *rest) if _text(t).isascii()]
            if not english:
                logger.warning("glossary entry %r has no English name: add it as a second term line", _text(head), location=head)
                continue
            new_id = "term-" + nodes.make_id(_text(english[0]))
            aliases = [t for t in rest if t in english]
            for term in (head, *aliases):
                for old in term["ids"]:
                    self.document.ids.pop(old, None)
                for index in term.findall(addnodes.index):
                    index["entries"] = [(e[0], e[1], new_id, *e[3:]) for e in index["entries"]]
                    if term is not head:
                        head += index.deepcopy()
                std.objects["term", _text(term)] = (docname, new_id)
                std._terms[_text(term).lower()] = (docname, new_id)
            head["ids"] = [new_id]
            self.document.ids[new_id] = head
            if aliases:
                head += nodes.inline("", "（" + ", ".join(_text(t) for t in aliases) + "）", classes=["term-en"])
                for alias in aliases:
                    item.remove(alias)


def _text(term: nodes.term) -> str:
    """A term's own text, without its index node or the folded English names."""
    return "".join(
        n.astext()
        for n in term.children
        if not isinstance(n, addnodes.index) and not (isinstance(n, nodes.Element) and "term-en" in n["classes"])
    )


# -- Collecting, per document ----------------------------------------------------
def collect(app: Sphinx, doctree: nodes.document) -> None:
    """Note the glossary entries a page defines and the term references it makes."""
    env, docname = app.env, app.env.current_document.docname
    entries = {}
    for item in (i for g in doctree.findall(addnodes.glossary) for i in g.findall(nodes.definition_list_item)):
        term = item.next_node(nodes.term)
        paragraph = item.next_node(nodes.definition).next_node(nodes.paragraph)
        first_sentence = paragraph.astext().split("。")[0] + "。" if paragraph else ""
        entries[term["ids"][0]] = {"name": term.astext(), "names": [_text(term)], "tip": first_sentence}
    if entries:
        env.glossary_entries[docname] = entries
        return  # references from the glossary itself are its "参见" links, not back-links
    refs = []
    for xref in doctree.findall(addnodes.pending_xref):
        if xref.get("reftype") == "term":
            section = xref.parent
            while section is not None and not isinstance(section, nodes.section):
                section = section.parent
            top = section is None or isinstance(section.parent, nodes.document)
            refs.append((xref["reftarget"].lower(), None if top else section["ids"][0], None if top else section[0].astext()))
    if refs:
        env.glossary_refs[docname] = refs


def init_env(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    for name in ("glossary_entries", "glossary_refs", "glossary_digests"):
        if not hasattr(env, name):
            setattr(env, name, {})


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for store in (getattr(env, "glossary_entries", {}), getattr(env, "glossary_refs", {})):
        store.pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    init_env(app, env, [])
    for name in ("glossary_entries", "glossary_refs"):
        getattr(env, name).update({d: v for d, v in getattr(other, name, {}).items() if d in docnames})


def pages_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Rewrite the glossary when back-links changed, and term pages when tips changed."""

    def digest(data: dict) -> str:
        return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    outdated = []
    refs, entries = digest(env.glossary_refs), digest(env.glossary_entries)
    if env.glossary_digests.get("refs") != refs:
        outdated += env.glossary_entries
    if env.glossary_digests.get("entries") != entries:
        outdated += env.glossary_refs
    env.glossary_digests = {"refs": refs, "entries": entries}
    _write_userdict(app, env)
    # For the tips: anchor -> entry, made once per build here rather than once per page.
    app.glossary_tips = {a: e for entries in env.glossary_entries.values() for a, e in entries.items()}
    return outdated


# -- 2. Back-links -------------------------------------------------------------
def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    if app.builder.format == "latex":
        add_page_backlinks(env, doctree)
        return
    if docname not in env.glossary_entries:
        return
    terms = env.domains.standard_domain._terms
    order = {d: i for i, d in enumerate(_book_order(env))}
    found: dict[str, list] = {}
    for page in sorted(env.glossary_refs, key=lambda d: order.get(d, len(order))):
        for target, section_id, section_title in env.glossary_refs[page]:
            anchor = terms.get(target, (None, None))[1]
            link = (page, section_id, section_title)
            if anchor and link not in found.setdefault(anchor, []):
                found[anchor].append(link)
    for term in doctree.findall(nodes.term):
        links = found.get(term["ids"][0] if term["ids"] else "")
        if not links:
            continue
        para = nodes.paragraph("", "", nodes.inline("", "出现于：", classes=["backlinks-label"]), classes=["glossary-backlinks"])
        for i, (page, section_id, section_title) in enumerate(links):
            if i:
                para += nodes.Text("、")
            title = env.titles[page].astext() + (f" › {section_title}" if section_title else "")
            para += make_refnode(app.builder, docname, page, section_id, nodes.Text(title))
        term.parent.next_node(nodes.definition).append(para)


def add_page_backlinks(env: BuildEnvironment, doctree: nodes.document) -> None:
    """The PDF's back-links: "出现于：第 3、12 页", each number a link.

    The LaTeX builder resolves the book as one tree, so the term links here are exactly
    the ones printed (content only for the HTML is gone). Each gets a label; the glossary
    entry lists them, and \\bookpages (_latex/jupyterconbook.sty) prints each page once.
    The glossary's own "参见" links are left out, as in the HTML, and so are links in titles
    and captions (a label there would move into the contents).
    """
    glossary_docs = set(env.glossary_entries)
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

    walk(doctree, doctree.get("docname", ""))
    for term in doctree.findall(nodes.term):
        used = uses.get(term["ids"][0] if term["ids"] else "")
        if used:
            para = nodes.paragraph("", "", nodes.inline("", "出现于：", classes=["backlinks-label"]), classes=["glossary-backlinks"])
            para += nodes.raw("", r"\bookpages{%s}" % ",".join(used), format="latex")
            term.parent.next_node(nodes.definition).append(para)


def _book_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order the toctrees give them, depth first from the root."""
    seen: dict[str, None] = {}  # insertion-ordered, with O(1) membership

    def walk(doc: str) -> None:
        if doc not in seen:
            seen[doc] = None
            for child in env.toctree_includes.get(doc, []):
                walk(child)

    walk(env.config.root_doc)
    return list(seen)


# -- 3. Hover tips -------------------------------------------------------------
class term_tip(nodes.Inline, nodes.TextElement):
    """A term link with its tooltip (HTML only; the tip is an attribute, not text)."""


def add_tips(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html" or app.builder.name == "epub":
        return
    tips = app.glossary_tips
    for n, ref in enumerate(list(doctree.findall(nodes.reference))):
        anchor = (ref.get("refuri") or "#" + ref.get("refid", "")).rpartition("#")[2]
        if anchor in tips and ref.next_node(lambda x: isinstance(x, nodes.Element) and "std-term" in x["classes"]):
            entry = tips[anchor]
            wrapper = term_tip(tip=f"{entry['name']}：{entry['tip']}", tip_id=f"tip-{n}")
            ref.replace_self(wrapper)
            wrapper += ref


def visit_term_tip(self, node: term_tip) -> None:
    self.body.append('<span class="term-tip">')
    node["body_start"] = len(self.body)


def depart_term_tip(self, node: term_tip) -> None:
    for i in range(node["body_start"], len(self.body)):
        if self.body[i].startswith("<a "):
            self.body[i] = self.body[i].replace("<a ", f'<a aria-describedby="{node["tip_id"]}" ', 1)
            break
    tip = self.encode(node["tip"])
    self.body.append(f'<span class="term-tip__text" role="tooltip" id="{node["tip_id"]}">{tip}</span></span>')


# -- 4. Search -----------------------------------------------------------------
def set_userdict(app: Sphinx, config) -> None:
    """Point Sphinx's Chinese search at the glossary's jieba user dictionary."""
    config.html_search_options = {**config.html_search_options, "dict": str(Path(app.doctreedir) / USERDICT)}


def _write_userdict(app: Sphinx, env: BuildEnvironment) -> None:
    names = sorted({n for e in env.glossary_entries.values() for v in e.values() for n in v["names"] if not n.isascii()})
    path = Path(app.config.html_search_options["dict"])
    text = "".join(f"{name}\n" for name in names)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# -- 5. PDF index ----------------------------------------------------------------
def visit_index_latex(self, node: addnodes.index) -> None:
    """Sort Chinese glossary terms in the PDF index under their pinyin initial.

    The glossary gives each Chinese term a key (``维护者 : W``); the HTML index groups by
    it, but Sphinx's LaTeX writer ignores it, and xindy would file every Chinese term
    under one "non-alphabetical" group. Here the key becomes the start of the sort key.
    """
    keyed = [e for e in node["entries"] if e[0] == "single" and e[4] and not e[1].isascii()]
    for _type, string, _target, main, key in keyed:
        text = self.encode(string)
        page_style = "|spxpagem" if main == "main" else ""
        self.body.append(rf"\index{{{key}{text}@\spxentry{{{text}}}{page_style}}}")
    node["entries"] = [e for e in node["entries"] if e not in keyed]
    LaTeXTranslator.visit_index(self, node)


def setup(app: Sphinx) -> dict:
    app.add_transform(StableTermAnchors)
    app.add_node(term_tip, html=(visit_term_tip, depart_term_tip))
    app.add_node(addnodes.index, override=True, latex=(visit_index_latex, None))
    app.connect("config-inited", set_userdict)
    app.connect("env-before-read-docs", init_env)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("doctree-read", collect)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("doctree-resolved", add_backlinks)
    app.connect("doctree-resolved", add_tips)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
