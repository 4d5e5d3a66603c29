"""Unit tests of _ext/frontmatter.py on Sphinx's fixtures (tests/unit/roots/test-frontmatter): the
copyright page and metadata from the facts (conf.py's, CITATION.cff's licence) and the catalogue's
words, and the edition dated by the commit."""

import subprocess

import pytest
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("latex", testroot="frontmatter", freshenv=True)


def preamble(app: SphinxTestApp) -> str:
    app.build()
    return next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")


def test_copyright_page_in_chinese(app: SphinxTestApp) -> None:
    tex = preamble(app)
    licence = "https://creativecommons.org/licenses/by/4.0/deed.zh-hans"  # the licence's page in Chinese
    for line in [rf"本书以知识共享署名 4.0 国际许可协议（CC BY 4.0）发布：\url{{{licence}}}。\par",
                 r"原文：“An Article \& More”，某刊，2018 年，作者为一位参加了 JupyterCon 2018 的数据科学研究者（原文作者姓名未能查到）。"
                 r"\url{https://example.org/a_b}\par",
                 r"编者：编写组\par", r"第 1 版，2026 年 3 月 4 日\par", r"网络版：\url{https://example.org/book/}\par"]:
        assert line in tex, line
    assert r"\newcommand{\booksettitle}{一本书}\newcommand{\booksetsubtitle}{副标题}" in tex
    assert "translated from" not in tex and "译自" not in tex, "the book's own edition is not a translation"
    assert "pdflang={zh-CN}" in tex and f"pdflicenseurl={{{licence}}}" in tex and "pdfcopyright={2026 编写组}" in tex


@pytest.mark.sphinx(srcdir="frontmatter-en", confoverrides={"language": "en", "book_edition_date": ""})
def test_another_language_gets_the_message_ids(app: SphinxTestApp) -> None:
    tex = preamble(app)
    assert r"Editors: 编写组\par" in tex and r"Edition 1\par" in tex and "pdflang={en}" in tex
    assert "This edition is translated from the book's Simplified Chinese edition by its editors." in tex
    assert r"Creative Commons Attribution 4.0 International (CC BY 4.0): \url{https://creativecommons.org/licenses/by/4.0/}" in tex


@pytest.mark.parametrize(("epoch", "git", "edition"), [
    # 16:00 UTC on 30 November is 1 December in the book's zone (UTC+8).
    ("1764518400", False, "第 1 版，2025 年 12 月 1 日"),
    ("", True, "第 1 版，2024 年 2 月 29 日"),  # no SOURCE_DATE_EPOCH: the last commit's
    ("", False, "第 1 版"),  # neither: no date
])
def test_the_edition_is_dated_by_the_commit(make_app, test_root_copy, monkeypatch: pytest.MonkeyPatch,
                                             epoch: str, git: bool, edition: str) -> None:
    srcdir = test_root_copy("frontmatter")
    if epoch:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    else:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    if git:
        when = {"GIT_AUTHOR_DATE": "2024-02-29T20:00:00+08:00", "GIT_COMMITTER_DATE": "2024-02-29T20:00:00+08:00"}
        for command in (["init", "-q"], ["add", "."], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"]):
            subprocess.run(["git", *command], cwd=srcdir, check=True, env={"PATH": "/usr/bin:/bin", **when})
    app = make_app("latex", srcdir=srcdir, confoverrides={"book_edition_date": None})
    assert edition + r"\par" in preamble(app)


@pytest.mark.sphinx(srcdir="frontmatter-bad-date", confoverrides={"book_edition_date": "4 March 2026"})
def test_a_malformed_edition_date_is_a_warning(app: SphinxTestApp) -> None:
    from sphinx.util.console import strip_colors

    assert r"第 1 版\par" in preamble(app)
    assert strip_colors(app.warning.getvalue()).strip() == (
        "WARNING: book_edition_date in conf.py: write a date as YYYY-MM-DD, not '4 March 2026' (the edition has no date) "
        "[frontmatter.edition_date]")
