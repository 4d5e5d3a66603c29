extensions = ["myst_parser", "_ext.navigation"]
html_theme = "sphinx_book_theme"
templates_path = ["_templates"]
# The book's depth (4) and one less, so that a chain of pages runs past it.
html_theme_options = {"max_navbar_depth": 4, "show_navbar_depth": 1}
