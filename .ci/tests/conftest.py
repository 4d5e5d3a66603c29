"""The rehearsals' tests: the book's fixtures (tests/book/conftest.py), and the builds of other
machines (machines.py), started in the background when the run begins."""

import importlib.util
import json
import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).parent)]
_spec = importlib.util.spec_from_file_location("book_conftest", ROOT / "tests" / "book" / "conftest.py")
_book = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_book)
globals().update({k: v for k, v in vars(_book).items() if not k.startswith("__")})

import pytest  # noqa: E402
from helpers import ROOT, make  # noqa: E402

# Builds that take minutes and need nothing from the other tests: another machine's build of
# the book and the benchmark's smoke run. Each starts when the run begins, at the lowest CPU
# and I/O priority (helpers.LOW_PRIORITY), and runs on the CPU the other tests leave idle; the
# tests that read one run last, by which time it has mostly finished.
BACKGROUND = ("second_build", "rtd_build", "fresh_build", "bench_run")



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: bool(set(BACKGROUND) & set(getattr(item, "fixturenames", ()))))


@pytest.fixture(scope="session")
def machine_parts():
    """What the fresh-machine and Read the Docs builds share (tests/machines.py), made once."""
    from machines import Parts

    parts = Parts.make()
    yield parts
    parts.remove()


@pytest.fixture(scope="session")
def background():
    """The threads that wait for the background builds (their work is in subprocesses)."""
    from helpers import BACKGROUND_PROCESSES, stop

    pool = ThreadPoolExecutor(max_workers=len(BACKGROUND), thread_name_prefix="background")
    yield pool
    # A run that ends early (-x, Ctrl-C) does not wait for the builds: what is left is killed.
    for process in list(BACKGROUND_PROCESSES):
        stop(process)
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def second_build(machine_parts):
    """The book built a second time, as another machine on another day (tests/machines.py):
    tests/test_reproducible.py waits for it."""
    from helpers import stop
    from machines import SecondBuild

    build = SecondBuild.start(machine_parts)
    yield build
    stop(build.process)


@pytest.fixture(scope="session")
def rtd_build(machine_parts, background) -> Future:
    """Read the Docs' jobs (tests/machines.py): tests/test_readthedocs.py waits for them."""
    from machines import read_the_docs

    return background.submit(read_the_docs, machine_parts)


@pytest.fixture(scope="session")
def fresh_build(machine_parts, background, html_dir) -> Future:
    """`make html` on a fresh machine (tests/machines.py): tests/test_fresh_machine.py waits for
    it. After this checkout's own build (its reference build runs make here too)."""
    from machines import fresh_machine

    return background.submit(fresh_machine, machine_parts)


@pytest.fixture(scope="session")
def bench_run(tmp_path_factory: pytest.TempPathFactory, background) -> Future:
    """`make bench QUICK=1`, whose report tests/test_bench.py reads: the JSON and the Markdown."""
    builddir = tmp_path_factory.mktemp("bench")

    def smoke() -> tuple[dict, str]:
        readme = (ROOT / "README.md").read_text(encoding="utf-8")
        result = make("bench", "QUICK=1", env={**os.environ, "BUILDDIR": str(builddir)}, low_priority=True)
        assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert (ROOT / "README.md").read_text(encoding="utf-8") == readme, "a smoke run must not rewrite the README"
        out = builddir / "bench"
        return json.loads((out / "latest.json").read_text()), (out / "latest.md").read_text()

    return background.submit(smoke)


@pytest.fixture(scope="session", autouse=True)
def background_started_first(request: pytest.FixtureRequest) -> None:
    """Start the background builds that the selected tests use when the run begins."""
    used = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    for name in BACKGROUND:
        if name in used:
            try:
                request.getfixturevalue(name)
            except Exception:  # noqa: BLE001  pytest keeps the error: the tests that use the build report it
                pass
