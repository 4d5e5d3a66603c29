# MyST's known gettext pitfalls, each in one page, with an English catalogue: the constructs a
# page of the book may use, translated the way the book's catalogues are made (conf.py's settings).
extensions = ["myst_parser", "_ext.glossary", "_ext.language", "_ext.verbatim"]
language = "en"
locale_dirs = ["locales"]
gettext_compact = False
gettext_location = False
myst_enable_extensions = ["colon_fence", "deflist", "substitution"]
myst_substitutions = {"会议": "JupyterCon 2018"}
nitpicky = True
