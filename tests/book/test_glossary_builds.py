"""Back-links and tips survive the build modes people use: parallel, then incremental.

One temporary copy of the project, built with the same make targets as a person: from clean in
parallel, then again after an edit.
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from helpers import UNCUT_CSS, make


def backlinks(html: Path) -> dict[str, list[str]]:
    soup = BeautifulSoup((html / "glossary.html").read_text(encoding="utf-8"), "lxml")
    return {
        dt["id"]: [a["href"] for a in dt.find_next_sibling("dd").select("p.glossary-backlinks a")]
        for dt in soup.select("dl.glossary > dt")
    }


def pages_without_tips(html: Path) -> list[str]:
    """Pages where a term link has no tooltip to describe it."""
    missing = []
    for path in html.rglob("*.html"):
        if "_static" in path.parts:
            continue
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for a in soup.select("article a.reference.internal[href*='#term-']"):
            tip = soup.find(id=a.get("aria-describedby"))
            if tip is None or not tip.get_text(strip=True):
                missing.append(str(path.relative_to(html)))
                break
    return missing


# jieba says this when it loads its dictionary: the book's search indexes no jieba words (_ext/search.py).
JIEBA_LOADS = "Prefix dict has been built"


def written_pages(output: str) -> set[str]:
    return set(re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", output))


@pytest.fixture(scope="module")
def built_in_parallel(project_copy) -> tuple[Path, object]:
    """A copy of the project built from clean in parallel (-j auto): the next test goes on from it."""
    project = project_copy()
    return project, make("html", "EDITIONS=zh-cn", f"SPHINXOPTS=-j auto {UNCUT_CSS}", cwd=project)


def test_parallel_build_matches_serial(built_in_parallel, html_dir: Path) -> None:
    project, result = built_in_parallel
    assert result.returncode == 0, result.stdout[-2000:]
    html = project / "_build" / "html" / "zh-cn"
    assert backlinks(html) == backlinks(html_dir)
    assert pages_without_tips(html) == []


def test_incremental_build_updates_backlinks_and_keeps_tips(built_in_parallel) -> None:
    project, first = built_in_parallel
    html = project / "_build" / "html" / "zh-cn"
    assert first.returncode == 0, first.stdout[-2000:]
    before = backlinks(html)

    noop = make("html", "EDITIONS=zh-cn", f"SPHINXOPTS={UNCUT_CSS}", cwd=project)
    assert noop.returncode == 0 and "no targets are out of date" in noop.stdout, noop.stdout[-2000:]

    with (project / "docs" / "closing.md").open("a", encoding="utf-8") as page:
        page.write("\n会后我们又读了 Pangeo 关于{term}`暗副本`的文章。\n")  # no new heading: the toctree stays the same
    second = make("html", "EDITIONS=zh-cn", f"SPHINXOPTS={UNCUT_CSS}", cwd=project)
    assert second.returncode == 0, second.stdout[-2000:]

    after = backlinks(html)
    new = [h for h in after["term-dark-replica"] if h not in before["term-dark-replica"]]
    assert len(new) == 1 and new[0].startswith("closing.html#"), after["term-dark-replica"]
    assert {k: v for k, v in after.items() if k != "term-dark-replica"} == {k: v for k, v in before.items() if k != "term-dark-replica"}
    # Only the edited page, the glossary (its back-links changed) and index (Sphinx rewrites
    # the page whose toctree lists the edited one) are written again.
    assert written_pages(second.stdout) == {"closing", "glossary", "index"}, second.stdout[-1500:]
    assert pages_without_tips(html) == []
    # No build loads jieba's dictionary (0.6-0.9 s each time a page was indexed, before).
    assert not [run for run in (first, noop, second) if JIEBA_LOADS in run.stdout + run.stderr]
