"""The benchmark rehearsal: `make bench QUICK=1` keeps working, one smoke run, its report read
back. Run by .ci/bench-smoke.

The figures of a smoke run are not measurements (one pair, no warm-up); this checks that
every part of the benchmark runs and reports what it says, not how fast anything is.
"""

import json
import os

import pytest
from helpers import ROOT, make

pytestmark = pytest.mark.timeout(1800)  # the run is in the first test's setup


@pytest.fixture(scope="module")
def bench_smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str]:
    """The smoke run's report: the JSON, and the Markdown."""
    builddir = tmp_path_factory.mktemp("bench")
    summary = (ROOT / "MAINTAINING.md").read_text(encoding="utf-8")
    result = make("bench", "QUICK=1", env={**os.environ, "BUILDDIR": str(builddir)})
    assert result.returncode == 0, f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    assert (ROOT / "MAINTAINING.md").read_text(encoding="utf-8") == summary, "a smoke run must not rewrite MAINTAINING.md"
    out = builddir / "bench"
    return json.loads((out / "latest.json").read_text()), (out / "latest.md").read_text()


def test_speed_section(bench_smoke) -> None:
    data, _ = bench_smoke
    speed = data["speed"]
    for key in ("html_full", "html_noop", "html_edit", "html_parallel"):
        assert speed[key]["ratio"]["runs"] == 1 and speed[key]["ratio"]["median"] > 0, key
        assert speed[key]["a"]["rss_mb"]["median"] > 50, key  # peak memory was read from /usr/bin/time
    # The edit touches one notes page: it and its toctree parent are written, not the whole book.
    assert speed["html_edit"]["written_a"] == ["keynotes/farr.html", "keynotes/index.html"]
    assert speed["html_parallel"]["differing_files"] == []
    assert speed["pdf"]["clean"]["wall_s"]["median"] > speed["pdf"]["noop"]["wall_s"]["median"]


def test_weight_section(bench_smoke) -> None:
    data, _ = bench_smoke
    assert set(data["weight"]) == {"index", "text", "glossary", "diagram", "search"}
    for kind, sites in data["weight"].items():
        for name in ("project", "english", "stock"):
            hosts = sites[name]["hosts"]
            assert len(hosts) == 1 and hosts[0].startswith("127.0.0.1:"), (kind, name, hosts)
        assert 0 < sites["project"]["gzip_bytes"] < sites["stock"]["gzip_bytes"], kind
        assert sites["project"]["gzip_bytes"] < sites["project"]["raw_bytes"], kind
        # The first paint waits for the page's own CSS only (inline), far less than the theme's whole.
        assert 0 < sites["project"]["blocking_css_gzip_bytes"] < sites["stock"]["blocking_css_gzip_bytes"] / 3, kind
        assert 0 < sites["english"]["gzip_bytes"] < sites["stock"]["gzip_bytes"], kind


def test_search_section(bench_smoke) -> None:
    data, markdown = bench_smoke
    search = data["search"]
    assert search["queries"] >= 80
    assert search["project"]["recall"] == 1, search["project"]
    assert search["stock"]["recall"] < search["project"]["recall"], "the stock search should miss what issue 13 fixed"
    assert search["project"]["index_gzip_bytes"] > search["stock"]["index_gzip_bytes"] > 0
    assert search["project"]["search_ms"]["runs"] == search["queries"]
    # The English edition, on its own rule's queries (tests/search_queries.py).
    assert search["english"]["queries"] >= 100 and search["english"]["recall"] == 1, search["english"]
    assert search["english"]["search_ms"]["runs"] == search["english"]["queries"]
    assert "## Search" in markdown and "| english |" in markdown


def test_search_dialog_section(bench_smoke) -> None:
    """The first open loads the search's four files and nothing else; each sampled query is timed."""
    data, markdown = bench_smoke
    for name, entry in data["search_dialog"].items():
        files = sorted(url.rsplit("/", 1)[-1] for url in entry["open_requests"])
        assert files == ["book-search.js", "language_data.js", "searchindex.js", "searchtools.js"], (name, files)
        assert entry["open_gzip_bytes"] > 0 and entry["open_ms"] > 0, (name, entry)
        assert entry["queries"] >= 10 and entry["results_ms"]["runs"] == entry["queries"], (name, entry)
    assert set(data["search_dialog"]) == {"project", "english"} and "## Search dialog" in markdown


def test_lighthouse_section(bench_smoke) -> None:
    data, _ = bench_smoke
    assert set(data["lighthouse"]) == {"text", "diagram"}
    for kind, sites in data["lighthouse"].items():
        for name in ("project", "english", "stock"):
            scores = sites[name]["scores"]
            assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
            assert all(0 < s <= 100 for s in scores.values()), (kind, name, scores)
        for name in ("project", "english"):
            assert sites[name]["scores"]["accessibility"] == 100, (name, sites[name]["audits_below_full_score"])


def test_scale_section_and_markdown(bench_smoke) -> None:
    data, markdown = bench_smoke
    scale = data["scale"]
    assert scale["2"]["pages"] > 1.8 * scale["1"]["pages"] and scale["2"]["diagrams"] > scale["1"]["diagrams"]
    assert all(s["edit"]["pages_written"] >= 1 for s in scale.values())
    # _ext/navigation.py changes no byte: each book built again with the theme's navigation.
    for factor, s in scale.items():
        same = s["theme_navigation"]
        assert same["sample"] == "all" and same["files_compared"] > s["pages"], (factor, same)
        assert same["differing"] == [], (factor, same["differing"])
    for heading in ("## Summary", "## Build speed", "## Page weight", "## Lighthouse", "## Scale"):
        assert heading in markdown
    assert "smoke run" in markdown
