"""How to cite the book, made from CITATION.cff: the facts are declared there once.

- The ``citation`` directive writes the book's citation in three forms, each in a block a
  reader copies as it is:
  - GB/T 7714-2015 (信息与文献 参考文献著录规则), which Chinese theses and journals require:
    an online monograph, ``主要责任者. 题名[M/OL]. 出版地: 出版者, 出版年[引用日期]. 获取和访问路径.``;
  - BibTeX (biblatex's ``@book``, which the gbt7714 styles read);
  - RIS (``TY  - BOOK`` … ``ER  - ``), which every reference manager imports.
- Every HTML page carries Highwire Press ``citation_*`` meta tags (title, authors, date,
  language, publisher, PDF), which Zotero and Google Scholar read.

What is cited is CITATION.cff's ``preferred-citation`` (the book), or its top level. GB/T
7714's own words for what a citation lacks (no place of publication: "[S.l.]", or "[出版地不详]"
for a Chinese work; "et al." / "等" after the third author; the date accessed) are message ids
in the catalogue, so the Chinese book gets the Chinese forms.
"""

import functools
import hashlib
import re
from html import escape
from pathlib import Path

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from _ext import HAN
from _ext.i18n import _

HAN_CHAR = re.compile(f"[{HAN}]")
# GB/T 7714-2015, 4.1 and 8.8.1: the document type codes, with /OL for an online resource.
GBT_TYPES = {"book": "M", "report": "R", "website": "EB", "software": "CP", "dataset": "DS", "generic": "Z"}
RIS_TYPES = {"book": "BOOK", "report": "RPRT", "website": "ELEC", "software": "COMP", "dataset": "DATA", "generic": "GEN"}
BIBTEX_TYPES = {"book": "book", "report": "report", "website": "online", "software": "software", "dataset": "dataset"}


def read(path: Path) -> dict:
    """The work to cite: CITATION.cff's preferred citation, or its top level (type software)."""
    return _read(path, path.read_bytes())


@functools.lru_cache(maxsize=4)
def _read(path: Path, content: bytes) -> dict:
    cff = yaml.safe_load(content.decode("utf-8"))
    return cff.get("preferred-citation") or {**cff, "type": cff.get("type", "software")}


def resolve_path(app: Sphinx, config) -> None:
    """citation_file is relative to the configuration's folder, like Sphinx's own paths; made
    absolute once (the directive has no application to ask)."""
    path = Path(app.confdir) / config.citation_file
    if not path.is_file():
        raise ConfigError(f"citation_file: {path} is missing; the book's citation is made from it")
    config.citation_file = str(path)


def work(app: Sphinx) -> dict:
    return read(Path(app.config.citation_file))


def year(ref: dict) -> str:
    return str(ref.get("year") or str(ref.get("date-published", ""))[:4])


# -- GB/T 7714-2015 -------------------------------------------------------------------
def gbt_name(author: dict) -> str:
    """8.1.1: a person surname first; a Latin-script surname in capitals, then the initials of
    the given names without full stops (EINSTEIN A, LI J N); a Chinese name in full (张三);
    an organisation by its name."""
    if "name" in author:
        return author["name"]
    family, given = author.get("family-names", ""), author.get("given-names", "")
    if HAN_CHAR.search(family + given):
        return family + given
    particle = author.get("name-particle", "")
    initials = " ".join(part[0].upper() for part in re.split(r"[\s\-.]+", given) if part)
    return " ".join(p for p in (particle.upper(), family.upper(), initials) if p) or author.get("alias", "")


def gbt7714(ref: dict) -> str:
    """The citation as GB/T 7714-2015 writes it, in its own (half-width) punctuation."""
    authors = [gbt_name(a) for a in ref.get("authors", [])]
    names = ", ".join(authors[:3]) + (_(", et al.") if len(authors) > 3 else "")
    code = GBT_TYPES.get(ref.get("type", ""), "Z") + ("/OL" if ref.get("url") else "")
    place = (ref.get("publisher") or {}).get("city") or _("[S.l.]")
    publisher = (ref.get("publisher") or {}).get("name") or _("[s.n.]")
    url = f" {ref['url']}." if ref.get("url") else ""
    accessed = _("[date accessed]") if ref.get("url") else ""
    names += "" if names.endswith(".") else "."  # "…, et al. Title", not "et al.. Title"
    return f"{names} {ref['title']}[{code}]. {place}: {publisher}, {year(ref)}{accessed}.{url}"


# -- BibTeX and RIS ---------------------------------------------------------------------
def bibtex_name(author: dict) -> str:
    """An organisation in braces (BibTeX would read its words as first and last names)."""
    return "{" + bibtex_escape(author["name"]) + "}" if "name" in author else bibtex_escape(ris_name(author))


BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", **{c: "\\" + c for c in "&%$#_{}"}}


def bibtex_escape(text: str) -> str:
    """The characters LaTeX reads as commands, as text (the url field is left as it is)."""
    return re.sub(r"[\\&%$#_{}]", lambda m: BIBTEX_SPECIAL[m[0]], text)


def bibtex(ref: dict, key: str) -> str:
    fields = {
        "author": " and ".join(bibtex_name(a) for a in ref.get("authors", [])),
        "title": bibtex_escape(ref["title"]),
        "year": year(ref),
        "publisher": bibtex_escape((ref.get("publisher") or {}).get("name") or ""),
        "language": ",".join(ref.get("languages", [])),
        "url": ref.get("url"),
    }
    width = max(map(len, fields))
    body = ",\n".join(f"  {k.ljust(width)} = {{{v}}}" for k, v in fields.items() if v)
    return f"@{BIBTEX_TYPES.get(ref.get('type', ''), 'misc')}{{{key},\n{body}\n}}"


def ris_name(author: dict) -> str:
    """"de Morgan, Augustus": the surname with its particle, a comma, the given names."""
    if "name" in author:
        return author["name"]
    family = " ".join(filter(None, (author.get("name-particle"), author.get("family-names"))))
    return ", ".join(p for p in (family, author.get("given-names")) if p)


def ris(ref: dict) -> str:
    """RIS tags: two letters, two spaces, a hyphen, a space; TY first, ER last."""
    lines = [("TY", RIS_TYPES.get(ref.get("type", ""), "GEN"))]
    lines += [("AU", ris_name(a)) for a in ref.get("authors", [])]
    lines += [("TI", ref["title"]), ("PY", year(ref)), ("PB", (ref.get("publisher") or {}).get("name")),
              ("LA", ",".join(ref.get("languages", []))), ("UR", ref.get("url")), ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines if value or tag == "ER")


# -- Sphinx -------------------------------------------------------------------------------
class Citation(SphinxDirective):
    """``{citation}``: the book's citation in GB/T 7714-2015, BibTeX and RIS, each under its name."""

    def run(self) -> list[nodes.Node]:
        path = Path(self.config.citation_file)
        self.env.note_dependency(str(path))
        ref = read(path)
        out = []
        for label, text, language in (("GB/T 7714-2015", gbt7714(ref), "text"),
                                      ("BibTeX", bibtex(ref, self.config.citation_key), "bibtex"),
                                      ("RIS", ris(ref), "text")):
            out.append(nodes.paragraph("", "", nodes.strong("", label), classes=["citation-format"]))
            block = nodes.literal_block(text, text, language=language, classes=["citation-text"])
            self.set_source_info(block)
            out.append(block)
        return out


def meta_tags(app: Sphinx, pdf_url: str | None) -> list[tuple[str, str]]:
    ref = work(app)
    tags = [("citation_title", ref["title"])]
    tags += [("citation_author", ris_name(a)) for a in ref.get("authors", [])]
    tags += [("citation_publication_date", year(ref)), ("citation_language", ",".join(ref.get("languages", [])))]
    if (ref.get("publisher") or {}).get("name"):
        tags.append(("citation_publisher", ref["publisher"]["name"]))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "epub" or app.builder.format != "html":
        return
    # The PDF's published address (Read the Docs' download, conf.py's html_context); a local
    # build's copy of the PDF is published nowhere, so it gets no tag.
    pdf = context.get("pdf_url")
    tags = "".join(f'<meta name="{name}" content="{escape(value)}" />\n' for name, value in meta_tags(app, pdf))
    context["metatags"] = context.get("metatags", "") + tags


def outdated(app: Sphinx, env, added: set, changed: set, removed: set) -> list[str]:
    """Every page carries the meta tags: all are rewritten when CITATION.cff changes."""
    digest = hashlib.sha256(Path(app.config.citation_file).read_bytes()).hexdigest()
    previous = getattr(env, "book_citation_digest", None)
    env.book_citation_digest = digest
    return [] if previous in (None, digest) else sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> dict:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    app.add_config_value("citation_file", "CITATION.cff", "env", str)
    app.add_config_value("citation_key", "book", "env", str)
    app.connect("config-inited", resolve_path)
    app.add_directive("citation", Citation)
    app.connect("env-get-outdated", outdated)
    app.connect("html-page-context", add_meta_tags)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
