"""Chinese copywriting conventions, checked with autocorrect-py (tools/check_copywriting.py): the
pages here (the catalogues' translations: tests/unit/test_catalogue.py), and that the tool finds
what it should, in a page and in a catalogue."""

import subprocess
import sys
from pathlib import Path

from tools.check_copywriting import findings

ROOT = Path(__file__).resolve().parents[2]
CHECK = [sys.executable, str(ROOT / "tools" / "check_copywriting.py")]


def test_the_pages_follow_the_conventions() -> None:
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 10, pages
    found = findings(pages)
    assert found == [], "\n".join(found)


def test_the_check_catches_a_bad_line(tmp_path: Path) -> None:
    page = tmp_path / "bad.md"
    page.write_text("# 标题\n\n在JupyterCon 2018大会上,我们讨论了Jupyter笔记本。\n", encoding="utf-8")
    result = subprocess.run([*CHECK, str(page)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert f"{page}:3:1:" in result.stdout
    assert "在 JupyterCon 2018 大会上，我们讨论了 Jupyter 笔记本。" in result.stdout


def test_the_check_reads_the_catalogues_translations(tmp_path: Path) -> None:
    """The interface's words are in catalogues: the book's own in _ext/locales/<language>/
    LC_MESSAGES/book.po, and what overrides the themes' and Sphinx's in docs/locales/<language>/
    LC_MESSAGES/sphinx.po. Each translation is checked, with its placeholders read as Chinese
    words (no space is asked for around %(term)s)."""
    catalogue = tmp_path / "sphinx.po"
    catalogue.write_text('msgid "Download PDF"\nmsgstr "下载PDF"\n\nmsgid "%(term)s: %(definition)s"\n'
                         'msgstr "%(term)s：%(definition)s"\n', encoding="utf-8")
    result = subprocess.run([*CHECK, str(catalogue)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [f"{catalogue}:2:1: '下载PDF' -> '下载 PDF'"]
