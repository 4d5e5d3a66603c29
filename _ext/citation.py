"""The book's facts and how to cite it, from CITATION.cff: they are declared there once.

- conf.py reads the title, the authors, the year, the address, the licence and the version
  with ``book()``; a mistake in the file is a warning at its file and line that says what to
  write there, never a YAML traceback (-W makes it fail the build). Every other field is
  checked against the Citation File Format 1.2.0's schema (``_ext/schemas``), and a mistake
  named by the field's name (``preferred-citation.languages.0: 'chinese' is too long``).
- ``copyright``, when conf.py leaves it unset, is the year, the authors and the licence's short
  name in the catalogue's words; ``licence()`` names the licence (and gives its page) in the
  book's language, for the PDF's copyright page (_ext/frontmatter.py).
- The ``citation`` directive writes the book's citation in three forms, each in a block a
  reader copies as it is:
  - GB/T 7714-2015 (信息与文献 参考文献著录规则), which Chinese theses and journals require:
    an online monograph, ``主要责任者. 题名[M/OL]. 出版地: 出版者, 出版年[引用日期]. 获取和访问路径.``;
  - BibTeX (biblatex's ``@book``, which the gbt7714 styles read);
  - RIS (``TY  - BOOK`` … ``ER  - ``), which every reference manager imports.
- Every HTML page carries Highwire Press ``citation_*`` meta tags (title, authors, date,
  language, publisher, PDF), which Zotero and Google Scholar read.

What is cited is CITATION.cff's ``preferred-citation`` (the book), or its top level; an edition
in another language is the entry of its ``references`` whose ``languages`` name the build's
language (the English edition: its title, authors and address), and cites itself in APA 7
(10.2, a book) instead of GB/T 7714. GB/T
7714's own words for what a citation lacks (no place of publication: "[S.l.]", or "[出版地不详]"
for a Chinese work; "et al." / "等" after the third author; the date accessed) are message ids
in the catalogue, so the Chinese book gets the Chinese forms.

Configuration: ``book_citation_file`` (CITATION.cff, relative to conf.py's folder),
``book_citation_key`` (the BibTeX key). Every page is out of date when the file changes; its
digest is kept in the ``book_citation`` domain.

Warnings (each silenced alone by ``suppress_warnings``): ``citation.cff``, CITATION.cff cannot
be read, is not YAML, or lacks a fact the book needs (at the file and line).
"""

import functools
import hashlib
import json
import re
from collections.abc import Set
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jsonschema
import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import ExtensionMetadata

from _ext import HAN
from _ext.i18n import _
from _ext.language import LANGUAGES
from _ext.sources import not_text

logger = logging.getLogger(__name__)
SCHEMA = Path(__file__).resolve().with_name("schemas") / "cff-1.2.0.json"
HAN_CHAR = re.compile(f"[{HAN}]")
# GB/T 7714-2015, 4.1 and 8.8.1: the document type codes, with /OL for an online resource.
GBT_TYPES = {"book": "M", "report": "R", "website": "EB", "software": "CP", "dataset": "DS", "generic": "Z"}
RIS_TYPES = {"book": "BOOK", "report": "RPRT", "website": "ELEC", "software": "COMP", "dataset": "DATA", "generic": "GEN"}
BIBTEX_TYPES = {"book": "book", "report": "report", "website": "online", "software": "software", "dataset": "dataset"}


# -- CITATION.cff ----------------------------------------------------------------------
def load(path: Path) -> tuple[dict, yaml.Node | None, tuple[int, str] | None]:
    """CITATION.cff's data, its YAML node (the node knows each key's line), and what is wrong
    with it as (line, message) if it cannot be read as YAML (it then reads as empty)."""
    try:
        return _load(path, path.stat().st_mtime_ns)
    except OSError as error:
        return {}, None, (0, f"cannot be read ({error.strerror}): the book's title, authors, year, address and licence "
                             "are declared there (CITATION.cff, the Citation File Format 1.2.0)")


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime: int) -> tuple[dict, yaml.Node | None, tuple[int, str] | None]:
    data = path.read_bytes()
    if problem := not_text(data, path):
        return {}, None, problem
    try:
        text = data.decode("utf-8-sig")
        data, node = yaml.safe_load(text), yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        context = f", {error.context} at line {error.context_mark.line + 1}" if error.context and error.context_mark else ""
        if error.context_mark and "stream end" in str(error.problem):  # left open: where it was opened
            mark, context = error.context_mark, f", {error.context}, never closed"
        return {}, None, (mark.line + 1, f"{error.problem or error.context} (column {mark.column + 1}{context}): "
                                         "CITATION.cff is YAML in the Citation File Format 1.2.0; mend that line")
    if not isinstance(data, dict):
        return {}, None, (1, "not a mapping of keys (title:, authors:, …): see https://citation-file-format.github.io/")
    return data, node, None


def line_of(node: yaml.Node | None, *keys: str | int) -> int:
    """The line of the deepest of ``keys`` (a path of mapping keys and list positions) that is
    there, from 1."""
    if node is None:
        return 0
    line = node.start_mark.line
    for key in keys:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line
            continue
        found = [(k, v) for k, v in getattr(node, "value", []) if isinstance(node, yaml.MappingNode) and k.value == key]
        if not found:
            break
        line, node = found[0][0].start_mark.line, found[0][1]
    return line + 1


@functools.cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def against_the_schema(cff: dict, node: yaml.Node | None) -> list[tuple[int, str, tuple]]:
    """What the Citation File Format 1.2.0's schema finds wrong, as (line, message, the field's
    path): each field by its name, a key the format does not know at its own line."""
    data = json.loads(json.dumps(cff, default=str))  # dates as strings, as CFF's own validator reads them
    found, seen = [], set()
    for error in sorted(_validator().iter_errors(data), key=jsonschema.exceptions.relevance):
        # Within "any of" (an author is a person or an entity), a key neither knows is the
        # likeliest mistake; else the best match.
        unknown = [e for e in error.context or [] if e.validator == "additionalProperties"]
        error = unknown[0] if unknown else jsonschema.exceptions.best_match([error])
        path = tuple(error.absolute_path)
        if path in seen:  # one message a field
            continue
        seen.add(path)
        if error.validator == "additionalProperties":
            for key in sorted(set(error.instance) - set(error.schema.get("properties", {}))):
                found.append((line_of(node, *path, key), f"{'.'.join(map(str, (*path, key)))}: the Citation File "
                              "Format 1.2.0 has no such key (a misspelling?)", (*path, key)))
            continue
        field = ".".join(map(str, path)) or "the file"
        found.append((line_of(node, *path), f"{field}: {error.message} (the Citation File Format 1.2.0; "
                      "https://github.com/citation-file-format/citation-file-format/blob/1.2.0/schema-guide.md)", path))
    return sorted(found)


def the_work(cff: dict, language: str = "") -> tuple[dict, tuple[str, ...]]:
    """The work to cite, and where it is in the file: the edition in ``language`` among the
    references (the book's other editions), else the preferred citation, else the top level (a
    work of type software, as the Citation File Format has it)."""
    code = language.split("_")[0].lower()
    for i, ref in enumerate((cff.get("references") or []) if code else []):
        if isinstance(ref, dict) and code in (ref.get("languages") or []):
            return ref, ("references", i)
    if isinstance(cff.get("preferred-citation"), dict):
        return cff["preferred-citation"], ("preferred-citation",)
    return {**cff, "type": cff.get("type", "software")}, ()


def read(path: Path, language: str = "") -> dict:
    """The work to cite, from CITATION.cff: the edition in ``language``."""
    return the_work(load(path)[0], language)[0]


@dataclass(frozen=True)
class Book:
    """The facts conf.py declares the book by, read from CITATION.cff."""

    title: str
    authors: str  # the authors' names, as a line
    publisher: str
    year: int
    url: str
    license: str  # an SPDX licence id that ``licence`` knows
    version: str
    problems: tuple[tuple[int, str], ...] = ()  # (line, what to write there)


def book(path: Path, language: str = "") -> Book:
    """The book's facts from CITATION.cff (conf.py reads them here). What is missing or malformed
    is empty, and named in ``problems`` as (line, what to write there); the extension warns of
    each (``citation.cff``, at the file and line) once the configuration is read, and -W turns
    that into a failed build."""
    cff, node, unreadable = load(path)
    ref, at = the_work(cff, language)
    problems = [unreadable] if unreadable else []

    def good(key: str, ok: bool, what: str) -> bool:
        if not ok and not unreadable:  # an unreadable file has its one problem
            where = ".".join(map(str, at)) + ": " if at else ""
            problems.append((line_of(node, *at, key), f"{where}{key}: write {what}, not {ref.get(key)!r}"))
        return ok

    title, authors, url, spdx = ref.get("title"), ref.get("authors"), ref.get("url"), ref.get("license")
    title_ok = good("title", isinstance(title, str) and bool(title.strip()), "the book's title")
    authors_ok = good("authors", isinstance(authors, list) and bool(authors)
                      and all(isinstance(a, dict) and display_name(a) for a in authors),
                      "a list of authors, each with a name (an organisation) or family-names and given-names")
    year_ok = good("year" if "year" in ref or at else "date-released", bool(re.fullmatch(r"\d{4}", year(ref))),
                   "the year of publication (year: 2026; at the top level, date-released: 2026-03-04)")
    url_ok = good("url", isinstance(url, str) and url.startswith(("https://", "http://")), "the book's address, https://…")
    spdx_ok = good("license", spdx in LICENCES,
                   f"one SPDX licence id the book can name ({', '.join(LICENCES)}; add another to _ext/citation.py's licence())")
    if not unreadable:  # what the book reads is named above; the format's other rules, here
        named = {line for line, _message in problems}
        problems += [(line, message) for line, message, path in against_the_schema(cff, node)
                     if path[len(at):len(at) + 1] not in {(k,) for k in ("title", "authors", "year", "url", "license")}
                     or line not in named]
    names = ", ".join(display_name(a) for a in authors) if authors_ok else ""
    return Book(title=title if title_ok else "", authors=names, publisher=(ref.get("publisher") or {}).get("name") or names,
                year=int(year(ref)) if year_ok else 0, url=url if url_ok else "", license=spdx if spdx_ok else "",
                version=str(cff.get("version", "")), problems=tuple(problems))


# SPDX licence ids the book can name.
LICENCES = ("CC-BY-4.0",)


def licence(spdx: str) -> tuple[str, str, str]:
    """A licence as the book names it: (its name, its short name, its address); the catalogue
    gives the name in the book's language and the licence's page in that language. An id the
    book cannot name (a warning when CITATION.cff was read) has none."""
    return {
        "CC-BY-4.0": (_("Creative Commons Attribution 4.0 International (CC BY 4.0)"), "CC BY 4.0",
                      _("https://creativecommons.org/licenses/by/4.0/")),
    }.get(spdx, ("", "", ""))


def book_licence(config: Config) -> tuple[str, str, str]:
    """The book's licence (name, short name, address), from book_citation_file, as licence() names it."""
    return licence(book(Path(config.book_citation_file), config.language).license)


def display_name(author: dict) -> str:
    """An author as a line names them: an organisation by its name; a Chinese name family name
    first, with no space (张三); another given names first (Abby Kinchy)."""
    if "name" in author:
        return str(author["name"])
    family, given = author.get("family-names", ""), author.get("given-names", "")
    if HAN_CHAR.search(family + given):
        return family + given
    return " ".join(p for p in (given, author.get("name-particle", ""), family) if p)


def resolve_path(app: Sphinx, config: Config) -> None:
    """book_citation_file is relative to the configuration's folder, like Sphinx's own paths;
    made absolute once (the directive has no application to ask). Each problem of the file is a
    warning at its line."""
    path = Path(app.confdir) / config.book_citation_file
    config.book_citation_file = str(path)
    for line, message in book(path, config.language).problems:
        logger.warning(message, location=f"{path}:{line}" if line else str(path), type="citation", subtype="cff")


def copyright_line(app: Sphinx, config: Config) -> None:
    """``copyright`` unset in conf.py: the year, the authors and the licence, from CITATION.cff
    and in the catalogue's words (the footer, the EPUB's dc:rights, the PDF's metadata)."""
    if not config.copyright:
        facts = book(Path(config.book_citation_file), config.language)
        config.copyright = _("%(year)s %(author)s, published under %(license)s") % {
            "year": facts.year, "author": facts.authors, "license": book_licence(config)[1]}


def work(app: Sphinx) -> dict:
    return read(Path(app.config.book_citation_file), app.config.language)


def year(ref: dict) -> str:
    return str(ref.get("year") or str(ref.get("date-published") or ref.get("date-released") or "")[:4])


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
    return f"{names} {ref.get('title', '')}[{code}]. {place}: {publisher}, {year(ref)}{accessed}.{url}"


# -- APA 7 --------------------------------------------------------------------------------
def apa_name(author: dict) -> str:
    """9.7-9.8: a group by its name; a person "Surname, I. N."."""
    if "name" in author:
        return author["name"]
    initials = " ".join(f"{part[0].upper()}." for part in re.split(r"[\s.]+", author.get("given-names", "")) if part)
    family = " ".join(filter(None, (author.get("name-particle"), author.get("family-names"))))
    return ", ".join(p for p in (family, initials) if p)


def apa7(ref: dict) -> str:
    """10.2, a book: Author. (Year). Title. Publisher. URL; the publisher left out when it is the
    author (9.25); up to 20 authors, "&" before the last. Plain text: the title's italics are lost."""
    authors = [apa_name(a) for a in ref.get("authors", [])][:20]
    names = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + ", & " + authors[-1] if authors else ""
    names += "" if names.endswith(".") else "."
    publisher = (ref.get("publisher") or {}).get("name")
    press = f" {publisher}." if publisher and publisher not in authors else ""
    url = f" {ref['url']}" if ref.get("url") else ""
    return f"{names} ({year(ref)}). {ref.get('title', '')}.{press}{url}"


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
        "title": bibtex_escape(ref.get("title", "")),
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
    lines += [("TI", ref.get("title", "")), ("PY", year(ref)), ("PB", (ref.get("publisher") or {}).get("name")),
              ("LA", ",".join(ref.get("languages", []))), ("UR", ref.get("url")), ("ER", "")]
    return "\n".join(f"{tag}  - {value}".rstrip() + (" " if tag == "ER" else "") for tag, value in lines if value or tag == "ER")


# -- Sphinx -------------------------------------------------------------------------------
class Citation(SphinxDirective):
    """``{citation}``: the edition's citation in its style (GB/T 7714-2015 for the Chinese book,
    APA 7 for another edition), BibTeX and RIS, each under its name."""

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(self.config.book_citation_file)  # the page's text is made from it
        ref = read(Path(self.config.book_citation_file), self.config.language)
        style = ("GB/T 7714-2015", gbt7714(ref)) if "zh" in ref.get("languages", ["zh"]) else ("APA 7", apa7(ref))
        out = []
        for label, text, language in ((*style, "text"),
                                      ("BibTeX", bibtex(ref, self.config.book_citation_key), "bibtex"),
                                      ("RIS", ris(ref), "text")):
            out.append(nodes.paragraph("", "", nodes.strong("", label), classes=["citation-format"]))
            # made from CITATION.cff for the edition, not written in the page: no message to translate
            block = nodes.literal_block(text, text, language=language, classes=["citation-text"], translatable=False)
            self.set_source_info(block)
            out.append(block)
        return out


def meta_tags(app: Sphinx, pdf_url: str | None) -> list[tuple[str, str]]:
    ref = work(app)
    tags = [("citation_title", ref.get("title", ""))]
    tags += [("citation_author", ris_name(a)) for a in ref.get("authors", [])]
    tags += [("citation_publication_date", year(ref)), ("citation_language", ",".join(ref.get("languages", [])))]
    if (ref.get("publisher") or {}).get("name"):
        tags.append(("citation_publisher", ref["publisher"]["name"]))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


def editions(path: Path) -> list[tuple[str, str]]:
    """Each edition's language tag and address: the book (the preferred citation), then the
    references that are its editions in other languages."""
    cff = load(path)[0]
    works = [the_work(cff)[0], *(r for r in cff.get("references") or [] if isinstance(r, dict) and r.get("languages"))]
    return [(LANGUAGES.get(w["languages"][0], w["languages"][0]), w["url"]) for w in works
            if w.get("languages") and isinstance(w.get("url"), str)]


def alternates(app: Sphinx, link: str) -> list[tuple[str, str]]:
    """The same page (``link``, from the site's root) in every edition, as hreflang names them: the
    book's own language is also the default (x-default). For each page's head, and sitemap.xml."""
    found = editions(Path(app.config.book_citation_file))
    return [(tag, url + link) for tag, url in [*found, *[("x-default", url) for _tag, url in found[:1]]]]


def add_meta_tags(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "epub" or app.builder.format != "html":
        return
    # The PDF's published address (Read the Docs' download, conf.py's html_context); a local
    # build's copy of the PDF is published nowhere, so it gets no tag.
    pdf = context.get("pdf_url")
    tags = "".join(f'<meta name="{name}" content="{escape(value)}" />\n' for name, value in meta_tags(app, pdf))
    if pagename in app.env.found_docs:
        tags += "".join(f'<link rel="alternate" hreflang="{tag}" href="{escape(url)}" />\n'
                        for tag, url in alternates(app, f"{pagename}.html"))
    context["metatags"] = context.get("metatags", "") + tags


class BookCitationDomain(Domain):
    """What the pages were made from: CITATION.cff's digest. Every page carries the meta tags, so
    a change to the file makes every page out of date (``env-get-outdated``). Not a dependency of
    each document (``note_dependency``): sphinx-last-updated-by-git would then date every page
    by CITATION.cff's last commit."""

    name = "book_citation"  # Sphinx's own "citation" domain holds citations of the text
    label = "The book's citation"
    initial_data = {"digest": None}

    def clear_doc(self, docname: str) -> None:
        pass

    def merge_domaindata(self, docnames: Set[str], otherdata: dict) -> None:
        pass


def outdated(app: Sphinx, env: BuildEnvironment, added: Set[str], changed: Set[str], removed: Set[str]) -> list[str]:
    data = env.get_domain(BookCitationDomain.name).data
    digest = hashlib.sha256(Path(app.config.book_citation_file).read_bytes()).hexdigest()
    previous, data["digest"] = data["digest"], digest
    return [] if previous in (None, digest) else sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    app.add_config_value("book_citation_file", "CITATION.cff", "env", types=frozenset({str}),
                         description="the book's CITATION.cff, relative to the configuration's folder")
    app.add_config_value("book_citation_key", "book", "env", types=frozenset({str}),
                         description="the BibTeX key of the book's citation")
    app.connect("config-inited", resolve_path, priority=400)
    # Before _ext/frontmatter.py reads it (500) and Sphinx's SOURCE_DATE_EPOCH year fix (800).
    app.connect("config-inited", copyright_line, priority=450)
    app.add_directive("citation", Citation)
    app.add_domain(BookCitationDomain)
    app.connect("env-get-outdated", outdated)
    app.connect("html-page-context", add_meta_tags)
    return {"version": "2", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
