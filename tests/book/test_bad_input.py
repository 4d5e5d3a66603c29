"""Bad input fails the build with a message that names the file.

Each case breaks a temporary copy of the project and runs the same make target as a person.
"""

import re
from pathlib import Path

from helpers import make

PAGE = "docs/highlights.md"


def append(project: Path, path: str, text: str) -> None:
    with (project / path).open("a", encoding="utf-8") as f:
        f.write(text)


def fails_naming(result, *needles: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed:\n{output[-2000:]}"
    for needle in needles:
        assert needle in output, f"{needle!r} not in:\n{output[-2000:]}"
    return output


def test_misspelt_term(project_copy) -> None:
    project = project_copy()
    append(project, PAGE, "\n这里引用了一个不存在的术语：{term}`JupyterHubb`。\n")
    out = fails_naming(make("html", cwd=project), f"{PAGE}:", "term not in glossary: 'JupyterHubb'")
    assert "[ref.term]" in out


def test_broken_ref(project_copy) -> None:
    project = project_copy()
    append(project, PAGE, "\n参见 {ref}`no-such-section`。\n")
    fails_naming(make("html", cwd=project), f"{PAGE}:", "undefined label: 'no-such-section'")


def test_page_missing_from_every_toctree(project_copy) -> None:
    project = project_copy()
    (project / "docs" / "stray.md").write_text("# 没有放进目录的页面\n\n正文。\n", encoding="utf-8")
    fails_naming(make("html", cwd=project), "docs/stray.md", "document isn't included in any toctree")


def test_character_no_font_has(project_copy) -> None:
    """An emoji has no glyph in the book's fonts: the PDF build stops and names the page."""
    project = project_copy()
    append(project, PAGE, "\n这个符号没有字体能显示：🦜。\n")
    fails_naming(make("pdf", cwd=project), f"{PAGE}: Missing character", "U+1F99C")
    # A second run must not report success over the failed state.
    again = make("pdf", cwd=project)
    fails_naming(again, f"{PAGE}: Missing character")
    assert not (project / "_build" / "pdf").exists()


def test_pdf_builds_over_auxiliary_files_of_an_older_preamble(project_copy) -> None:
    """A checkout that built the PDF before a change of class or package still builds it:
    here a contents file written under babel, which the new preamble does not load."""
    project = project_copy()
    latex = project / "_build" / "latex"
    latex.mkdir(parents=True)
    (latex / "jupytercon-2018-notes.toc").write_text("\\babel@toc {english}{}\\relax\n", encoding="utf-8")
    result = make("pdf", cwd=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert (project / "_build" / "pdf" / "jupytercon-2018-notes.pdf").stat().st_size > 100_000


BROKEN_DIAGRAM = "\n```{mermaid}\nflowchart LR\n    a[没有闭合的方括号 --> b[乙]\n```\n"


def test_malformed_diagram_fails_html_and_pdf(project_copy) -> None:
    """mermaid's own parser checks each diagram during the build, not the reader's browser."""
    project = project_copy()
    append(project, PAGE, BROKEN_DIAGRAM)
    line = (project / PAGE).read_text(encoding="utf-8").splitlines().index("    a[没有闭合的方括号 --> b[乙]") + 1
    for target in ("html", "pdf"):
        out = fails_naming(make(target, cwd=project), f"{PAGE}:", "mermaid cannot parse this diagram", "Parse error")
        assert re.search(rf"{re.escape(PAGE)}:{line}: ", out), out[-1500:]
    # A second build reports it again: the failed diagram is not remembered as valid.
    fails_naming(make("html", cwd=project), f"{PAGE}:", "mermaid cannot parse this diagram")
