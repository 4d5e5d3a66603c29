"""Serve mermaid from the site itself, never from a CDN.

sphinxcontrib-mermaid imports mermaid from a CDN unless ``mermaid_use_local`` names a
file under ``_static``. This extension copies mermaid's ESM build from node_modules
(pinned in package-lock.json) into the HTML output, and fails the build when it is
missing rather than letting pages fall back to the CDN. EPUB readers run no
JavaScript, so there the diagrams are rendered to PNG with mermaid-cli.
"""

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ConfigError, ExtensionError
from sphinx.util.osutil import copyfile

ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"


def copy_mermaid(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    if app.config.mermaid_output_format != "raw":
        return  # images drawn at build time (EPUB): no JavaScript needed
    target = app.config.mermaid_use_local
    if not target:
        raise ConfigError("mermaid_use_local is empty: the pages would load mermaid from a CDN.")
    dist = Path(app.confdir) / "node_modules" / "mermaid" / "dist"
    if not (dist / ENTRY).is_file():
        raise ExtensionError(
            f"{dist / ENTRY} is missing, so the diagrams could not be drawn. "
            "Run `make html` (it runs `npm ci`) or `npm ci` in the repository root."
        )
    dest = Path(app.outdir) / "_static" / Path(target).parent
    (dest / CHUNKS).mkdir(parents=True, exist_ok=True)
    copyfile(dist / ENTRY, dest / ENTRY, force=True)
    for chunk in (dist / CHUNKS).glob("*.mjs"):
        copyfile(chunk, dest / CHUNKS / chunk.name, force=True)


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", copy_mermaid)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
