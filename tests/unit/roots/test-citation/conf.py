extensions = ["myst_parser", "_ext.citation"]
language = "zh_CN"
html_baseurl = "https://example.org/book/"
book_citation_key = "example2026"
