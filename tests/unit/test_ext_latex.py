"""Unit tests of _ext/latex.py, and guards on the two TeX bugs the PDF works around
(_latex/jupyterconbook.sty). When a guard fails, the bug is fixed upstream: remove the
workaround it names."""

import subprocess
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp


def xelatex(tmp_path: Path, body: str, preamble: str = "") -> Path:
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


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_every_internal_link_opens_with_the_macro(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    links = tex.count(r"\hyperref[")
    assert links >= 2
    assert tex.count(r"\sphinxbooklink{\hyperref[") == links
    assert r"jupyter/\allowbreak{}governance" in tex  # a line may break after the slash


def test_xecjk_still_drops_the_space_before_a_grouped_link(tmp_path: Path) -> None:
    """https://github.com/CTeX-org/ctex-kit/issues/992: "用 {\\hyperref...}" prints "用Jupyter".

    If the first assertion fails, the installed xeCJK keeps the space: remove
    _ext/latex.py and \\sphinxbooklink from _latex/jupyterconbook.sty."""
    body = "用 {\\hyperref[x]{Jupyter}} 笔记。\n\n用 \\sphinxbooklink{\\hyperref[x]{Jupyter}} 笔记。\n\n\\section{S}\\label{x}"
    lines = [line for line in text_of(xelatex(tmp_path, body, "\\newcommand*{\\sphinxbooklink}{}")).splitlines() if "笔记" in line]
    assert lines[0] == "用Jupyter 笔记。", f"xeCJK no longer drops the space ({lines[0]!r}): the workaround can go"
    assert lines[1] == "用 Jupyter 笔记。"


def test_hyperxmp_still_loses_xmp_when_the_document_ends_with_clearpage(tmp_path: Path) -> None:
    """hyperxmp 5.9 embeds its packet at \\end{document}, too late after a final \\clearpage
    (Sphinx's index ends with one). If this fails, hyperxmp embeds it in time: remove the
    shipout/firstpage hook from _latex/jupyterconbook.sty."""
    pdf = xelatex(tmp_path, "正文。\\clearpage", "\\usepackage{hyperxmp}\n\\hypersetup{pdftitle={T}}")
    meta = subprocess.run(["pdfinfo", "-meta", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "<x:xmpmeta" not in meta, "hyperxmp now embeds the XMP packet after a final \\clearpage: the workaround can go"


def table_classes(app: SphinxTestApp) -> list[str]:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    start = html.index("<table")
    return html[start : html.index(">", start)].split('class="')[1].split('"')[0].split()


@pytest.mark.sphinx("html", testroot="translators", srcdir="translators-none", freshenv=True)
def test_pydata_theme_fixes_html_tables_when_no_translator_is_registered(app: SphinxTestApp) -> None:
    assert "table" in table_classes(app)


@pytest.mark.sphinx("html", testroot="translators", srcdir="translators-latex", freshenv=True,
                    confoverrides={"extensions": ["reg"]})
def test_pydata_theme_still_skips_html_when_another_translator_is_registered(app: SphinxTestApp) -> None:
    """The reason _ext.latex registers its translator only when building LaTeX: pydata-sphinx-
    theme adds its HTML fixes (here the "table" class) only while no translator is registered
    (pydata/pydata-sphinx-theme#1418). If this fails, the theme handles it: registering at
    setup is safe again."""
    assert "table" not in table_classes(app), (
        "pydata-sphinx-theme now keeps its HTML translator when another builder's translator is registered")
