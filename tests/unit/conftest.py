"""The unit tier (`pytest -m unit`): the book's extensions on Sphinx's own test fixtures, each on
a small project in tests/unit/roots/test-<name>, and the tools. Needs only .venv and node: no
Java, TeX, Chromium or Debian test packages, and no build of the book."""

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

collect_ignore = ["roots"]
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(item.fspath).parents:
            item.add_marker("unit")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return HERE / "roots"


@pytest.fixture
def test_root_copy(rootdir: Path, tmp_path: Path) -> Callable[[str], Path]:
    """A private copy of tests/unit/roots/test-<name>, for tests that make their own applications
    with make_app (two builds in a row, or one that fails while the app starts)."""
    return lambda name: Path(shutil.copytree(rootdir / f"test-{name}", tmp_path / name))
