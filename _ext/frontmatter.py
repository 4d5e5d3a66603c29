"""The PDF's title page, copyright page (版权页) and document metadata.

The facts are declared once in conf.py (``project``, ``description``, ``author``,
``copyright``, ``html_baseurl`` and the ``book_*`` values below); the words around them
have English message ids in the book's catalogue (_ext/i18n.py).
At ``config-inited`` (the catalogue is loaded by then) this adds to the LaTeX preamble the
macros that _latex/jupyterconbook.sty typesets (\\booksettitle, \\booksetcopyright, …) and
the PDF's metadata (\\hypersetup; hyperxmp writes it as XMP too).
"""

from datetime import date

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from _ext.i18n import _


def tex(text: str) -> str:
    """Plain text for a LaTeX argument (the book's facts have no markup)."""
    return "".join("\\" + c if c in "&%$#_{}" else c for c in text)


def copyright_page(config: Config) -> str:
    article, (licence, licence_url) = config.book_source_article, config.book_license
    edition = {"edition": config.book_edition}
    if config.book_edition_date:
        try:
            day = date.fromisoformat(config.book_edition_date)
        except ValueError:
            raise ConfigError(f"book_edition_date must be a date as YYYY-MM-DD, not {config.book_edition_date!r}") from None
        when = _("%(year)s-%(month)s-%(day)s") % {"year": day.year, "month": day.month, "day": day.day}
        edition_line = _("Edition %(edition)s, %(date)s") % {**edition, "date": when}
    else:
        edition_line = _("Edition %(edition)s") % edition
    lines = [
        _("This book is published under the %(license)s: %(url)s.") % {"license": tex(licence), "url": rf"\url{{{licence_url}}}"},
        _("Original: “%(title)s”, %(where)s, by %(author)s. %(url)s") % {
            "title": tex(article["title"]), "where": tex(article["where"]), "author": tex(article["author"]),
            "url": rf"\url{{{article['url']}}}"},
        _("This book rewrites an unsigned Simplified Chinese machine translation of the original: none of "
          "its sentences were kept, every fact was checked against public sources, and the changes are "
          "listed in the corrections of the chapter “About this book”."),
        _("Editors: %(author)s") % {"author": tex(config.author)},
        tex(edition_line),
        _("Online edition: %(url)s") % {"url": rf"\url{{{config.html_baseurl}}}"},
    ]
    return "\n".join(line + r"\par" for line in lines)


def add_front_matter(app: Sphinx, config: Config) -> None:
    language = (config.language or "en").replace("_", "-")
    preamble = "\n".join([
        r"\newcommand{\booksettitle}{%s}\newcommand{\booksetsubtitle}{%s}\newcommand{\booksetauthor}{%s}"
        % (tex(config.project), tex(config.book_description), tex(config.author)),
        r"\newcommand{\booksetcopyright}{%s}" % copyright_page(config),
        # keeppdfinfo keeps the author in the Info dictionary, which viewers show; numbered bookmarks.
        r"\hypersetup{pdftitle={%s}, pdfauthor={%s}, pdfsubject={%s}, pdflang={%s}, pdfcopyright={%s}, "
        r"pdflicenseurl={%s}, keeppdfinfo, bookmarksnumbered=true}"
        % (tex(config.project), tex(config.author), tex(config.book_description), language, tex(config.copyright),
           config.book_license[1]),
    ])
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + "\n" + preamble
    config.latex_elements = elements


def setup(app: Sphinx) -> dict:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    # Only the LaTeX preamble depends on these (through latex_elements): a new edition date
    # re-reads no page ("" : no rebuild).
    app.add_config_value("book_description", "", "", types=[str])
    # {"title", "where", "url", "author"} of the article the book is made from.
    app.add_config_value("book_source_article", {}, "", types=[dict])
    app.add_config_value("book_license", ("", ""), "", types=[tuple])  # (name, URL)
    app.add_config_value("book_edition", 1, "", types=[int])
    app.add_config_value("book_edition_date", "", "", types=[str])  # YYYY-MM-DD
    app.connect("config-inited", add_front_matter)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
