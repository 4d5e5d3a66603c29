"""Only the CSS each page can use, inline in its head: the first paint waits for nothing but the page.

The theme's stylesheets are Bootstrap and every component pydata-sphinx-theme has (377 KB, 65 KB
gzip), and each page's head waited for them before it showed anything. After each HTML build (not
the EPUB's), critical.mjs runs two maintained tools on the site, under node:

1. **PurgeCSS** cuts each stylesheet the pages link to (and what it @imports), in ``_static``, to
   the rules whose selectors can match some page of the site: their classes, ids, tags and
   attributes appear in the built HTML (and those made only of pseudo-classes, ``:focus-visible``,
   which PurgeCSS itself would drop). Scripts add more once a page has loaded (the colour
   scheme, an open menu, a tooltip, search results, a drawn diagram): those rules are kept by
   name, ``book_css_keep`` in conf.py, each with the script that adds it and the text there that
   does; tests/book/test_critical_css.py fails when that text is gone or a name styles nothing.
2. **Beasties** puts into each page the build wrote, in a ``<style>`` in its head, the rules that
   match the page's elements, those that use a kept name, and those made only of pseudo-classes
   (``:focus-visible``, which Beasties itself would drop), then the stylesheets' ``@font-face``
   rules (the icons name their font through a custom property, which Beasties cannot follow), a
   relative ``url()`` made relative to the page. The links go: every rule the page can use is in
   it, so nothing is left to load, before or after the first paint, with scripts or without.

The cut files stay in ``_static``, for whatever else reads them. Both run at each build that writes
a page, PurgeCSS on the whole site: Sphinx copies the theme's stylesheets anew every time, and the
cut depends on every page. A page an earlier build wrote keeps what was inlined then (a published
build, ``make site``, writes every page). ``book_critical_css = False`` (``-D book_critical_css=0``)
builds the site with the stylesheets as the theme ships them, linked: tests/book/test_critical_css.py
compares the two in screenshots, and ``make livehtml`` previews that way (the same pages drawn,
without the step on every save).

Configuration: ``book_critical_css``, ``book_css_keep``. Warning ``critical.css``: a stylesheet
PurgeCSS cannot parse (docs/_static/book.css with a syntax error), at its file and line; the site
keeps the theme's stylesheets, whole and linked. Anything else node reports stops the build.
Upstream: PurgeCSS and Beasties drop selectors made only of pseudo-classes (MAINTAINING.md's register).
"""

import json
import re
import subprocess
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
SCRIPT = Path(__file__).with_name("critical.mjs")
ERROR = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


def started(app: Sphinx) -> None:
    """Mark the build's start with a file: the pages written since are newer. A file's time, not the
    clock's: the two differ under a moved clock (libfaketime, the reproducibility rehearsal) or
    on a file system whose clock is another machine's."""
    marker = Path(app.doctreedir) / "critical-started"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.touch()
    app.book_critical_since = marker.stat().st_mtime


def written_pages(outdir: Path, since: float) -> list[str]:
    """The pages this build wrote (the others keep what an earlier build inlined)."""
    return sorted(str(p.relative_to(outdir)) for p in outdir.rglob("*.html")
                  if "_static" not in p.relative_to(outdir).parts and p.stat().st_mtime >= since)


def source_of(app: Sphinx, built: str) -> str:
    """docs/_static/book.css for _static/book.css: the file to mend, when it is the book's own."""
    name = Path(built).relative_to("_static") if built.startswith("_static/") else None
    for folder in app.config.html_static_path if name else ():
        if (candidate := Path(app.confdir, folder, name)).is_file():
            return str(candidate)
    return str(Path(app.outdir, built))


def optimise(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.name != "html" or not app.config.book_critical_css:
        return
    outdir = Path(app.outdir)
    pages = written_pages(outdir, app.book_critical_since)
    if not pages:  # a build that wrote no page (no page links a stylesheet: nothing to cut for)
        return
    request = {"outdir": str(outdir), "pages": pages, "keep": list(app.config.book_css_keep)}
    run = subprocess.run(["node", str(SCRIPT)], input=json.dumps(request), capture_output=True, text=True,
                         cwd=app.confdir, check=False)
    if run.returncode:
        if found := ERROR.match(run.stderr.strip()):
            logger.warning("%s; mend the stylesheet's syntax (every page's CSS was left as the theme ships it)",
                           found["message"], type="critical", subtype="css",
                           location=f'{source_of(app, found["file"])}:{found["line"]}')
            return
        raise ExtensionError(f"_ext/critical.mjs failed: {run.stderr.strip() or run.stdout.strip()}")
    result = json.loads(run.stdout)
    logger.info("critical CSS: %d stylesheets cut to what the pages use, %d pages with theirs inline",
                len(result["purged"]), len(result["inlined"]))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "book_critical_css", True, "html", types=frozenset({bool}),
        description="cut the site's stylesheets to what its pages use and inline each page's part (False: "
                    "the stylesheets as the theme ships them, for comparison)",
    )
    app.add_config_value(
        "book_css_keep", {}, "html", types=frozenset({dict}),
        description="what scripts add to pages after they load: {pattern (a regular expression for a class, "
                    "id, tag or attribute name): (the script under _static that adds it, what it is)}; "
                    "PurgeCSS keeps the rules that use them",
    )
    app.connect("builder-inited", started)
    # After the other build-finished steps that write into the site (_ext/icons.py's stylesheet).
    app.connect("build-finished", optimise, priority=900)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
