"""Unit tests of _ext/icons.py on Sphinx's fixtures (tests/unit/roots/test-icons: one page of
pydata-sphinx-theme using one icon), and a guard on the theme's Font Awesome face."""

import re

import pytest
from fontTools.ttLib import TTFont
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("html", testroot="icons", freshenv=True)


def css_of(app: SphinxTestApp) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (app.outdir / "_static").rglob("*.css"))


def test_the_subset_holds_the_icons_in_use_and_little_else(app: SphinxTestApp) -> None:
    app.build()
    full = app.outdir / app.config.book_icon_font
    subset = app.outdir / "_static" / "fonts" / "fa-solid-subset.woff2"
    pdf_icon = int(re.search(r'\.fa-file-pdf[^{]*\{--fa:"\\([0-9a-f]+)"', css_of(app))[1], 16)
    rocket = int(re.search(r'\.fa-rocket[^{]*\{--fa:"\\([0-9a-f]+)"', css_of(app))[1], 16)
    cmap = TTFont(subset).getBestCmap()
    assert pdf_icon in cmap and rocket not in cmap
    assert subset.stat().st_size < full.stat().st_size / 5
    # The subset's face is declared after the theme's, so it replaces the theme's file.
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert html.index("fa-solid-subset.css") > html.index("pydata-sphinx-theme.css")
    # Linked with its checksum already in a clean build, as in every rebuild: a clean build
    # and a rebuild write the same pages.
    assert re.search(r'href="_static/fonts/fa-solid-subset\.css\?v=[0-9a-f]{8}"', html), "no checksum on a clean build"


def test_the_theme_still_declares_the_face_the_subset_replaces(app: SphinxTestApp) -> None:
    """If this fails, the theme no longer loads the solid icons from this font (for example
    after pydata-sphinx-theme PR #2494): review _ext/icons.py and book_icon_font."""
    app.build()
    theme_css = "".join(p.read_text(encoding="utf-8") for p in (app.outdir / "_static").rglob("*.css")
                        if "fa-solid-subset" not in p.name)
    # Minified CSS writes the family unquoted with escaped spaces: Font Awesome\ 7 Free.
    faces = [re.sub(r'\\(?= )|"|\s(?=[:;{}])|(?<=[:;{])\s', "", f) for f in re.findall(r"@font-face\s*\{[^}]*\}", theme_css)]
    assert any("font-family:Font Awesome 7 Free;" in f and "font-weight:900" in f and "fa-solid-900.woff2" in f
               for f in faces), "the theme's CSS no longer has the solid Font Awesome face: review _ext/icons.py"


@pytest.mark.sphinx(srcdir="icons-moved", confoverrides={"book_icon_font": "_static/nowhere.woff2"})
def test_a_moved_font_is_named(app: SphinxTestApp) -> None:
    from sphinx.errors import ExtensionError

    with pytest.raises(ExtensionError, match=r"nowhere\.woff2 is missing \(book_icon_font"):
        app.build()
