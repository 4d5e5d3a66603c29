"""Keep sitemap.xml complete on incremental builds.

sphinx-sitemap collects the pages as they are written, so a build that rewrites two pages
leaves a sitemap of two pages. Before it writes the file, this adds every other document
of the book (once each), with the same link and date sphinx-sitemap would give it.
"""

import queue

from sphinx.application import Sphinx
from sphinx_sitemap import add_html_link


def complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    links = getattr(app.env.app, "sitemap_links", None)
    if exception or links is None or app.builder.format != "html" or app.builder.name == "epub":
        return
    collected = {}
    while True:
        try:
            link, updated = links.get_nowait()
        except queue.Empty:
            break
        collected[link] = updated
    for docname in sorted(app.env.found_docs):
        add_html_link(app, docname, None, {}, None)  # puts (link, date) on the queue
    while True:
        try:
            link, updated = links.get_nowait()
        except queue.Empty:
            break
        collected.setdefault(link, updated)
    for link, updated in sorted(collected.items()):
        links.put((link, updated))


def setup(app: Sphinx) -> dict:
    app.setup_extension("sphinx_sitemap")
    app.connect("build-finished", complete_sitemap, priority=400)  # before sphinx-sitemap's (500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
