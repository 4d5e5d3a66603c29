extensions = ["myst_parser", "_ext.anchors"]
language = "zh_CN"
myst_heading_anchors = 6
