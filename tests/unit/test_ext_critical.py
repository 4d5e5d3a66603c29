"""Unit tests of _ext/critical.py on Sphinx's fixtures (tests/unit/roots/test-critical: one page,
one stylesheet with rules the page uses, one it does not, one for a state a script sets, an
@import, a font and a picture), and a guard on Beasties."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

pytestmark = pytest.mark.sphinx("html", testroot="critical", freshenv=True)
ROOT = Path(__file__).resolve().parents[2]


def page_of(app: SphinxTestApp) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")


def inline_css(app: SphinxTestApp) -> str:
    return "".join(style.get_text() for style in page_of(app).select("head style"))


def test_the_page_gets_the_rules_it_can_use_inline_and_links_no_stylesheet(app: SphinxTestApp) -> None:
    app.build()
    page, css = page_of(app), inline_css(app)
    assert page.select('link[rel="stylesheet"]') == []
    assert ".used{color:green}" in css and ".used.is-open{color:blue}" in css  # a state a script sets: kept
    assert ".unused" not in css and ".elsewhere" not in css
    # The @import is put in its place and every url() still finds its file, from the page.
    urls = re.findall(r'url\("?([^")]+)"?\)', css)
    assert sorted(urls) == ["_static/sub/icons.woff2", "_static/sub/pattern.png"], urls
    assert all((app.outdir / url).is_file() for url in urls)
    # The stylesheet itself is cut to what some page can use.
    cut = (app.outdir / "_static" / "book.css").read_text(encoding="utf-8")
    assert ".used" in cut and ".unused" not in cut and ".elsewhere" not in cut and "sourceMappingURL" not in cut


def test_off_the_site_keeps_the_stylesheets_as_shipped(make_app, test_root_copy) -> None:
    app = make_app("html", srcdir=test_root_copy("critical"), confoverrides={"book_critical_css": False})
    app.build()
    assert page_of(app).select('link[rel="stylesheet"][href^="_static/book.css"]')
    assert ".unused" in (app.outdir / "_static" / "book.css").read_text(encoding="utf-8")


def test_a_stylesheet_that_cannot_be_read_is_named_at_its_line(make_app, test_root_copy) -> None:
    root = test_root_copy("critical")
    sheet = root / "_static" / "book.css"
    lines = sheet.read_text(encoding="utf-8").splitlines()
    lines[2] = ".unused { color: red;"  # line 3: a block never closed
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    app = make_app("html", srcdir=root)
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(r"_static/book\.css:3: WARNING: Unclosed block; mend the stylesheet's syntax.*\[critical\.css\]", warnings), warnings
    assert "Traceback" not in warnings


def test_the_tools_alone_still_drop_selectors_made_of_pseudo_classes() -> None:
    """critical.mjs keeps and inlines every selector that starts with ":" because PurgeCSS drops
    `:focus-visible` whatever the page holds, and Beasties strips pseudo-classes with their
    arguments to test a selector and drops what is left empty (`:focus-visible`, the icons'
    `:is(.fas, …):before`): MAINTAINING.md's register. If this fails, the tool named keeps them
    itself, and its half of the rule can go."""
    script = """import Beasties from "beasties"; import { PurgeCSS } from "purgecss";
const css = ':focus-visible{outline:red}:is(.a):before{content:"*"}.a{color:blue}', body = '<p class="a">x</p>';
const [purged] = await new PurgeCSS().purge({ content: [{ raw: body, extension: "html" }], css: [{ raw: css }] });
const inlined = await new Beasties({ logLevel: "silent" }).process(`<html><head><style>${css}</style></head><body>${body}</body></html>`);
process.stdout.write(JSON.stringify({ purgecss: purged.css, beasties: inlined }));"""
    out = json.loads(subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
    assert ".a{color:blue}" in out["purgecss"] and ":focus-visible" not in out["purgecss"], f"PurgeCSS keeps it now: {out}"
    assert ".a{color:blue}" in out["beasties"] and ":focus-visible" not in out["beasties"] and ":is(" not in out["beasties"], \
        f"Beasties inlines them now: {out}"


def test_the_theme_still_writes_a_quoted_time() -> None:
    """pydata-sphinx-theme's CSS has `transition: … "0s"`, which no browser accepts; critical.mjs drops
    those declarations, as browsers do, so that the HTML validator finds none in the pages' CSS. If
    this fails, the theme writes them right: INVALID_TRANSITION can go."""
    import pydata_sphinx_theme

    css = (Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles"
           / "pydata-sphinx-theme.css").read_text(encoding="utf-8")
    assert re.search(r'transition:[^;{}]*"0s"', css)


def test_the_book_inlines_them(app: SphinxTestApp) -> None:
    app.build()
    css = inline_css(app)
    assert ":focus-visible{outline:3px solid purple}" in css
    assert ':is(.icon):before{content:"*"}' in css  # (PurgeCSS keeps, of an :is() list, what some page uses)
