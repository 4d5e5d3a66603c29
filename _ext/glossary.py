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

The words it writes ("出现于：", the list separator, the brackets of the English name and the
tip's colon) have English message ids, translated in docs/locales: another language
edition needs a catalogue, not a code change.
"""

import hashlib
import itertools
import json
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import Glossary as StdGlossary
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors import EnvironmentCollector
from sphinx.locale import get_translation
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.writers.latex import LaTeXTranslator

from _ext import language

logger = logging.getLogger(__name__)
# The words this module writes into pages, with English message ids: the book's catalogue
# (docs/locales/<language>/LC_MESSAGES/sphinx.po, the domain Sphinx compiles itself) translates them.
_ = get_translation("sphinx")
USERDICT = "glossary-userdict.txt"


# -- 0. Lines -------------------------------------------------------------------
class Glossary(StdGlossary):
    """Sphinx's glossary directive, with each term at its line of the file.

    MyST hands a directive its content numbered from the first content line, not from the
    top of the file, and leaves out the lines of the directive's options: every message about
    a term (Sphinx's "duplicate term description", this module's "no English name") names a
    line near the top of the file, and one about a definition (a broken {term} in it) a line
    a few too high. Upstream: https://github.com/executablebooks/MyST-Parser/pull/1175 (open)
    numbers content from the file. Until then the content is renumbered here: term lines with
    their line in the file (Sphinx uses the number as it is), definition lines counted from the
    directive (MyST's nested parse adds the directive's line), options included. Content
    numbered from the file (the fix) starts above 0 and is left alone (tests/test_ext_glossary.py).
    """

    def run(self) -> list[nodes.Node]:
        items = self.content.items
        if items and items[0][1] == 0:  # numbered from the first content line: renumber
            first = self.content_offset + 1  # the first content line, counted from the directive's
            self.content = StringList(list(self.content), items=[
                (source, self.lineno + first + i if line[:1] not in (" ", "\t") else first - 1 + i)
                for line, (source, i) in zip(self.content, items)
            ])
        return super().run()


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
            if self.document.ids.get(new_id, head) not in (head, *aliases):
                continue  # two entries with one English name: Sphinx has warned at the second
            for term in (head, *aliases):
                for old in term["ids"]:
                    self.document.ids.pop(old, None)
                for index in term.findall(addnodes.index):
                    index["entries"] = [(e[0], e[1], new_id, *e[3:]) for e in index["entries"]]
                    if term is not head:
                        head += index.deepcopy()
                note_term(std, _text(term), new_id, term)
            head["ids"] = [new_id]
            head["english"] = [_text(t) for t in english]  # for the glossary as data (_ext/glossary_data.py)
            self.document.ids[new_id] = head
            if head in english:  # an English term (NumFOCUS): its text marked English (_ext/language.py)
                for text in [n for n in head.children if isinstance(n, nodes.Text)]:
                    head.replace(text, language.english(text.astext()))
            if aliases:
                before, _s, after = _(" (%s)").partition("%s")
                folded = nodes.inline("", before, classes=["term-en"])
                for i, alias in enumerate(aliases):
                    folded += [nodes.Text(", ")] if i else []
                    folded += language.english(_text(alias))
                    item.remove(alias)
                folded += nodes.Text(after)
                head += folded


def note_term(std, name: str, anchor: str, location: nodes.Node) -> None:
    """Point the term ``name`` at ``anchor``, as Sphinx's glossary directive would have.

    The directive has noted it at Sphinx's own id; that record is dropped and the name noted
    again with the public ``note_object``. Sphinx's {term} lookup reads ``_terms`` (lower
    case, documented as internal), the one private write of this module; its unit test in
    tests/test_ext_glossary.py fails if Sphinx resolves terms some other way.
    """
    std.objects.pop(("term", name), None)
    std.note_object("term", name, anchor, location=location)
    std._terms[name.lower()] = (std.env.current_document.docname, anchor)


def _text(term: nodes.term) -> str:
    """A term's own text, without its index node or the folded English names."""
    return "".join(
        n.astext()
        for n in term.children
        if not isinstance(n, addnodes.index) and not (isinstance(n, nodes.Element) and "term-en" in n["classes"])
    )


# -- Collecting, per document ----------------------------------------------------
SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s|$)")


def first_sentence(text: str) -> str:
    """Up to the first full stop, question or exclamation mark: Chinese ones anywhere, Latin
    ones before a space or the end (so 3.5 and index.md do not end a sentence; an abbreviation
    before a space, as in "U.S. law", does: the glossary's definitions avoid them)."""
    end = SENTENCE_END.search(text)
    return text[: end.end()] if end else text


def _parts(term: nodes.term) -> list[tuple[str, bool]]:
    """The term's text in runs, each with whether it is marked English (_ext/language.py)."""
    def english(node: nodes.Node) -> bool:
        while node is not None and node is not term.parent:
            if isinstance(node, nodes.Element) and language.ENGLISH in node["classes"]:
                return True
            node = node.parent
        return False
    return [(t.astext(), english(t)) for t in term.findall(nodes.Text)]


def _data(env: BuildEnvironment) -> dict:
    """This module's part of the environment (pickled with it): per document, the glossary
    entries it defines and the term references it makes; digests of both."""
    return env.__dict__.setdefault("book_glossary", {"entries": {}, "refs": {}, "digests": {}})


class GlossaryCollector(EnvironmentCollector):
    def clear_doc(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        for store in (_data(env)["entries"], _data(env)["refs"]):
            store.pop(docname, None)

    def merge_other(self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
        for name in ("entries", "refs"):
            _data(env)[name].update({d: v for d, v in _data(other)[name].items() if d in docnames})

    def process_doc(self, app: Sphinx, doctree: nodes.document) -> None:
        """Note the glossary entries a page defines and the term references it makes."""
        env, docname = app.env, app.env.current_document.docname
        entries = {}
        for item in (i for g in doctree.findall(addnodes.glossary) for i in g.findall(nodes.definition_list_item)):
            term = item.next_node(nodes.term)
            paragraph = item.next_node(nodes.definition).next_node(nodes.paragraph)
            tip = first_sentence(paragraph.astext()) if paragraph else ""
            entries[term["ids"][0]] = {"name": term.astext(), "names": [_text(term)], "tip": tip, "name_parts": _parts(term)}
        if entries:
            _data(env)["entries"][docname] = entries
            return  # references from the glossary itself are its see-also links, not back-links
        refs = []
        for xref in doctree.findall(addnodes.pending_xref):
            if xref.get("reftype") == "term":
                section = xref.parent
                while section is not None and not isinstance(section, nodes.section):
                    section = section.parent
                top = section is None or isinstance(section.parent, nodes.document)
                refs.append((xref["reftarget"].lower(), None if top else section["ids"][0], None if top else section[0].astext()))
        if refs:
            _data(env)["refs"][docname] = refs

    def get_updated_docs(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Rewrite the glossary when back-links changed, and term pages when tips changed."""

        def digest(data: dict) -> str:
            return hashlib.sha1(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

        data, outdated = _data(env), []
        refs, entries = digest(data["refs"]), digest(data["entries"])
        if data["digests"].get("refs") != refs:
            outdated += data["entries"]
        if data["digests"].get("entries") != entries:
            outdated += data["refs"]
        data["digests"] = {"refs": refs, "entries": entries}
        return outdated


# -- 2. Back-links -------------------------------------------------------------
def add_backlinks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env = app.env
    if app.builder.format == "latex":
        add_page_backlinks(env, doctree)
        return
    if docname not in _data(env)["entries"]:
        return
    terms = env.domains.standard_domain._terms
    order = {d: i for i, d in enumerate(_book_order(env))}
    found: dict[str, list] = {}
    for page in sorted(_data(env)["refs"], key=lambda d: order.get(d, len(order))):
        for target, section_id, section_title in _data(env)["refs"][page]:
            anchor = terms.get(target, (None, None))[1]
            link = (page, section_id, section_title)
            if anchor and link not in found.setdefault(anchor, []):
                found[anchor].append(link)
    for term in doctree.findall(nodes.term):
        links = found.get(term["ids"][0] if term["ids"] else "")
        if not links:
            continue
        para = nodes.paragraph("", "", nodes.inline("", _("Mentioned in: "), classes=["backlinks-label"]), classes=["glossary-backlinks"])
        for i, (page, section_id, section_title) in enumerate(links):
            if i:
                para += nodes.Text(_(", "))
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
    glossary_docs = set(_data(env)["entries"])
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
            para = nodes.paragraph("", "", nodes.inline("", _("Mentioned in: "), classes=["backlinks-label"]), classes=["glossary-backlinks"])
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
    tips = _data(app.env).get("tips", {})
    for n, ref in enumerate(list(doctree.findall(nodes.reference))):
        anchor = (ref.get("refuri") or "#" + ref.get("refid", "")).rpartition("#")[2]
        if anchor in tips and ref.next_node(lambda x: isinstance(x, nodes.Element) and "std-term" in x["classes"]):
            entry = tips[anchor]
            wrapper = term_tip(tip=_("%(term)s: %(definition)s") % {"term": entry["name"], "definition": entry["tip"]},
                               term_parts=entry["name_parts"], definition=entry["tip"], tip_id=f"tip-{n}")
            ref.replace_self(wrapper)
            wrapper += ref


def remember_tips(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Anchor -> entry for every entry of the book, made once per build rather than per page."""
    _data(env)["tips"] = {a: e for entries in _data(env)["entries"].values() for a, e in entries.items()}
    return []


def visit_term_tip(self, node: term_tip) -> None:
    self.body.append('<span class="term-tip">')
    node["body_start"] = len(self.body)


def depart_term_tip(self, node: term_tip) -> None:
    for i in range(node["body_start"], len(self.body)):
        if self.body[i].startswith("<a "):
            self.body[i] = self.body[i].replace("<a ", f'<a aria-describedby="{node["tip_id"]}" ', 1)
            break
    # The tip as written ("术语（English name）：定义"), its English runs marked lang="en".
    term = "".join(f'<span lang="en">{self.encode(text)}</span>' if en else self.encode(text)
                   for text, en in node["term_parts"])
    template = self.encode(_("%(term)s: %(definition)s") % {"term": "\0term", "definition": "\0definition"})
    tip = template.replace("\0term", term).replace("\0definition", self.encode(node["definition"]))
    self.body.append(f'<span class="term-tip__text" role="tooltip" id="{node["tip_id"]}">{tip}</span></span>')


# -- 4. Search -----------------------------------------------------------------
def set_userdict(app: Sphinx) -> None:
    """Point Sphinx's Chinese search at the glossary's jieba user dictionary. Set once the
    builder has hashed its configuration (.buildinfo; the HTML builder does it in init()):
    the path is this build's, and would make two checkouts' sites differ."""
    config = app.config
    config.html_search_options = {**config.html_search_options, "dict": str(Path(app.doctreedir) / USERDICT)}


def write_userdict(app: Sphinx, env: BuildEnvironment) -> list[str]:
    names = sorted({n for e in _data(env)["entries"].values() for v in e.values() for n in v["names"] if not n.isascii()})
    path = Path(app.config.html_search_options["dict"])
    text = "".join(f"{name}\n" for name in names)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return []


# -- 5. PDF index ----------------------------------------------------------------
def index_escape(text: str) -> str:
    """What Sphinx's own index writer escapes in an encoded entry (LaTeXTranslator.visit_index):
    braces, and the characters makeindex and xindy read as commands (" @ ! |)."""
    text = text.replace(r"\{", r"\sphinxleftcurlybrace{}").replace(r"\}", r"\sphinxrightcurlybrace{}")
    return text.replace('"', '""').replace("@", '"@').replace("!", '"!').replace("|", r"\textbar{}")


def visit_index_latex(self, node: addnodes.index) -> None:
    """Sort Chinese glossary terms in the PDF index under their pinyin initial.

    The glossary gives each Chinese term a key (``维护者 : W``); the HTML index groups by
    it, but Sphinx's LaTeX writer ignores it, and xindy would file every Chinese term
    under one "non-alphabetical" group. Here the key becomes the start of the sort key.
    """
    keyed = [e for e in node["entries"] if e[0] == "single" and e[4] and not e[1].isascii()]
    for _type, string, _target, main, key in keyed:
        text = index_escape(self.encode(string))
        key = index_escape(self.encode(key))
        page_style = "|spxpagem" if main == "main" else ""
        self.body.append(rf"\index{{{key}{text}@\spxentry{{{text}}}{page_style}}}")
    node["entries"] = [e for e in node["entries"] if e not in keyed]
    LaTeXTranslator.visit_index(self, node)


def setup(app: Sphinx) -> dict:
    app.add_directive_to_domain("std", "glossary", Glossary, override=True)
    app.add_transform(StableTermAnchors)
    app.add_node(term_tip, html=(visit_term_tip, depart_term_tip))
    app.add_node(addnodes.index, override=True, latex=(visit_index_latex, None))
    app.connect("builder-inited", set_userdict)
    app.add_env_collector(GlossaryCollector)
    app.connect("env-get-updated", remember_tips)
    app.connect("env-get-updated", write_userdict)
    app.connect("doctree-resolved", add_backlinks)
    app.connect("doctree-resolved", add_tips)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 4}
