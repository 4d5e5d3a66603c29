"""The benchmark's results as Markdown: bench/results/latest.md and MAINTAINING.md's summary table."""

import re
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _range(s: dict, unit: str = "", digits: int = 2) -> str:
    f = f"{{:.{digits}f}}"
    return f"{f.format(s['median'])}{unit} ({f.format(s['min'])}–{f.format(s['max'])}, n={s['runs']})"


def _goal(entry: dict) -> str:
    return "met" if entry.get("met") else "**not met**"


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB"


def summary_rows(r: dict) -> list[tuple[str, str, str, str]]:
    """(measure, result, goal, status) for MAINTAINING.md's summary."""
    s = r["speed"]
    rows = [
        ("Full HTML build, project ÷ bare", f"{s['html_full']['ratio']['median']:.2f}×", "≤ 1.5×", _goal(s["html_full"])),
        ("No-op rebuild, project ÷ bare", f"{s['html_noop']['ratio']['median']:.2f}×", "≤ 1.2×", _goal(s["html_noop"])),
        ("One-page edit: pages written", ", ".join(s["html_edit"]["written_a"]), "the page and its dependants", ""),
        ("PDF no-op rebuild", f"{s['pdf']['noop']['wall_s']['median']:.2f} s", "< 1 s", _goal(s["pdf"]["noop"])),
        ("`-j auto` ÷ serial (2 cores)", f"{s['html_parallel']['ratio']['median']:.2f}×", "same output",
         "same" if not s["html_parallel"]["differing_files"] else f"{len(s['html_parallel']['differing_files'])} files differ"),
    ]
    w = r["weight"]["text"]
    rows.append(("Text page weight, gzip (stock → project)",
                 f"{_kb(w['stock']['gzip_bytes'])} → {_kb(w['project']['gzip_bytes'])}", "≤ 60 KB",
                 "met" if w["project"]["gzip_bytes"] <= 60 * 1024 else "**not met**"))
    blocking = max(r["weight"][k][n]["blocking_css_gzip_bytes"] for k in r["weight"] for n in ("project", "english"))
    rows.append(("Render-blocking CSS, worst page of either edition, gzip", _kb(blocking), "≤ 20 KB",
                 "met" if blocking <= 20 * 1024 else "**not met**"))
    ws = r["weight"]["search"]["project"]["gzip_bytes"]
    rows.append(("Search page weight, gzip", _kb(ws), "≤ 180 KB", "met" if ws <= 180 * 1024 else "**not met**"))
    q = r["search"]
    rows.append(("Search recall, rule-drawn queries (stock → project)",
                 f"{q['stock']['recall']:.0%} → {q['project']['recall']:.0%} of {q['project']['pairs']} query–page pairs",
                 "100 %", "met" if q["project"]["recall"] == 1 else "**not met**"))
    rows.append(("Search time per query, median / max", f"{q['project']['search_ms']['median']:.1f} / "
                 f"{q['project']['search_ms']['max']:.1f} ms", "< 100 ms",
                 "met" if q["project"]["search_ms"]["max"] < 100 else "**not met**"))
    for name, label in (("project", ""), ("english", "English edition, ")):
        e = r["search_dialog"][name]
        rows.append((f"Search dialog, {label}first open (text page): gzip / until the index is in",
                     f"{_kb(e['open_gzip_bytes'])} / {e['open_ms']:.0f} ms", "", ""))
        rows.append((f"Search dialog, {label}query to results after the pause, median / max",
                     f"{e['results_ms']['median']:.1f} / {e['results_ms']['max']:.1f} ms ({e['queries']} queries)", "≤ 100 ms",
                     "met" if e["results_ms"]["max"] <= 100 else "**not met**"))
    large, ratio = scale_ratio(r)
    differing = sum(len(e["theme_navigation"]["differing"]) for e in r["scale"].values())
    rows.append((f"{large}× synthetic book: time per page ÷ 1×", f"{ratio:.2f}×", "≤ 1.2×, output identical",
                 ("met" if ratio <= 1.2 else "**not met**") + ("" if not differing else f"; **{differing} pages differ**")))
    rows.append(("English search: recall, time per query median / max",
                 f"{q['english']['recall']:.0%} of {q['english']['pairs']} pairs; {q['english']['search_ms']['median']:.1f} / "
                 f"{q['english']['search_ms']['max']:.1f} ms", "100 %, < 100 ms",
                 "met" if q["english"]["recall"] == 1 and q["english"]["search_ms"]["max"] < 100 else "**not met**"))
    lh = r["lighthouse"]
    for name, label in (("project", ""), ("english", "English edition, ")):
        perf = min(lh[k][name]["scores"]["performance"] for k in lh)
        others = min(lh[k][name]["scores"][c] for k in lh for c in ("accessibility", "best-practices", "seo"))
        rows.append((f"Lighthouse, {label}worst page: performance / others", f"{perf:.0f} / {others:.0f}", "100 / 100",
                     "met" if perf == 100 and others == 100 else "**not met**"))
        fcp = max(lh[k][name]["metrics_median"]["fcp_ms"] for k in lh)
        cls = max(lh[k][name]["metrics_median"]["cls"] for k in lh)
        rows.append((f"Lighthouse, {label}worst page: first contentful paint / layout shift", f"{fcp / 1000:.2f} s / {cls:.3f}",
                     "≤ 1.0 s / 0", "met" if fcp <= 1000 and cls == 0 else "**not met**"))
    return rows


def _same(t: dict) -> str:
    what = "files" if t["sample"] == "all" else f"pages ({t['sample']})"
    if t["differing"]:
        return f"**{len(t['differing'])} of {t['files_compared']} {what} differ**: {', '.join(t['differing'][:5])}"
    return f"{t['files_compared']} of {t['files_compared']} {what} identical"


def scale_ratio(r: dict) -> tuple[str, float]:
    """The largest synthetic book's time per page against the smallest's."""
    scale = r["scale"]
    small, large = min(scale, key=int), max(scale, key=int)
    per_page = {f: scale[f]["full_build"]["wall_s"] / scale[f]["pages"] for f in (small, large)}
    return large, per_page[large] / per_page[small]


def _table(header: list[str], rows: list) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def markdown(r: dict) -> str:
    m, s = r["machine"], r["speed"]
    out = [
        "# Benchmark results",
        "",
        f"`make bench`{' QUICK=1 (a smoke run: its figures are not measurements)' if r['quick'] else ''}, {m['date']}, commit "
        f"{m['commit']}, {m['cpus']} × {m['cpu']}, Python {m['python']}, Sphinx {m['sphinx']}.",
        "",
        "Builds compared: **project** (this repository, `-W --keep-going -n`, as `make html`); **bare** (the same "
        "pages, `myst_parser` only, alabaster); **stock** (the same pages, sphinx-book-theme, sphinxcontrib-mermaid "
        "and sphinx-design at their defaults, mermaid served from the site because this machine reaches no CDN). "
        f"Time figures: median (min–max, n runs), measured alternately, {r['pairs']} pair(s)"
        f"{' after one warm-up of each' if r['warm_up'] else ' without warm-up'}; "
        "memory: peak RSS from `/usr/bin/time -v`.",
        "",
        "## Summary",
        "",
        *_table(["Measure", "Result", "Goal", ""], summary_rows(r)),
        "",
        "## Build speed",
        "",
    ]
    rows = []
    for key, label in (("html_full", "Full HTML build from clean"), ("html_noop", "No-op rebuild"),
                       ("html_edit", f"One-page edit (touch `{s['html_edit']['page']}`)"),
                       ("html_parallel", "Full build: `-j auto` (a) against serial (b)")):
        e = s[key]
        b_label = "serial" if key == "html_parallel" else "bare"
        rows.append((label, _range(e["a"]["wall_s"], " s"), _range(e["b"]["wall_s"], " s") + f" ({b_label})",
                     _range(e["ratio"], "×"), f"{e['a']['rss_mb']['median']:.0f} / {e['b']['rss_mb']['median']:.0f} MB"))
    out += _table(["Build", "Project", "Baseline", "Ratio per pair", "Peak memory"], rows)
    edit = s["html_edit"]
    par = s["html_parallel"]
    out += [
        "",
        f"- One-page edit, pages written by the project: {', '.join(edit['written_a'])} "
        f"({'the same in every run' if edit['written_a_always_the_same'] else 'varied between runs'}); "
        f"by bare: {', '.join(edit['written_b'])}.",
        f"- Parallel and serial outputs: {'identical' if not par['differing_files'] else 'differ in ' + ', '.join(par['differing_files'][:10])}.",
        f"- PDF from clean (`make pdf`): {_range(s['pdf']['clean']['wall_s'], ' s')}, peak memory "
        f"{s['pdf']['clean']['rss_mb']['median']:.0f} MB; PDF no-op rebuild: {_range(s['pdf']['noop']['wall_s'], ' s')} "
        f"(goal < 1 s: {_goal(s['pdf']['noop'])}).",
        "",
        "## Page weight",
        "",
        "Every request a page makes in headless Chromium over 127.0.0.1, one load each; gzip: each response "
        "compressed at level 6. Render-blocking CSS: what the first paint waits for, the head's `<style>` "
        "elements and the stylesheets it links for every medium, with what they `@import`.",
        "",
    ]
    rows = []
    for kind, sites in r["weight"].items():
        st, pr, en = sites["stock"], sites["project"], sites["english"]
        rows.append((kind, f"{st['requests']} / {pr['requests']}", f"{_kb(st['raw_bytes'])} / {_kb(pr['raw_bytes'])}",
                     f"{_kb(st['gzip_bytes'])} / {_kb(pr['gzip_bytes'])}", f"{pr['gzip_bytes'] / st['gzip_bytes']:.2f}×",
                     f"{_kb(st['blocking_css_gzip_bytes'])} / {_kb(pr['blocking_css_gzip_bytes'])}",
                     f"{en['requests']}, {_kb(en['gzip_bytes'])}, {_kb(en['blocking_css_gzip_bytes'])}"))
    out += _table(["Page", "Requests (stock / project)", "Raw", "Gzip", "Gzip, project ÷ stock",
                   "Render-blocking CSS, gzip", "English edition: requests, gzip, render-blocking CSS"], rows)
    q = r["search"]
    out += [
        "",
        "## Search",
        "",
        f"The {q['queries']} queries of tests/search_queries.py (drawn by rule from the book; the English edition's "
        "by its own rule from its pages), run on each site's search.html in headless Chromium. Recall: the share of (query, page holding it) pairs whose page the results "
        "list. Time: Sphinx's search itself (`_performSearch`); with ordering: the project's pages-holding-the-query-"
        "first step too, which reads the result pages (the first query pays for fetching them).",
        "",
    ]
    rows = [(name, f"{e['recall']:.1%}", f"{e['queries_all_found']} / {e['queries']}",
             _kb(e["index_gzip_bytes"]), _range(e["search_ms"], " ms", 1), _range(e["with_ordering_ms"], " ms", 1))
            for name, e in ((n, q[n]) for n in ("stock", "project", "english"))]
    out += _table(["Build", "Recall", "Queries with every page found", "Index, gzip", "Search time",
                   "With ordering"], rows)
    out += [
        "",
        "## Search dialog",
        "",
        "On the text page, in headless Chromium: opening the search dialog first (the requests it starts, gzipped, and the "
        "time until the index is in), then each query of the set typed into it, timed from the end of the dialog's pause "
        "after typing to its results shown with their snippets (book-search.js's `book-search` measure). The page before "
        "it opens is the text page of the page weight table.",
        "",
    ]
    rows = [(name, f"{_kb(e['open_gzip_bytes'])} in {len(e['open_requests'])} requests", f"{e['open_ms']:.0f} ms",
             str(e["queries"]), _range(e["results_ms"], " ms", 1))
            for name, e in r["search_dialog"].items()]
    out += _table(["Edition", "First open, gzip", "First open, time", "Queries", "Query to results"], rows)
    out += [
        "",
        "## Lighthouse",
        "",
        "Lighthouse 12.8 (npm, pinned in bench/package-lock.json), simulated mobile, Debian's Chromium, the sites "
        "served by nginx with gzip on 127.0.0.1. Scores: median of the runs (min–max); metrics: medians.",
        "",
    ]
    rows = []
    for kind, sites in r["lighthouse"].items():
        for name in ("stock", "project", "english"):
            e = sites[name]
            scores = " / ".join(f"{e['scores'][c]:.0f}" for c in e["scores"])
            ranges = " / ".join(f"{v['min']:.0f}–{v['max']:.0f}" for v in e["score_ranges"].values())
            mm = e["metrics_median"]
            rows.append((kind, name, e["runs"], scores, ranges,
                         f"{mm['fcp_ms']:.0f} / {mm['lcp_ms']:.0f} / {mm['tbt_ms']:.0f} ms, CLS {mm['cls']:.3f}",
                         ", ".join(e["audits_below_full_score"]) or "—"))
    out += _table(["Page", "Build", "Runs", "Perf / A11y / BP / SEO", "Ranges", "FCP / LCP / TBT, CLS",
                   "Audits below full score"], rows)
    out += [
        "",
        "## Scale",
        "",
        "Synthetic books with the same page shapes (chapters of pages with sections, paragraphs linking glossary "
        "terms and other pages, a diagram every few pages, one glossary whose entries link one another), 1×, and "
        "larger. Full build from clean: one run each; edit: touch one page and rebuild. Same as the theme's: the "
        "book built again with the theme rendering every page's navigation (`book_navigation_once = False`), "
        "every output file compared byte for byte up to 10× (but `.buildinfo`, which holds the "
        "configuration's hash), every 25th page above.",
        "",
    ]
    rows = []
    scale = r["scale"]
    base = scale[min(scale, key=int)]
    for factor in sorted(scale, key=int):
        e = scale[factor]
        per_page = e["full_build"]["wall_s"] / e["pages"] * 1000
        base_per_page = base["full_build"]["wall_s"] / base["pages"] * 1000
        rows.append((f"{factor}×", e["pages"], e["terms"], e["diagrams"], f"{e['full_build']['wall_s']:.1f} s",
                     f"{per_page:.0f} ms ({per_page / base_per_page:.2f}×)", f"{e['full_build']['rss_mb']:.0f} MB",
                     _range(e["edit"]["wall_s"], " s"), e["edit"]["pages_written"], _same(e["theme_navigation"])))
    out += _table(["Size", "Pages", "Terms", "Diagrams", "Full build", "Per page (vs smallest)", "Peak memory",
                   "One-page edit", "Pages written", "Same as the theme's"], rows)
    out.append("")
    return "\n".join(out)


def update_summary(page: Path, r: dict) -> None:
    """Replace the table between the bench markers in MAINTAINING.md."""
    text = page.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"bench: {page} has no {START} … {END} markers")
    block = "\n".join([START, *_table(["Measure", "Result", "Goal", ""], summary_rows(r)), "",
                       f"From `make bench` on {r['machine']['date']} ({r['machine']['cpus']} cores); details in "
                       "[bench/results/latest.md](bench/results/latest.md).", END])
    text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S)
    page.write_text(text, encoding="utf-8")
