extensions = ["myst_parser", "_ext.sitemap"]
html_baseurl = "https://example.org/book/"
sitemap_url_scheme = "{link}"
