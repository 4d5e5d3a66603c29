from pathlib import Path

extensions = ["_ext.frontmatter"]
project = "一本书"
author = "编写组"
copyright = "2026 编写组"
language = "zh_CN"
locale_dirs = [str(Path(__import__("_ext").__file__).parents[1] / "docs" / "locales")]
html_baseurl = "https://example.org/book/"
book_description = "副标题"
book_edition_date = "2026-03-04"
book_source_article = {"title": "An Article & More", "where": "某刊", "url": "https://example.org/a_b", "author": "某人"}
book_license = ("某许可", "https://example.org/licence")
