"""Every file the build reads as text is UTF-8 text: checked before Sphinx reads a page.

Sphinx decodes each page as UTF-8 and, at the first byte that is not, stops with a Python
traceback that names neither the file nor the line (MAINTAINING.md's register). A page saved
in GBK/GB18030, the default of many Chinese editors, is the common case; a binary file saved
under a text name is another. Before Sphinx reads anything (``config-inited``), this module
reads every file of the source folder with a text suffix, the catalogues of ``locale_dirs``
and of the book's extensions, and ``latex_additional_files``; for each one that is not UTF-8
text it reports the file, the line and column of the first bad byte and what to do::

    docs/closing.md:3: ERROR: not UTF-8 (column 5, byte 0xb4): looks like GBK/GB18030; save the
    file as UTF-8: iconv -f GB18030 -t UTF-8 docs/closing.md > closing.md.utf8 && mv …

and the build stops there (exit status 2): raising an exception, Sphinx's own way to stop,
prints a traceback and asks for a report to Sphinx. A byte-order mark is UTF-8 and passes, as
Sphinx reads sources (``source_encoding``, utf-8-sig). CITATION.cff, read while conf.py runs,
gets the same message from _ext/citation.py.

Two mistakes that MyST reads without a word, checked on every page read:

- a code fence (````` ``` `````, ``~~~``, ``:::``) opened and never closed makes the rest of
  the page code: a warning at the fence's line (``sources.fence``);
- a page with no title (empty, or only front matter): Sphinx names only the toctree that lists
  it; a warning at the page itself (``sources.title``).

Errors (the build cannot go on, so none is silenced): ``sources.encoding``. Warnings, each
silenced alone in ``suppress_warnings``: ``sources.fence``, ``sources.title``.
"""

import re
import shlex
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)
TEXT_SUFFIXES = frozenset({".md", ".txt", ".html", ".css", ".js", ".json", ".po", ".pot", ".svg", ".mmd",
                           ".csv", ".cff", ".yaml", ".yml", ".sty", ".tex", ".bib"})


def not_text(data: bytes, path: Path) -> tuple[int, str] | None:
    """What keeps ``data`` (the bytes of ``path``) from being UTF-8 text, as (line, message), or None."""
    if b"\0" in data:
        return data.count(b"\n", 0, data.index(b"\0")) + 1, (
            "holds NUL bytes, so it is not a text file (an image or a document saved under a text name?)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = data.rfind(b"\n", 0, error.start) + 1
        column = len(data[start:error.start].decode("utf-8", "replace")) + 1
        where = f"not UTF-8 (column {column}, byte 0x{data[error.start]:02x})"
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            return data.count(b"\n", 0, error.start) + 1, f"{where}: save the file as UTF-8"
        quoted, aside = shlex.quote(str(path)), shlex.quote(f"{path.name}.utf8")
        return data.count(b"\n", 0, error.start) + 1, (
            f"{where}: looks like GBK/GB18030; save the file as UTF-8: "
            f"iconv -f GB18030 -t UTF-8 {quoted} > {aside} && mv {aside} {quoted}")
    return None


def read_by_the_build(app: Sphinx, config: Config) -> list[Path]:
    """The files the build reads as text, besides conf.py and CITATION.cff."""
    srcdir, confdir = Path(app.srcdir), Path(app.confdir)
    files = [p for p in srcdir.rglob("*") if p.suffix.lower() in TEXT_SUFFIXES and p.is_file()]
    files += [p for d in config.locale_dirs if (srcdir / d).is_dir() and srcdir not in (srcdir / d).resolve().parents
              for p in (srcdir / d).rglob("*.po")]
    from _ext.i18n import LOCALES  # here: _ext.i18n sets this module up

    files += LOCALES.rglob("*.po")
    files += [confdir / f for f in config.latex_additional_files if (confdir / f).is_file()]
    return sorted(set(files))


def check(app: Sphinx, config: Config) -> None:
    problems = [(path, found) for path in read_by_the_build(app, config)
                if (found := not_text(path.read_bytes(), path))]
    for path, (line, message) in problems:
        logger.error(message, location=f"{path}:{line}", type="sources", subtype="encoding")
    if problems:
        raise SystemExit(2)


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})(.*)$")


def unclosed_fence(text: str) -> int | None:
    """The line (from 1) of a code fence that no later line closes, as CommonMark reads them: a
    fence closes with the same character, at least as many, and nothing after it."""
    opened = None
    for number, line in enumerate(text.splitlines(), 1):
        found = FENCE.match(line)
        if not found:
            continue
        marker, rest = found.groups()
        if opened is None:
            if not (marker[0] == "`" and "`" in rest):  # a backtick fence's info has no backtick
                opened = (number, marker)
        elif marker[0] == opened[1][0] and len(marker) >= len(opened[1]) and not rest.strip():
            opened = None
        elif marker[0] == ":" == opened[1][0]:
            continue  # a colon fence nested in one: MyST closes the inner first
    return opened[0] if opened else None


def fences_closed(app: Sphinx, docname: str, source: list[str]) -> None:
    if (line := unclosed_fence(source[0])) is not None:
        logger.warning("this code fence is never closed, so the rest of the page would be code: close it with "
                       "a line of the same marks", location=(docname, line), type="sources", subtype="fence")


def has_title(app: Sphinx, doctree: nodes.document) -> None:
    if doctree.next_node(nodes.section) is None:
        logger.warning("this page has no title: begin it with a heading, # …", location=(app.env.docname, 1),
                       type="sources", subtype="title")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", check, priority=100)  # before any extension reads a file
    app.connect("source-read", fences_closed)
    app.connect("doctree-read", has_title)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
