"""The build entry point itself: Python discovery, and cheap no-op paths."""

import os
import subprocess
from pathlib import Path

from conftest import ROOT, make


def test_no_python_312_gives_a_clear_message(project_copy, tmp_path: Path) -> None:
    """With only an old Python around, make stops with a message, not a traceback."""
    project = project_copy()
    (project / ".venv").unlink()  # force make to look for a Python to build .venv with
    old = tmp_path / "bin"
    old.mkdir()
    (old / "python3").symlink_to("/usr/bin/python3.11")
    env = {
        "PATH": f"{old}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYENV_ROOT": str(tmp_path / "no-pyenv"),
    }
    result = make("html", cwd=project, env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "needs Python 3.12 or newer" in output
    assert "Traceback" not in output
    assert not (project / ".venv").exists()


def test_find_python_picks_312_or_newer() -> None:
    out = subprocess.run([ROOT / "tools" / "find-python"], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run([out, "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == "True"


def test_second_make_html_does_no_dependency_work(html_dir: Path) -> None:
    """After a build, the venv and node_modules stamps are up to date: make would not touch them."""
    result = make("--question", ".venv/.requirements.stamp", "node_modules/.package-lock.stamp")
    assert result.returncode == 0, "make would redo dependency work on the next `make html`"


def test_deps_is_a_no_op_on_a_ready_machine() -> None:
    result = subprocess.run([ROOT / "tools" / "deps.sh", "test"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_help_lists_the_targets() -> None:
    out = make("help").stdout
    for target in ("html", "pdf", "epub", "livehtml", "linkcheck", "test", "deps", "clean"):
        assert f"make {target}" in out, target
