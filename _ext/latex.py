"""The LaTeX writer, adjusted for Chinese text set with xeCJK.

xeCJK drops a source space between a Chinese character and what follows it unless the
next token is a character or a macro; it then puts its own Chinese-Latin space
(``\\CJKecglue``) before a Latin letter that follows directly. Sphinx writes every
internal link as ``{\\hyperref[...]{...}}``: after "用 " the next token is ``{``, and
the link's PDF annotation starts before the first letter, so "用 Jupyter" is printed
"用Jupyter" (31 places in this book). Upstream: xeCJK's handling of spaces at command
boundaries, https://github.com/CTeX-org/ctex-kit/issues/992 (fixed by
https://github.com/CTeX-org/ctex-kit/pull/999, in xeCJK releases newer than Debian's).

Here each internal link opens with ``\\sphinxbooklink``, a macro, so xeCJK keeps the
space as its Chinese-Latin space, as it does before ``\\sphinxhref``. Defined in
_latex/jupyterconbook.sty; tests/book/test_pdf_book.py checks that no Chinese character
touches a Latin letter in the PDF, and tests/book/test_tex_guards.py that the installed
xeCJK still needs this (it runs xelatex, so it is not a unit test).

Also: a slash or a plus between Latin words ("jupyter/governance", "Spark/YARN",
"zero3jupyterhub+kubernetes") allows a line break after it. TeX would not break there, and a long name before Chinese text then
leaves a justified line spread wide (tests/book/test_pdf_book.py looks for spread lines).

Upstream contacts: LaTeXTranslator's ``encode``, ``in_title``/``in_caption`` and ``hyperlink``
(its output, ``{\\hyperref[...``, is checked on every link: the build stops if it changes);
the translator registered at ``builder-inited`` (below). tests/unit/test_ext_latex.py guards
both. No warnings.
"""

import re

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata
from sphinx.writers.latex import LaTeXTranslator


SLASH = re.compile(r"(?<=[A-Za-z0-9])[/+](?=[A-Za-z])")


class BookLaTeXTranslator(LaTeXTranslator):
    def encode(self, text: str) -> str:
        text = super().encode(text)
        if self.in_title or self.in_caption:  # moving arguments: the contents, bookmarks
            return text
        return SLASH.sub(r"\g<0>\\allowbreak{}", text)

    def hyperlink(self, id: str) -> str:
        link = super().hyperlink(id)
        if not link.startswith("{"):
            # Sphinx changed how links are written: this adjustment no longer applies.
            raise RuntimeError(f"_ext.latex: Sphinx now writes links as {link!r}; review _ext/latex.py")
        return r"\sphinxbooklink" + link


def use_for_latex(app: Sphinx) -> None:
    """Register the translator only when building LaTeX. pydata-sphinx-theme adds its HTML
    fixes (heading roles, table classes) to the builder's default translator only while no
    translator is registered at all; one registered for LaTeX would leave the HTML without
    them (pydata_sphinx_theme/translator.py, setup_translators; upstream:
    https://github.com/pydata/pydata-sphinx-theme/issues/1418, open; sphinx-hoverxref fixed
    the same pattern on its side in readthedocs/sphinx-hoverxref#60).
    tests/unit/test_ext_latex.py fails when the theme no longer needs this."""
    if app.builder.format == "latex":
        app.set_translator(app.builder.name, BookLaTeXTranslator, override=True)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("builder-inited", use_for_latex)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
