extensions = ["myst_parser", "_ext.critical"]
html_theme = "basic"
html_static_path = ["_static"]
html_css_files = ["book.css"]
book_css_keep = {"^is-open$": ("book.js", '"is-open"', "a state a script sets")}
book_css_inline = []
