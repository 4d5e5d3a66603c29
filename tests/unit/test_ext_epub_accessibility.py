"""Unit tests of _ext/epub_accessibility.py on Sphinx's own fixtures (tests/unit/roots/test-epub-a11y),
and a guard on the Sphinx template it edits."""

import re
from pathlib import Path

import pytest
import sphinx
from lxml import etree
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from _ext.epub_accessibility import END

OPF = "{http://www.idpf.org/2007/opf}"
TEMPLATE = Path(sphinx.__file__).parent / "templates" / "epub3" / "content.opf.jinja"


@pytest.mark.sphinx("epub", testroot="epub-a11y", freshenv=True)
def test_the_pairs_are_in_the_package_metadata(app: SphinxTestApp) -> None:
    app.build()
    metadata = etree.parse(str(app.outdir / "content.opf")).getroot().find(f"{OPF}metadata")
    found = [(m.get("property"), m.text) for m in metadata.iter(f"{OPF}meta") if (m.get("property") or "").startswith("schema:")]
    assert found == app.config.book_epub_accessibility  # in order, the summary's & and <> escaped and read back
    assert metadata.find(f"{OPF}meta[@property='dcterms:modified']") is not None, "Sphinx's own metadata is kept"


@pytest.mark.sphinx("epub", testroot="epub-a11y", srcdir="epub-a11y-unknown", freshenv=True,
                    confoverrides={"book_epub_accessibility": [("schema:accessibilityFeatures", "x"), ("schema:accessMode", "textual")]})
def test_an_unknown_property_is_a_warning_and_left_out(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()).strip() == (
        "WARNING: book_epub_accessibility in conf.py: not an EPUB Accessibility 1.1 property, so left out of the EPUB: "
        "schema:accessibilityFeatures (the properties are schema:accessMode, schema:accessModeSufficient, "
        "schema:accessibilityFeature, schema:accessibilityHazard, schema:accessibilitySummary) [epub_accessibility.property]")
    metadata = etree.parse(str(app.outdir / "content.opf")).getroot().find(f"{OPF}metadata")
    assert [m.get("property") for m in metadata.iter(f"{OPF}meta") if (m.get("property") or "").startswith("schema:")] == [
        "schema:accessMode"]


def test_sphinx_still_offers_no_way_to_add_metadata() -> None:
    """The builder override and its text edit rest on Sphinx's content.opf template: one
    ``  </metadata>`` line, and metadata made only of the values Sphinx fills in. If the template
    takes a new value there (a list of extra metadata, say), Sphinx may now carry the pairs
    itself: use that and drop the override. If the line is gone, the edit has nowhere to go."""
    template = TEMPLATE.read_text(encoding="utf-8")
    assert template.count(END + "\n") == 1, f"{TEMPLATE} changed its </metadata> line: review _ext/epub_accessibility.py"
    metadata = template[: template.index(END)]
    values = set(re.findall(r"\{\{\s*(\w+)", metadata)) | set(re.findall(r"\{%-?\s*(?:if|for)\s+([\w ]+?)\s*(?:==|%)", metadata))
    assert values == {"epub_version", "lang", "uid", "title", "description", "author", "contributor", "publisher",
                      "copyright", "id", "scheme", "date", "version", "ibook_scroll_axis", "cover"}, (
        f"Sphinx's content.opf metadata now takes {sorted(values)}: see whether it can carry book_epub_accessibility")


@pytest.mark.sphinx("epub", testroot="epub-a11y", srcdir="epub-a11y-lang", freshenv=True,
                    confoverrides={"language": "zh_CN", "epub_language": "zh-CN"})
def test_every_page_says_its_language(app: SphinxTestApp) -> None:
    """Each page's <html> carries the book's language, for screen readers (WCAG 3.1.1)."""
    app.build()
    tags = {page.name: re.search(r"<html[^>]*>", page.read_text(encoding="utf-8"))[0] for page in app.outdir.glob("*.xhtml")}
    assert tags and all('lang="zh-CN" xml:lang="zh-CN"' in tag for tag in tags.values()), tags


def test_sphinxs_epub_pages_still_say_no_language() -> None:
    """Why AccessibleEpub3Builder.html_tag (register, row 42): Sphinx's own <html> tag has no lang."""
    from sphinx.builders.epub3 import Epub3Builder

    assert "lang=" not in Epub3Builder.html_tag, "Sphinx's EPUB pages carry their language now: html_tag can go"
