extensions = ["myst_parser", "_ext.sources"]
locale_dirs = ["locales"]
