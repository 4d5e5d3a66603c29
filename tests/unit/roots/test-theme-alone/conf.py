# sphinx-book-theme (over pydata-sphinx-theme) as it comes: no theme options, none of the book's
# templates or extensions (tests/unit/test_templates.py reads what the themes do alone).
html_theme = "sphinx_book_theme"
language = "en"
