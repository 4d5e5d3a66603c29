"""Build the book the way a fresh machine and Read the Docs do, on this machine (the rehearsals).

CI runs `make test` on a machine where root has installed Debian's Chromium, TeX and every
cache, so a build there proves little about the two other machines that make readers' copies
of the book. A `Machine` gives a fresh clone of the project to a user without privileges
(nobody), in private mount and network namespaces (`unshare`, so these run as root), where:

- no browser can be found: /usr/bin is a hard-linked copy without chromium (unless the
  machine is given one: `browser=True` keeps Debian's);
- nothing can be downloaded and no third-party host reached: the network is loopback only;
- HOME and /tmp are empty: no pip, npm, puppeteer or jieba cache, nothing from earlier builds;
- root's home, and with it every cache of root's, is hidden (an empty tmpfs), except the
  Python >= 3.12 that the user is given, as a fresh machine or Read the Docs has one;
- the registries are stood in for by what they would serve, offline: a wheel of every pin
  in requirements.txt and a copy of npm's cache (both from this machine's caches);
- Chrome for Testing's download host is stood in for by standin_download.py, on
  127.0.0.1:443 of the namespace, with storage.googleapis.com pointed there by /etc/hosts;
- optionally, dpkg-query knows only a given list of Debian packages (Read the Docs'
  `apt_packages`).

The project's own commands then run unchanged.
"""

import os
import shlex
import signal
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from helpers import CHROMIUM, ROOT, make

NOBODY = 65534
PYTHON = Path(sys.base_prefix)  # the interpreter the tests run on: >= 3.12, like the venv's
STANDIN = Path(__file__).with_name("standin_download.py")
DOWNLOAD_HOST = "storage.googleapis.com"


def stop(process: subprocess.Popen) -> None:
    """Kill a process and everything it started (its process group)."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def clone(dest: Path) -> Path:
    """A clone of this checkout, with its uncommitted changes: what a commit of them would hold."""
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(dest)], check=True)
    diff = subprocess.run(["git", "-C", str(ROOT), "diff", "HEAD", "--binary"], capture_output=True, check=True).stdout
    if diff:
        subprocess.run(["git", "-C", str(dest), "apply", "--whitespace=nowarn"], input=diff, check=True)
    untracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-o", "--exclude-standard", "-z"],
                               capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, untracked):
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


@dataclass
class Parts:
    """What every machine of one test run shares: made once, read-only for the builds."""

    base: Path
    usr_bin: Path
    wheelhouse: Path
    npm_cache: Path
    browser: Path
    ca: Path
    cert: Path
    key: Path
    hosts: Path
    python_hold: Path

    @classmethod
    def make(cls) -> "Parts":
        assert shutil.which("unshare") and shutil.which("setpriv"), "util-linux's unshare and setpriv are needed"
        assert os.geteuid() == 0, "the machines are made by root, and then given to nobody"
        assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: the download stand-in starts Debian's Chromium (`make deps`)"
        # Not under /tmp: each machine gets an empty /tmp of its own.
        base = Path(tempfile.mkdtemp(prefix="book-machines-", dir="/var/tmp"))
        base.chmod(0o755)  # nobody must be able to enter it
        usr_bin = base / "usr-bin"
        subprocess.run(["cp", "-al", "/usr/bin", str(usr_bin)], check=True)
        for browser in usr_bin.glob("chromium*"):
            browser.unlink()
        # What the stand-in serves as puppeteer's browser starts Debian's launcher from here:
        # in a machine, /usr/bin has none.
        browser = base / "browser" / CHROMIUM.name
        browser.parent.mkdir()
        shutil.copy2(CHROMIUM, browser)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--disable-pip-version-check", "-q",
                        "-r", str(ROOT / "requirements.txt"), "-w", str(base / "wheelhouse")], check=True)
        npm_cache = base / "npm-cache"
        root_cache = subprocess.run(["npm", "config", "get", "cache"], capture_output=True, text=True, check=True).stdout.strip()
        # Not npm's tmp/: another npm (make bench's, in .ci/bench-smoke beside this) writes and
        # removes files there while this copies; what is cached is in content-v2 and index-v5.
        shutil.copytree(Path(root_cache) / "_cacache", npm_cache / "_cacache", symlinks=True,
                        ignore=lambda folder, names: ["tmp"] if Path(folder).name == "_cacache" else [])
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(npm_cache)], check=True)
        tls = base / "tls"
        tls.mkdir()
        ca, cert, key = _certificates(tls)
        hosts = base / "hosts"
        hosts.write_text(Path("/etc/hosts").read_text() + f"\n127.0.0.1 {DOWNLOAD_HOST}\n")
        hold = base / "python"
        hold.mkdir()
        return cls(base, usr_bin, base / "wheelhouse", npm_cache, browser, ca, cert, key, hosts, hold)

    def remove(self) -> None:
        subprocess.run(["rm", "-rf", str(self.base)], check=False)


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A test certificate authority, and a certificate it signs for the download host."""
    ca, ca_key, cert, key, csr = (folder / n for n in ("ca.pem", "ca.key", "server.pem", "server.key", "server.csr"))
    ext = folder / "server.ext"
    ext.write_text(f"subjectAltName=DNS:{DOWNLOAD_HOST}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    openssl = ["openssl"]
    for command in (
        [*openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca, "-days", "2",
         "-subj", "/CN=JupyterCon book tests CA", "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
        [*openssl, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", f"/CN={DOWNLOAD_HOST}"],
        [*openssl, "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial", "-out", cert,
         "-days", "2", "-extfile", ext],
    ):
        subprocess.run([str(c) for c in command], check=True, capture_output=True)
    ca.chmod(0o644)
    return ca, cert, key


@dataclass
class Machine:
    """One machine: a home, a clone of the project in it, and the environment of its user."""

    parts: Parts
    name: str
    env: dict[str, str] = field(default_factory=dict)
    path: list[str] = field(default_factory=list)  # folders put before the system's PATH
    packages: list[str] | None = None  # what dpkg-query knows of; None: the real dpkg-query
    browser: bool = False  # True: Debian's Chromium stays in /usr/bin

    def __post_init__(self) -> None:
        self.folder = self.parts.base / self.name
        self.home = self.folder / "home"
        self.home.mkdir(parents=True)
        self.log = self.folder / "downloads.log"  # the stand-in's requests
        self.log.touch()
        if self.packages is not None:
            shims = self.folder / "bin"
            shims.mkdir()
            known = self.folder / "packages"
            known.write_text("".join(f"{p}\n" for p in self.packages))
            dpkg = shims / "dpkg-query"
            # deps.sh asks `dpkg-query -W -f='${db:Status-Status}' PACKAGE`.
            dpkg.write_text(
                "#!/bin/sh\n# Only the packages this machine was given are installed.\n"
                f'for p; do :; done\ngrep -qxF -- "$p" {shlex.quote(str(known))} && printf installed && exit 0\n'
                'echo "dpkg-query: no packages found matching $p" >&2\nexit 1\n'
            )
            dpkg.chmod(0o755)
            self.path = [str(shims), *self.path]
        os.chown(self.home, NOBODY, NOBODY)

    def clone(self, dest: Path) -> Path:
        """A clone of this checkout, with its uncommitted changes, in the user's home and owned by them."""
        assert dest.is_relative_to(self.home)
        clone(dest)
        subprocess.run(["chown", "-R", f"{NOBODY}:{NOBODY}", str(self.home)], check=True)
        return dest

    def user_env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "USER": "nobody",
            "LOGNAME": "nobody",
            "LANG": "C.UTF-8",
            "PATH": ":".join([*self.path, str(PYTHON / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
            "NO_COLOR": "1",
            # The registries' stand-ins.
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(self.parts.wheelhouse),
            "npm_config_offline": "true",
            "npm_config_cache": str(self.parts.npm_cache),
            "NODE_EXTRA_CA_CERTS": str(self.parts.ca),
            **self.env,
        }

    def run(self, command: str, cwd: Path, timeout: float = 1200) -> subprocess.CompletedProcess:
        """Run a shell command as this machine's user, in its namespaces; output captured as
        text. Killed, with all it started, after `timeout` s."""
        process = self.start(command, cwd)
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop(process)
            stdout, stderr = process.communicate()
            return subprocess.CompletedProcess(process.args, -9, stdout, stderr + f"\nmachines: killed after {timeout} s")
        finally:
            stop(process)  # nothing once it has ended; an interrupted run leaves nothing running
        return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)

    def start(self, command: str, cwd: Path, log: Path | None = None) -> subprocess.Popen:
        """Start a shell command as this machine's user, in its namespaces, and return at once:
        `run` waits for it. The output is piped (as text), or written to `log` (a command left
        running while others run would fill the pipe and stop)."""
        q = lambda p: shlex.quote(str(p))  # noqa: E731
        ready = self.folder / "standin.ready"
        hide_root = ""
        if PYTHON.is_relative_to("/root"):
            # Hide root's home, but keep the Python the user is given at its own path
            # (its binary finds libpython there).
            hide_root = (f"mount --bind {q(PYTHON)} {q(self.parts.python_hold)}\n"
                         "mount -t tmpfs -o mode=0755 tmpfs /root\n"
                         f"mkdir -p {q(PYTHON)}\nmount --bind {q(self.parts.python_hold)} {q(PYTHON)}\n")
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.user_env().items())
        script = f"""set -euo pipefail
ip link set lo up
rm -f {q(ready)}
{q(sys.executable)} {q(STANDIN)} {q(self.parts.cert)} {q(self.parts.key)} {q(self.parts.browser)} {q(self.log)} {q(ready)} &
standin=$!
trap 'kill $standin 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -e {q(ready)} ] && break; sleep 0.1; done
[ -e {q(ready)} ] || {{ echo "machines: the download stand-in did not start" >&2; exit 1; }}
{"" if self.browser else f"mount --bind {q(self.parts.usr_bin)} /usr/bin"}
mount --bind {q(self.parts.hosts)} /etc/hosts
mount -t tmpfs -o mode=1777 tmpfs /tmp
{hide_root}cd {q(cwd)}
setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --inh-caps=-all -- env -i {env} bash -c {q(command)}
"""
        out = log.open("w") if log else subprocess.PIPE
        try:
            # A process group of its own: stop() ends the build, the stand-in and all they started.
            return subprocess.Popen(["unshare", "--mount", "--net", "--propagation", "private", "bash", "-c", script],
                                    stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT if log else subprocess.PIPE,
                                    text=True, start_new_session=True,
                                    env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8"})
        finally:
            if log:
                out.close()  # the child holds its own copy

    def downloads(self) -> list[str]:
        """The requests the download stand-in has answered so far."""
        return self.log.read_text(encoding="utf-8").splitlines()


def tail(result: subprocess.CompletedProcess, chars: int = 3000) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-chars:]}\n--- stderr\n{result.stderr[-chars:]}"


# -- Two builds, for test_reproducible.py -----------------------------------------------------
CLOCK_MOVED = "+400d"  # a year and a month on: another year, month and day in every date
OTHER_ZONE = "Pacific/Kiritimati"  # UTC+14: another calendar day than UTC for ten hours of each day


@dataclass
class SecondBuild:
    """`make site` in a clone (the site, the PDF, the EPUB and the offline zip), started before
    the first build (first_build), which runs meanwhile."""

    machine: Machine
    checkout: Path
    process: subprocess.Popen
    log: Path

    @classmethod
    def start(cls, parts: Parts) -> "SecondBuild":
        """The book built again the way another machine on another day would: another user
        (nobody), another checkout path, another time zone, the clock moved on, empty HOME and
        /tmp (no jieba or npm cache), another hash seed (Python's default, random)."""
        machine = Machine(parts, "second-build", browser=True, env={"TZ": OTHER_ZONE})
        checkout = machine.clone(machine.home / "src" / "elsewhere" / "jupytercon-2018-notes")
        # latexmk (perl) sees whether LaTeX wrote its files by comparing their times with the
        # clock; libfaketime moves the clock but not the times the kernel gives new files.
        command = (
            'echo "second build: user $(id -un), zone $(date +%z), date $(date -u +%F)"; '
            f"FAKETIME_SKIP_CMDS=perl faketime -f {CLOCK_MOVED} bash -c "
            '\'echo "second build: clock $(date -u +%F)"; make site\''
        )
        log = machine.folder / "build.log"
        return cls(machine, checkout, machine.start(command, checkout, log=log), log)

    def wait(self, timeout: float) -> int:
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop(self.process)
            return -9

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def first_build(parts: Parts) -> Path:
    """`make site` in a clone, from clean, as this machine builds: root, its zone, clock and
    caches. Returns the clone's _build."""
    checkout = clone(parts.base / "first-build" / "jupytercon-2018-notes")
    # The Makefile takes the dates from the commit, as in the second build (whose environment is its own).
    env = {k: v for k, v in os.environ.items() if k not in ("BUILDDIR", "SOURCE_DATE_EPOCH")}
    result = make("site", cwd=checkout, env=env)
    assert result.returncode == 0, f"the first build failed:\n{tail(result)}"
    return checkout / "_build"


# -- Read the Docs, for test_readthedocs.py ------------------------------------------------
RTD_CONFIG = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
RTD_JOBS = RTD_CONFIG["build"]["jobs"]
# The steps of a Read the Docs build that may hold a project's own jobs, in the order RTD runs
# them (docs.readthedocs.io, "Build process customization"), and the formats of its build step
# in its build director's order. The rehearsal creates the environment as RTD does by default
# (a virtualenv) and installs nothing: the Makefile does.
RTD_STEPS = ("post_checkout", "pre_system_dependencies", "post_system_dependencies", "pre_create_environment",
             "post_create_environment", "pre_install", "post_install", "pre_build", "build", "post_build")
RTD_FORMATS = ("html", "htmlzip", "pdf", "epub")


def rtd_order(jobs: dict) -> list[tuple[str, str]]:
    """Every command of .readthedocs.yaml's jobs as (step, or format in the build step; command), in RTD's order."""
    order = []
    for step in RTD_STEPS:
        if step == "build":
            order += [(fmt, cmd) for fmt in RTD_FORMATS for cmd in jobs.get("build", {}).get(fmt, [])]
        else:
            order += [(step, cmd) for cmd in jobs.get(step, [])]
    return order


RTD_PROJECT, RTD_LANGUAGE, RTD_VERSION = "jupytercon-2018-notes", "zh-cn", "latest"
# The English edition: a translation project of its own (its slug), served under the parent's
# domain at /en/<version>/. Its html job is rehearsed; its pdf, epub and htmlzip jobs (the same
# Makefile targets, for its language) are not yet.
RTD_TRANSLATIONS = {"en": f"{RTD_PROJECT}-en"}


def rtd_environment(project: str, language: str, checkout: Path, venv: Path) -> dict:
    """The variables Read the Docs sets for a build of ``project`` in ``language``."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    return {
        "READTHEDOCS": "True",
        "READTHEDOCS_PRODUCTION_DOMAIN": "readthedocs.org",
        "READTHEDOCS_PROJECT": project,
        "READTHEDOCS_LANGUAGE": language,
        "READTHEDOCS_VERSION": RTD_VERSION,
        "READTHEDOCS_VERSION_NAME": RTD_VERSION,
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_VIRTUALENV_PATH": str(venv),
        "READTHEDOCS_OUTPUT": str(checkout / "_readthedocs") + "/",
        "READTHEDOCS_CANONICAL_URL": f"https://{RTD_PROJECT}.readthedocs.io/{language}/{RTD_VERSION}/",
        "READTHEDOCS_REPOSITORY_PATH": str(checkout),
        "READTHEDOCS_GIT_CLONE_URL": f"https://example.invalid/{RTD_PROJECT}.git",
        "READTHEDOCS_GIT_IDENTIFIER": "main",
        "READTHEDOCS_GIT_COMMIT_HASH": commit,
    }


def rtd_project(machine: "Machine", project: str, language: str, formats: tuple[str, ...]) -> tuple[Path, dict]:
    """One project's build, as RTD runs it: its checkout and virtualenv under the build user's
    home, its variables, then its jobs in RTD's order (of the build step, ``formats`` only).
    Returns the checkout and each job's result, the downloads the stand-in had answered after
    it and whether puppeteer's cache existed then."""
    builds = machine.home / "checkouts" / "readthedocs.org" / "user_builds" / project
    checkout = machine.clone(builds / "checkouts" / RTD_VERSION)
    venv = builds / "envs" / RTD_VERSION
    machine.env = rtd_environment(project, language, checkout, venv)
    # RTD's create_environment step: a virtualenv of build.tools.python, first on PATH.
    machine.path = [*(p for p in machine.path if "/user_builds/" not in p), str(venv / "bin")]
    python = RTD_CONFIG["build"]["tools"]["python"]
    created = machine.run(f"python{python} -m venv --without-pip {venv}", cwd=checkout)
    assert created.returncode == 0, tail(created)
    jobs = {}
    for job, command in rtd_order(RTD_JOBS):
        if job in RTD_FORMATS and job not in formats:
            continue
        result = machine.run(command, cwd=checkout)
        assert result.returncode == 0, f"{project}: the {job} job failed: {command}\n{tail(result)}"
        jobs[job] = {"result": result, "downloads": machine.downloads(),
                     "puppeteer_cache": (machine.home / ".cache" / "puppeteer").exists()}
    return checkout, jobs


def read_the_docs(parts: Parts) -> dict:
    """Run every job of .readthedocs.yaml the way RTD does, on a fresh machine with no browser,
    for the book's project; then the html job of each translation project. Returns the machine,
    the project's checkout, its output folder and each job's result (rtd_project), and each
    translation's output folder by language."""
    machine = Machine(parts, "readthedocs", packages=RTD_CONFIG["build"]["apt_packages"])
    checkout, jobs = rtd_project(machine, RTD_PROJECT, RTD_LANGUAGE, RTD_FORMATS)
    # The tests that run more on this machine run as the book's project.
    env, path = dict(machine.env), list(machine.path)
    translations = {language: rtd_project(machine, project, language, ("html",))[0] / "_readthedocs"
                    for language, project in RTD_TRANSLATIONS.items()}
    machine.env, machine.path = env, path
    return {"machine": machine, "checkout": checkout, "output": checkout / "_readthedocs", "jobs": jobs,
            "translations": translations}
