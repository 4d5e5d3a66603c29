"""The layer over the themes: what the book changes in sphinx-book-theme and pydata-sphinx-theme,
checked against the installed themes so that a theme release cannot change it silently.

docs/_templates renders the themes' own components and replaces a few strings in their output
(a name in Chinese, an aria-label, a hidden icon). If a theme release changes one of those
strings, the replacement would do nothing; the first test fails instead, naming the template.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "docs" / "_templates"


def theme_dirs() -> list[Path]:
    """The installed themes' folders, in the order Sphinx searches them (book theme first)."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    return [Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme",
            Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"]


def patched_components() -> list[tuple[str, str, str]]:
    """(template, theme component, literal string the template replaces), from the templates.
    A string made with a translation (``'aria-label="%s"' | format(_("Search"))``) is not in the
    component's source as such; test_patched_components_as_readers_get_them checks its effect."""
    found = []
    for template in sorted(TEMPLATES.glob("*.html")):
        text = template.read_text(encoding="utf-8")
        for component in re.findall(r'\{%\s*include\s+"!(components/[^"]+)"', text):
            for old in re.findall(r"\|\s*replace\('([^']*)'", text):
                if "%s" not in old:
                    found.append((template.name, component, old))
    return found


def test_the_templates_patch_theme_components() -> None:
    assert {t for t, _, _ in patched_components()} >= {
        "toggle-primary-sidebar.html", "toggle-secondary-sidebar.html", "sbt-sidebar-nav.html", "search-button-field.html"}


@pytest.mark.parametrize(("template", "component", "old"), patched_components(),
                         ids=lambda v: v if isinstance(v, str) and v.endswith(".html") and "/" not in v else None)
def test_each_replaced_string_is_still_in_the_theme(template: str, component: str, old: str) -> None:
    source = next((d / component for d in theme_dirs() if (d / component).is_file()), None)
    assert source is not None, f"the themes no longer have {component}: review docs/_templates/{template}"
    count = source.read_text(encoding="utf-8").count(old)
    assert count == 1, (f"{source} has {old!r} {count} times, not once: the theme changed under "
                        f"docs/_templates/{template}; review it (its comment names the upstream report)")


def test_interface_names_are_in_chinese(book_pages: dict[str, BeautifulSoup]) -> None:
    """Every title and aria-label of every page is in the book's language: the theme strings the
    templates and docs/locales/zh_CN translate, and no fixed English one left."""
    for name, soup in book_pages.items():
        english = [(tag.name, attr, tag[attr]) for tag in soup.find_all(True) for attr in ("title", "aria-label")
                   if tag.get(attr) and not re.search(r"[\u4e00-\u9fff]", tag[attr])]
        assert english == [], f"{name}: {english}"


def test_patched_components_as_readers_get_them(book_pages: dict[str, BeautifulSoup]) -> None:
    for name, soup in book_pages.items():
        toggle = soup.select_one("button.primary-toggle")
        assert toggle["title"] == toggle["aria-label"] == "显示或隐藏目录", name
        assert soup.select_one("nav.bd-docs-nav")["aria-label"] == "全书目录", name
        search = soup.select_one("button.search-button-field")
        assert not search.has_attr("aria-label"), f"{name}: the search button's aria-label is back"
        for icon in soup.select("button.primary-toggle .fa-solid, button.secondary-toggle .fa-solid, button.search-button-field .fa-solid"):
            assert icon.get("aria-hidden") == "true", f"{name}: {icon}"


def test_no_element_has_an_attribute_twice(html_dir: Path, book_pages) -> None:
    """If a theme release adds an attribute a template adds too (aria-label), the page would
    carry it twice; an HTML parser keeps only one, so the source is read with a strict one."""
    for name in book_pages:
        duplicates = []
        BeautifulSoup((html_dir / name).read_text(encoding="utf-8"), "html.parser",
                      on_duplicate_attribute=lambda attrs, key, value: duplicates.append(key))
        assert duplicates == [], f"{name}: attributes written twice: {duplicates}"


def test_every_class_book_css_styles_still_exists(html_dir: Path, pages) -> None:
    """book.css styles theme and mermaid class names; a class renamed upstream leaves a rule
    that matches nothing. Each class must be in a built page or in a script that adds it."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / "_static" / "book.css").read_text(encoding="utf-8"), flags=re.S)
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)(?=[^{}]*\{)", css))
    scripts = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (html_dir / "_static").rglob("*")
                      if p.suffix in {".js", ".mjs"})
    html = "".join(str(soup) for soup in pages.values())
    missing = sorted(c for c in classes if not re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", html + scripts))
    assert missing == [], f"book.css styles classes no page or script has: {missing}"


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

    packages = [*theme_dirs(), Path(sphinx_design.__file__).parent, Path(sphinx.__file__).parent / "themes" / "basic",
                Path(sphinx.__file__).parent / "builders" / "html"]
    sources = "".join(p.read_text(encoding="utf-8", errors="replace") for d in packages for p in d.rglob("*")
                      if p.suffix in {".html", ".py"} and p.is_file())
    names = layout_filters()
    assert {"scripts/fontawesome.js", "searchtools.js", "sphinx-design", "doctools.js"} <= set(names)
    dead = [name for name in names if name not in sources]
    assert dead == [], f"no theme or extension emits {dead} any more: remove them from docs/_templates/layout.html"
