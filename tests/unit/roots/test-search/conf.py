extensions = ["_ext.search"]
