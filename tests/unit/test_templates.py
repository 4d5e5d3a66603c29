"""Guards on what docs/_templates and conf.py take from the installed themes, read from the themes'
own files or from a page of the themes alone (tests/unit/roots/test-theme-alone, no build of the
book): each fails, saying what to do, when a theme release changes what a template relies on (each
literal string a component template replaces, what layout.html filters out) or fixes what the book
works around. What readers get on built pages: tests/book/test_theme_layer.py."""

import re
import runpy
from pathlib import Path

import pydata_sphinx_theme
import pytest
import sphinx_book_theme
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "_templates"
BOOK_THEME = Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme"
PYDATA = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
THEMES = [BOOK_THEME, PYDATA]  # in the order Sphinx searches them (book theme first)


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


def test_the_theme_still_writes_auto_as_the_colour_scheme_before_the_first_paint() -> None:
    """pydata-sphinx-theme's script in the head sets ``data-theme`` to the stored theme or, on a
    first visit, to the default mode, "auto", which no rule of its CSS styles; its deferred script
    resolves it to light or dark, after the first paint. layout.html resolves it in the head. If
    this fails, the theme resolves it itself (or no longer sets it there): the book's line can go."""
    layout = (PYDATA / "layout.html").read_text(encoding="utf-8")
    css = (PYDATA / "static" / "styles" / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert 'dataset.theme = localStorage.getItem("theme") || "{{ default_mode }}"' in layout
    assert "data-theme=light" in css and "data-theme=auto" not in css
    assert 'dataset.theme === "auto"' in (TEMPLATES / "layout.html").read_text(encoding="utf-8")


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


def theme_alone(app: SphinxTestApp) -> BeautifulSoup:
    """A page built with the installed themes as they come (tests/unit/roots/test-theme-alone)."""
    app.build()
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml")


@pytest.mark.sphinx("html", testroot="theme-alone", freshenv=True)
def test_the_book_theme_still_leaves_navbar_persistent_unset(app: SphinxTestApp) -> None:
    """conf.py sets ``navbar_persistent: []`` because sphinx-book-theme 1.4 leaves it unset (its
    theme.conf's empty ``navbar_persistent =`` is not read by pydata-sphinx-theme, which looks
    only at conf.py's options), and pydata-sphinx-theme (since 0.17.1) then puts a second search
    box in a header strip above the sidebar's: sphinx-book-theme#986, fix PR #987. Read on a page
    of the themes alone: when sphinx-book-theme sets navbar_persistent itself, this fails."""
    options = app.builder.theme.get_options(app.builder.theme_options)
    strip = theme_alone(app).select(".navbar-persistent--container .search-button-field")
    assert strip and options["navbar_persistent"], (
        f"sphinx-book-theme now sets navbar_persistent itself ({options['navbar_persistent']!r}; no search box in "
        "a header strip): sphinx-book-theme#986 is fixed, and conf.py's navbar_persistent: [] can go")


@pytest.mark.sphinx("html", testroot="theme-alone", freshenv=True)
def test_the_book_theme_still_writes_a_fixed_search_placeholder(app: SphinxTestApp) -> None:
    """_ext/i18n.py puts the book's words in the search box's placeholder after sphinx-book-theme
    (html-page-context priority 600 > 500), because the theme writes a fixed "Search..." into
    theme_search_bar_text when conf.py gives none. Read on a page of the themes alone: when the
    theme no longer does that, this fails; see whether _ext/i18n.py's search_placeholder (and its
    priority) is still needed."""
    placeholders = [field.get("placeholder") for field in theme_alone(app).select("input[name=q]")]
    assert placeholders and set(placeholders) == {"Search..."}, (
        f"sphinx-book-theme no longer writes \"Search...\" into theme_search_bar_text (the placeholder is "
        f"{placeholders}): review _ext/i18n.py's search_placeholder, which overrides it at priority 600")


def patching_templates() -> dict[str, tuple[str, str]]:
    """Template -> (the theme component it renders, its text), for each template that renders a
    theme component and replaces strings in the output."""
    found = {}
    for template in sorted(TEMPLATES.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        component = re.search(r'\{%\s*include\s+"!(components/[^"]+)"', text)
        if component and re.search(r"\|\s*replace\(", text):
            found[template.name] = (component[1], text)
    return found


def test_each_replaced_string_is_still_in_the_theme() -> None:
    """Each literal string a template replaces is in the theme's component exactly once. A string
    made with a translation (``'aria-label="%s"' | format(...)``) is not in the component's source
    as such; tests/book/test_theme_layer.py's test_patched_components_as_readers_get_them checks
    its effect. Every patching template must give at least one literal, so that a way of writing
    the replacement this test does not read cannot leave a template unchecked."""
    templates = patching_templates()
    assert templates, f"no template in {TEMPLATES} renders a theme component and replaces strings in it"
    problems = []
    for template, (component, text) in templates.items():
        olds = [old for _, old in re.findall(r"\|\s*replace\((['\"])(.*?)\1", text) if "%s" not in old]
        source = next((d / component for d in THEMES if (d / component).is_file()), None)
        if not olds:
            problems.append(f"docs/_templates/{template}: no literal replacement found to check")
        elif source is None:
            problems.append(f"the themes no longer have {component}: review docs/_templates/{template}")
        for old in olds if source else []:
            count = source.read_text(encoding="utf-8").count(old)
            if count != 1:
                problems.append(f"{source} has {old!r} {count} times, not once: the theme changed under "
                                f"docs/_templates/{template}; review it (its comment names the upstream report)")
    assert not problems, "\n".join(problems)


def layout_filters() -> list[str]:
    """The names docs/_templates/layout.html filters out of, or defers in, the themes' blocks."""
    text = (TEMPLATES / "layout.html").read_text(encoding="utf-8")
    lists = re.findall(r"without\(theme_block, \[([^\]]*)\]", text) + re.findall(r"set deferrable = \[([^\]]*)\]", text)
    lists += re.findall(r'\[\] if uses_design else \[([^\]]*)\]', text)
    return sorted({name for found in lists for name in re.findall(r'"([^"]+)"', found)})


def test_layout_filters_what_the_stack_still_emits() -> None:
    """Each script or stylesheet layout.html drops or defers is still added by the installed
    themes, sphinx-design or Sphinx; otherwise its filter is dead and should go."""
    import sphinx
    import sphinx_design

    packages = [*THEMES, Path(sphinx_design.__file__).parent, Path(sphinx.__file__).parent / "themes" / "basic",
                Path(sphinx.__file__).parent / "builders" / "html"]
    sources = "".join(p.read_text(encoding="utf-8", errors="replace") for d in packages for p in d.rglob("*")
                      if p.suffix in {".html", ".py"} and p.is_file())
    names = layout_filters()
    assert {"scripts/fontawesome.js", "searchtools.js", "sphinx-design", "doctools.js"} <= set(names)
    dead = [name for name in names if name not in sources]
    assert dead == [], f"no theme or extension emits {dead} any more: remove them from docs/_templates/layout.html"
