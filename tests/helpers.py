"""What the tests share, in one place: paths, facts read from conf.py, the make helper, the
browser, the screens and the drawing of diagrams. Imported by the test modules, the book tier's
and the rehearsals' conftest.py (tests/book, .ci/tests) and make bench (bench/run.py)."""

import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from conf_value import conf_value  # noqa: E402

BUILDDIR = ROOT / os.environ.get("BUILDDIR", "_build")
# The PDF's and EPUB's file name, read by running conf.py (the Makefile does the same).
PDF_NAME = conf_value("PDF_BASENAME")


def make(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run make and return the finished process, output captured as text (no colours: CI=true
    turns them on)."""
    env = {**(os.environ if env is None else env), "NO_COLOR": "1"}
    return subprocess.run(["make", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


# For the builds of a project's copy that check something other than the site's CSS: the step that
# cuts and inlines it (_ext/critical.py, a second or two a build) left out.
UNCUT_CSS = "-D book_critical_css=0"


def build(target: str) -> subprocess.CompletedProcess:
    result = make(target)
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def resolve(name: str, href: str) -> str:
    """The page a link on the built page ``name`` leads to, relative to the site root."""
    path = href.split("#")[0]
    if path.startswith("/"):
        return path.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name


def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


# Debian's Chromium, for the tests and make bench, at the path declared once in
# tools/chromium.path (tools/deps.sh and tools/mmdc read it too). No sandbox (CI runs as
# root, where it cannot start), and none of Chromium's background calls home.
CHROMIUM = Path((ROOT / "tools" / "chromium.path").read_text(encoding="utf-8").strip())
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The two screens the browser tests read pages at.
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def draw_diagrams(page) -> None:
    """Scroll to each diagram of the page and wait until it is drawn, its labels written (mermaid
    loads when one comes near). A diagram not drawn in time is passed over: the caller counts
    what was drawn."""
    for diagram in page.locator("pre.mermaid").all():
        diagram.scroll_into_view_if_needed()
        try:
            diagram.locator(":scope > svg .nodeLabel").first.wait_for()
        except Exception:  # noqa: BLE001  (Playwright's timeout; the caller sees the diagram undrawn)
            pass


def luminance(css_color: str) -> float:
    """The relative brightness of a CSS rgb()/rgba() colour, 0 to 255."""
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", css_color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def search(browser, site_url: str, queries: list[str]) -> dict[str, list[tuple[str, str]]]:
    """Each query run on the site's search.html in Chromium, through Sphinx's searchtools.js and
    the book's ordering (book-search.js): query -> the results as the page would list them, (page file,
    anchor), best first."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}/search.html")
    page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
    found = page.evaluate(
        """async (queries) => Object.fromEntries(await Promise.all(queries.map(async (query) => {
             const results = (await Search.phraseFirst(query)).reverse();
             return [query, results.map((r) => [r[0] + ".html", r[2]])];
           })))""",
        queries,
    )
    context.close()
    return {query: [tuple(r) for r in found[query]] for query in found}
