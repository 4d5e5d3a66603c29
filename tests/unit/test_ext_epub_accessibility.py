"""Unit tests of _ext/epub_accessibility.py on Sphinx's own fixtures (tests/unit/roots/test-epub-a11y)."""

import pytest
from lxml import etree
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp

OPF = "{http://www.idpf.org/2007/opf}"


@pytest.mark.sphinx("epub", testroot="epub-a11y", freshenv=True)
def test_the_pairs_are_in_the_package_metadata(app: SphinxTestApp) -> None:
    app.build()
    metadata = etree.parse(str(app.outdir / "content.opf")).getroot().find(f"{OPF}metadata")
    found = [(m.get("property"), m.text) for m in metadata.iter(f"{OPF}meta") if (m.get("property") or "").startswith("schema:")]
    assert found == app.config.epub_accessibility  # in order, the summary's & and <> escaped and read back
    assert metadata.find(f"{OPF}meta[@property='dcterms:modified']") is not None, "Sphinx's own metadata is kept"


@pytest.mark.sphinx("epub", testroot="epub-a11y", freshenv=True,
                    confoverrides={"epub_accessibility": [("schema:accessibilityFeatures", "x")]})
def test_an_unknown_property_is_a_configuration_error(make_app, app_params) -> None:
    args, kwargs = app_params
    with pytest.raises(ConfigError, match="schema:accessibilityFeatures"):
        make_app(*args, **kwargs)
