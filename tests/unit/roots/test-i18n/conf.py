from pathlib import Path

# The book's own templates over sphinx-book-theme, with a download in the menu.
BOOK = Path(__import__("_ext").__file__).parents[1]
extensions = ["_ext.i18n"]
language = "zh_CN"
project = "Book"
html_theme = "sphinx_book_theme"
templates_path = [str(BOOK / "docs" / "_templates")]
html_sidebars = {"**": ["book-title.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
html_theme_options = {"article_header_end": ["download-menu.html"], "navbar_persistent": []}
html_context = {"downloads": [{"format": "pdf", "file": "book.pdf", "bytes": 1_200_000}], "default_mode": "auto"}
# Search is not what this root tests: no Chinese search (Sphinx's loads jieba's whole dictionary per build).
html_search_language = "en"
