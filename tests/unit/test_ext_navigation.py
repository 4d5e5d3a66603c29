"""Unit tests of _ext/navigation.py on Sphinx's fixtures (tests/unit/roots/test-navigation).

The test book has what a table of contents can hold: a caption with characters HTML escapes,
a folder, a file name with a space, a Chinese file name, an external link, a generated page
(genindex), a hidden toctree, an orphan, and a chain of pages deeper than the sidebar's
maxdepth. It is built twice, with the extension and with the theme alone; every page must
come out byte for byte the same, and most pages must have been put together by the extension
(else the comparison would prove nothing).
"""

from collections.abc import Callable
from pathlib import Path

import pytest
import sphinx.builders.html
from sphinx.errors import ExtensionError

import _ext.navigation as navigation

THEME_ONLY = {"extensions": ["myst_parser"]}


def build(make_app, srcdir: Path, outdir: Path, **confoverrides) -> dict[str, bytes]:
    app = make_app("html", srcdir=srcdir, builddir=outdir, freshenv=True, confoverrides=confoverrides)
    app.build()
    # A second application in one process registers Sphinx's own nodes again ("while setting up
    # extension ..."); any other warning is the book's.
    warnings = [w for w in app.warning.getvalue().splitlines() if "while setting up extension" not in w]
    assert not warnings, warnings
    return {str(p.relative_to(app.outdir)): p.read_bytes() for p in sorted(Path(app.outdir).rglob("*.html"))}


@pytest.fixture
def assembled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose sidebar the extension put together (not the theme's function)."""
    pages: list[str] = []
    html = navigation.Navigation.html

    def counting(self, builder, pagename: str) -> str:
        pages.append(pagename)
        return html(self, builder, pagename)

    monkeypatch.setattr(navigation.Navigation, "html", counting)
    return pages


def differing(ours: dict[str, bytes], theirs: dict[str, bytes]) -> dict[str, str]:
    """The pages that differ, each with the first differing bytes."""
    assert ours.keys() == theirs.keys()
    out = {}
    for name in ours:
        a, b = ours[name], theirs[name]
        if a != b:
            at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            out[name] = f"at byte {at}: {a[max(0, at - 60):at + 60]!r} / theme: {b[max(0, at - 60):at + 60]!r}"
    return out


def test_every_page_is_the_themes(make_app, test_root_copy: Callable[[str], Path], tmp_path: Path,
                                  assembled: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    srcdir = test_root_copy("navigation")
    ours = build(make_app, srcdir, tmp_path / "ours")
    resolved: list[str] = []  # the pages for which Sphinx resolved the whole book's toctree
    whole_book = sphinx.builders.html.global_toctree_for_doc

    def counting(env, docname, *args, **kwargs):
        resolved.append(docname)
        return whole_book(env, docname, *args, **kwargs)

    monkeypatch.setattr(sphinx.builders.html, "global_toctree_for_doc", counting)
    theirs = build(make_app, srcdir, tmp_path / "theme", **THEME_ONLY)
    # The reason for _ext/navigation.py (pydata-sphinx-theme#364): the theme has Sphinx resolve
    # and render the whole table of contents for every page.
    pages = {name.removesuffix(".html") for name in theirs if not name.startswith("_static/")}
    assert set(resolved) >= pages, (
        f"pydata-sphinx-theme no longer renders the whole navigation for every page (not for {sorted(pages - set(resolved))}): "
        "measure with make bench whether _ext/navigation.py is still needed")
    assert not differing(ours, theirs), (
        "_ext/navigation.py no longer reproduces pydata-sphinx-theme's generate_toctree_html "
        f"(pydata-sphinx-theme#364): {differing(ours, theirs)}"
    )
    # Every page was put together, the orphan and genindex included, but d4 and d5: below the
    # sidebar's fourth level (maxdepth), their entries are cut off, and the theme renders them.
    assert {"part/deep/d4", "part/deep/d5"}.isdisjoint(assembled)
    assert {"index", "one", "part/two", "part/with space", "中文/页面", "hidden", "orphan", "genindex",
            "part/deep/d3"} <= set(assembled)
    # The marks are really there: a page two levels down is current in its own sidebar.
    page = ours["part/two.html"].decode()
    assert '<a class="current reference internal" href="#">Two</a>' in page
    assert '<li class="toctree-l1 current active has-children"><a class="reference internal" href="index.html">Part</a>' \
        '<details open="open">' in page


def test_switched_off_the_theme_renders_every_page(make_app, test_root_copy: Callable[[str], Path], tmp_path: Path,
                                                   assembled: list[str]) -> None:
    build(make_app, test_root_copy("navigation"), tmp_path / "off", book_navigation_once=False)
    assert assembled == []


def test_a_document_listed_twice_is_left_to_the_theme(make_app, test_root_copy: Callable[[str], Path], tmp_path: Path,
                                                      assembled: list[str]) -> None:
    """'self' lists part/index a second time: its pages would need two sets of marks."""
    srcdir = test_root_copy("navigation")
    index = srcdir / "part" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":maxdepth: 1\n\n", ":maxdepth: 1\n\nOverview <self>\n"),
                     encoding="utf-8")
    ours = build(make_app, srcdir, tmp_path / "ours")
    theirs = build(make_app, srcdir, tmp_path / "theme", **THEME_ONLY)
    assert assembled == []
    assert not differing(ours, theirs)


def test_a_chapter_toctree_under_only_is_left_to_the_theme(make_app, test_root_copy: Callable[[str], Path],
                                                          tmp_path: Path, assembled: list[str]) -> None:
    """Sphinx resolves a page's ancestors from an unfiltered copy of their contents: a toctree
    under `only` in a chapter shows in the sidebar of the pages below that chapter only."""
    srcdir = test_root_copy("navigation")
    (srcdir / "part" / "print.md").write_text("# For print\n", encoding="utf-8")
    index = srcdir / "part" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n````{only} latex\n```{toctree}\nprint\n```\n````\n",
                     encoding="utf-8")
    ours = build(make_app, srcdir, tmp_path / "ours")
    theirs = build(make_app, srcdir, tmp_path / "theme", **THEME_ONLY)
    assert assembled == []
    assert not differing(ours, theirs)


def test_the_check_names_a_page_that_differs(make_app, test_root_copy: Callable[[str], Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """book_navigation_check = 1 renders every page both ways; a wrong piece stops the build."""
    slot = navigation.Navigation._slot

    def wrong(self, kind: str, mark: int, marked: bool, base: str, pagename: str) -> str:
        return slot(self, kind, mark, False, base, pagename)  # forget the marks

    monkeypatch.setattr(navigation.Navigation, "_slot", wrong)
    app = make_app("html", srcdir=test_root_copy("navigation"), builddir=tmp_path / "out", freshenv=True,
                   confoverrides={"book_navigation_check": 1})
    with pytest.raises(ExtensionError, match=r"the sidebar of '[^']+' differs from the theme's at character \d+"):
        app.build()


@pytest.mark.parametrize(("kind", "startdepth", "show_nav_level", "kwargs", "applies"), [
    ("sidebar", 0, 1, {"collapse": False, "includehidden": True, "maxdepth": 4, "titles_only": True}, True),
    ("sidebar", 0, 1, {"collapse": True, "includehidden": True, "maxdepth": 4, "titles_only": True}, False),
    ("sidebar", 0, 1, {"collapse": False, "titles_only": False}, False),
    ("sidebar", 0, 0, {"collapse": False, "titles_only": True}, False),  # collapsible captions
    ("sidebar", 1, 1, {"collapse": False, "titles_only": True}, False),  # a section's own tree
    ("raw", 0, 1, {"collapse": False, "titles_only": True}, False),
    ("sidebar", 0, 1, {"collapse": False, "titles_only": True, "maxdepth": ""}, True),
])
def test_where_the_shortcut_applies(kind, startdepth, show_nav_level, kwargs, applies) -> None:
    assert (navigation._shortcut_arguments(kind, startdepth, show_nav_level, kwargs) is not None) == applies
