extensions = ["_ext.latex"]
latex_engine = "xelatex"
language = "zh_CN"
