"""Guards on the two TeX bugs the PDF works around (_ext/latex.py and _latex/jupyterconbook.sty),
in both directions: each test fails, saying which workaround can go, when the installed TeX no
longer has the bug, and checks that the workaround still mends it. They run xelatex on a few
lines (not the book), so they live in the book tier, where TeX is installed; the LaTeX writer's
own unit tests are tests/unit/test_ext_latex.py."""

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.pdf
STY = Path(__file__).resolve().parents[2] / "_latex" / "jupyterconbook.sty"


def xelatex(tmp_path: Path, body: str, preamble: str = "") -> Path:
    tmp_path.mkdir(exist_ok=True)
    tex = tmp_path / "t.tex"
    tex.write_text(
        "\\documentclass{article}\n\\usepackage{xeCJK}\n\\setCJKmainfont{Noto Serif CJK SC}\n"
        f"\\usepackage{{hyperref}}\n{preamble}\n\\begin{{document}}\n{body}\n\\end{{document}}\n",
        encoding="utf-8",
    )
    for _ in range(2):  # labels need a second run
        subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", tex.name], cwd=tmp_path,
                       capture_output=True, check=True)
    return tmp_path / "t.pdf"


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_xecjk_still_drops_the_space_before_a_grouped_link(tmp_path: Path) -> None:
    """https://github.com/CTeX-org/ctex-kit/issues/992: "用 {\\hyperref...}" prints "用Jupyter".

    If the first assertion fails, the installed xeCJK keeps the space: remove
    _ext/latex.py's link macro and \\sphinxbooklink from _latex/jupyterconbook.sty."""
    body = "用 {\\hyperref[x]{Jupyter}} 笔记。\n\n用 \\sphinxbooklink{\\hyperref[x]{Jupyter}} 笔记。\n\n\\section{S}\\label{x}"
    macro = re.search(r"^\\(?:re)?newcommand\*?\{\\sphinxbooklink\}.*$", STY.read_text(encoding="utf-8"), re.MULTILINE)
    assert macro, f"{STY} no longer defines \\sphinxbooklink, which this test checks"
    lines = [line for line in text_of(xelatex(tmp_path, body, macro[0])).splitlines() if "笔记" in line]
    assert lines[0] == "用Jupyter 笔记。", f"xeCJK no longer drops the space ({lines[0]!r}): the workaround can go"
    assert lines[1] == "用 Jupyter 笔记。"


def xmp(tmp_path: Path, preamble: str) -> str:
    pdf = xelatex(tmp_path, "正文。\\clearpage", f"\\usepackage{{hyperxmp}}\n\\hypersetup{{pdftitle={{T}}}}\n{preamble}")
    return subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_hyperxmp_still_loses_xmp_when_the_document_ends_with_clearpage(tmp_path: Path) -> None:
    """hyperxmp 5.9 embeds its packet at \\end{document}, too late after a final \\clearpage
    (Sphinx's index ends with one). If the first assertion fails, hyperxmp embeds it in time:
    remove the shipout/firstpage hook from _latex/jupyterconbook.sty. The second: the hook, as
    the .sty has it, still embeds the packet."""
    assert "<x:xmpmeta" not in xmp(tmp_path / "alone", ""), (
        "hyperxmp now embeds the XMP packet after a final \\clearpage: the workaround can go")
    hook = re.search(r"\\makeatletter\n\\AddToHook\{shipout/firstpage\}.*?\\makeatother", STY.read_text(encoding="utf-8"), re.DOTALL)
    assert hook, f"{STY} no longer has the shipout/firstpage hook this test checks"
    assert "<x:xmpmeta" in xmp(tmp_path / "hooked", hook[0]), "the hook in jupyterconbook.sty no longer embeds the XMP packet"
