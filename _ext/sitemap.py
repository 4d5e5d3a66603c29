"""sitemap.xml for the website (sphinx-sitemap), with every edition of each page; none in the EPUB's folder.

Every page's address in each edition (hreflang, _ext/citation.alternates) is added to it as
``xhtml:link`` alternates, as search engines read them. sphinx-sitemap makes alternates only from
one address pattern with the language in it (``sitemap_url_scheme``, its ``{lang}`` being
Sphinx's 'zh_CN', not Read the Docs' 'zh-cn'), and would add them for the language folders it
finds in ``locale_dirs``: conf.py's ``sitemap_locales = [None]`` keeps it from adding any, and
this adds them to the file it wrote.

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

import xml.etree.ElementTree as ET
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from _ext.citation import alternates

SITEMAP, XHTML = "http://www.sitemaps.org/schemas/sitemap/0.9", "http://www.w3.org/1999/xhtml"


def no_sitemap_in_the_epub(app: Sphinx) -> None:
    if app.builder.name == "epub":
        app.config.sitemap_excludes = ["*"]


def add_editions(app: Sphinx, exception: Exception | None) -> None:
    path = Path(app.outdir) / app.config.sitemap_filename
    if exception or app.builder.name == "epub" or not path.is_file():
        return
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    tree = ET.parse(path)
    for url in tree.getroot().iter(f"{{{SITEMAP}}}url"):
        link = url.findtext(f"{{{SITEMAP}}}loc").removeprefix(app.config.html_baseurl)
        if link.removesuffix(app.config.html_file_suffix or ".html") not in app.env.found_docs:
            continue  # the generated pages (search, index, 404): no alternates, as in their heads
        for tag, address in alternates(app, link):
            ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=tag, href=address)
    tree.write(path, xml_declaration=True, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx_sitemap")
    app.setup_extension("_ext.citation")
    app.connect("builder-inited", no_sitemap_in_the_epub)
    app.connect("build-finished", add_editions, priority=600)  # after sphinx-sitemap's (500)
    return {"version": "3", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
