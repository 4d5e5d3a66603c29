"""The Read the Docs rehearsal: .readthedocs.yaml's own jobs, run the way Read the Docs runs
them, on a fresh machine with no browser. Run by .ci/readthedocs (as root).

A fresh clone, RTD's environment variables, an unprivileged user, no Debian Chromium,
only the Debian packages that `apt_packages` lists, an empty home and /tmp, no network but
loopback, and puppeteer's browser download answered by a local stand-in (machines.py). The
jobs run in RTD's order, each as a command of its own, and must leave the site, one HTML zip,
one PDF and one EPUB in $READTHEDOCS_OUTPUT.

The same machine is the fresh machine a person clones the book on: `make html` passes with no
browser to find or download, its pages are byte for byte this machine's, a malformed diagram
stops it with the file, the line and mermaid's message, and `make livehtml` serves the book
on loopback only.
"""

import filecmp
import ipaddress
import os
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import CHROMIUM, PDF_NAME, ROOT, make
from machines import RTD_CONFIG, RTD_FORMATS, RTD_JOBS, RTD_LANGUAGE, RTD_PROJECT, RTD_STEPS, RTD_VERSION, read_the_docs, tail

# The builds take minutes, all in the first test's setup.
pytestmark = pytest.mark.timeout(1800)
PAGE = "docs/highlights.md"  # where the malformed diagram is added
# The fresh machine's own `make html`, as a person runs it: RTD's variables unset, and the
# browser the pdf job had puppeteer download out of reach (an empty puppeteer cache).
NO_BROWSER = 'unset "${!READTHEDOCS@}"; export PUPPETEER_CACHE_DIR=$(mktemp -d)'
PLAIN = f"{NO_BROWSER}; make html"


def test_every_job_and_format_is_rehearsed() -> None:
    """The rehearsal runs every job .readthedocs.yaml has (a job in a step it does not know
    would be skipped), and every format RTD builds has its own job (else RTD would run its
    default Sphinx command, in the folder of conf.py: the repository root, node_modules and all)."""
    assert set(RTD_JOBS) <= set(RTD_STEPS), f"jobs in steps the rehearsal does not run: {set(RTD_JOBS) - set(RTD_STEPS)}"
    assert set(RTD_JOBS["build"]) <= set(RTD_FORMATS), set(RTD_JOBS["build"]) - set(RTD_FORMATS)
    assert set(RTD_JOBS["build"]) == {"html", *RTD_CONFIG["formats"]}


def test_read_the_docs_is_asked_for_what_the_build_needs() -> None:
    """build.tools gives the Python and the Node.js the Makefile needs (tools/find-python's and
    tools/deps.sh's minimums): the rehearsal's machine has Debian's node whatever the file says."""
    tools = RTD_CONFIG["build"]["tools"]
    python_min = int(re.search(r"^min_minor=(\d+)$", (ROOT / "tools" / "find-python").read_text(), re.M)[1])
    node_min = int(re.search(r"^node_min=\((\d+) \d+\)$", (ROOT / "tools" / "deps.sh").read_text(), re.M)[1])
    python = tuple(int(n) for n in str(tools.get("python", "0")).split("."))
    assert python[0] == 3 and python[1] >= python_min, f"build.tools.python {tools.get('python')}: the build needs 3.{python_min}"
    assert int(str(tools.get("nodejs", "0")).split(".")[0]) > node_min, f"build.tools.nodejs {tools.get('nodejs')}: the build needs node > {node_min}"


@pytest.fixture(scope="module")
def rtd(machine_parts) -> dict:
    """Every job run (machines.py `read_the_docs`): the machine, its checkout, the output
    folder, and each job's result and the downloads seen after it."""
    return read_the_docs(machine_parts)


def downloads(rtd: dict, job: str) -> list[str]:
    return rtd["jobs"][job]["downloads"]


def test_html_jobs_need_no_browser(rtd) -> None:
    """The machine really has no browser, and make html (the html job) and make htmlzip try to download none."""
    machine = rtd["machine"]
    probe = machine.run(f"command -v chromium chromium-browser google-chrome || ls {CHROMIUM}", cwd=machine.home)
    assert probe.returncode != 0, f"a browser is visible on the fresh machine:\n{probe.stdout}"
    assert downloads(rtd, "html") == [], "the html job asked for a browser download"
    assert downloads(rtd, "htmlzip") == [], "the htmlzip job asked for a browser download"
    assert not rtd["jobs"]["htmlzip"]["puppeteer_cache"], "puppeteer's cache was made before the pdf job"


def test_make_html_made_the_venv_and_the_site(rtd) -> None:
    result = rtd["jobs"]["html"]["result"]
    assert "build succeeded" in result.stdout, tail(result)
    assert (rtd["checkout"] / ".venv" / "bin" / "python").is_file(), "make html did not create .venv"


def test_pdf_job_downloads_the_headless_shell_once(rtd) -> None:
    """No Debian Chromium: puppeteer fetches its Chrome headless shell, once, for the figures."""
    fetched = [line for line in downloads(rtd, "pdf") if line.startswith("GET ")]
    assert len(fetched) == 1 and fetched[0].endswith("/chrome-headless-shell-linux64.zip 200"), downloads(rtd, "pdf")
    assert downloads(rtd, "epub") == downloads(rtd, "pdf"), "the epub job downloaded again instead of reusing the cache"
    cache = rtd["machine"].home / ".cache" / "puppeteer" / "chrome-headless-shell"
    assert cache.is_dir(), "puppeteer's browser is not in the build user's cache"


def test_html_output(rtd) -> None:
    assert (rtd["output"] / "html" / "index.html").is_file()
    assert (rtd["output"] / "html" / "glossary.html").is_file()
    for data in ("glossary.json", "glossary.csv", "glossary.tbx"):  # the glossary as data, next to its page
        assert (rtd["output"] / "html" / data).stat().st_size > 1000, data
    # Each page carries the CSS it can use in its head and links no stylesheet (_ext/critical.py), as locally.
    pages = [p for p in (rtd["output"] / "html").rglob("*.html") if "_static" not in p.parts]
    linking = [p.name for p in pages if 'rel="stylesheet"' in (text := p.read_text(encoding="utf-8")) or "<style>" not in text]
    assert len(pages) > 10 and linking == [], linking


@pytest.mark.parametrize("fmt, suffix", [("pdf", ".pdf"), ("epub", ".epub"), ("htmlzip", ".zip")])
def test_exactly_one_file(rtd, fmt: str, suffix: str) -> None:
    files = list((rtd["output"] / fmt).iterdir())
    assert len(files) == 1 and files[0].suffix == suffix, files
    head = files[0].read_bytes()[:60]
    # A PDF starts with its header; an EPUB is a zip whose first entry says what it is; the
    # HTML zip's first entry is in the book's one folder.
    assert {"pdf": head.startswith(b"%PDF-"), "epub": head[30:58] == b"mimetypeapplication/epub+zip",
            "htmlzip": head.startswith(b"PK\x03\x04") and head[30:].startswith(PDF_NAME.encode() + b"/")}[fmt]


def test_language_maps_to_sphinx(rtd) -> None:
    """Each project builds its own language's edition: zh-cn is Sphinx's zh_CN, en is en."""
    found = {language: re.search(r'<html lang="([^"]+)"', (output / "html" / "index.html").read_text(encoding="utf-8"))[1]
             for language, output in {RTD_LANGUAGE: rtd["output"], **rtd["translations"]}.items()}
    assert found == {"zh-cn": "zh-CN", "en": "en"}


def serve_read_the_docs(folders: dict[str, Path], files: dict[str, Path] | None = None):
    """A server laid out as Read the Docs serves a project and its translations: each language's
    site at /<language>/<version>/, the project's downloads (``files``, by format) at
    /_/downloads/<language>/<version>/<format>/, its 404 page at any other address (a context
    manager yielding the address)."""
    import contextlib
    import functools
    import http.server
    import threading

    downloads = f"/_/downloads/{RTD_LANGUAGE}/{RTD_VERSION}/"

    class ReadTheDocs(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = path.split("?")[0].split("#")[0]
            if files and path.startswith(downloads) and path[len(downloads):].strip("/") in files:
                return str(files[path[len(downloads):].strip("/")])
            language, _, rest = path.lstrip("/").partition(f"/{RTD_VERSION}/")
            return str(folders[language] / rest) if language in folders else "/nonexistent"

        def send_error(self, code: int, *args, **kwargs) -> None:
            if code != 404:
                return super().send_error(code, *args, **kwargs)
            body = (folders[RTD_LANGUAGE] / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    @contextlib.contextmanager
    def served():
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ReadTheDocs, directory="/nonexistent"))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_port}"
        finally:
            server.shutdown()

    return served()


def test_the_switcher_keeps_the_place_in_read_the_docs_layout(rtd, page) -> None:
    """The book's project and its English translation, served as Read the Docs serves them
    (/zh-cn/latest/, /en/latest/): from every fourth page (in name order), at the id of its last
    section, the switcher lands on the same page and id in the other edition, both ways; from
    the 404 page at a missing address, on the other edition's home page."""
    folders = {language: output / "html" for language, output in {RTD_LANGUAGE: rtd["output"], **rtd["translations"]}.items()}
    names = sorted(p.relative_to(folders[RTD_LANGUAGE]).as_posix() for p in folders[RTD_LANGUAGE].rglob("*.html")
                   if "_static" not in p.parts and p.name not in ("404.html", "genindex.html", "search.html"))
    misses = []
    with serve_read_the_docs(folders) as site:
        for name in names[::4]:
            anchor = re.findall(r'<section id="([^"]+)"', (folders[RTD_LANGUAGE] / name).read_text(encoding="utf-8"))[-1]
            for edition, other in ((RTD_LANGUAGE, "en"), ("en", RTD_LANGUAGE)):
                page.goto(f"{site}/{edition}/{RTD_VERSION}/{name}#{anchor}")
                with page.expect_navigation():
                    page.locator("nav.book-editions a").click()
                if unquote(page.url) != f"{site}/{other}/{RTD_VERSION}/{name}#{anchor}":
                    misses.append(f"{edition}/{name}#{anchor} -> {unquote(page.url)}")
        page.goto(f"{site}/{RTD_LANGUAGE}/{RTD_VERSION}/no/such/page.html")
        with page.expect_navigation():
            page.locator("nav.book-editions a").click()
        if page.url != f"{site}/en/{RTD_VERSION}/index.html":
            misses.append(f"404 -> {page.url}")
    assert not misses, "\n".join(misses)


ADDRESSES = ("keynotes/ufford.html", "no/such/page.html")


def test_the_search_dialog_in_read_the_docs_layout(rtd, page) -> None:
    """From a page one folder down under /<lang>/<version>/, and from the 404 page at a missing
    address two folders down, the search dialog loads its scripts and index from this version,
    each result links into it, and Enter lands on the first result. The query, on both: the first
    word of the page's title."""
    requests, misses, query = [], [], ""
    page.on("request", lambda r: requests.append(r.url))
    with serve_read_the_docs({RTD_LANGUAGE: rtd["output"] / "html"}) as site:
        base = f"{site}/{RTD_LANGUAGE}/{RTD_VERSION}/"
        for address in ADDRESSES:
            requests.clear()
            page.goto(base + address)
            page.keyboard.press("Control+k")
            query = query or re.split(r"[\s：:]+", page.locator("article h1").inner_text())[0]
            page.keyboard.insert_text(query)
            page.wait_for_function("performance.getEntriesByName('book-search').length > 0", timeout=10_000)
            links = page.eval_on_selector_all("#search-results .search-result", "links => links.map((a) => a.href)")
            if not links:
                misses.append(f"{address}: no result for {query}")
                continue
            with page.expect_navigation() as navigation:
                page.keyboard.press("Enter")
            searched = [u for u in requests if re.search(r"/(searchtools|language_data|book-search|searchindex)\.js$", u)]
            if not (len(searched) == 4 and all(u.startswith(base) for u in searched)):
                misses.append(f"{address}: scripts {searched}")
            if not all(link.startswith(base) for link in links):
                misses.append(f"{address}: links {links}")
            if not (page.url == links[0] and navigation.value.status == 200):
                misses.append(f"{address}: Enter -> {page.url} ({navigation.value.status})")
    assert misses == [], "\n".join(misses)


def test_pdf_link_points_at_this_versions_download(rtd) -> None:
    html = (rtd["output"] / "html" / "keynotes" / "ufford.html").read_text(encoding="utf-8")
    pdf = f"https://{RTD_PROJECT}.readthedocs.io/_/downloads/{RTD_LANGUAGE}/{RTD_VERSION}/pdf/"
    assert f'href="{pdf}"' in html
    meta = re.search(r'<meta name="citation_pdf_url" content="([^"]*)"', html)  # as written, or as Beasties writes it again
    assert meta and meta[1] == pdf, "Zotero and Google Scholar would miss the PDF"
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


def test_the_offline_zip_made_on_read_the_docs_switches_from_disk(rtd, page, tmp_path: Path) -> None:
    """The zip the htmlzip job made holds both editions (Read the Docs builds the zip whole): from
    disk, the switcher on a page deep in the Chinese edition lands on the same page in the English
    one (its links follow the zip's layout, not the server's)."""
    with zipfile.ZipFile(next((rtd["output"] / "htmlzip").iterdir())) as archive:
        archive.extractall(tmp_path)
    root = tmp_path / PDF_NAME
    page.goto((root / RTD_LANGUAGE / "keynotes" / "ufford.html").as_uri())
    with page.expect_navigation():
        page.locator("nav.book-editions a").click()
    assert page.url == (root / "en" / "keynotes" / "ufford.html").as_uri()


def test_download_menu_asks_read_the_docs_for_the_sizes(rtd, page) -> None:
    """Read the Docs makes the files after the pages, so the menu asks this site for each
    download's size when it opens. Served as RTD serves them: the pages under /<lang>/<version>/
    and the files at /_/downloads/<lang>/<version>/<format>/ (a HEAD request gives the size)."""
    output = rtd["output"]
    files = {fmt: next((output / fmt).iterdir()) for fmt in ("pdf", "epub", "htmlzip")}
    downloads = f"/_/downloads/{RTD_LANGUAGE}/{RTD_VERSION}/"
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    with serve_read_the_docs({RTD_LANGUAGE: output / "html"}, files) as site:
        page.goto(f"{site}/{RTD_LANGUAGE}/{RTD_VERSION}/keynotes/ufford.html")
        page.locator("summary.book-downloads__button").click()
        for fmt, path in files.items():
            link = page.locator(f".book-downloads__list a.download-{fmt}")
            assert link.get_attribute("href") == f"https://{RTD_PROJECT}.readthedocs.io{downloads}{fmt}/", fmt
            size = f"（{path.stat().st_size / 1e6:.1f} MB）"
            page.wait_for_function("([selector, size]) => document.querySelector(selector).textContent === size",
                                   arg=[f"a.download-{fmt} .download-size", size], timeout=10_000)
    assert all(u.startswith(f"{site}/") for u in requests), requests


# -- The same machine as a person's fresh clone ------------------------------------------------
@pytest.fixture(scope="module")
def reference_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make html` on this machine (root, Chromium installed), into a folder of its own."""
    builddir = tmp_path_factory.mktemp("reference")
    result = make("html", env={**os.environ, "BUILDDIR": str(builddir)})
    assert result.returncode == 0, f"the reference build failed: {tail(result)}"
    return builddir / "html"


def test_pages_are_those_of_the_normal_build(rtd, reference_html: Path) -> None:
    """`make html` with no browser: every file of the site is byte for byte the one this
    machine's build makes (the build info aside)."""
    machine, checkout = rtd["machine"], rtd["checkout"]
    asked = list(machine.downloads())
    result = machine.run(f"{PLAIN} BUILDDIR=_build/plain", cwd=checkout)
    assert result.returncode == 0 and "build succeeded" in result.stdout, tail(result)
    assert machine.downloads() == asked, "make html asked for a download"
    built = checkout / "_build" / "plain" / "html"
    names = lambda root: {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".buildinfo"}  # noqa: E731
    assert names(built) == names(reference_html)
    _, differ, errors = filecmp.cmpfiles(built, reference_html, sorted(names(built)), shallow=False)
    assert (differ, errors) == ([], [])
    assert len([n for n in names(built) if n.endswith(".html")]) > 10


def test_malformed_diagram_fails_naming_file_and_line(rtd) -> None:
    """A broken diagram after a valid one: with no browser, the error names the broken one's
    line, not the first's."""
    machine, checkout = rtd["machine"], rtd["checkout"]
    page = checkout / PAGE
    original = page.read_text(encoding="utf-8")
    broken = "    b[没有闭合的方括号 --> c[丙]"
    diagrams = f"\n```{{mermaid}}\nflowchart TB\n    a[甲] --> b[乙]\n```\n\n```{{mermaid}}\nflowchart TB\n    a[甲] --> b[乙]\n{broken}\n```\n"
    page.write_text(original + diagrams, encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(broken) + 1
    try:
        result = machine.run(f"{PLAIN} BUILDDIR=_build/broken", cwd=checkout)
    finally:
        page.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode != 0, tail(result)
    assert re.search(rf"{re.escape(PAGE)}:{line}: (WARNING|ERROR).*mermaid cannot parse this diagram", output), tail(result)
    assert "Parse error on line 3" in output, tail(result)
    assert len(re.findall("mermaid cannot parse", output)) == 1, "the valid diagram was reported too"


def listening_addresses(tables: str, port: int) -> set[str]:
    """The local addresses listening on this TCP port, from the text of /proc/net/tcp and tcp6."""
    found = set()
    for line in tables.splitlines():
        fields = line.split()
        if len(fields) < 4 or ":" not in fields[1] or fields[0] == "sl":
            continue
        address, port_hex = fields[1].split(":")
        if fields[3] == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
            raw = bytes.fromhex(address)
            # The kernel writes each 32-bit word in host (little-endian) order.
            found.add(str(ipaddress.ip_address(b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4)))))
    return found


def test_livehtml_serves_the_book_on_loopback_only(rtd) -> None:
    """`make livehtml` builds with no browser, then serves on 127.0.0.1 (and only there: the
    sockets of the machine's own network namespace)."""
    machine, checkout = rtd["machine"], rtd["checkout"]
    script = r"""
unset "${!READTHEDOCS@}"; export PUPPETEER_CACHE_DIR=$(mktemp -d)
setsid make livehtml LIVEHTML_PORT=8000 BUILDDIR=_build/livehtml > livehtml.log 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  if .venv/bin/python -c 'import urllib.request as u; print(u.urlopen("http://127.0.0.1:8000/index.html", timeout=5).read().decode())'; then
    echo "--- sockets"; cat /proc/net/tcp /proc/net/tcp6
    exit 0
  fi
  kill -0 $server 2>/dev/null || break
  sleep 0.5
done
cat livehtml.log >&2
exit 1
"""
    result = machine.run(script, cwd=checkout)
    assert result.returncode == 0, tail(result)
    page, sockets = result.stdout.split("--- sockets\n")
    assert "<title>" in page and "JupyterCon 2018" in page
    assert listening_addresses(sockets, 8000) == {"127.0.0.1"}
    assert machine.downloads() == downloads(rtd, "epub"), "make livehtml asked for a download"


def test_puppeteer_still_ignores_the_download_base_url(rtd) -> None:
    """Why the download host itself is stood in for: `puppeteer browsers install` (tools/deps.sh)
    takes no download base URL from PUPPETEER_CHROME_HEADLESS_SHELL_DOWNLOAD_BASE_URL (its CLI
    passes none to @puppeteer/browsers; only the postinstall download reads it). Asked to
    download into an empty cache with that variable set, it still asks the stand-in."""
    machine, before = rtd["machine"], len(rtd["machine"].downloads())
    unused = "https://127.0.0.2:9/nowhere"
    result = machine.run(f"PUPPETEER_CACHE_DIR=$(mktemp -d) PUPPETEER_CHROME_HEADLESS_SHELL_DOWNLOAD_BASE_URL={unused} "
                         "node_modules/.bin/puppeteer browsers install chrome-headless-shell", cwd=rtd["checkout"])
    asked = [line for line in machine.downloads()[before:] if line.startswith("GET ")]
    assert result.returncode == 0 and len(asked) == 1, (
        "puppeteer's CLI now takes the download base URL from the environment: the stand-in, its certificate "
        f"authority and the /etc/hosts entry (machines.py) can become a plain local server named there\n{tail(result)}")
