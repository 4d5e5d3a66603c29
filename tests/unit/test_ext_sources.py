"""Unit tests of _ext/sources.py: a file the build reads as text that is not UTF-8 stops the build
before Sphinx reads a page, named at its line, with what to do (tests/unit/roots/test-sources:
two pages and a catalogue)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext.sources import TEXT_SUFFIXES, not_text, unclosed_fence

ROOT = Path(__file__).resolve().parents[2]


def test_what_is_not_utf8_text_is_named_at_its_first_bad_byte() -> None:
    page = Path("docs/p.md")
    gbk = not_text("# 标题\n\n正文\n".encode("gb18030"), page)
    assert gbk[0] == 1 and gbk[1].startswith("not UTF-8 (column 3, byte 0xb1): looks like GBK/GB18030"), gbk
    assert "iconv -f GB18030 -t UTF-8 docs/p.md > p.md.utf8 && mv p.md.utf8 docs/p.md" in gbk[1]
    latin1 = not_text("# Title\n\nCafé\n".encode("latin-1"), page)
    assert latin1 == (3, "not UTF-8 (column 4, byte 0xe9): save the file as UTF-8"), latin1
    binary = not_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", page)
    assert binary[0] == 3 and "not a text file" in binary[1], binary
    assert not_text("\ufeff# 标题\r\n".encode(), page) is None  # a byte-order mark, CRLF: UTF-8
    assert not_text("# 标题\n".encode(), page) is None


def build(srcdir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sphinx", "build", "-q", "-W", "-b", "html", str(srcdir), str(srcdir / "_build")],
                          cwd=ROOT, capture_output=True, text=True, check=False)


def test_each_file_not_in_utf8_stops_the_build_at_its_line(rootdir: Path, tmp_path: Path) -> None:
    """Each text file of the root in turn saved as GB18030: the build stops with its file and
    line, before any page is written, with no traceback; the command it gives mends the file."""
    misses = []
    for name in ("index.md", "other.md", "locales/zh_CN/LC_MESSAGES/sphinx.po"):
        srcdir = Path(shutil.copytree(rootdir / "test-sources", tmp_path / name.replace("/", "-")))
        path = srcdir / name
        assert path.suffix in TEXT_SUFFIXES
        text = path.read_text(encoding="utf-8")
        line = next(i for i, t in enumerate(text.splitlines(), 1) if not t.isascii())
        path.write_bytes(text.encode("gb18030"))
        result = build(srcdir)
        expected = f"{path}:{line}: ERROR: not UTF-8"
        if result.returncode != 2 or expected not in result.stderr or "Traceback" in result.stderr \
                or (srcdir / "_build" / "index.html").exists():
            misses.append(f"{name}: exit {result.returncode}, {result.stderr!r}")
            continue
        command = result.stderr.split("save the file as UTF-8: ", 1)[1].split(" [sources.encoding]")[0]
        subprocess.run(command, shell=True, cwd=srcdir, check=True)
        if path.read_text(encoding="utf-8") != text or (again := build(srcdir)).returncode != 0:
            misses.append(f"{name}: the command given ({command}) did not mend it: {again.stderr!r}")
    assert misses == [], "\n".join(misses)


def test_sphinx_alone_still_stops_with_a_traceback_that_names_no_file(rootdir: Path, tmp_path: Path) -> None:
    """Why _ext/sources.py exists (MAINTAINING.md's register, row 38): without it, a page not in
    UTF-8 stops Sphinx with a Python traceback that names neither the page nor its line."""
    srcdir = Path(shutil.copytree(rootdir / "test-sources", tmp_path / "alone"))
    (srcdir / "conf.py").write_text('extensions = ["myst_parser"]\n', encoding="utf-8")
    page = srcdir / "other.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("gb18030"))
    result = build(srcdir)
    assert result.returncode != 0 and "UnicodeDecodeError" in result.stderr
    assert "Traceback" in result.stderr and "other.md" not in result.stderr, (
        "Sphinx now names the page it cannot decode, with no traceback: _ext/sources.py may go (register row 38)")


@pytest.mark.parametrize(("text", "line"), [
    ("# T\n\n```python\nx = 1\n```\n", None),
    ("# T\n\n```python\nx = 1\n", 3),
    ("# T\n\n````\n```\nx\n````\n", None),  # a longer fence holds a shorter one
    ("# T\n\n````\nx\n```\n", 3),  # a shorter line does not close a longer fence
    ("# T\n\n~~~\n```\n~~~\n", None),
    ("# T\n\n:::{note}\nx\n:::\n", None),
    ("# T\n\n:::{note}\nx\n", 3),
    ("# T\n\n```\nx\n``` not a close\n", 3),
    ("# T\n\nInline ```code``` is no fence.\n", None),
])
def test_an_unclosed_fence_is_found_at_its_line(text: str, line: int | None) -> None:
    assert unclosed_fence(text) == line


@pytest.mark.sphinx("html", testroot="sources", freshenv=True)
def test_an_unclosed_fence_and_a_page_without_title_are_named_at_the_page(app: SphinxTestApp) -> None:
    """Not at the toctree that lists the page (Sphinx's toc.no_title), and not silently."""
    other = app.srcdir / "other.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n```python\nx = 1\n", encoding="utf-8")
    fence = len(other.read_text(encoding="utf-8").splitlines()) - 1
    (app.srcdir / "empty.md").write_text("", encoding="utf-8")
    (app.srcdir / "front.md").write_text("---\norphan: true\n---\n", encoding="utf-8")
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    expected = [f"{other}:{fence}: WARNING: this code fence is never closed", f"{app.srcdir / 'empty.md'}:1: WARNING: "
                "this page has no title", f"{app.srcdir / 'front.md'}:1: WARNING: this page has no title"]
    assert [e for e in expected if e not in warnings] == [], warnings
