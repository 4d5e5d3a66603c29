"""The rehearsals' tests: the book's fixtures (tests/book/conftest.py), and the builds of other
machines (tests/book/conftest.py for now: BACKGROUND)."""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).parent)]
_spec = importlib.util.spec_from_file_location("book_conftest", ROOT / "tests" / "book" / "conftest.py")
_book = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_book)
globals().update({k: v for k, v in vars(_book).items() if not k.startswith("__")})
