"""Mistakes in the sources stop the build, each named at its file (and line, where it has one).

One copy of the project, broken in several places at once: with --keep-going one build reports
every mistake, so one build proves them all. The same make targets as a person runs. (A diagram
mermaid cannot parse is the unit tier's: tests/unit/test_ext_diagrams.py names its file and line,
whatever the builder, again on a second build.)
"""

import re
from pathlib import Path

import pytest
from helpers import PDF_NAME, make

PAGE = "docs/highlights.md"
STRAY = "docs/stray.md"
TERM = "这里引用了一个不存在的术语：{term}`JupyterHubb`。"
REF = "参见 {ref}`no-such-section`。"
EMOJI = "这个符号没有字体能显示：🦜。"


def output(result) -> str:
    return result.stdout + result.stderr


def line_of(project: Path, text: str) -> int:
    return (project / PAGE).read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.fixture(scope="module")
def project(project_copy) -> Path:
    return project_copy()


def test_html_mistakes_are_each_named(project: Path) -> None:
    """A misspelt term, a broken reference and a page in no table of contents: one `make html`
    fails and names each at its file and line, and so does the next."""
    page = project / PAGE
    original = page.read_text(encoding="utf-8")
    page.write_text(f"{original}\n{TERM}\n\n{REF}\n", encoding="utf-8")
    (project / STRAY).write_text("# 没有放进目录的页面\n\n正文。\n", encoding="utf-8")
    expected = [
        f"{PAGE}:{line_of(project, TERM)}: WARNING: term not in glossary: 'JupyterHubb' [ref.term]",
        f"{PAGE}:{line_of(project, REF)}: WARNING: undefined label: 'no-such-section'",
        f"{STRAY}: WARNING: document isn't included in any toctree",
    ]
    try:
        first = make("html", cwd=project)
        # Run again, nothing mended: every mistake is reported again (a failed build forgets its
        # environment, so the pages are read again).
        second = make("html", cwd=project)
    finally:
        page.write_text(original, encoding="utf-8")
        (project / STRAY).unlink()
    assert first.returncode != 0, output(first)[-2000:]
    missing = [message for message in expected if message not in output(first)]
    assert not missing, f"not reported: {missing}\n{output(first)[-3000:]}"
    assert second.returncode != 0, output(second)[-2000:]
    missing = [message for message in expected if message not in output(second)]
    assert not missing, f"not reported again: {missing}\n{output(second)[-3000:]}"


def test_a_character_no_font_has_stops_the_pdf(project: Path) -> None:
    """An emoji has no glyph in the book's fonts: the PDF build stops and names the page, again on
    a second run, and leaves no PDF. The copy's LaTeX folder holds a contents file of an older
    preamble (written under babel, which the book no longer loads): the emoji can only be named
    if the build got past it (the Makefile retries from clean auxiliary files)."""
    page = project / PAGE
    original = page.read_text(encoding="utf-8")
    page.write_text(f"{original}\n{EMOJI}\n", encoding="utf-8")
    latex = project / "_build" / "latex"
    latex.mkdir(parents=True, exist_ok=True)
    (latex / f"{PDF_NAME}.toc").write_text("\\babel@toc {english}{}\\relax\n", encoding="utf-8")
    try:
        runs = [make("pdf", cwd=project), make("pdf", cwd=project)]
    finally:
        page.write_text(original, encoding="utf-8")
    misses = [f"run {run} passed:\n{output(result)[-2000:]}" for run, result in enumerate(runs, 1) if result.returncode == 0]
    misses += [f"run {run} did not name the emoji:\n{output(result)[-2000:]}" for run, result in enumerate(runs, 1)
               if not re.search(rf"{re.escape(PAGE)}: Missing character: .*U\+1F99C", output(result))]
    misses += ["a PDF was left"] if (project / "_build" / "pdf").exists() else []
    assert misses == [], "\n".join(misses)
