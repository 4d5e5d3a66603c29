"""The glossary's Chinese terms as a jieba user dictionary, so that the Chinese search
(_ext/search.py) keeps a multi-character term as one word.

The dictionary is written into the doctree folder when the entries are known (env-get-updated)
and Sphinx's Chinese search is pointed at it (``html_search_options["dict"]``, which
sphinx.search.zh reads). That option is set once the HTML builder has hashed its configuration
(.buildinfo; the builder does it in init(), before builder-inited): the path is this build's,
and would make two checkouts' sites differ. tests/unit/test_ext_glossary.py checks both.
"""

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import glossary_domain

USERDICT = "glossary-userdict.txt"


def set_userdict(app: Sphinx) -> None:
    config = app.config
    config.html_search_options = {**config.html_search_options, "dict": str(Path(app.doctreedir) / USERDICT)}


def write_userdict(app: Sphinx, env: BuildEnvironment) -> list[str]:
    entries = glossary_domain(env).entries
    names = sorted({n for e in entries.values() for v in e.values() for n in v["names"] if not n.isascii()})
    path = Path(app.config.html_search_options["dict"])
    text = "".join(f"{name}\n" for name in names)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return []
