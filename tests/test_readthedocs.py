"""The Read the Docs build: .readthedocs.yaml's own jobs, run the way Read the Docs runs them.

A fresh clone, RTD's environment variables, an unprivileged user, no /usr/bin/chromium,
only the Debian packages that `apt_packages` lists, and puppeteer's browser download
answered by a local stand-in (tests/machines.py). The jobs run in RTD's order, each as a
command of its own, and must leave the site, one PDF and one EPUB in $READTHEDOCS_OUTPUT.
"""

import subprocess
import zipfile

import pytest
import yaml
from helpers import ROOT
from machines import Machine, tail

CONFIG = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
JOBS = CONFIG["build"]["jobs"]
# RTD runs post_checkout, then each format's build job: html, then pdf, then epub.
ORDER = [("post_checkout", cmd) for cmd in JOBS.get("post_checkout", [])] + [
    (fmt, cmd) for fmt in ("html", "pdf", "epub") for cmd in JOBS["build"][fmt]
]
PROJECT, LANGUAGE, VERSION = "jupytercon-2018-notes", "zh-cn", "latest"
CANONICAL = f"https://{PROJECT}.readthedocs.io/{LANGUAGE}/{VERSION}/"


def test_config_shape() -> None:
    assert CONFIG["version"] == 2
    assert CONFIG["build"]["os"] == "ubuntu-24.04"
    assert CONFIG["build"]["tools"]["python"] == "3.13"
    assert "nodejs" in CONFIG["build"]["tools"]
    assert set(CONFIG["formats"]) == {"pdf", "epub"}
    assert [fmt for fmt, _ in ORDER if fmt != "post_checkout"] == ["html", "pdf", "epub"]


@pytest.fixture(scope="module")
def rtd(machine_parts) -> dict:
    """Run every job; return the machine, the output folder and the downloads seen after each job."""
    machine = Machine(machine_parts, "readthedocs", packages=CONFIG["build"]["apt_packages"])
    # RTD's layout: the checkout and the virtualenv it creates live under the build user's home.
    builds = machine.home / "checkouts" / "readthedocs.org" / "user_builds" / PROJECT
    checkout = machine.clone(builds / "checkouts" / VERSION)
    venv = builds / "envs" / VERSION
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
    machine.env = {
        "READTHEDOCS": "True",
        "READTHEDOCS_PRODUCTION_DOMAIN": "readthedocs.org",
        "READTHEDOCS_PROJECT": PROJECT,
        "READTHEDOCS_LANGUAGE": LANGUAGE,
        "READTHEDOCS_VERSION": VERSION,
        "READTHEDOCS_VERSION_NAME": VERSION,
        "READTHEDOCS_VERSION_TYPE": "branch",
        "READTHEDOCS_VIRTUALENV_PATH": str(venv),
        "READTHEDOCS_OUTPUT": str(checkout / "_readthedocs") + "/",
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
        "READTHEDOCS_REPOSITORY_PATH": str(checkout),
        "READTHEDOCS_GIT_CLONE_URL": f"https://example.invalid/{PROJECT}.git",
        "READTHEDOCS_GIT_IDENTIFIER": "main",
        "READTHEDOCS_GIT_COMMIT_HASH": commit,
    }
    # RTD's create_environment step: a virtualenv of build.tools.python, first on PATH.
    machine.path.append(str(venv / "bin"))
    created = machine.run(f"python{CONFIG['build']['tools']['python']} -m venv --without-pip {venv}", cwd=checkout)
    assert created.returncode == 0, tail(created)
    downloads = {}
    for job, command in ORDER:
        result = machine.run(command, cwd=checkout)
        assert result.returncode == 0, f"the {job} job failed: {command}\n{tail(result)}"
        downloads[job] = list(machine.downloads())
    return {"machine": machine, "output": checkout / "_readthedocs", "downloads": downloads}


def test_html_job_needs_no_browser(rtd) -> None:
    assert rtd["downloads"]["html"] == [], "the html job asked for a browser download"


def test_pdf_job_downloads_the_headless_shell_once(rtd) -> None:
    """No /usr/bin/chromium: puppeteer fetches its Chrome headless shell, once, for the figures."""
    fetched = [line for line in rtd["downloads"]["pdf"] if line.startswith("GET ")]
    assert len(fetched) == 1 and fetched[0].endswith("/chrome-headless-shell-linux64.zip 200"), rtd["downloads"]["pdf"]
    assert rtd["downloads"]["epub"] == rtd["downloads"]["pdf"], "the epub job downloaded again instead of reusing the cache"
    cache = rtd["machine"].home / ".cache" / "puppeteer" / "chrome-headless-shell"
    assert cache.is_dir(), "puppeteer's browser is not in the build user's cache"


def test_html_output(rtd) -> None:
    assert (rtd["output"] / "html" / "index.html").is_file()
    assert (rtd["output"] / "html" / "glossary.html").is_file()


@pytest.mark.parametrize("fmt, suffix", [("pdf", ".pdf"), ("epub", ".epub")])
def test_exactly_one_file(rtd, fmt: str, suffix: str) -> None:
    files = list((rtd["output"] / fmt).iterdir())
    assert len(files) == 1 and files[0].suffix == suffix, files
    head = files[0].read_bytes()[:60]
    # A PDF starts with its header; an EPUB is a zip whose first entry says what it is.
    assert head.startswith(b"%PDF-") if fmt == "pdf" else head[30:58] == b"mimetypeapplication/epub+zip"


def test_language_maps_to_sphinx(rtd) -> None:
    html = (rtd["output"] / "html" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html


def test_pdf_link_points_at_this_versions_download(rtd) -> None:
    html = (rtd["output"] / "html" / "keynotes" / "ufford.html").read_text(encoding="utf-8")
    assert f'href="https://{PROJECT}.readthedocs.io/_/downloads/{LANGUAGE}/{VERSION}/pdf/"' in html
    assert not list((rtd["output"] / "html").glob("*.pdf")), "the RTD site links RTD's PDF; it carries no copy"


def test_figures_are_drawn_in_the_pdf_and_epub(rtd) -> None:
    """mermaid-cli drew every diagram on puppeteer's browser: vector figures in the PDF, PNGs in the EPUB."""
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    diagrams = sum(
        len(BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select("pre.mermaid"))
        for page in (rtd["output"] / "html").rglob("*.html")
    )
    assert diagrams > 0
    pdf = next((rtd["output"] / "pdf").iterdir())
    figures = {
        (number, name)
        for number, page in enumerate(PdfReader(pdf).pages)
        for name, xobject in ((page.get("/Resources") or {}).get("/XObject") or {}).items()
        if xobject.get_object().get("/Subtype") == "/Form"
    }
    epub = next((rtd["output"] / "epub").iterdir())
    with zipfile.ZipFile(epub) as book:
        images = [n for n in book.namelist() if n.startswith("_images/mermaid-") and n.endswith(".png")]
    assert (len(figures), len(images)) == (diagrams, diagrams), f"{diagrams} diagrams, {len(figures)} PDF figures, {len(images)} EPUB images"
