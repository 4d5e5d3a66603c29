extensions = ["myst_parser", "_ext.citation"]
language = "zh_CN"
html_baseurl = "https://example.org/book/"
book_citation_key = "example2026"
# Search is not what this root tests: no Chinese search (Sphinx's loads jieba's whole dictionary per build).
html_search_language = "en"
