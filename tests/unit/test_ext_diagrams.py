"""Unit tests of _ext/diagrams: where a diagram's code is written in its page, and, on
Sphinx's own fixtures (tests/unit/roots/test-diagrams), the loader, the copy of mermaid and the
build-time check."""

import hashlib
import html
import json
import re
import subprocess
from types import SimpleNamespace
from unittest.mock import patch

import pytest
import sphinxcontrib.mermaid
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document
from sphinx.errors import ExtensionError
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors
from sphinxcontrib.mermaid import mermaid

from _ext.diagrams import VALID, ImageAltText, _deferred, _locate, description

PAGE = """# 标题

```{mermaid}
:name: fig-a
flowchart TB
    a --> b
```

正文。

```{mermaid}
:name: fig-b
:caption: 第二张
flowchart TB
    a --> c
```
""".splitlines()
SOURCE = [line.strip() for line in PAGE]


def test_each_diagram_is_found_after_the_last() -> None:
    """Two diagrams that start alike: the second is found at its own line, not the first's."""
    first = _locate(SOURCE, "flowchart TB\n    a --> b", 0)
    second = _locate(SOURCE, "flowchart TB\n    a --> c", first + 2)
    assert (PAGE[first], PAGE[second]) == ("flowchart TB", "flowchart TB")
    assert (first + 1, second + 1) == (5, 14)  # 1-based lines of the page


def test_a_header_before_the_content_is_allowed_for() -> None:
    """sphinxcontrib-mermaid puts a config header before the code of a diagram with options."""
    code = "---\nconfig:\n  theme: neutral\n---\nflowchart TB\n    a --> c"
    assert _locate(SOURCE, code, 0) == 13 - 4  # code line 5 is page line 14


def test_code_from_another_file_is_not_located() -> None:
    assert _locate(SOURCE, "sequenceDiagram\n    A->>B: hi", 0) is None


@pytest.mark.sphinx("html", testroot="diagrams", freshenv=True)
def test_loader_only_where_a_diagram_is_and_started_on_approach(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    plain = (app.outdir / "plain.html").read_text(encoding="utf-8")
    # sphinxcontrib-mermaid's loader, started by an observer, and drawing at once when the
    # page's load event has passed (as it has when a reader scrolls to a diagram).
    assert "new IntersectionObserver" in index and 'if (document.readyState === \\"complete\\") load();' in index
    assert "mermaid" not in plain.lower()
    assert (app.outdir / "_static" / "mermaid" / "mermaid.esm.min.mjs").is_file()


@pytest.mark.sphinx("html", testroot="diagrams", srcdir="diagrams-offline", freshenv=True,
                    confoverrides={"book_diagrams_offline": True})
def test_the_offline_copy_loads_mermaids_classic_build(app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read from disk a page may not import a module: mermaid.min.js by a script element, the
    loader taking mermaid from it (tests/book/test_htmlzip.py draws every diagram from disk).
    The diagram is already known to parse (the doctree folder's list): the checker is not started."""
    code = "flowchart TB\n    a[开始] --> b[结束]"
    (app.doctreedir / VALID).write_text(json.dumps([hashlib.sha1(code.encode()).hexdigest()]), encoding="utf-8")
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: pytest.fail("the checker was started"))
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "import mermaid from" not in index and "const mermaid = globalThis.mermaid;" in index
    assert 'const classic = "./_static/mermaid/mermaid.min.js";' in index
    mermaid_dir = app.outdir / "_static" / "mermaid"
    assert sorted(p.name for p in mermaid_dir.iterdir()) == ["mermaid.min.js"]
    with pytest.raises(ExtensionError, match="no longer imports mermaid"):
        _deferred('window.addEventListener("load", load);', offline=True)


def test_a_changed_loader_stops_the_build() -> None:
    """The text _deferred edits in sphinxcontrib-mermaid's loader, gone: an error, not undrawn diagrams."""
    with pytest.raises(ExtensionError, match="no longer contains"):
        _deferred('window.addEventListener("DOMContentLoaded", load);')


@pytest.mark.parametrize("buildername", ["html", "dummy"])
def test_a_malformed_diagram_is_a_warning_at_its_line(make_app, test_root_copy, buildername: str) -> None:
    """Whatever the builder: the check runs once the pages are read, so `make pdf` and `make epub`
    stop at a broken diagram as `make html` does (the dummy builder stands in for them here: the
    LaTeX and EPUB builders would draw the diagrams with mermaid-cli, on Chromium). And on every
    build until it is mended: a second build, which reads no page again (the environment kept),
    reports it again, because a diagram that failed is not remembered as valid."""
    srcdir = test_root_copy("diagrams")
    page = srcdir / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("a[开始] --> b[结束]", "a[开始] --> b[结束]\n    c[没有闭合 --> d"),
                    encoding="utf-8")
    runs = []
    for fresh in (True, False):
        app = make_app(buildername, srcdir=srcdir, freshenv=fresh)
        app.build()
        runs.append((strip_colors(app.status.getvalue()), strip_colors(app.warning.getvalue())))
    assert "updating environment: 0 added, 0 changed, 0 removed" in runs[1][0], runs[1][0]
    lines = page.read_text(encoding="utf-8").splitlines()
    code_starts = lines.index("flowchart TB") + 1
    # mermaid counts lines from the diagram's first; the warning names the line of the file.
    at = int(re.search(r"Parse error on line (\d+)", runs[0][1])[1])
    assert code_starts < code_starts + at - 1 <= lines.index("    c[没有闭合 --> d") + 2
    expected = f"{page}:{code_starts + at - 1}: WARNING: mermaid cannot parse this diagram:"
    # suppress_warnings = ["diagrams.parse"] silences it
    misses = [f"build {run}: {warnings}" for run, (_, warnings) in enumerate(runs, 1)
              if expected not in warnings or not warnings.rstrip().endswith("[diagrams.parse]")]
    assert misses == [], f"not warned {expected!r}:\n" + "\n".join(misses)


def test_missing_mermaid_says_what_to_run(make_app, test_root_copy) -> None:
    with pytest.raises(ExtensionError, match=r"nowhere.*mermaid\.esm\.min\.mjs is missing.*npm ci"):
        make_app("html", srcdir=test_root_copy("diagrams"), confoverrides={"book_mermaid_dist": "nowhere"})


@pytest.mark.sphinx("html", testroot="diagrams", srcdir="diagrams-no-checker", freshenv=True,
                    confoverrides={"book_mermaid_checker": "no-checker.mjs"})
def test_missing_checker_is_named(app: SphinxTestApp) -> None:
    with pytest.raises(ExtensionError, match=r"diagram checker .*no-checker\.mjs is missing"):
        app.build()



@pytest.mark.parametrize(("code", "found"), [
    ("flowchart TB\n    accTitle: 标题\n    accDescr: 一句说明。\n    a --> b", ("标题", "一句说明。")),
    ("flowchart TB\n    accTitle: T\n    accDescr {\n      two\n      lines\n    }\n    a --> b", ("T", "two lines")),
    ("flowchart TB\n    accTitle: only a title\n    a --> b", None),
])
def test_description_reads_acc_title_and_descr(code: str, found: tuple | None) -> None:
    assert description(code) == found


def alt_text_of(code: str) -> tuple[mermaid, list]:
    """A diagram through the alt text post-transform, as for a builder drawing images; the warnings."""
    node = mermaid(code=code, options={})
    document = new_document("test")
    document.settings.env = SimpleNamespace(config=SimpleNamespace(mermaid_output_format="png", book_diagram_parts=()))
    document += node
    with patch("_ext.diagrams.logger") as log:
        ImageAltText(document).run()
    return node, log.warning.call_args_list


def test_drawn_images_get_the_description_as_alt_text_escaped_once(monkeypatch) -> None:
    """sphinxcontrib-mermaid writes an alt option into the attribute as it is: _ext/diagrams
    escapes it. If upstream starts escaping too, the alt text would read "&amp;amp;": this fails."""
    node, warned = alt_text_of("flowchart TB\n    accTitle: A & B\n    accDescr: \"x\" < y\n    a --> b")
    assert not warned
    monkeypatch.setattr(sphinxcontrib.mermaid, "render_mm", lambda *args: ("_images/d.png", "/tmp/d.png"))
    writer = SimpleNamespace(builder=SimpleNamespace(config=SimpleNamespace(mermaid_output_format="png")), body=[],
                             encode=html.escape)
    with pytest.raises(nodes.SkipNode):
        sphinxcontrib.mermaid.render_mm_html(writer, node, node["code"], {})
    img = BeautifulSoup("".join(writer.body), "lxml").img
    assert img["alt"] == 'A & B: "x" < y'


def test_a_drawn_diagram_without_description_warns() -> None:
    node, warned = alt_text_of("flowchart TB\n    a --> b")
    assert "alt" not in node
    ((args, kwargs),) = warned
    assert "no accTitle and accDescr" in args[0]
    assert (kwargs["location"], kwargs["type"], kwargs["subtype"]) == (node, "diagrams", "alt_text")


PARTS = ("name", "caption", "accTitle", "accDescr")
COMPLETE = """```{mermaid}
:name: fig-x
:caption: 一张图。

flowchart TB
    accTitle: 标题
    accDescr: 一句说明。
    a --> b
```
"""


@pytest.mark.sphinx("html", testroot="diagrams", freshenv=True, confoverrides={"book_diagram_parts": PARTS})
def test_each_part_a_diagram_lacks_is_a_warning_at_its_line(app: SphinxTestApp) -> None:
    """book_diagram_parts: the root's diagram has none of the four, and is named at its code's
    first line; a page with one complete diagram and one without each of the parts in turn gets
    a warning for exactly that part. (Unset, the other tests show, nothing is asked.)"""
    lines = COMPLETE.splitlines()
    pages = {"complete": COMPLETE} | {
        f"no-{part}": "\n".join(line for line in lines if not re.match(rf"\s*:?{part}:", line)) + "\n" for part in PARTS}
    for name, diagram in pages.items():
        diagram = diagram.replace("fig-x", f"fig-{name.lower()}")
        (app.srcdir / f"{name}.md").write_text(f"---\norphan: true\n---\n# {name}\n\n{diagram}", encoding="utf-8")
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    index = (app.srcdir / "index.md").read_text(encoding="utf-8").splitlines()
    expected = {f"{app.srcdir / 'index.md'}:{index.index('flowchart TB') + 1}: WARNING: this diagram has no "
                f"{', '.join(PARTS)}"} | {f"{app.srcdir / f'no-{part}.md'}:" for part in PARTS}
    misses = [e for e in expected if e not in warnings]
    misses += [f"no-{part}: {line}" for part in PARTS for line in warnings.splitlines()
               if f"no-{part}.md" in line and not line.endswith(f"has no {part}: every diagram needs "
                                                                 f"{', '.join(PARTS)} (README: Diagrams) [diagrams.parts]")]
    assert "complete.md" not in warnings and misses == [], warnings


def test_a_diagram_is_a_message_and_the_english_edition_draws_it_in_english(make_app, test_root_copy) -> None:
    """make gettext puts each diagram's source in its page's catalogue as one message (the
    subclass in _ext/diagrams/translatable.py), and a build in the catalogue's language draws the
    translated source, counted as translated. If sphinxcontrib-mermaid's node changes, this fails."""
    srcdir = test_root_copy("diagrams")
    source = "flowchart TB\n    a[开始] --> b[结束]"
    english = "flowchart TB\n    a[Start] --> b[End]"
    pot = make_app("gettext", srcdir=srcdir, freshenv=True)
    pot.build()
    messages = [m.id for m in __import__("babel.messages.pofile", fromlist=["read_po"]).read_po(
        (pot.outdir / "index.pot").open(encoding="utf-8"))]
    assert source in messages
    catalogue = srcdir / "locales" / "en" / "LC_MESSAGES" / "index.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                         f"msgid {json.dumps(source, ensure_ascii=False)}\nmsgstr {json.dumps(english)}\n", encoding="utf-8")
    app = make_app("html", srcdir=srcdir, freshenv=True,
                   confoverrides={"language": "en", "locale_dirs": ["locales"], "translation_progress_classes": True})
    app.build()
    # (a second application in one process re-registers Sphinx's own nodes: those notices aside)
    assert [w for w in strip_colors(app.warning.getvalue()).splitlines() if "already registered" not in w] == []
    diagram = BeautifulSoup((app.outdir / "index.html").read_text(encoding="utf-8"), "lxml").select_one("pre.mermaid")
    assert diagram.get_text().strip() == english
    assert [node["translated"] for node in app.env.get_doctree("index").findall(mermaid)] == [True]


def test_sphinxcontrib_mermaid_still_keeps_diagrams_out_of_catalogues() -> None:
    """Register row 39: the reason for _ext/diagrams/translatable.py. Fails once sphinxcontrib-mermaid's
    node speaks Sphinx's translatable interface itself (then the subclass can go)."""
    from sphinx import addnodes
    assert not issubclass(mermaid, addnodes.translatable)
