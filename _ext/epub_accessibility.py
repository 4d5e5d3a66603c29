"""EPUB Accessibility 1.1 metadata in the EPUB's package document (content.opf).

Reading systems and bookshops tell readers how accessible a book is from
``schema:accessMode``, ``schema:accessModeSufficient``, ``schema:accessibilityFeature``,
``schema:accessibilityHazard`` and ``schema:accessibilitySummary`` (EPUB Accessibility 1.1,
section 2.1; ``schema:`` is a reserved prefix of EPUB 3, declared by no one). conf.py's
``epub_accessibility`` lists them as (property, value) pairs.

Sphinx's EPUB 3 builder has no setting for extra metadata, and reads its content.opf template
from its own folder, not from ``templates_path``. This builder is Sphinx's, with the pairs added
to the package document once Sphinx has written it (``build_content``), before it is zipped.
"""

from html import escape
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.errors import ConfigError, ExtensionError

PROPERTIES = {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
              "schema:accessibilityHazard", "schema:accessibilitySummary"}


class AccessibleEpub3Builder(Epub3Builder):
    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir) / "content.opf"
        text = opf.read_text(encoding="utf-8")
        if text.count("</metadata>") != 1:
            raise ExtensionError(f"{opf} does not have one </metadata>: Sphinx's template changed; review {__name__}")
        metas = "".join(f'    <meta property="{escape(p)}">{escape(v)}</meta>\n' for p, v in self.config.epub_accessibility)
        opf.write_text(text.replace("  </metadata>", metas + "  </metadata>", 1), encoding="utf-8")


def check(app: Sphinx, config) -> None:
    unknown = sorted({p for p, _ in config.epub_accessibility} - PROPERTIES)
    if unknown:
        raise ConfigError(f"epub_accessibility: not EPUB Accessibility 1.1 properties: {unknown} (known: {sorted(PROPERTIES)})")


def setup(app: Sphinx) -> dict:
    app.add_config_value("epub_accessibility", [], "epub", list)
    app.add_builder(AccessibleEpub3Builder, override=True)
    app.connect("config-inited", check)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
