extensions = ["myst_parser", "_ext.anchors", "_ext.glossary"]
language = "zh_CN"
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 6
latex_engine = "xelatex"
# The book's catalogue, for the words the extension writes (出现于：, the brackets, the colon).
from pathlib import Path

locale_dirs = [str(Path(__import__("_ext").__file__).parents[1] / "docs" / "locales")]
