from pathlib import Path

extensions = ["myst_parser", "sphinxcontrib.mermaid", "_ext.diagrams"]
language = "zh_CN"
mermaid_use_local = "mermaid/mermaid.esm.min.mjs"
# The test copies this folder elsewhere: mermaid comes from the repository's node_modules.
book_mermaid_dist = str(Path(__import__("_ext").__file__).parents[1] / "node_modules" / "mermaid" / "dist")
