"""The rehearsals' fixtures: what the machines of a run share (machines.py), and a browser.

Each rehearsal is a test module run by a script of its own (.ci/readthedocs,
.ci/reproducible, .ci/bench-smoke), as root, after `make deps`; .ci/run runs them after
`make test`.
"""

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parents[1] / "tests"), str(HERE)]

from helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


@pytest.fixture(scope="session")
def machine_parts():
    """What the machines of a run share (machines.py), made once, removed at the end."""
    from machines import Parts

    parts = Parts.make()
    yield parts
    parts.remove()


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make deps`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()
