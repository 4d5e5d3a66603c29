"""The words live in catalogues, not in code. The book's own words (the templates' through
``book_translate``, book.js's through layout.html, the extensions' through ``_ext.i18n._``) are
English message ids of the ``book`` domain, translated in every _ext/locales/<language>/
LC_MESSAGES/book.po; docs/locales/<language>/LC_MESSAGES/sphinx.po holds only what overrides the
themes' and Sphinx's own words. Another language edition then needs catalogues, not code. Each
test is one concern and lists every miss."""

import ast
import gettext
import re
from pathlib import Path

import pydata_sphinx_theme
import sphinx
from babel.messages.pofile import read_po

from _ext import HAN
from tools.check_copywriting import findings

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "docs" / "_templates").glob("*.html"))
EXTENSIONS = sorted((ROOT / "_ext").rglob("*.py"))
SCRIPTS = sorted((ROOT / "docs" / "_static").glob("*.js"))
BOOK_CATALOGUES = sorted((ROOT / "_ext" / "locales").glob("*/LC_MESSAGES/book.po"))
SPHINX_CATALOGUES = sorted((ROOT / "docs" / "locales").glob("*/LC_MESSAGES/sphinx.po"))
# Where Sphinx and the themes keep the words of the ``sphinx`` domain, in the order Sphinx reads
# them after locale_dirs: its own, then pydata-sphinx-theme's (add_message_catalog("sphinx", …)).
UPSTREAM_LOCALES = [Path(sphinx.__file__).parent / "locale", Path(pydata_sphinx_theme.__file__).parent / "locale"]
PLACEHOLDERS = re.compile(r"%\(\w+\)s|%s")
HAN_CHAR = re.compile(f"[{HAN}]")


def messages(po: Path) -> dict[str, str]:
    with po.open("rb") as file:
        return {m.id: m.string for m in read_po(file) if m.id}


def template_calls(function: str) -> dict[str, str]:
    """Message id -> the template that asks ``function`` for it."""
    call = re.compile(rf"""(?<![\w.]){re.escape(function)}\(\s*(["'])(.*?)\1\s*\)""")
    return {m[2]: t.name for t in TEMPLATES for m in call.finditer(t.read_text(encoding="utf-8"))}


def extension_calls() -> dict[str, str]:
    """Message id -> the module that writes ``_("…")``."""
    found = {}
    for module in EXTENSIONS:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                found[node.args[0].value] = str(module.relative_to(ROOT))
    return found


def book_words() -> dict[str, str]:
    return {**template_calls("book_translate"), **extension_calls()}


def upstream_ids() -> set[str]:
    """Every message id of the ``sphinx`` domain that Sphinx or a theme writes (their .pot files)."""
    ids = set()
    for folder in UPSTREAM_LOCALES:
        with (folder / "sphinx.pot").open("rb") as pot:
            ids |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}
    return ids


def upstream_translation(language: str) -> gettext.NullTranslations:
    """What the ``sphinx`` domain gives in ``language`` without the book's sphinx.po."""
    merged = gettext.NullTranslations()
    for folder in reversed(UPSTREAM_LOCALES):
        found = gettext.translation("sphinx", folder, [language], fallback=True)
        found.add_fallback(merged)
        merged = found
    return merged


def test_every_word_of_the_book_is_translated_in_each_catalogue() -> None:
    words = book_words()
    assert BOOK_CATALOGUES and len(words) > 20, f"found {len(words)} message ids and catalogues {BOOK_CATALOGUES}"
    misses = []
    for po in BOOK_CATALOGUES:
        translated = messages(po)
        for message, where in sorted(words.items()):
            if not translated.get(message):
                misses.append(f"{po.relative_to(ROOT)}: no translation of {message!r} ({where})")
            elif sorted(PLACEHOLDERS.findall(translated[message])) != sorted(PLACEHOLDERS.findall(message)):
                misses.append(f"{po.relative_to(ROOT)}: {message!r} and its translation have other placeholders")
    assert misses == [], "\n".join(misses)


def test_each_book_catalogue_holds_only_words_in_use() -> None:
    words = book_words()
    unused = [f"{po.relative_to(ROOT)}: {message!r}" for po in BOOK_CATALOGUES for message in messages(po)
              if message not in words]
    assert unused == [], "no template or extension writes these any more; remove them:\n" + "\n".join(unused)


def test_the_templates_ask_sphinx_only_for_the_themes_words() -> None:
    """A template's ``_()`` is the ``sphinx`` domain: only for a theme's own words that it must
    match (``_("Search")``); the book's words go through ``book_translate``."""
    theirs = upstream_ids()
    asked = template_calls("_")
    own = [f"{where}: _({message!r})" for message, where in sorted(asked.items()) if message not in theirs]
    assert own == [], "not a word of Sphinx or the themes: use book_translate (and book.po):\n" + "\n".join(own)


def test_sphinx_po_only_overrides_what_sphinx_and_the_themes_say() -> None:
    """Each entry of docs/locales' sphinx.po is a word Sphinx or a theme writes, which their own
    catalogue for the language leaves untranslated or words otherwise. When an upstream release
    catches up, the entry fails here: remove it."""
    theirs = upstream_ids()
    assert SPHINX_CATALOGUES
    misses = []
    for po in SPHINX_CATALOGUES:
        language = po.parts[-3]
        upstream = upstream_translation(language)
        for message, ours in messages(po).items():
            if message not in theirs:
                misses.append(f"{po.relative_to(ROOT)}: {message!r} is no word of Sphinx or the themes (the book's own "
                              "words go in _ext/locales/<language>/LC_MESSAGES/book.po)")
            elif upstream.gettext(message) == ours:
                misses.append(f"{po.relative_to(ROOT)}: {message!r} is already {ours!r} upstream: remove it")
    assert misses == [], "\n".join(misses)


def test_the_translations_pass_the_copywriting_check() -> None:
    """tools/check_copywriting.py reads every catalogue by default; none has a finding."""
    from tools import check_copywriting

    assert set(BOOK_CATALOGUES + SPHINX_CATALOGUES) <= set(check_copywriting.catalogues(check_copywriting.DEFAULT_PATHS))
    assert findings(BOOK_CATALOGUES + SPHINX_CATALOGUES) == []


def code_strings(module: Path) -> list[str]:
    """A module's string literals as written (so "\\u4e00" is not a Chinese word), without docstrings."""
    source = module.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [ast.get_source_segment(source, n) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_no_chinese_words_in_the_code() -> None:
    """No Chinese in templates (outside comments), the scripts (outside comments) or the
    extensions' code (outside comments and docstrings): the words are in the catalogues."""
    found = []
    for template in TEMPLATES:
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{template.name}: {line.strip()}" for line in text.splitlines() if HAN_CHAR.search(line)]
    for path in SCRIPTS:
        script = re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.M)
        found += [f"{path.name}: {line.strip()}" for line in script.splitlines() if HAN_CHAR.search(line)]
    for module in EXTENSIONS:
        found += [f"{module.relative_to(ROOT)}: {s!r}" for s in code_strings(module) if HAN_CHAR.search(s)]
    assert found == []
