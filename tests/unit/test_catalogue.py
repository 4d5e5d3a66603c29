"""Interface strings live in the catalogue, not in code: the book's templates, book.js and
extensions write English message ids, and docs/locales/zh_CN/LC_MESSAGES/sphinx.po translates
every one of them. Another language edition then needs a catalogue, not a code change."""

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "docs" / "_templates").glob("*.html"))
EXTENSIONS = sorted((ROOT / "_ext").rglob("*.py"))
SCRIPT = ROOT / "docs" / "_static" / "book.js"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def catalogue() -> dict[str, str]:
    with (ROOT / "docs" / "locales" / "zh_CN" / "LC_MESSAGES" / "sphinx.po").open("rb") as po:
        return {m.id: m.string for m in read_po(po) if m.id}


def template_ids() -> set[str]:
    found = set()
    for template in TEMPLATES:
        text = template.read_text(encoding="utf-8")
        found |= {m[1] for m in re.findall(r"""_\(\s*(["'])(.*?)\1\s*\)""", text)}
    return found


def extension_ids() -> set[str]:
    found = set()
    for module in EXTENSIONS:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" \
                    and node.args and isinstance(node.args[0], ast.Constant):
                found.add(node.args[0].value)
    return found


def code_strings(module: Path) -> list[str]:
    """A module's string literals as written (so "\\u4e00" is not a Chinese word), without docstrings."""
    source = module.read_text(encoding="utf-8")
    tree = ast.parse(source)
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [ast.get_source_segment(source, n) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def test_the_code_uses_message_ids() -> None:
    assert len(template_ids()) >= 8 and len(extension_ids()) >= 4


@pytest.mark.parametrize("message", sorted(template_ids() | extension_ids()))
def test_every_message_is_translated(message: str) -> None:
    translated = catalogue().get(message)
    assert translated, f"{message!r} has no zh_CN translation in docs/locales/zh_CN/LC_MESSAGES/sphinx.po"
    assert set(re.findall(r"%\(\w+\)s|%s", translated)) == set(re.findall(r"%\(\w+\)s|%s", message)), message


def test_no_chinese_words_in_the_code() -> None:
    """No Chinese in templates (outside comments), book.js (outside comments) or the
    extensions' code (outside comments and docstrings): the words are in the catalogue."""
    found = []
    for template in TEMPLATES:
        text = re.sub(r"\{#.*?#\}", "", template.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{template.name}: {line.strip()}" for line in text.splitlines() if HAN.search(line)]
    script = re.sub(r"^\s*//.*$", "", SCRIPT.read_text(encoding="utf-8"), flags=re.M)
    found += [f"book.js: {line.strip()}" for line in script.splitlines() if HAN.search(line)]
    for module in EXTENSIONS:
        found += [f"{module.relative_to(ROOT)}: {s!r}" for s in code_strings(module) if HAN.search(s)]
    assert found == []
