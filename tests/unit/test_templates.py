"""Guards on what docs/_templates and conf.py take from the installed themes, read from the themes'
own files (no build): each fails, saying what to do, when a theme release changes the string a
template replaces or fixes what the book works around. The other static checks of the templates
(each literal string a component template replaces, layout.html's filters) are in
tests/book/test_theme_layer.py; what readers get on built pages is checked there too."""

import re
import runpy
from pathlib import Path

import pydata_sphinx_theme
import sphinx_book_theme

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "_templates"
BOOK_THEME = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"
PYDATA = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"


def test_the_print_contents_landmark_is_still_a_fixed_page() -> None:
    """sphinx-book-theme names the print-only contents' landmark with a fixed English "Page"
    (no report asks to translate it); layout.html replaces that string in the theme's
    docs_body with the book's words. If the theme names it otherwise, the replacement does
    nothing: see whether the theme now translates it (then drop the replacement)."""
    theirs = (BOOK_THEME / "layout.html").read_text(encoding="utf-8")
    ours = (TEMPLATES / "layout.html").read_text(encoding="utf-8")
    assert theirs.count('<nav aria-label="Page">') == 1, "sphinx-book-theme's layout.html changed its print contents' <nav>"
    assert "replace('<nav aria-label=\"Page\">'" in ours and "{%- block docs_body %}" in ours


def test_the_search_button_still_labels_itself_with_the_translated_search() -> None:
    """search-button-field.html removes the theme's aria-label, written from the ``sphinx``
    domain's "Search" (axe: label-content-name-mismatch with the visible "Ctrl + K")."""
    theirs = (PYDATA / "components" / "search-button-field.html").read_text(encoding="utf-8")
    ours = (TEMPLATES / "search-button-field.html").read_text(encoding="utf-8")
    assert theirs.count("aria-label=\"{{ _('Search') }}\"") == 1, (
        "pydata-sphinx-theme's search button is labelled otherwise: review docs/_templates/search-button-field.html")
    assert "replace(' aria-label=\"%s\"' | format(_(\"Search\")), '')" in ours


def test_the_theme_still_needs_a_default_mode() -> None:
    """pydata-sphinx-theme writes ``localStorage.getItem("mode") || "{{ default_mode }}"`` and its
    script logs an error for a mode that is not light, dark or auto: without conf.py's
    html_context["default_mode"] (documented by the theme, but with no default of its own) every
    page logs one. If the theme gives it a default, the entry in conf.py can go."""
    layout = (PYDATA / "layout.html").read_text(encoding="utf-8")
    script = (PYDATA / "static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert 'localStorage.getItem("mode") || "{{ default_mode }}"' in layout, (
        "pydata-sphinx-theme now writes the mode otherwise (a default?): review html_context['default_mode'] in conf.py")
    assert re.search(r'"light"!==e&&"dark"!==e&&"auto"!==e&&\(console\.error', script), (
        "pydata-sphinx-theme's script no longer rejects an empty mode: html_context['default_mode'] may go")
    assert runpy.run_path(str(ROOT / "conf.py"))["html_context"].get("default_mode") == "auto"
