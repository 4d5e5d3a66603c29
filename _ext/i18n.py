"""The book's own words: its message catalogue, the ``book`` domain.

Every word the extensions, the templates and book.js show has an English message id,
translated in _ext/locales/<language>/LC_MESSAGES/book.po, as sphinx-book-theme keeps its
words in its ``booktheme`` catalogue. The .po files are committed; each is compiled into the
build's doctree folder (``<doctreedir>/locales``, never committed, never in the sources) when
its .mo there is missing or older, and registered with ``app.add_message_catalog``. A language
with no book.po gets the English ids.

- Extensions: ``from _ext.i18n import _`` (and ``app.setup_extension("_ext.i18n")`` in their
  ``setup``, so the catalogue is registered whatever conf.py lists).
- Templates: ``book_translate("…")``, a function every page's context gets (sphinx-book-theme
  gives its templates ``translate``), at ``html-page-context`` priority 400: pydata-sphinx-theme
  renders the header and sidebar components once in its own handler (priority 500) to drop
  empty ones, so the function must be there before. A template's ``_()`` is Sphinx's ``sphinx``
  domain: only for the themes' own words it matches (``_("Search")``).
- book.js: its words come from layout.html's ``book-strings`` JSON block, from this catalogue.
- The search box's placeholder: pydata-sphinx-theme prints ``theme_search_bar_text`` as given
  (conf.py would fix it in one language), and sphinx-book-theme puts its own "Search..." there
  at ``html-page-context`` (priority 500) when conf.py gives none; the page's context gets the
  book's words after it (priority 600). Upstream contact: that handler's order and key;
  tests/unit/test_ext_i18n.py reads the placeholder of a page built with the theme.

docs/locales/<language>/LC_MESSAGES/sphinx.po keeps only what overrides the themes' and
Sphinx's own words. As with that catalogue, a changed translation reaches the pages an
incremental build writes again; a clean build (``make clean``) writes it everywhere.
tests/unit/test_catalogue.py checks both catalogues; tools/check_copywriting.py their
translations.
"""

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.util.typing import ExtensionMetadata

from _ext.sources import not_text

DOMAIN = "book"
LOCALES = Path(__file__).resolve().with_name("locales")
_ = get_translation(DOMAIN)


def sphinx_language(tag: str) -> str:
    """A language tag as Sphinx and gettext name it: Read the Docs' 'zh-cn' is 'zh_CN'."""
    lang, _sep, region = tag.replace("_", "-").partition("-")
    return f"{lang.lower()}_{region.upper()}" if region else lang.lower()


def compile_catalogues(target: Path) -> None:
    """Each book.po compiled into ``target``/<language>/LC_MESSAGES/book.mo, when that is missing or
    older; written aside and moved into place, so a build running beside this one never reads
    half a file."""
    for po in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"):
        mo = target / po.relative_to(LOCALES).with_suffix(".mo")
        if mo.is_file() and mo.stat().st_mtime_ns >= po.stat().st_mtime_ns:
            continue
        if not_text(data := po.read_bytes(), po):
            continue  # _ext.sources names it at its line, and stops the build
        messages = read_po(io.BytesIO(data), locale=po.parts[-3], domain=DOMAIN)
        mo.parent.mkdir(parents=True, exist_ok=True)
        partial = mo.with_name(f"{mo.name}.{id(messages)}.tmp")
        with partial.open("wb") as out:
            write_mo(out, messages)
        partial.replace(mo)


def template_function(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["book_translate"] = _


def search_placeholder(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["theme_search_bar_text"] = _("Search this book…")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.sources")  # every file read as text is UTF-8, this one too
    locales = Path(app.doctreedir) / "locales"
    compile_catalogues(locales)
    app.add_message_catalog(DOMAIN, locales)
    app.connect("html-page-context", template_function, priority=400)  # before the themes' (500)
    app.connect("html-page-context", search_placeholder, priority=600)  # after sphinx-book-theme's (500)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
