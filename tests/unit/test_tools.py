"""The build entry point itself, on stand-ins for the machine: Python discovery, the Debian
packages each profile of tools/deps.sh asks for, the messages when something is missing, and
`make help`. Needs only .venv and node: no build of the book, no Debian package looked up for
real (dpkg-query, id and apt-get are shims where a test needs them)."""

import re
import shutil
import subprocess
from pathlib import Path

from helpers import ROOT, make

DEPS = ROOT / "tools" / "deps.sh"
FIND_PYTHON = ROOT / "tools" / "find-python"
NO_NODE = ("node", "nodejs", "npm", "npx")
NOT_ROOT = {"id": "echo 1000"}


def shim(folder: Path, name: str, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.unlink(missing_ok=True)
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return path


def machine_path(folder: Path, *, without=None, shims: dict[str, str] | None = None) -> str:
    """A PATH with `shims` (name -> shell script) in place of the real commands, and without the
    commands of /usr/bin that `without` names (then one folder: a copy of /usr/bin, as links)."""
    for name, script in (shims or {}).items():
        shim(folder, name, script)
    if without is None:
        return f"{folder}:/usr/bin:/bin"
    for tool in Path("/usr/bin").iterdir():
        if not without(tool.name) and not (folder / tool.name).exists():
            (folder / tool.name).symlink_to(tool)
    return str(folder)


def python_reporting(minor: int, log: Path) -> str:
    """A stand-in for python3.<minor>: answers find-python's version probe, and notes each call."""
    return f'echo "$0 $*" >> {log}\necho {minor}'


def find_python(path: str, pyenv_root: Path) -> subprocess.CompletedProcess:
    env = {"PATH": path, "PYENV_ROOT": str(pyenv_root), "HOME": str(pyenv_root)}
    return subprocess.run([FIND_PYTHON], env=env, capture_output=True, text=True, check=False)


def test_find_python_picks_the_newest_312_or_newer_on_path(tmp_path: Path) -> None:
    bin_, log = tmp_path / "bin", tmp_path / "calls"
    for name, minor in (("python3", 11), ("python3.12", 12), ("python3.13", 13)):
        shim(bin_, name, python_reporting(minor, log))
    result = find_python(str(bin_), tmp_path / "no-pyenv")
    assert (result.returncode, result.stdout.strip()) == (0, str(bin_ / "python3.13")), result.stderr


def test_find_python_looks_in_pyenv_when_path_has_none(tmp_path: Path) -> None:
    """pyenv's versions (root's ~/.pyenv on this machine) when PATH has only an old Python."""
    bin_, log, pyenv = tmp_path / "bin", tmp_path / "calls", tmp_path / "pyenv"
    shim(bin_, "python3", python_reporting(11, log))
    for version, minor in (("3.11.7", 11), ("3.12.1", 12)):
        shim(pyenv / "versions" / version / "bin", "python3", python_reporting(minor, log))
    result = find_python(str(bin_), pyenv)
    assert (result.returncode, result.stdout.strip()) == (0, str(pyenv / "versions/3.12.1/bin/python3")), result.stderr


def test_no_python_312_gives_a_clear_message(tmp_path: Path) -> None:
    """With only an old Python around (Debian 12's python3 is 3.11), make stops with a message,
    not a traceback, and creates no .venv."""
    log = tmp_path / "calls"
    path = machine_path(tmp_path / "path", without=lambda name: name.startswith("python"),
                        shims={"python3": python_reporting(11, log)})
    venv = tmp_path / "venv"  # where make would create it (VENV), so that this checkout's .venv is not seen
    env = {"PATH": path, "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path / "no-pyenv")}
    result = make("html", f"VENV={venv}", f"BUILDDIR={tmp_path / 'build'}", env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "needs Python 3.12 or newer" in output, output
    assert "Traceback" not in output
    assert log.read_text().split()[0].endswith("/python3"), "find-python did not ask the old Python"
    assert not venv.exists()


def test_make_html_without_node_names_the_command(tmp_path: Path) -> None:
    """A fresh clone, no Node.js, not root: `make html` prints the one command to run, and stops."""
    project = tmp_path / "project"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():  # not one deleted in the working tree
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)  # file times kept: .venv stays up to date
    (project / ".venv").symlink_to(ROOT / ".venv")
    env = {"PATH": machine_path(tmp_path / "path", without=lambda name: name in NO_NODE, shims=NOT_ROOT), "HOME": str(tmp_path)}
    result = make("html", cwd=project, env=env)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "deps: run as root:  apt-get update && apt-get install -y --no-install-recommends nodejs npm" in output, output
    assert "Traceback" not in output
    assert not (project / "node_modules").exists()


def test_deps_installs_node_from_debian_as_root(tmp_path: Path) -> None:
    """As root, `tools/deps.sh node` (which `make html` runs) installs nodejs and npm with apt-get."""
    calls, folder = tmp_path / "apt-get.calls", tmp_path / "path"
    # The stand-in apt-get records its arguments, and its install puts a node 20.19 and npm on PATH.
    installs = f'printf "#!/bin/sh\\necho v20.19.2\\n" | tee {folder}/node > {folder}/npm; chmod +x {folder}/node {folder}/npm'
    apt_get = f'echo "$*" >> {calls}\ncase "$*" in *install*) {installs} ;; esac'
    path = machine_path(tmp_path / "path", without=lambda name: name in NO_NODE, shims={"id": "echo 0", "apt-get": apt_get})
    result = subprocess.run([DEPS, "node"], env={"PATH": path}, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines() == ["update -qq", "install -y -qq --no-install-recommends nodejs npm"]


def test_deps_names_the_node_version_needed(tmp_path: Path) -> None:
    """Debian 12's nodejs is 18: too old for jsdom, and the message says so."""
    old = {"node": "echo v18.20.4", "npm": "echo 9.2.0"}
    result = subprocess.run([DEPS, "node"], env={"PATH": machine_path(tmp_path / "path", shims=old)},
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "needs Node.js 20.19 or newer" in result.stderr and "v18.20.4" in result.stderr, result.stderr


PROFILES = ("browser", "build", "test", "bench", "ci")


def deps_as_user(folder: Path, profile: str, missing: str = "*") -> subprocess.CompletedProcess:
    """tools/deps.sh PROFILE as a user who is not root, on a machine where the packages that
    match `missing` (a shell pattern; "*": all of them) are not installed."""
    dpkg_query = f'for p; do :; done\ncase "$p" in {missing}) printf not-installed ;; *) printf installed ;; esac'
    path = machine_path(folder / profile, shims={**NOT_ROOT, "dpkg-query": dpkg_query})
    return subprocess.run([DEPS, profile], env={"PATH": path}, capture_output=True, text=True, check=False)


def missing_packages(result: subprocess.CompletedProcess) -> list[str]:
    """The packages of the one apt-get command that deps.sh prints for a user who is not root."""
    found = re.findall(r"^deps: run as root:  apt-get update && apt-get install -y --no-install-recommends (.+)$",
                       result.stderr, re.M)
    assert result.returncode != 0 and len(found) == 1, result.stderr
    return found[0].split()


def test_deps_names_the_one_apt_get_command(tmp_path: Path) -> None:
    """Not root and nothing installed: each profile prints one apt-get command and stops. Each
    profile asks for all of the one before it, and for what its own commands run."""
    asked = {profile: missing_packages(deps_as_user(tmp_path, profile)) for profile in PROFILES}
    for smaller, larger in zip(PROFILES, PROFILES[1:]):
        assert asked[larger][: len(asked[smaller])] == asked[smaller], (smaller, larger)
    added = {larger: set(asked[larger]) - set(asked[smaller]) for smaller, larger in zip(PROFILES, PROFILES[1:])}
    assert "fonts-noto-cjk" in asked["browser"]  # the Chinese of the figures and of the PDF
    assert {"texlive-xetex", "latexmk", "poppler-utils"} <= added["build"]
    # The tests drive Debian's Chromium itself; the figures alone can do with puppeteer's browser.
    assert "chromium" in added["test"] and "chromium" not in asked["build"]
    assert {"epubcheck", "default-jre-headless"} <= added["test"]  # epubcheck, and Java for the Nu HTML Checker
    assert added["bench"] == {"nginx", "time"}  # bench/run.py serves with nginx and measures with /usr/bin/time
    assert {"openssl", "iproute2", "faketime"} <= added["ci"]  # .ci/tests/machines.py


def test_deps_is_quiet_when_everything_is_there(tmp_path: Path) -> None:
    """Not root, every package installed: no output, no apt-get, success (make test runs it)."""
    for profile in ("test", "bench", "ci"):
        result = deps_as_user(tmp_path, profile, missing="no-such-package")
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), (profile, result)


def test_deps_names_only_what_is_missing(tmp_path: Path) -> None:
    result = deps_as_user(tmp_path, "test", missing="chromium")
    assert missing_packages(result) == ["chromium"]


def test_help_lists_every_target() -> None:
    """Every target a person can run (the Makefile's .PHONY ones, but Read the Docs' own) has
    its line in `make help`."""
    phony = re.search(r"^\.PHONY:(.*)$", (ROOT / "Makefile").read_text(), re.M)[1].split()
    targets = [t for t in phony if t != "FORCE" and not t.startswith("rtd-")]
    listed = re.findall(r"^  make (\S+) ", make("help").stdout, re.M)
    assert sorted(listed) == sorted(targets)
