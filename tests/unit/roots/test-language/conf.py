extensions = ["myst_parser", "_ext.language", "_ext.glossary"]
language = "zh_CN"
latex_engine = "xelatex"
