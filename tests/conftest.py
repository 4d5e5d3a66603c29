"""What every tier shares: Sphinx's test fixtures (pytest takes plugins from the top conftest
only), and the repository root and tests/ on sys.path (the _ext package, helpers).

tests/unit/conftest.py: the unit tier. tests/book/conftest.py: the book, built once per run.
The rehearsals of other machines' builds are under .ci/ (see MAINTAINING.md).
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]
pytest_plugins = ("sphinx.testing.fixtures",)
