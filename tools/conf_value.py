"""Print a value that conf.py declares: `python tools/conf_value.py PDF_BASENAME`.

The Makefile and the tests read facts declared once in conf.py (the PDF's file name), not by
matching its text. A value written in conf.py as a literal (``PDF_BASENAME = "…"``) is read from
its syntax tree, without running conf.py, so any Python 3 reads it, before .venv exists (conf.py
imports the book's extensions, which need .venv's packages); another value is read by running
conf.py. A missing or empty value is an error that says so.
"""

import ast
import runpy
import sys
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "conf.py"


def literal(name: str) -> object:
    """The literal assigned to ``name`` at conf.py's top level, or None."""
    for node in ast.parse(CONF.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return None
    return None


def conf_value(name: str) -> str:
    value = literal(name)
    if value is None:
        value = runpy.run_path(str(CONF)).get(name)
    if not isinstance(value, str) or not value.strip():
        raise SystemExit(f"error: {CONF} declares no {name} (found {value!r}); it must be a non-empty string")
    return value


if __name__ == "__main__":
    print(conf_value(sys.argv[1]))
