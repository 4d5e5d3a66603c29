"""Unit tests of _ext/frontmatter.py on Sphinx's fixtures (tests/unit/roots/test-frontmatter): the
copyright page and metadata from conf.py's facts and the catalogue's words."""

import pytest
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("latex", testroot="frontmatter", freshenv=True)


def preamble(app: SphinxTestApp) -> str:
    app.build()
    return next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_copyright_page_in_chinese(app: SphinxTestApp) -> None:
    tex = preamble(app)
    for line in [r"本书以某许可发布：\url{https://example.org/licence}。\par",
                 r"原文：“An Article \& More”，某刊，作者为某人。\url{https://example.org/a_b}\par",
                 r"编者：编写组\par", r"第 1 版，2026 年 3 月 4 日\par", r"网络版：\url{https://example.org/book/}\par"]:
        assert line in tex, line
    assert r"\newcommand{\booksettitle}{一本书}\newcommand{\booksetsubtitle}{副标题}" in tex
    assert "pdflang={zh-CN}" in tex and "pdflicenseurl={https://example.org/licence}" in tex


@pytest.mark.sphinx(srcdir="frontmatter-en", confoverrides={"language": "en", "book_edition_date": ""})
def test_another_language_gets_the_message_ids(app: SphinxTestApp) -> None:
    tex = preamble(app)
    assert r"Editors: 编写组\par" in tex and r"Edition 1\par" in tex and "pdflang={en}" in tex
