extensions = ["myst_parser", "_ext.anchors"]
language = "zh_CN"
myst_heading_anchors = 6
# Search is not what this root tests: no Chinese search (Sphinx's loads jieba's whole dictionary per build).
html_search_language = "en"
