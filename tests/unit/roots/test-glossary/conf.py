extensions = ["myst_parser", "_ext.anchors", "_ext.glossary"]
language = "zh_CN"
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 6
latex_engine = "xelatex"
