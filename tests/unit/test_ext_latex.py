"""Unit tests of _ext/latex.py on Sphinx's fixtures (tests/unit/roots/test-latex, test-translators), and
a guard on pydata-sphinx-theme's translator handling. The guards on the TeX bugs the PDF works
around run xelatex: tests/book/test_tex_guards.py."""

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_every_internal_link_opens_with_the_macro(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    links = tex.count(r"\hyperref[")
    assert links >= 2
    assert tex.count(r"\sphinxbooklink{\hyperref[") == links
    assert r"jupyter/\allowbreak{}governance" in tex  # a line may break after the slash
    assert r"zero3jupyterhub+\allowbreak{}kubernetes" in tex  # and after a plus


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


@pytest.mark.sphinx("html", testroot="translators", srcdir="translators-book", freshenv=True,
                    confoverrides={"extensions": ["_ext.latex"]})
def test_the_html_keeps_the_themes_fixes_with_the_books_latex_translator(app: SphinxTestApp) -> None:
    """_ext.latex registers its translator only for LaTeX builds, so the theme still fixes the HTML."""
    assert "table" in table_classes(app)
