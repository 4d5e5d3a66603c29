"""Serve only the icons the pages use.

pydata-sphinx-theme's CSS carries Font Awesome: every icon class, and @font-face rules
for its web fonts. The solid font alone is 112 KB, of which these pages show a dozen
glyphs. After an HTML build this writes _static/fonts/fa-solid-subset.woff2 with the
glyphs the pages can ask for: the icon classes used in the built HTML and the theme's
own CSS icons (admonitions, links, ...), and a stylesheet whose later @font-face for
the same face replaces the theme's file. Only the website gets them: the EPUB shows no
icons.

Upstream: pydata-sphinx-theme ships all of Font Awesome
(https://github.com/pydata/pydata-sphinx-theme/issues/2379; the open PR #2494 replaces the
1.5 MB script with CSS and web fonts, without subsetting). The font's path in the theme's
static files is the config value ``book_icon_font``; tests/unit/test_ext_icons.py fails when
the theme no longer declares the face this replaces, or its CSS names an icon's code point
differently (``CLASS_CODE``). A missing font stops the build (ExtensionError: a maintainer's
matter, not an input file's). No warnings.
"""

import hashlib
import json
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.typing import ExtensionMetadata

SUBSET = Path("_static/fonts/fa-solid-subset.woff2")
PAGES_CACHE = "icon-classes.json"  # in the doctree folder, not the site
FACE_CSS = """@font-face {
  font-display: block;
  font-family: "Font Awesome 7 Free";
  font-style: normal;
  font-weight: 900;
  src: url("fa-solid-subset.woff2") format("woff2");
}
"""
CLASS_CODE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"\\([0-9a-f]{4,5})"')


def used_codepoints(outdir: Path, cache_file: Path) -> set[int]:
    css = "".join(p.read_text(encoding="utf-8") for p in (outdir / "_static").rglob("*.css"))
    by_class = {}
    for selectors, code in CLASS_CODE.findall(css):
        for name in selectors.strip(",").split(","):
            by_class[name.removeprefix(".")] = int(code, 16)
    used = {by_class[name] for name in icon_classes(outdir, cache_file) if name in by_class}
    # Icons the CSS draws itself are written as literal private-use characters.
    used |= {ord(ch) for ch in css if 0xE000 <= ord(ch) <= 0xF8FF}
    return used


def icon_classes(outdir: Path, cache_file: Path) -> set[str]:
    """The fa-* classes of the built pages. Each page is read again only when it was
    written again (a cache keyed by file time), so an edit does not read the whole book."""
    try:
        cache = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        cache = {}
    pages = {}
    for path in outdir.rglob("*.html"):
        if "_static" in path.parts:
            continue
        name, mtime = path.relative_to(outdir).as_posix(), path.stat().st_mtime_ns
        known = cache.get(name)
        if known and known[0] == mtime:
            pages[name] = known
        else:
            pages[name] = [mtime, sorted(set(re.findall(r"\bfa-[a-z0-9-]+", path.read_text(encoding="utf-8"))))]
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    cache_file.write_text(json.dumps(pages), encoding="utf-8")
    return {name for _, classes in pages.values() for name in classes}


def for_the_website(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name != "epub"


def link_stylesheet(app: Sphinx) -> None:
    """Link the stylesheet, and write it now: Sphinx gives a stylesheet link its checksum
    (``?v=…``) only when the file is already in the output as pages are written, so a clean
    build and a rebuild would link it differently. (Its text never changes; the font does.)"""
    if for_the_website(app):
        css = Path(app.outdir) / SUBSET.with_suffix(".css")
        css.parent.mkdir(parents=True, exist_ok=True)
        if not css.is_file() or css.read_text(encoding="utf-8") != FACE_CSS:
            css.write_text(FACE_CSS, encoding="utf-8")
        app.add_css_file(SUBSET.with_suffix(".css").relative_to("_static").as_posix())


def write_subset(app: Sphinx, exception: Exception | None) -> None:
    if exception or not for_the_website(app):
        return
    from fontTools import subset

    outdir = Path(app.outdir)
    solid = outdir / app.config.book_icon_font
    if not solid.is_file():
        raise ExtensionError(f"the theme's icon font {solid} is missing (book_icon_font = {app.config.book_icon_font!r}): "
                             "the theme has moved or dropped Font Awesome; review _ext/icons.py")
    codepoints = sorted(used_codepoints(outdir, Path(app.doctreedir) / PAGES_CACHE))
    key = hashlib.sha1((solid.read_bytes()) + repr(codepoints).encode()).hexdigest()
    stamp = outdir / SUBSET.with_suffix(".key")
    if stamp.is_file() and stamp.read_text() == key and (outdir / SUBSET).is_file():
        return  # same font, same icons: nothing to do
    options = subset.Options(flavor="woff2", layout_features=["*"], notdef_outline=True)
    font = subset.load_font(str(solid), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    (outdir / SUBSET).parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(outdir / SUBSET), options)
    stamp.write_text(key)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("book_icon_font", "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2", "html",
                         types=frozenset({str}), description="the theme's solid Font Awesome font, relative to the "
                         "HTML output (pydata-sphinx-theme 0.20's place)")
    app.connect("builder-inited", link_stylesheet)
    app.connect("build-finished", write_subset)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
