"""EPUB Accessibility 1.1 metadata in the EPUB's package document (content.opf).

Reading systems and bookshops tell readers how accessible a book is from
``schema:accessMode``, ``schema:accessModeSufficient``, ``schema:accessibilityFeature``,
``schema:accessibilityHazard`` and ``schema:accessibilitySummary`` (EPUB Accessibility 1.1,
section 2.1; ``schema:`` is a reserved prefix of EPUB 3, declared by no one). conf.py's
``book_epub_accessibility`` lists them as (property, value) pairs.

Sphinx's EPUB 3 builder has no setting for extra metadata, and reads its content.opf template
from its own folder, not from ``templates_path``. This builder is Sphinx's, with the pairs added
to the package document once Sphinx has written it (``build_content``), before it is zipped: a
text edit before its one ``  </metadata>`` line, which stops the build if Sphinx's template no
longer has it. And each page's ``<html>`` gets the book's language (``lang``, ``xml:lang``), which
Sphinx's ``HTML_TAG`` leaves out: a screen reader would read the page in the reader's own
language. Upstream contact (none filed; MAINTAINING.md's register, rows 36 and 42):
tests/unit/test_ext_epub_accessibility.py fails when Sphinx's template changes its metadata, in
either direction, and when Sphinx's pages carry their language themselves.

Warnings (each silenced alone by ``suppress_warnings``): ``epub_accessibility.property``, a
pair in ``book_epub_accessibility`` whose property is not one of EPUB Accessibility 1.1's (the
EPUB leaves it out).
"""

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.epub3 import HTML_TAG, Epub3Builder
from sphinx.config import Config
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
PROPERTIES = {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
              "schema:accessibilityHazard", "schema:accessibilitySummary"}
END = "  </metadata>"  # the line the pairs go before


class AccessibleEpub3Builder(Epub3Builder):
    @property
    def html_tag(self) -> str:
        """Each page's ``<html>`` with the book's language (WCAG 3.1.1): Sphinx's has none."""
        lang = escape((self.config.language or "en").replace("_", "-"))
        return HTML_TAG.replace(">", f' lang="{lang}" xml:lang="{lang}">', 1)

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        if text.count(END) != 1:
            raise ExtensionError(f"{opf} does not have one {END.strip()}: Sphinx's template changed; review {__name__}")
        metas = "".join(f'    <meta property="{escape(p)}">{escape(v)}</meta>\n' for p, v in self.config.book_epub_accessibility)
        opf.write_text(text.replace(END, metas + END, 1), encoding="utf-8")


def check(app: Sphinx, config: Config) -> None:
    unknown = sorted({p for p, _ in config.book_epub_accessibility} - PROPERTIES)
    if unknown:
        logger.warning("book_epub_accessibility in conf.py: not an EPUB Accessibility 1.1 property, so left out of the "
                       "EPUB: %s (the properties are %s)", ", ".join(unknown), ", ".join(sorted(PROPERTIES)),
                       type="epub_accessibility", subtype="property")
        config.book_epub_accessibility = [(p, v) for p, v in config.book_epub_accessibility if p in PROPERTIES]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("book_epub_accessibility", [], "epub", types=frozenset({list, tuple}),
                         description="EPUB Accessibility 1.1 metadata for content.opf: (property, value) pairs")
    app.add_builder(AccessibleEpub3Builder, override=True)
    app.connect("config-inited", check)
    return {"version": "2", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
