"""The PDF's title page, copyright page (版权页) and document metadata.

The facts come from where they are declared once: CITATION.cff (the title, the authors, the
licence, through ``project``, ``author``, ``copyright`` and _ext/citation.py's ``licence()``),
conf.py (``description``, ``html_baseurl`` and the ``book_*`` values below) and the commit (the
edition's date); the words around them have English message ids in the book's catalogue
(_ext/i18n.py). At ``config-inited`` (the catalogue is loaded by then) this adds to the LaTeX
preamble the macros that _latex/jupyterconbook.sty typesets (\\booksettitle,
\\booksetcopyright, …) and the PDF's metadata (\\hypersetup; hyperxmp writes it as XMP too).

The edition's date is the commit's: ``$SOURCE_DATE_EPOCH`` (the Makefile sets it to the last
commit's time), else the last commit of the configuration's folder (git), else none (a
downloaded archive without git: the edition has no date). ``book_edition_date`` (YYYY-MM-DD)
sets it instead. It is the day in ``book_timezone``, the readers' zone, whatever the build
machine's.

Warnings (each silenced alone by ``suppress_warnings``): ``frontmatter.edition_date``, a
``book_edition_date`` that is not a date (the edition then has none).
"""

import os
import subprocess
from datetime import date, datetime, timezone, tzinfo
from pathlib import Path

from babel.dates import format_date
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from _ext import citation
from _ext.editions import code
from _ext.i18n import _

logger = logging.getLogger(__name__)


def tex(text: str) -> str:
    """Plain text for a LaTeX argument (the book's facts have no markup)."""
    return "".join("\\" + c if c in "&%$#_{}" else c for c in str(text))


def edition_date(config: Config, confdir: Path) -> date | None:
    """The day of the commit the book is made from (see the module's docstring)."""
    if config.book_edition_date is not None:
        try:
            return date.fromisoformat(config.book_edition_date) if config.book_edition_date else None
        except ValueError:
            logger.warning("book_edition_date in conf.py: write a date as YYYY-MM-DD, not %r (the edition has no date)",
                           config.book_edition_date, type="frontmatter", subtype="edition_date")
            return None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=confdir, capture_output=True, text=True).stdout.strip()
        except FileNotFoundError:  # no git
            return None
    return datetime.fromtimestamp(int(epoch), config.book_timezone).date() if epoch else None


def copyright_page(config: Config, day: date | None) -> str:
    article = config.book_source_article
    # An edition in another language than the book's own (CITATION.cff's first edition, if it names one).
    found = citation.editions(Path(config.book_citation_file))
    translated = bool(found) and code(config.language) != code(found[0][0])
    name, _short, url = citation.book_licence(config)
    edition = {"edition": config.book_edition}
    if day:
        # A CLDR date pattern, in the language's month names (Babel): "6 December 2026", "2026 年 12 月 6 日".
        when = format_date(day, _("d MMMM y"), locale=config.language or "en")
        edition_line = _("Edition %(edition)s, %(date)s") % {**edition, "date": when}
    else:
        edition_line = _("Edition %(edition)s") % edition
    lines = [
        _("This book is published under the %(license)s: %(url)s.") % {"license": tex(name), "url": rf"\url{{{url}}}"},
        _("Original: “%(title)s”, %(publication)s, %(year)s, by a data science researcher who attended JupyterCon 2018 "
          "(the author's name could not be found). %(url)s") % {
            "title": tex(article["title"]), "publication": tex(article["publication"]), "year": article["year"],
            "url": rf"\url{{{article['url']}}}"},
        _("This book rewrites an unsigned Simplified Chinese machine translation of the original: none of "
          "its sentences were kept, the facts that could be checked were checked against public sources "
          "(which ones: the chapter “About this book”), and the changes are listed in its corrections."),
        *([_("This edition is translated from the book's Simplified Chinese edition by its editors.")]
          if translated else []),
        _("Editors: %(author)s") % {"author": tex(config.author)},
        tex(edition_line),
        _("Online edition: %(url)s") % {"url": rf"\url{{{config.html_baseurl}}}"},
    ]
    return "\n".join(line + r"\par" for line in lines)


def add_front_matter(app: Sphinx, config: Config) -> None:
    language = (config.language or "en").replace("_", "-")
    licence_url = citation.book_licence(config)[2]
    preamble = "\n".join([
        r"\newcommand{\booksettitle}{%s}\newcommand{\booksetsubtitle}{%s}\newcommand{\booksetauthor}{%s}"
        % (tex(config.project), tex(config.book_description), tex(config.author)),
        r"\newcommand{\booksetcopyright}{%s}" % copyright_page(config, edition_date(config, Path(app.confdir))),
        # keeppdfinfo keeps the author in the Info dictionary, which viewers show; numbered bookmarks.
        r"\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdfsubject={%s}, pdflang={%s}, pdfcopyright={%s}, "
        r"pdflicenseurl={%s}, keeppdfinfo, bookmarksnumbered=true}"
        % (tex(config.project), tex(config.author), tex(config.book_description), language, tex(config.copyright),
           licence_url),
    ])
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n" + preamble
    config.latex_elements = elements


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    app.setup_extension("_ext.citation")  # the licence, and copyright, from CITATION.cff
    # Only the LaTeX preamble depends on these (through latex_elements): no page is read again ("").
    app.add_config_value("book_description", "", "", types=frozenset({str}),
                         description="the book's subtitle: the title page and the PDF's subject")
    app.add_config_value("book_source_article", {}, "", types=frozenset({dict}),
                         description='the article the book is made from: {"title", "publication", "year", "url"}')
    app.add_config_value("book_edition", 1, "", types=frozenset({int}), description="the edition's number")
    app.add_config_value("book_edition_date", None, "", types=frozenset({str}),
                         description="the edition's date, YYYY-MM-DD ('' for none); unset, the commit's day")
    app.add_config_value("book_timezone", timezone.utc, "", types=frozenset({timezone, tzinfo}),
                         description="the time zone of the book's dates (the edition's day)")
    app.connect("config-inited", add_front_matter)
    return {"version": "2", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
