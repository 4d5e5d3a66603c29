"""Registers a LaTeX translator at setup, as an extension would."""
from sphinx.writers.latex import LaTeXTranslator


def setup(app):
    app.set_translator("latex", LaTeXTranslator)
