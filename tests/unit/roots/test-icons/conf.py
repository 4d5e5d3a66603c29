extensions = ["myst_parser", "_ext.icons"]
html_theme = "pydata_sphinx_theme"
