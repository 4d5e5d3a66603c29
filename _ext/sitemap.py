"""Keep sitemap.xml complete on incremental builds.

sphinx-sitemap collects the pages as they are written, so a build that rewrites two pages
leaves a sitemap of two pages: https://github.com/jdillard/sphinx-sitemap/issues/13 (open
since 2018). Before it writes the file, this adds every other document of the book (once
each), with the same link and date sphinx-sitemap would give it. The EPUB builder, an HTML
builder to sphinx-sitemap, gets none: an EPUB has no web addresses.

It reads sphinx-sitemap's queue, ``sitemap_links``, which sphinx-sitemap 2.9 keeps on the
Sphinx application (set through ``env.app``, deprecated in Sphinx 9 and removed in 11:
sphinx-doc/sphinx#13627). tests/test_ext_sitemap.py fails with a clear message when
sphinx-sitemap keeps every page itself (then this module can go) or moves its queue.
"""

import queue

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx_sitemap import add_html_link


def drain(links) -> dict:
    collected = {}
    while True:
        try:
            link, updated = links.get_nowait()
        except queue.Empty:
            return collected
        collected.setdefault(link, updated)


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    links = getattr(app, "sitemap_links", None)
    if links is None:
        raise ExtensionError("sphinx-sitemap no longer keeps its queue in app.sitemap_links: "
                             "review _ext/sitemap.py (jdillard/sphinx-sitemap#13)")
    collected = drain(links)
    if app.builder.name == "epub":
        # An EPUB has no web addresses: with the queue empty, sphinx-sitemap writes nothing
        # (it would leave a sitemap.xml of whichever pages this run wrote in _build/epub).
        return
    for docname in sorted(app.env.found_docs):
        add_html_link(app, docname, None, {}, None)  # puts (link, date) on the queue
    for link, updated in drain(links).items():
        collected.setdefault(link, updated)
    for link, updated in sorted(collected.items()):
        links.put((link, updated))


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_sitemap")
    app.connect("build-finished", complete_sitemap, priority=400)  # before sphinx-sitemap's (500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
