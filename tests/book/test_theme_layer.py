"""The layer over the themes: what the book changes in sphinx-book-theme and pydata-sphinx-theme,
checked against the installed themes so that a theme release cannot change it silently.

docs/_templates renders the themes' own components and replaces a few strings in their output
(a name in Chinese, an aria-label, a hidden icon). If a theme release changes one of those
strings, the replacement would do nothing; the first test fails instead, naming the template.
"""

import re
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT
from _ext import HAN

TEMPLATES = ROOT / "docs" / "_templates"


def theme_dirs() -> list[Path]:
    """The installed themes' folders, in the order Sphinx searches them (book theme first)."""
    import pydata_sphinx_theme
    import sphinx_book_theme

    return [Path(sphinx_book_theme.__file__).parent / "theme" / "sphinx_book_theme",
            Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"]


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
    as such; test_patched_components_as_readers_get_them checks its effect. Every patching
    template must give at least one literal, so that a way of writing the replacement this test
    does not read cannot leave a template unchecked."""
    templates = patching_templates()
    assert templates, f"no template in {TEMPLATES} renders a theme component and replaces strings in it"
    problems = []
    for template, (component, text) in templates.items():
        olds = [old for _, old in re.findall(r"\|\s*replace\((['\"])(.*?)\1", text) if "%s" not in old]
        source = next((d / component for d in theme_dirs() if (d / component).is_file()), None)
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


def test_interface_names_are_in_chinese(book_pages: dict[str, BeautifulSoup]) -> None:
    """Every title and aria-label of every page is in the book's language: the theme strings the
    templates and the catalogues translate, and no fixed English one left."""
    english = [f"{name}: <{tag.name} {attr}={tag[attr]!r}>" for name, soup in book_pages.items() for tag in soup.find_all(True)
               for attr in ("title", "aria-label") if tag.get(attr) and not re.search(f"[{HAN}]", tag[attr])]
    assert not english, "\n".join(english)


def test_patched_components_as_readers_get_them(book_pages: dict[str, BeautifulSoup]) -> None:
    problems = []
    for name, soup in book_pages.items():
        toggle = soup.select_one("button.primary-toggle")
        if not (toggle and toggle.get("title") == toggle.get("aria-label") == "显示或隐藏目录"):
            problems.append(f"{name}: the menu button is {toggle}")
        if (soup.select_one("nav.bd-docs-nav") or {}).get("aria-label") != "全书目录":
            problems.append(f"{name}: the navigation is not named 全书目录")
        if soup.select_one("button.search-button-field[aria-label]"):
            problems.append(f"{name}: the search button's aria-label is back")
        problems += [f"{name}: {icon}" for icon in soup.select(
            "button.primary-toggle .fa-solid, button.secondary-toggle .fa-solid, button.search-button-field .fa-solid")
            if icon.get("aria-hidden") != "true"]
    assert not problems, "\n".join(problems)


def test_no_element_has_an_attribute_twice(html_dir: Path, book_pages) -> None:
    """If a theme release adds an attribute a template adds too (aria-label), the page would
    carry it twice; an HTML parser keeps only one, so the source is read with a strict one."""
    duplicates = []
    for name in book_pages:
        BeautifulSoup((html_dir / name).read_text(encoding="utf-8"), "html.parser",
                      on_duplicate_attribute=lambda attrs, key, value, name=name: duplicates.append(f"{name}: {key}"))
    assert not duplicates, f"attributes written twice: {duplicates}"


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
