extensions = ["_ext.reproducible"]
project = "Zip"
version = "1"
html_baseurl = "https://example.org/book/"
