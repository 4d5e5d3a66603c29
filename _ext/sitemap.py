"""sitemap.xml for the website (sphinx-sitemap), none in the EPUB's folder.

sphinx-sitemap lists the pages of every builder whose pages reach ``html-page-context``, the
EPUB's too: it left a sitemap.xml of web addresses in _build/epub, of whichever pages that run
wrote (all on a clean build, a few on a rebuild), so two builds' EPUB folders differed. For
the EPUB's builder this excludes every page through sphinx-sitemap's own option
(``sitemap_excludes``), and with nothing listed it writes no file. Upstream: none filed
(sphinxext-opengraph#142 and sphinx-notfound-page#230 skip the EPUB on their side);
tests/unit/test_ext_sitemap.py fails when sphinx-sitemap skips it itself (then this module
can go, and conf.py lists sphinx_sitemap).

Not worked around any more: sphinx-sitemap lists only the pages a build writes
(https://github.com/jdillard/sphinx-sitemap/issues/13), so an incremental build (make html
again, make livehtml) has a sitemap of the pages it rewrote. The published site is built from
clean on Read the Docs, and no page of the preview links its sitemap.
"""

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata


def no_sitemap_in_the_epub(app: Sphinx) -> None:
    if app.builder.name == "epub":
        app.config.sitemap_excludes = ["*"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_sitemap")
    app.connect("builder-inited", no_sitemap_in_the_epub)
    return {"version": "2", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
