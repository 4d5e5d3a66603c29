"""Interface strings that the themes take as fixed text from conf.py, given from the catalogue.

pydata-sphinx-theme prints its ``search_bar_text`` option as it is (no translation), so the
search box's placeholder would have to be written in one language in conf.py; when it is
unset, sphinx-book-theme writes "Search..." from its own catalogue, which has no zh_CN
entry for it. Here it comes from the book's catalogue (docs/locales/<language>/LC_MESSAGES/
sphinx.po), as the templates' words do, after sphinx-book-theme's handler.
"""

from sphinx.application import Sphinx
from sphinx.locale import get_translation

_ = get_translation("sphinx")


def search_placeholder(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["theme_search_bar_text"] = _("Search this book…")


def setup(app: Sphinx) -> dict:
    app.connect("html-page-context", search_placeholder, priority=600)  # after sphinx-book-theme's (500)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
