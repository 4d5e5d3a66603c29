extensions = ["_ext.downloads"]
project = "Book"
html_baseurl = "https://book.example.org/zh-cn/latest/"
html_context = {"default_mode": "auto"}
book_downloads = {"pdf": "pdf/book.pdf", "epub": "epub/book.epub", "htmlzip": "htmlzip/book-html.zip"}
