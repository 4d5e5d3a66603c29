"""Print a value that conf.py declares: `python tools/conf_value.py PDF_BASENAME`.

The Makefile and the tests read facts declared once in conf.py (the PDF's file name) by
running conf.py, not by matching its text. A missing or empty value is an error that says so.
"""

import runpy
import sys
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "conf.py"


def conf_value(name: str) -> str:
    value = runpy.run_path(str(CONF)).get(name)
    if not isinstance(value, str) or not value.strip():
        raise SystemExit(f"error: {CONF} declares no {name} (found {value!r}); it must be a non-empty string")
    return value


if __name__ == "__main__":
    print(conf_value(sys.argv[1]))
