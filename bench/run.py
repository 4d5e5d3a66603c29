"""make bench: build speed, page weight and Lighthouse scores, against bare Sphinx and the stock stack.

    make bench            the full run (about 25 minutes on 2 cores)
    make bench QUICK=1    a smoke run (about 3 minutes): one pair of each and no warm-up, small
                          synthetic books, one Lighthouse run on two pages; writes to
                          $BUILDDIR/bench and leaves MAINTAINING.md alone

Every time figure is a ratio between two builds measured alternately in the same run
(A B A B ..., after one warm-up of each), so a slow or noisy machine slows both sides.
Every figure says how many runs it comes from, with min / median / max.
Writes bench/results/latest.json and latest.md, and the summary table in MAINTAINING.md.
"""

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(2, str(Path(__file__).resolve().parents[1]))  # the _ext package (its HAN)
import books  # noqa: E402
from helpers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the path declared once, in tools/chromium.path)
import report  # noqa: E402
import search_queries  # noqa: E402  (the rule-drawn query set that tests/book/test_search.py uses)

ROOT = books.ROOT
BENCH = ROOT / "bench"
PY = sys.executable
STRICT = ["-W", "--keep-going", "-n"]
EDITED_PAGE = "keynotes/farr.md"
# The page types of the book, by a page of each type.
PAGE_TYPES = {
    "index": "index.html",
    "text": "keynotes/farr.html",
    "glossary": "glossary.html",
    "diagram": "keynotes/abernathey.html",
    "search": "search.html",
}
# Pages Sphinx writes on every build that is not a no-op, whatever changed ("writing
# additional pages"); the edit figures count the documents written besides these.
ALWAYS_WRITTEN = {"genindex.html", "search.html", "404.html"}
LIGHTHOUSE_PAGES = ("index", "text", "glossary", "diagram", "search")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def stats(values: list[float], digits: int = 3) -> dict:
    return {
        "runs": len(values),
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


# -- One build, timed ------------------------------------------------------------------
class Build:
    """A sphinx-build command line for one of the books, with its own output folders."""

    def __init__(self, name: str, srcdir: Path, confdir: Path | None, outroot: Path, strict: bool, jobs: str = "",
                 builddir: Path | None = None, options: tuple[str, ...] = ()):
        self.name, self.srcdir, self.confdir, self.outroot = name, srcdir, confdir, outroot
        # conf.py looks for the PDF under $BUILDDIR: the same for builds whose outputs are compared.
        self.builddir = builddir or outroot
        self.outdir, self.doctrees = outroot / "html", outroot / ".doctrees" / "html"
        conf = ["-c", str(confdir)] if confdir else []
        self.cmd = [PY, "-m", "sphinx", *conf, *(STRICT if strict else []), "-q", *(["-j", jobs] if jobs else []),
                    *options, "-b", "html", "-d", str(self.doctrees), str(srcdir), str(self.outdir)]
        self.strict = strict

    def clean(self) -> None:
        shutil.rmtree(self.outdir, ignore_errors=True)
        shutil.rmtree(self.doctrees, ignore_errors=True)

    def run(self, only: list[Path] | None = None) -> dict:
        """Run the build under /usr/bin/time -v: wall time (s) and peak memory (MB). With
        `only`, every page is read but only these source files are written."""
        env = {**os.environ, "BUILDDIR": str(self.builddir), "PYTHONHASHSEED": "0"}
        cmd = [*self.cmd, *(str(p) for p in only or ())]
        return timed(cmd, env=env, cwd=self.confdir or self.srcdir, what=self.name, must_pass=self.strict)

    def pages(self) -> dict[str, int]:
        """Output page -> mtime (ns): which pages a build wrote."""
        return {str(p.relative_to(self.outdir)): p.stat().st_mtime_ns for p in self.outdir.rglob("*.html")
                if "_static" not in p.parts}


def timed(cmd: list[str], env: dict, cwd: Path, what: str, must_pass: bool = True) -> dict:
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report_file:
        start = time.perf_counter()
        run = subprocess.run(["/usr/bin/time", "-v", "-o", report_file.name, *cmd], env=env, cwd=cwd,
                             capture_output=True, text=True, check=False)
        wall = time.perf_counter() - start
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", report_file.read())[1])
    if run.returncode != 0 and must_pass:
        sys.exit(f"bench: the {what} build failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    return {"wall": wall, "rss_mb": rss_kb / 1024}


def alternate(pairs: int, a, b, warm_up: bool) -> tuple[list[dict], list[dict]]:
    """Run a() and b() one after the other, `pairs` times, after one warm-up of each if asked."""
    if warm_up:
        a(), b()
    runs_a, runs_b = [], []
    for _ in range(pairs):
        runs_a.append(a())
        runs_b.append(b())
    return runs_a, runs_b


def compare(runs_a: list[dict], runs_b: list[dict], goal: float | None = None) -> dict:
    """Both sides' figures, and the ratio a/b per pair."""
    ratios = [x["wall"] / y["wall"] for x, y in zip(runs_a, runs_b)]
    out = {
        "a": {"wall_s": stats([r["wall"] for r in runs_a]), "rss_mb": stats([r["rss_mb"] for r in runs_a], 0)},
        "b": {"wall_s": stats([r["wall"] for r in runs_b]), "rss_mb": stats([r["rss_mb"] for r in runs_b], 0)},
        "ratio": stats(ratios, 2),
    }
    if goal is not None:
        out["goal"], out["met"] = goal, out["ratio"]["median"] <= goal
    return out


def clean_then(build: Build):
    def go() -> dict:
        build.clean()
        return build.run()
    return go


def edit_then(build: Build, page: Path, written: list):
    """Touch one page, rebuild, and note which output pages were written."""
    def go() -> dict:
        before = build.pages()
        os.utime(page)
        result = build.run()
        after = build.pages()
        written.append(sorted(p for p, t in after.items() if before.get(p) != t and p not in ALWAYS_WRITTEN))
        return result
    return go


# -- Build speed -------------------------------------------------------------------
def speed(work: Path, pairs: int, pdf_runs: int, warm_up: bool) -> dict:
    project_dir = books.copy_project(work / "project")
    bare_docs = books.make_bare(work / "bare")
    project = Build("project", project_dir / "docs", project_dir, project_dir / "_build", strict=True)
    bare = Build("bare", bare_docs, None, work / "bare" / "_build", strict=False)
    out = {}

    print("speed: full HTML build, project against bare", flush=True)
    out["html_full"] = compare(*alternate(pairs, clean_then(project), clean_then(bare), warm_up), goal=1.5)

    print("speed: no-op rebuild, project against bare", flush=True)
    out["html_noop"] = compare(*alternate(pairs, project.run, bare.run, warm_up), goal=1.2)

    print("speed: one-page edit", flush=True)
    written_project, written_bare = [], []
    edit = compare(*alternate(
        pairs,
        edit_then(project, project_dir / "docs" / EDITED_PAGE, written_project),
        edit_then(bare, bare_docs / EDITED_PAGE, written_bare),
        warm_up,
    ))
    edit["page"] = EDITED_PAGE
    edit["written_a"], edit["written_b"] = written_project[-1], written_bare[-1]
    edit["written_a_always_the_same"] = all(w == written_project[-1] for w in written_project)
    out["html_edit"] = edit

    print("speed: parallel (-j auto) against serial", flush=True)
    # Both in the same folders (paths end up in the output), the parallel output kept aside.
    outroot = project_dir / "_build-jobs"
    parallel = Build("project -j auto", project_dir / "docs", project_dir, outroot, True, "auto", project_dir / "_build")
    serial = Build("project serial", project_dir / "docs", project_dir, outroot, True, builddir=project_dir / "_build")
    kept = project_dir / "_build-jobs-parallel"

    def parallel_kept() -> dict:
        result = clean_then(parallel)()
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(parallel.outdir, kept)
        return result

    out["html_parallel"] = compare(*alternate(pairs, parallel_kept, clean_then(serial), warm_up))
    out["html_parallel"]["differing_files"] = differing_files(kept, serial.outdir)

    print("speed: PDF from clean, and the no-op rebuild", flush=True)
    out["pdf"] = pdf(project_dir, pdf_runs, max(pairs, 3))
    return out


def differing_files(a: Path, b: Path) -> list[str]:
    """Files present in only one of two output folders, or with different bytes."""
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    differ = files_a ^ files_b
    differ |= {p for p in files_a & files_b if (a / p).read_bytes() != (b / p).read_bytes()}
    return sorted(str(p) for p in differ)


def pdf(project_dir: Path, clean_runs: int, noop_runs: int) -> dict:
    builddir = project_dir / "_build"
    make = ["make", "--no-print-directory", "-C", str(project_dir), "pdf", f"BUILDDIR={builddir}",
            f"VENV={ROOT / '.venv'}", "EDITIONS=zh-cn"]
    env = dict(os.environ)
    clean, noop = [], []
    for _ in range(clean_runs):
        for sub in ("latex", "pdf", ".doctrees/latex"):
            shutil.rmtree(builddir / sub, ignore_errors=True)
        clean.append(timed(make, env, project_dir, "PDF"))
    for _ in range(noop_runs):
        noop.append(timed(make, env, project_dir, "PDF no-op"))
    return {
        "clean": {"wall_s": stats([r["wall"] for r in clean]), "rss_mb": stats([r["rss_mb"] for r in clean], 0)},
        "noop": {"wall_s": stats([r["wall"] for r in noop]), "goal_s": 1.0,
                 "met": statistics.median(r["wall"] for r in noop) < 1.0},
    }


# -- Page weight -------------------------------------------------------------------
class Site:
    """A built site served over 127.0.0.1 by Python's HTTP server."""

    def __init__(self, root: Path):
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(root)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()


# The CSS the first paint waits for, as the page was served: its head's <style> elements and the
# stylesheets its head links for every medium (not print, not in <noscript>), each gzipped.
BLOCKING_CSS = """() => [...document.head.querySelectorAll("style, link[rel~=stylesheet]")]
  .filter((e) => !e.closest("noscript") && (e.tagName === "STYLE" || ["", "all", "screen"].includes(e.media)))
  .map((e) => e.tagName === "STYLE" ? {text: e.textContent} : {href: e.href})"""


def page_weight(browser, url: str) -> dict:
    context = browser.new_context(java_script_enabled=False)  # the head as served, before any script
    page = context.new_page()
    page.goto(url)
    blocking = page.evaluate(BLOCKING_CSS)
    context.close()
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    bodies = [r.body() for r in responses]
    by_url = {r.url: body for r, body in zip(responses, bodies, strict=True)}
    hosts = sorted({re.sub(r"^https?://([^/]+).*", r"\1", r.url) for r in responses})
    context.close()
    css = [(e["text"].encode(), url) if "text" in e else (by_url[e["href"]], e["href"]) for e in blocking]
    for text, base in css:  # and what they @import (the theme's theme.css: basic.css)
        css += [(by_url[u], u) for href in re.findall(rb'@import\s+(?:url\()?["\']?([^"\')]+)', text)
                if (u := urljoin(base, href.decode())) in by_url]
    return {"requests": len(bodies), "raw_bytes": sum(map(len, bodies)),
            "gzip_bytes": sum(len(gzip.compress(b, 6)) for b in bodies), "hosts": hosts,
            "blocking_css_gzip_bytes": sum(len(gzip.compress(b, 6)) for b, _ in css)}


def weight(sites: dict[str, Path]) -> dict:
    from playwright.sync_api import sync_playwright
    out = {kind: {} for kind in PAGE_TYPES}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, root in sites.items():
            site = Site(root)
            for kind, path in PAGE_TYPES.items():
                out[kind][name] = page_weight(browser, f"{site.url}/{path}")
            site.close()
        browser.close()
    return out


# -- Search ------------------------------------------------------------------------
# Each query of tests/search_queries.py, run on each site's search.html in Chromium: recall
# (pages holding the query that the results list), the index's size, and the time of
# Sphinx's search itself (the project's ordering, which reads the result pages, is timed apart).
SEARCH_JS = """async (queries) => {
  const out = {};
  for (const query of queries) {
    const t0 = performance.now();
    const raw = Search._performSearch(...Search._parseQuery(query));
    const t1 = performance.now();
    const shown = Search.phraseFirst ? await Search.phraseFirst(query) : raw;
    out[query] = {ms: t1 - t0, all_ms: performance.now() - t0, pages: shown.map((r) => r[0] + ".html")};
  }
  return out;
}"""


def search(sites: dict[str, Path]) -> dict:
    """The Chinese queries on the Chinese sites (the project's and the stock one), the English
    edition's own (tests/search_queries.py's two rules) on the English site."""
    from playwright.sync_api import sync_playwright
    chinese = search_queries.draw(search_queries.book_pages(sites["project"]))
    out = {"queries": len(chinese)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name, root in sites.items():
            if name == "english":
                texts = search_queries.english_texts(root)
                queries = search_queries.draw_english(texts, search_queries.english_stopwords(root))
                holding = search_queries.holding_word
            else:
                texts = {p: search_queries.flat(search_queries.page_text(soup)) for p, soup in search_queries.book_pages(root).items()}
                queries, holding = chinese, search_queries.holding
            site = Site(root)
            page = browser.new_page()
            page.goto(f"{site.url}/search.html")
            page.wait_for_function("() => typeof Search !== 'undefined' && Search.hasIndex()")
            found = page.evaluate(SEARCH_JS, queries)
            page.close()
            site.close()
            wanted = [(q, p) for q in queries for p in holding(q, texts)]
            out[name] = {
                "queries": len(queries),
                "recall": sum(p in found[q]["pages"] for q, p in wanted) / len(wanted), "pairs": len(wanted),
                "queries_all_found": sum(holding(q, texts) <= set(found[q]["pages"]) for q in queries),
                "index_gzip_bytes": len(gzip.compress((root / "searchindex.js").read_bytes(), 6)),
                "search_ms": stats([found[q]["ms"] for q in queries]),
                "with_ordering_ms": stats([found[q]["all_ms"] for q in queries]),
            }
        browser.close()
    return out


# -- Search dialog -----------------------------------------------------------------
# The search as the reader types in the dialog of the text page (book-search.js), on each edition:
# what opening it first costs (the requests it starts, gzipped, and the time until the index is in),
# and for each query of the set, the time from the end of the dialog's pause after typing to the
# results shown (book-search.js measures it as "book-search").
OPEN_DIALOG = """async () => {
  const start = performance.now();
  document.querySelector(".search-button-field").click();
  while (typeof Search === "undefined" || !Search.hasIndex()) await new Promise((r) => setTimeout(r, 1));
  return performance.now() - start;
}"""


def search_dialog(sites: dict[str, Path], every: int) -> dict:
    from playwright.sync_api import sync_playwright
    out = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for name in ("project", "english"):
            root = sites[name]
            if name == "english":
                queries = search_queries.draw_english(search_queries.english_texts(root), search_queries.english_stopwords(root))
            else:
                queries = search_queries.draw(search_queries.book_pages(root))
            queries = queries[::every]
            site = Site(root)
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{site.url}/{PAGE_TYPES['text']}", wait_until="networkidle")
            page.mouse.move(300, 300)  # the first move's script (Bootstrap's) is not the dialog's
            page.wait_for_function("() => window.bootstrap")
            before = len(responses)
            open_ms = page.evaluate(OPEN_DIALOG)
            page.wait_for_load_state("networkidle")
            opened = responses[before:]
            for query in queries:
                done = page.evaluate("performance.getEntriesByName('book-search').length")
                page.keyboard.press("Control+a")
                page.keyboard.insert_text(query)
                page.wait_for_function("n => performance.getEntriesByName('book-search').length > n", arg=done)
            times = page.evaluate("performance.getEntriesByName('book-search').map((e) => e.duration)")
            out[name] = {
                "queries": len(queries),
                "open_ms": round(open_ms, 1),
                "open_requests": [re.sub(r"^https?://[^/]+/", "", r.url) for r in opened],
                "open_gzip_bytes": sum(len(gzip.compress(r.body(), 6)) for r in opened),
                "results_ms": stats(times, 1),
            }
            context.close()
            site.close()
        browser.close()
    return out


# -- Lighthouse --------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx(sites: dict[str, Path], work: Path) -> tuple[subprocess.Popen, dict[str, str]]:
    """One nginx (Debian's) serving each site with gzip on its own 127.0.0.1 port."""
    ports = {name: free_port() for name in sites}
    servers = "\n".join(f"    server {{ listen 127.0.0.1:{ports[n]}; root {root}; }}" for n, root in sites.items())
    conf = (BENCH / "nginx.conf").read_text().replace("@TMP@", str(work)).replace("@SERVERS@", servers)
    (work / "nginx.conf").write_text(conf)
    process = subprocess.Popen(["nginx", "-p", str(work), "-c", str(work / "nginx.conf")])
    for name, port in ports.items():
        for _ in range(100):
            if process.poll() is not None:
                sys.exit(f"bench: nginx stopped: {(work / 'nginx-error.log').read_text()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            sys.exit(f"bench: nginx does not answer on 127.0.0.1:{port}")
    return process, {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}


def lighthouse(url: str, work: Path) -> dict:
    out = work / "lighthouse.json"
    cmd = [str(BENCH / "node_modules" / ".bin" / "lighthouse"), url, "--quiet", "--output=json",
           f"--output-path={out}", "--only-categories=" + ",".join(CATEGORIES),
           "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS])]
    run = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f"bench: lighthouse failed on {url}:\n{run.stderr[-3000:]}")
    data = json.loads(out.read_text())
    if data.get("runtimeError"):
        sys.exit(f"bench: lighthouse failed on {url}: {data['runtimeError']}")
    audits = data["audits"]
    return {
        **{c: round(data["categories"][c]["score"] * 100) for c in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": sorted(k for c in CATEGORIES for ref in data["categories"][c]["auditRefs"] if ref["weight"] > 0
                         and (k := ref["id"]) and audits[k].get("score") is not None and audits[k]["score"] < 1),
    }


def lighthouse_all(sites: dict[str, Path], work: Path, runs: int, kinds=LIGHTHOUSE_PAGES) -> dict:
    process, urls = nginx(sites, work)
    try:
        out = {}
        for kind in kinds:
            results = {name: [] for name in sites}
            for _ in range(runs):
                for name in sites:  # alternately
                    results[name].append(lighthouse(f"{urls[name]}/{PAGE_TYPES[kind]}", work))
            out[kind] = {name: summarise_lighthouse(r) for name, r in results.items()}
            print(f"lighthouse: {kind}: " + ", ".join(f"{n} {out[kind][n]['scores']}" for n in sites), flush=True)
        return out
    finally:
        process.terminate()
        process.wait()


def summarise_lighthouse(results: list[dict]) -> dict:
    return {
        "runs": len(results),
        "scores": {c: statistics.median(r[c] for r in results) for c in CATEGORIES},
        "score_ranges": {c: stats([r[c] for r in results], 0) for c in CATEGORIES},
        "metrics_median": {m: round(statistics.median(r[m] for r in results), 3)
                           for m in ("fcp_ms", "lcp_ms", "tbt_ms", "cls")},
        "audits_below_full_score": sorted({a for r in results for a in r["failed"]}),
    }


# -- Scale -------------------------------------------------------------------------
def scale(work: Path, factors: list[int], edit_runs: int) -> dict:
    out = {}
    for factor in factors:
        print(f"scale: synthetic book, {factor}x", flush=True)
        dest = work / f"x{factor}"
        docs = books.make_synthetic(dest, factor)
        build = Build(f"synthetic {factor}x", docs, dest, dest / "_build", strict=True)
        full = clean_then(build)()
        # The clean build's output, for the comparison with the theme's clean build below (the
        # edits' rebuilds write a partial sitemap.xml: sphinx-sitemap lists the pages a build
        # writes, jdillard/sphinx-sitemap#13).
        kept = dest / "_build-once"
        shutil.copytree(build.outdir, kept)
        written: list = []
        page = next(iter(sorted(docs.glob("c*/p*.md"))))
        edits = [edit_then(build, page, written)() for _ in range(edit_runs)]
        same = same_as_the_theme(docs, kept, build, every=1 if factor <= 10 else 25)
        out[str(factor)] = {
            "pages": len(list(docs.rglob("*.md"))),
            "terms": books.BOOK_TERMS * factor,
            "diagrams": sum(p.read_text().count("```{mermaid}") for p in docs.rglob("*.md")),
            "full_build": {"wall_s": round(full["wall"], 2), "rss_mb": round(full["rss_mb"]), "runs": 1},
            "edit": {"wall_s": stats([e["wall"] for e in edits]), "pages_written": len(written[-1]),
                     "written": written[-1]},
            "theme_navigation": same,
        }
        shutil.rmtree(dest)
    return out


def same_as_the_theme(docs: Path, kept: Path, build: Build, every: int) -> dict:
    """Build the book again from clean with the theme rendering every page's navigation (not
    _ext/navigation.py's one rendering), in the same folders, and compare the pages byte for
    byte with `kept`, the output of the clean build: every page, or every `every`-th in name
    order (the theme's way takes minutes per hundred pages of a large book)."""
    sources = sorted(docs.rglob("*.md"))
    sample = sources[::every]
    # Writing a sample into an empty folder warns that the search index is incomplete:
    # that build runs without -W (which changes no output).
    theme = Build(f"{build.name}, theme's navigation", build.srcdir, build.confdir, build.outroot, strict=every == 1,
                  builddir=build.builddir, options=("-D", "book_navigation_once=0"))
    theme.clean()
    theme.run(only=None if every == 1 else sample)
    if every == 1:  # every output file (but .buildinfo, which holds the configuration's hash)
        files = [str(p.relative_to(kept)) for p in kept.rglob("*") if p.is_file() and p.name != ".buildinfo"]
        differ = [f for f in differing_files(kept, theme.outdir) if Path(f).name != ".buildinfo"]
    else:
        files = [str(p.relative_to(docs).with_suffix(".html")) for p in sample]
        differ = [f for f in files if (kept / f).read_bytes() != (theme.outdir / f).read_bytes()]
    return {"files_compared": len(files), "pages": len(sources), "sample": "all" if every == 1 else f"every {every}th page",
            "differing": differ}


# -- The run ------------------------------------------------------------------------
def machine() -> dict:
    import sphinx
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit.strip(),
            "cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(), "sphinx": sphinx.__version__}


def build_sites(work: Path) -> dict[str, Path]:
    """The project's site (as `make site` builds it), its English edition, and the stock site, for
    weight, search and Lighthouse."""
    project_dir = work / "project"
    subprocess.run(["make", "--no-print-directory", "-C", str(project_dir), "site", f"BUILDDIR={project_dir / '_build'}",
                    f"VENV={ROOT / '.venv'}"], check=True, capture_output=True)
    stock_docs = books.make_stock(work / "stock")
    stock = Build("stock", stock_docs, None, work / "stock" / "_build", strict=False)
    stock.clean()
    stock.run()
    html = project_dir / "_build" / "html"
    return {"project": html / "zh-cn", "english": html / "en", "stock": stock.outdir}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one pair of each: a smoke run")
    parser.add_argument("--out", type=Path, help="default: bench/results, or $BUILDDIR/bench for --quick")
    parser.add_argument("--summary", type=Path, help="the page whose summary table to update (default: MAINTAINING.md; none for --quick)")
    args = parser.parse_args()
    if args.out is None:
        args.out = ROOT / os.environ.get("BUILDDIR", "_build") / "bench" if args.quick else BENCH / "results"
    if args.summary is None and not args.quick:
        args.summary = ROOT / "MAINTAINING.md"
    pairs, pdf_runs, lh_runs = (1, 1, 1) if args.quick else (5, 3, 3)
    warm_up = not args.quick
    lh_pages = ("text", "diagram") if args.quick else LIGHTHOUSE_PAGES
    factors, edit_runs = ([1, 2], 1) if args.quick else ([1, 10, 50], 3)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        result = {"machine": machine(), "quick": args.quick, "pairs": pairs, "warm_up": warm_up}
        result["speed"] = speed(work, pairs, pdf_runs, warm_up)
        print("weight and lighthouse: building the sites", flush=True)
        sites = build_sites(work)
        result["weight"] = weight(sites)
        result["search"] = search(sites)
        result["search_dialog"] = search_dialog(sites, 20 if args.quick else 1)
        result["lighthouse"] = lighthouse_all(sites, work, lh_runs, lh_pages)
        result["scale"] = scale(work, factors, edit_runs)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "latest.md").write_text(report.markdown(result), encoding="utf-8")
    if args.summary:
        report.update_summary(args.summary, result)
    print(f"bench: wrote {args.out / 'latest.md'} and {args.out / 'latest.json'}")


if __name__ == "__main__":
    main()
