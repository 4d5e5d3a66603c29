"""The words the book's extensions and templates write, from the book's own message catalogue.

Every module takes its ``_`` from here, so the words have one domain. (First step: the domain is
still Sphinx's own ``sphinx``; it becomes the book's own catalogue in _ext/locales.)
"""

from sphinx.locale import get_translation

_ = get_translation("sphinx")
