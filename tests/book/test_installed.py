"""The build entry point on this machine, once `make test` has installed everything: nothing
left to install or redo. (The rest of the tools' checks need only .venv and node, and run on
stand-ins in the unit tier: tests/unit/test_tools.py.)"""

import subprocess
from pathlib import Path

from helpers import ROOT, make


def test_second_make_does_no_dependency_work(html_dir: Path) -> None:
    """After a build, the venv, test-tools and node_modules stamps are up to date: make would not touch them."""
    result = make("--question", ".venv/.requirements.stamp", ".venv/.test-requirements.stamp", "node_modules/.package-lock.stamp")
    assert result.returncode == 0, "make would redo dependency work on the next `make html` or `make test`"


def test_deps_is_a_no_op_on_a_ready_machine() -> None:
    """make test's own `tools/deps.sh test`: quiet, and no apt-get, as any user."""
    result = subprocess.run([ROOT / "tools" / "deps.sh", "test"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
