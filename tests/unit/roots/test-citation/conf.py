extensions = ["myst_parser", "_ext.citation"]
language = "zh_CN"
html_baseurl = "https://example.org/book/"
citation_key = "example2026"
# The book's catalogue, for GB/T 7714's words (等, [出版地不详], [引用日期]).
from pathlib import Path

locale_dirs = [str(Path(__import__("_ext").__file__).parents[1] / "docs" / "locales")]
