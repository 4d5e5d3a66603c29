"""The download menu's files: the PDF, the EPUB and the website as a zip to read offline.

docs/_templates/download-menu.html offers them on every page from ``html_context``'s
``downloads``, a list of ``{"format", "file" or "url", "bytes"}``; this module makes that list
from ``book_downloads`` (each format's file under the build folder, in the menu's order) at
``config-inited``, so a new file or size changes the HTML configuration and every page is
written again.

- **A local build** (``make site``): the files already made in the build folder (the output
  folder's parent, or an edition's site's grandparent: the Makefile builds into
  ``$(BUILDDIR)/<format>`` and ``$(BUILDDIR)/html/<language>``) are copied into the site
  (``html_extra_path``, relative to the configuration's folder, so that no checkout path enters
  the configuration hash) and offered with their sizes. A file not made yet is not offered.
- **Read the Docs** (``READTHEDOCS`` set) makes the files after the pages and serves each
  version's at ``/_/downloads/<language>/<version>/<format>/`` on the docs' own domain: the menu
  links there with no size (book.js asks for it when the menu opens), and ``pdf_url`` names
  the PDF for the ``citation_pdf_url`` tag (_ext/citation.py).
- **A build into one of the downloads' own folders** (the EPUB's) gets none, neither copied
  (Sphinx would warn that the EPUB is inside its own output) nor listed (its output would
  depend on which other files happened to be there).
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

from _ext.editions import code


def read_the_docs(config: Config) -> str | None:
    """Where Read the Docs serves this version's downloads, or None off Read the Docs."""
    if not os.environ.get("READTHEDOCS"):
        return None
    site = urlsplit(config.html_baseurl)
    version = os.environ.get("READTHEDOCS_VERSION", "latest")
    return f"{site.scheme}://{site.netloc}/_/downloads/{code(config.language)}/{version}"


def offer_downloads(app: Sphinx, config: Config) -> None:
    out = Path(app.outdir).resolve()
    # An edition's site is a folder of its own in the output folder (_ext/editions.py).
    build = out.parent.parent if out.name == code(config.language) else out.parent
    files = {fmt: build / path for fmt, path in config.book_downloads.items()}
    if out in {path.parent for path in files.values()}:
        downloads = []
    elif published := read_the_docs(config):
        downloads = [{"format": fmt, "url": f"{published}/{fmt}/", "bytes": None} for fmt in files]
        if "pdf" in files:
            config.html_context = {**config.html_context, "pdf_url": f"{published}/pdf/"}
    else:
        made = {fmt: path for fmt, path in files.items() if path.is_file()}
        downloads = [{"format": fmt, "file": path.name, "bytes": path.stat().st_size} for fmt, path in made.items()]
        config.html_extra_path = [*config.html_extra_path, *(os.path.relpath(p, app.confdir) for p in made.values())]
    config.html_context = {**config.html_context, "downloads": downloads}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value(
        "book_downloads", {}, "html", types=frozenset({dict}),
        description="the download menu's files, format -> path under the build folder (the output folder's "
                    "parent, an edition's site's grandparent), in the menu's order: pdf, epub, htmlzip",
    )
    # Before Sphinx checks html_extra_path (priority 800), so that it checks these too.
    app.connect("config-inited", offer_downloads, priority=700)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
