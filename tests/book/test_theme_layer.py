"""The layer over the themes, as readers get it: what the book changes in sphinx-book-theme and
pydata-sphinx-theme, on the built pages.

docs/_templates renders the themes' own components and replaces a few strings in their output
(a name in Chinese, an aria-label, a hidden icon). That each replaced string is still in the
installed theme, and that layout.html's filters still match what the themes emit, is checked on
the themes' own files, with no build: tests/unit/test_templates.py. That every title and
aria-label is in Chinese: tests/book/test_site.py.
"""

import re
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import ROOT


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
    that matches nothing. Each class must be in a built page, in a script that adds it, or written
    by one of the book's extensions for a case a release never shows (_ext/progress.py's label of
    a paragraph not yet translated, tested by tests/unit/test_ext_i18n.py)."""
    css = re.sub(r"/\*.*?\*/", "", (ROOT / "docs" / "_static" / "book.css").read_text(encoding="utf-8"), flags=re.S)
    classes = set(re.findall(r"\.([a-zA-Z][\w-]*)(?=[^{}]*\{)", css))
    scripts = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (html_dir / "_static").rglob("*")
                      if p.suffix in {".js", ".mjs"})
    html = "".join(str(soup) for soup in pages.values())
    extensions = "".join(m for p in (ROOT / "_ext").rglob("*.py") for m in re.findall(r"classes=\[[^\]]*\]", p.read_text(encoding="utf-8")))
    missing = sorted(c for c in classes if not re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", html + scripts + extensions))
    assert missing == [], f"book.css styles classes no page or script has: {missing}"
