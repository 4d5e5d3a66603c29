"""The glossary as data: JSON, CSV and TBX files next to the glossary page, and JSON-LD in it.

Readers and translators take the book's terms with them. When the HTML builder writes a page
that holds a glossary, the entries are read from the page as it is written (the resolved
document tree: the same entries, anchors, links and back-links the reader sees) and written as:

- ``<page>.json``: every entry with its Chinese term, English names, group (the section it
  is in), definition, stable anchor URL, see-also links, external links and back-links;
- ``<page>.csv``: the same, flat, UTF-8 with a byte-order mark (spreadsheet programs then
  read it as UTF-8);
- ``<page>.tbx``: TBX-Basic (ISO 30042:2019, TBX v3, DCA style), the exchange format of
  translation-memory tools: a ``zh-CN`` and an ``en`` language section per entry, the
  definition, and the group as the subject field;
- schema.org ``DefinedTermSet`` JSON-LD in the page's head (name, English ``alternateName``,
  the definition's first sentence, ``@id`` the anchor URL).

**One set for every edition.** Each edition's build writes its own glossary's files, in its
language. Once every edition is built, tools/editions.py merges them (``merge``): the book's own
language's set, each entry and the set itself given a ``translations`` object with the other
editions' term, group, definition, address and back-links (matched by the entry's anchor, the
same in every edition); the CSV gains their columns (``term_en``, ``definition_en``, …) and the
TBX their definitions in their language sections. The same bytes go into every edition, so both
glossaries link one set. A merged set read again gives the same set (a build of one edition
merges its fresh files with the others' merged ones).

The ``glossary-data`` directive links the three files where it is placed (in the PDF and
EPUB, which carry no such files: the published site's copies). The content model it reads: an
entry is its terms (the Chinese one first, English names after, see anchors.py), one definition
paragraph, and optionally one paragraph of "see also" term links and external links. Any other
shape is a warning (``glossary.data_shape``) at the entry's line, so that no text is silently
left out of the data.
"""

import csv
import io
import json
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from _ext import citation
from _ext.i18n import _

from .terms import first_sentence, term_text

logger = logging.getLogger(__name__)
FORMATS = ("json", "csv", "tbx")
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CSV_FIELDS = ("id", "term", "english", "group", "definition", "url", "see_also", "links", "mentioned_in")
# What an entry's translation holds: the words of the other edition's page.
TRANSLATED = ("term", "group", "definition", "url", "mentioned_in")


# -- Reading the entries from the page ------------------------------------------------
def read_entries(doctree: nodes.document, page_url: str) -> list[dict]:
    """The glossary entries of a resolved page, in page order."""
    out = []
    for glossary in doctree.findall(addnodes.glossary):
        section = glossary.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        group = section[0].astext() if section is not None else ""
        for item in glossary.findall(nodes.definition_list_item):
            out.append(_entry(item, group, page_url))
    return out


def _entry(item: nodes.definition_list_item, group: str, page_url: str) -> dict:
    term = item.next_node(nodes.term)
    anchor = term["ids"][0]
    paragraphs = [p for p in item.next_node(nodes.definition).children if "glossary-backlinks" not in p.get("classes", [])]
    definition, links = (paragraphs[0] if paragraphs else None), paragraphs[1:]
    if not isinstance(definition, nodes.paragraph) or len(links) > 1 or not all(isinstance(p, nodes.paragraph) for p in links):
        logger.warning("glossary entry %r: write one definition paragraph, then at most one paragraph of links "
                       "(the glossary's data files hold no other text)", term_text(term), location=term,
                       type="glossary", subtype="data_shape")
    see_also, external = [], []
    for paragraph in links:
        for ref in paragraph.findall(nodes.reference):
            target = ref.get("refid") or ref.get("refuri", "")
            if ref.get("refid") or target.startswith("#"):
                see_also.append({"id": target.lstrip("#"), "term": ref.astext(), "url": urljoin(page_url, "#" + target.lstrip("#"))})
            else:
                external.append({"title": ref.astext(), "url": target})
    backlinks = [
        {"title": ref.astext(), "url": urljoin(page_url, ref["refuri"])}
        for p in item.next_node(nodes.definition).children if "glossary-backlinks" in p.get("classes", [])
        for ref in p.findall(nodes.reference)
    ]
    text = definition.astext() if isinstance(definition, nodes.paragraph) else ""
    return {
        "id": anchor,
        "term": term_text(term),
        "english": list(term.get("english", [])),
        "group": group,
        "definition": " ".join(text.split()),
        "url": urljoin(page_url, "#" + anchor),
        "see_also": see_also,
        "links": external,
        "mentioned_in": backlinks,
    }


# -- Writing them -------------------------------------------------------------------
def to_json(entries: list[dict], about: dict) -> str:
    return json.dumps({**about, "entries": entries}, ensure_ascii=False, indent=1) + "\n"


def _links(links: list[dict]) -> str:
    return "; ".join(f"{link['title']} <{link['url']}>" for link in links)


def to_csv(entries: list[dict]) -> str:
    """One row per entry; lists joined with "; ", each link as "title <url>"; each translation's
    fields after the book's own, suffixed with its language (``term_en``). With the byte-order
    mark that tells spreadsheet programs the file is UTF-8."""
    languages = list(dict.fromkeys(lang for e in entries for lang in e.get("translations", {})))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*CSV_FIELDS, *(f"{field}_{lang}" for lang in languages for field in TRANSLATED)])
    for e in entries:
        translated = [e.get("translations", {}).get(lang) for lang in languages]
        writer.writerow([
            e["id"], e["term"], "; ".join(e["english"]), e["group"], e["definition"], e["url"],
            "; ".join(s["term"] for s in e["see_also"]), _links(e["links"]), _links(e["mentioned_in"]),
            *(("" if t is None else _links(t[f]) if f == "mentioned_in" else t[f]) for t in translated for f in TRANSLATED),
        ])
    return "\ufeff" + buffer.getvalue()


def to_tbx(entries: list[dict], about: dict) -> str:
    """TBX-Basic, TBX v3 (ISO 30042:2019) in DCA style. Per concept entry: the subject field
    (the group), cross-references (see also) and an external cross-reference (the entry on
    the site) at entry level; a zh-CN language section with the definition and the Chinese
    term, and an en language section with each English name."""
    ET.register_namespace("", TBX_NS)
    q = lambda name: f"{{{TBX_NS}}}{name}"  # noqa: E731
    tbx = ET.Element(q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: about["language"]})
    file_desc = ET.SubElement(ET.SubElement(tbx, q("tbxHeader")), q("fileDesc"))
    ET.SubElement(ET.SubElement(file_desc, q("titleStmt")), q("title")).text = about["title"]
    source = ET.SubElement(file_desc, q("sourceDesc"))
    ET.SubElement(source, q("p")).text = f"{about['url']} ({about['license']})"
    body = ET.SubElement(ET.SubElement(tbx, q("text")), q("body"))
    for e in entries:
        concept = ET.SubElement(body, q("conceptEntry"), {"id": e["id"]})
        ET.SubElement(concept, q("descrip"), {"type": "subjectField"}).text = e["group"]
        for other in e["see_also"]:
            ET.SubElement(concept, q("ref"), {"type": "crossReference", "target": other["id"]}).text = other["term"]
        ET.SubElement(concept, q("xref"), {"type": "externalCrossReference", "target": e["url"]}).text = e["term"]
        zh = ET.SubElement(concept, q("langSec"), {XML_LANG: about["language"]})
        ET.SubElement(zh, q("descrip"), {"type": "definition"}).text = e["definition"]
        ET.SubElement(ET.SubElement(zh, q("termSec")), q("term")).text = e["term"]
        # The glossary gives every entry an English name (anchors.py warns otherwise); a
        # language section holds at least one term (TBX core structure). The English edition's
        # definition, once merged in, is the English section's.
        en = ET.SubElement(concept, q("langSec"), {XML_LANG: "en"}) if e["english"] else None
        if en is not None and "en" in e.get("translations", {}):
            ET.SubElement(en, q("descrip"), {"type": "definition"}).text = e["translations"]["en"]["definition"]
        for name in e["english"]:
            ET.SubElement(ET.SubElement(en, q("termSec")), q("term")).text = name
    ET.indent(tbx, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(tbx, encoding="unicode") + "\n"


def translation(data: dict, language: str) -> tuple[dict, dict[str, dict]] | None:
    """A set's words in ``language``: its title and address, and each entry's (TRANSLATED), by
    anchor; from a set in that language, or from a merged set's translations. None if it has none."""
    if data["language"] == language:
        return ({"title": data["title"], "url": data["url"]},
                {e["id"]: {field: e[field] for field in TRANSLATED} for e in data["entries"]})
    if language in data.get("translations", {}):
        return data["translations"][language], {e["id"]: e["translations"][language] for e in data["entries"]
                                                if language in e.get("translations", {})}
    return None


def merge(own: dict, others: list[dict]) -> dict:
    """The book's own language's set (``own``, merged or not) with the other editions' words."""
    languages = list(dict.fromkeys(lang for other in others for lang in [other["language"], *other.get("translations", {})]
                                   if lang != own["language"]))
    found = {lang: words for lang in languages for other in others if (words := translation(other, lang))}
    about = {k: v for k, v in own.items() if k not in ("entries", "translations")}
    entries = [{**{k: v for k, v in e.items() if k != "translations"},
                "translations": {lang: words[1][e["id"]] for lang, words in found.items() if e["id"] in words[1]}}
               for e in own["entries"]]
    return {**about, "translations": {lang: words[0] for lang, words in found.items()}, "entries": entries}


def write_files(out: Path, data: dict) -> None:
    """``out``.json, .csv and .tbx (``out``: the glossary page's path without its suffix)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    about = {k: v for k, v in data.items() if k != "entries"}
    out.with_name(out.name + ".json").write_text(to_json(data["entries"], about), encoding="utf-8")
    out.with_name(out.name + ".csv").write_text(to_csv(data["entries"]), encoding="utf-8", newline="")
    out.with_name(out.name + ".tbx").write_text(to_tbx(data["entries"], about), encoding="utf-8")


def to_jsonld(entries: list[dict], about: dict) -> str:
    """schema.org DefinedTermSet, for the page's head: the definition's first sentence as the
    description keeps it to a few KB."""
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": about["url"],
        "name": about["title"],
        "inLanguage": about["language"],
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "@id": e["url"], "name": e["term"],
             **({"alternateName": e["english"]} if e["english"] and e["english"] != [e["term"]] else {}),
             "description": first_sentence(e["definition"])}
            for e in entries
        ],
    }
    # No "</" in a script element's text (a definition could hold "</script>").
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


# -- Sphinx ---------------------------------------------------------------------------
def page_url(config: Config, pagename: str) -> str:
    """The page's address on the published site (html_baseurl), whichever builder asks."""
    base = config.html_baseurl or ""
    return urljoin(base if base.endswith("/") else base + "/", pagename + (config.html_file_suffix or ".html"))


def write_data(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: nodes.document | None) -> None:
    """Write the data files of a glossary page next to it, and its JSON-LD into its head."""
    if doctree is None or app.builder.name == "epub" or not next(doctree.findall(addnodes.glossary), None):
        return
    url = page_url(app.config, pagename)
    entries = read_entries(doctree, url)
    title = app.env.titles[pagename].astext() if pagename in app.env.titles else ""
    about = {"title": f"{app.config.project} · {title}", "language": app.config.language.replace("_", "-"),
             "url": url, "license": ("book_citation_file" in app.config and citation.book_licence(app.config)[2]) or app.config.copyright}
    write_files(Path(app.builder.outdir) / pagename, {**about, "entries": entries})
    script = f'<script type="application/ld+json">{to_jsonld(entries, about)}</script>\n'
    context["metatags"] = context.get("metatags", "") + script


class GlossaryData(SphinxDirective):
    """``{glossary-data}``: a line linking the page's data files (JSON, CSV, TBX)."""

    def run(self) -> list[nodes.Node]:
        name = Path(self.env.current_document.docname).name
        labels = {"json": "JSON", "csv": _("CSV (spreadsheets)"), "tbx": _("TBX (translation tools)")}
        para = nodes.paragraph("", _("This glossary as data: "), classes=["glossary-data"])
        for i, fmt in enumerate(FORMATS):
            if i:
                para += nodes.Text(_(", "))
            para += nodes.reference("", labels[fmt], refuri=f"{name}.{fmt}", internal=True, classes=["glossary-data-file"])
        para += nodes.Text(_("."))
        return [para]


class PublishedDataLinks(SphinxPostTransform):
    """The PDF and EPUB carry no data files: their links go to the published site's."""

    default_priority = 900
    builders = ("latex", "epub")

    def run(self, **kwargs) -> None:
        base = page_url(self.config, self.env.current_document.docname)
        for ref in self.document.findall(nodes.reference):
            if "glossary-data-file" in ref.get("classes", []):
                ref["refuri"], ref["internal"] = urljoin(base, ref["refuri"]), False
