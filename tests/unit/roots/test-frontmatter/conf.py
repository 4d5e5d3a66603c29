from datetime import timedelta, timezone

extensions = ["_ext.frontmatter"]
project = "一本书"
author = "编写组"
copyright = "2026 编写组"
language = "zh_CN"
html_baseurl = "https://example.org/book/"
book_description = "副标题"
book_edition_date = "2026-03-04"
book_timezone = timezone(timedelta(hours=8))
book_source_article = {"title": "An Article & More", "publication": "某刊", "year": 2018, "url": "https://example.org/a_b"}
