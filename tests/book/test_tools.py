"""The build entry point itself: Python discovery, and cheap no-op paths."""

import ipaddress
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from helpers import ROOT, make


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


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on this TCP port, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
                raw = bytes.fromhex(address)
                # The kernel writes each 32-bit word in host (little-endian) order.
                words = [raw[i : i + 4][::-1] for i in range(0, len(raw), 4)]
                found.add(str(ipaddress.ip_address(b"".join(words))))
    return found


@pytest.mark.slow  # builds the whole book into an empty folder
def test_livehtml_serves_the_book_on_loopback_only(tmp_path: Path) -> None:
    """`make livehtml` builds, then serves on 127.0.0.1 (and only there)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "LIVEHTML_PORT": str(port), "BUILDDIR": str(tmp_path / "build")}
    server = subprocess.Popen(
        ["make", "livehtml"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                assert server.poll() is None, "make livehtml exited"
                time.sleep(0.5)
        assert page is not None, "nothing answered on 127.0.0.1 within 120 s"
        assert "<title>" in page and "JupyterCon 2018" in page
        assert listening_addresses(port) == {"127.0.0.1"}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_deps_without_root_prints_the_command(tmp_path: Path) -> None:
    """Not root and a package missing: deps.sh names the exact apt-get command and stops."""
    shims = tmp_path / "bin"
    shims.mkdir()
    # dpkg-query that knows of no installed package, and id that says "not root".
    (shims / "dpkg-query").write_text("#!/bin/sh\necho not-installed\n")
    (shims / "id").write_text("#!/bin/sh\necho 1000\n")
    for shim in shims.iterdir():
        shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shims}:{os.environ['PATH']}"}
    result = subprocess.run([ROOT / "tools" / "deps.sh", "build"], env=env, capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk texlive-xetex" in result.stderr
    assert "fonts-noto-cjk" in result.stderr
    assert "chromium" not in result.stderr  # only the test profile needs the browser


def machine_path(tmp_path: Path, *, without: tuple[str, ...] = (), shims: dict[str, str] | None = None) -> str:
    """A PATH of one folder: every command of /usr/bin except `without`, then `shims` (name -> script)."""
    folder = tmp_path / "path"
    folder.mkdir()
    for tool in Path("/usr/bin").iterdir():
        if tool.name not in without:
            (folder / tool.name).symlink_to(tool)
    for name, script in (shims or {}).items():
        (folder / name).unlink(missing_ok=True)
        (folder / name).write_text(f"#!/bin/sh\n{script}\n")
        (folder / name).chmod(0o755)
    return str(folder)


NO_NODE = ("node", "nodejs", "npm", "npx")
NOT_ROOT = {"id": "echo 1000"}


def test_make_html_without_node_names_the_command(project_copy, tmp_path: Path) -> None:
    """A fresh clone, no Node.js, not root: `make html` prints the one command to run, and stops."""
    project = project_copy()
    (project / "node_modules").unlink()
    env = {"PATH": machine_path(tmp_path, without=NO_NODE, shims=NOT_ROOT), "HOME": str(tmp_path)}
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
    path = machine_path(tmp_path, without=NO_NODE, shims={"id": "echo 0", "apt-get": apt_get})
    result = subprocess.run([ROOT / "tools" / "deps.sh", "node"], env={"PATH": path}, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert calls.read_text().splitlines() == ["update -qq", "install -y -qq --no-install-recommends nodejs npm"]


def test_deps_names_the_node_version_needed(tmp_path: Path) -> None:
    """Debian 12's nodejs is 18: too old for jsdom, and the message says so."""
    old = {"node": "echo v18.20.4", "npm": "echo 9.2.0"}
    result = subprocess.run([ROOT / "tools" / "deps.sh", "node"], env={"PATH": machine_path(tmp_path, shims=old)},
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert "needs Node.js 20.19 or newer" in result.stderr and "v18.20.4" in result.stderr, result.stderr
