"""A fresh machine: a clean clone, `make html` as a user without privileges, no browser.

No browser can be found (no /usr/bin/chromium) and none can be downloaded (no network but
loopback); HOME and /tmp are empty (tests/machines.py). The site must build all the same,
the same pages as the normal build, and a malformed diagram must still stop it.
"""

import filecmp
import re

import pytest
from machines import tail

PAGE = "docs/highlights.md"


@pytest.fixture(scope="module")
def fresh(fresh_build) -> dict:
    """`make html` on the fresh machine (tests/machines.py `fresh_machine`, started in the
    background when the run began), and the normal build's pages to compare with."""
    return fresh_build.result()


def test_make_html_passes_with_no_browser(fresh) -> None:
    assert fresh["result"].returncode == 0, tail(fresh["result"])
    assert "build succeeded" in fresh["result"].stdout
    assert (fresh["checkout"] / ".venv" / "bin" / "python").is_file(), "make html did not create .venv"


def test_no_browser_was_there_or_fetched(fresh) -> None:
    """The machine really had no browser, and the build did not try to download one."""
    machine = fresh["machine"]
    probe = machine.run("command -v chromium chromium-browser google-chrome || ls /usr/bin/chromium", cwd=machine.home)
    assert probe.returncode != 0, f"a browser is visible on the fresh machine:\n{probe.stdout}"
    assert machine.downloads() == [], "make html asked for a browser download"
    assert not (machine.home / ".cache" / "puppeteer").exists()


def test_pages_are_those_of_the_normal_build(fresh) -> None:
    """Every file of the site is byte for byte the one the normal build makes (the build info aside)."""
    built, reference_html = fresh["checkout"] / "_build" / "html", fresh["reference_html"]
    names = lambda root: {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and p.name != ".buildinfo"}  # noqa: E731
    assert names(built) == names(reference_html)
    _, differ, errors = filecmp.cmpfiles(built, reference_html, sorted(names(built)), shallow=False)
    assert (differ, errors) == ([], [])
    assert len([n for n in names(built) if n.endswith(".html")]) > 10


def test_malformed_diagram_fails_naming_file_and_line(fresh) -> None:
    """A broken diagram after a valid one: the error names the broken one's line, not the first's."""
    machine, checkout = fresh["machine"], fresh["checkout"]
    page = checkout / PAGE
    original = page.read_text(encoding="utf-8")
    broken = "    b[没有闭合的方括号 --> c[丙]"
    diagrams = f"\n```{{mermaid}}\nflowchart TB\n    a[甲] --> b[乙]\n```\n\n```{{mermaid}}\nflowchart TB\n    a[甲] --> b[乙]\n{broken}\n```\n"
    page.write_text(original + diagrams, encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(broken) + 1
    try:
        result = machine.run("make html BUILDDIR=_build/broken", cwd=checkout)
    finally:
        page.write_text(original, encoding="utf-8")
    output = result.stdout + result.stderr
    assert result.returncode != 0, tail(result)
    assert re.search(rf"{re.escape(PAGE)}:{line}: (WARNING|ERROR).*mermaid cannot parse this diagram", output), tail(result)
    assert "Parse error on line 3" in output, tail(result)
    assert len(re.findall("mermaid cannot parse", output)) == 1, "the valid diagram was reported too"


def test_livehtml_serves_the_book(fresh) -> None:
    """`make livehtml` too builds and serves with no browser (on the machine's own loopback)."""
    machine, checkout = fresh["machine"], fresh["checkout"]
    script = r"""
setsid make livehtml LIVEHTML_PORT=8000 BUILDDIR=_build/livehtml > livehtml.log 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true' EXIT
for _ in $(seq 240); do
  if .venv/bin/python -c 'import urllib.request as u; print(u.urlopen("http://127.0.0.1:8000/index.html", timeout=5).read().decode())'; then
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
    assert "<title>" in result.stdout and "JupyterCon 2018" in result.stdout
    assert machine.downloads() == []
