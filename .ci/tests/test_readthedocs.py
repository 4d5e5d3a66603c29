"""The Read the Docs build: .readthedocs.yaml's own jobs, run the way Read the Docs runs them.

A fresh clone, RTD's environment variables, an unprivileged user, no /usr/bin/chromium,
only the Debian packages that `apt_packages` lists, and puppeteer's browser download
answered by a local stand-in (tests/machines.py). The jobs run in RTD's order, each as a
command of its own, and must leave the site, one HTML zip, one PDF and one EPUB in
$READTHEDOCS_OUTPUT.
"""

import zipfile

import pytest
from helpers import PDF_NAME
from machines import RTD_CONFIG, RTD_LANGUAGE, RTD_ORDER, RTD_PROJECT, RTD_VERSION


def test_config_shape() -> None:
    assert RTD_CONFIG["version"] == 2
    assert RTD_CONFIG["build"]["os"] == "ubuntu-24.04"
    assert RTD_CONFIG["build"]["tools"]["python"] == "3.13"
    assert "nodejs" in RTD_CONFIG["build"]["tools"]
    assert set(RTD_CONFIG["formats"]) == {"htmlzip", "pdf", "epub"}
    assert [fmt for fmt, _ in RTD_ORDER if fmt != "post_checkout"] == ["html", "htmlzip", "pdf", "epub"]


@pytest.fixture(scope="module")
def rtd(rtd_build) -> dict:
    """Every job run (tests/machines.py `read_the_docs`, started in the background when the run
    began): the machine, the output folder and the downloads seen after each job."""
    return rtd_build.result()


def test_html_jobs_need_no_browser(rtd) -> None:
    assert rtd["downloads"]["html"] == [], "the html job asked for a browser download"
    assert rtd["downloads"]["htmlzip"] == [], "the htmlzip job asked for a browser download"


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
    for data in ("glossary.json", "glossary.csv", "glossary.tbx"):  # the glossary as data, next to its page
        assert (rtd["output"] / "html" / data).stat().st_size > 1000, data


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
    html = (rtd["output"] / "html" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html


def test_pdf_link_points_at_this_versions_download(rtd) -> None:
    html = (rtd["output"] / "html" / "keynotes" / "ufford.html").read_text(encoding="utf-8")
    pdf = f"https://{RTD_PROJECT}.readthedocs.io/_/downloads/{RTD_LANGUAGE}/{RTD_VERSION}/pdf/"
    assert f'href="{pdf}"' in html
    assert f'<meta name="citation_pdf_url" content="{pdf}" />' in html, "Zotero and Google Scholar would miss the PDF"
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


def test_download_menu_asks_read_the_docs_for_the_sizes(rtd, page) -> None:
    """Read the Docs makes the files after the pages, so the menu asks this site for each
    download's size when it opens. Served as RTD serves them: the pages under /<lang>/<version>/
    and the files at /_/downloads/<lang>/<version>/<format>/ (a HEAD request gives the size)."""
    import functools
    import http.server
    import threading

    output = rtd["output"]
    files = {fmt: next((output / fmt).iterdir()) for fmt in ("pdf", "epub", "htmlzip")}
    downloads, pages = f"/_/downloads/{RTD_LANGUAGE}/{RTD_VERSION}/", f"/{RTD_LANGUAGE}/{RTD_VERSION}/"

    class ReadTheDocs(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = path.split("?")[0]
            if path.startswith(downloads) and path[len(downloads):].strip("/") in files:
                return str(files[path[len(downloads):].strip("/")])
            return str(output / "html" / path.removeprefix(pages)) if path.startswith(pages) else "/nonexistent"

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(ReadTheDocs, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}{pages}keynotes/ufford.html")
        page.locator("summary.book-downloads__button").click()
        for fmt, path in files.items():
            link = page.locator(f".book-downloads__list a.download-{fmt}")
            assert link.get_attribute("href") == f"https://{RTD_PROJECT}.readthedocs.io{downloads}{fmt}/", fmt
            size = f"（{path.stat().st_size / 1e6:.1f} MB）"
            page.wait_for_function("([selector, size]) => document.querySelector(selector).textContent === size",
                                   arg=[f"a.download-{fmt} .download-size", size], timeout=10_000)
    finally:
        server.shutdown()
    assert all(u.startswith(f"http://127.0.0.1:{server.server_port}/") for u in requests), requests
