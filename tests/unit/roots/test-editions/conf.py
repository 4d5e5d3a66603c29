extensions = ["myst_parser", "_ext.editions", "_ext.sitemap"]
book_edition_names = {"zh-CN": "简体中文", "en": "English"}
language = "zh_CN"
html_baseurl = "https://example.org/zh-cn/latest/"
# The layout on Read the Docs: each edition under its language and version.
book_edition_root = "/zh-cn/latest/"
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
html_search_language = "en"
