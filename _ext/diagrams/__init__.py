"""Mermaid diagrams that work offline, load only where needed and fail the build when broken.

1. Served by the site itself. sphinxcontrib-mermaid imports mermaid from a CDN unless
   ``mermaid_use_local`` names a file under ``_static``. This copies mermaid's ESM build
   from node_modules (pinned in package-lock.json) into the HTML output, and fails the
   build when it is missing rather than letting pages fall back to the CDN. (EPUB readers
   run no JavaScript; the Makefile builds the EPUB with mermaid_output_format=png.)
2. Only on pages with a diagram, and only when a diagram is near the screen.
   sphinxcontrib-mermaid also adds its loader to pages that have no doctree (genindex,
   search); this removes it there. On pages with diagrams, its loader (which imports
   mermaid, about 700 KB, and draws at once) is started by a small script when the first
   diagram comes within a quarter screen of the viewport, or before printing; a page read from
   the top does not pay for diagrams further down before it is usable.
3. Validated at build time. The browser would show a "Syntax error" bomb for a
   malformed diagram while the build passes. Every new or changed diagram is parsed by
   mermaid itself (_ext/diagrams/check.mjs: node and jsdom, one process per build, no
   browser) and a parse error is a warning (``diagrams.parse``) at the diagram's file and line,
   which -W turns into a failure. The check runs while the pages are written, and diagrams known
   to parse are remembered in the doctree folder, so only new or changed ones are checked again.
   Each page's diagrams, with their lines, are kept in a Domain (``book_diagrams``) for that.
4. A text alternative for drawn images. Where mermaid-cli draws a diagram as an image (the
   EPUB), sphinxcontrib-mermaid gives the image the diagram's source as its alt text unless
   the directive has an ``alt`` option. The diagram's own accessible title and description
   (``accTitle``, ``accDescr``, what mermaid puts in the SVG for screen readers on the site)
   become the alt text instead; a diagram without them is a warning (``diagrams.alt_text``) at
   its line. The alt
   option is written into the attribute as it is (sphinxcontrib-mermaid's render_mm_html does
   not escape it, https://github.com/mgaitan/sphinxcontrib-mermaid/blob/master/sphinxcontrib/mermaid/__init__.py),
   so the text is escaped here; tests/unit/test_ext_diagrams.py fails if it is ever escaped twice.

Configuration (conf.py): ``book_mermaid_dist``, where the site's mermaid comes from;
``book_diagrams_offline``, mermaid's classic build for the copy read from disk (make htmlzip);
``book_mermaid_checker``, the node script that parses the diagrams; ``book_diagram_parts``.

5. Complete. ``book_diagram_parts`` names what every diagram must have (the book: a name, a
   caption, accTitle and accDescr, as README asks); one that lacks any is a warning at its line.

6. Translated. A diagram's source is a message of its page's catalogue (translatable.py): the
   English edition draws its diagrams in English, and checks them as it checks the Chinese.

Warnings, each silenced alone by its name in ``suppress_warnings``: ``diagrams.parse`` (mermaid
cannot parse a diagram), ``diagrams.alt_text`` (a drawn diagram has no accTitle and accDescr,
when ``book_diagram_parts`` does not ask for them), ``diagrams.parts`` (a diagram lacks a part
``book_diagram_parts`` names).
"""

import hashlib
import html
import json
import re
import subprocess
import threading
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError, ExtensionError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.osutil import copyfile
from sphinx.util.typing import ExtensionMetadata
from sphinxcontrib.mermaid import mermaid

from _ext.i18n import _

from .translatable import TranslatableDiagrams

logger = logging.getLogger(__name__)
ENTRY = "mermaid.esm.min.mjs"
CHUNKS = Path("chunks") / "mermaid.esm.min"


# -- 1. Served by the site itself ----------------------------------------------
def copy_mermaid(app: Sphinx) -> None:
    if app.builder.format != "html" or app.config.mermaid_output_format != "raw":
        return  # images drawn at build time (EPUB, PDF): no JavaScript needed
    target = app.config.mermaid_use_local
    if not target:
        raise ConfigError("mermaid_use_local is empty: the pages would load mermaid from a CDN.")
    dist = Path(app.confdir) / app.config.book_mermaid_dist
    if not (dist / ENTRY).is_file():
        raise ExtensionError(
            f"{dist / ENTRY} is missing (book_mermaid_dist = {app.config.book_mermaid_dist!r}), so the "
            "diagrams could not be drawn. Run `make html` (it runs `npm ci`) or `npm ci` in the repository root."
        )
    dest = Path(app.outdir) / "_static" / Path(target).parent
    if app.config.book_diagrams_offline:  # the classic build, one file (see _deferred)
        dest.mkdir(parents=True, exist_ok=True)
        copyfile(dist / CLASSIC, dest / CLASSIC, force=True)
        return
    (dest / CHUNKS).mkdir(parents=True, exist_ok=True)
    copyfile(dist / ENTRY, dest / ENTRY, force=True)
    for chunk in (dist / CHUNKS).glob("*.mjs"):
        copyfile(chunk, dest / CHUNKS / chunk.name, force=True)


# -- 2. Only on pages with a diagram --------------------------------------------
def _is_loader(js) -> bool:
    return "mermaid" in (getattr(js, "attributes", {}).get("body") or "")


def loader_where_needed(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """No loader on pages without diagrams; on the others, the loader started on approach."""
    scripts = context.get("script_files", [])
    if doctree is None or doctree.next_node(mermaid) is None:
        scripts[:] = [js for js in scripts if not _is_loader(js)]
        return
    offline = app.config.book_diagrams_offline
    scripts[:] = [type(js)(js.filename, priority=js.priority, **{**js.attributes, "body": _deferred(js.attributes["body"], offline)})
                  if _is_loader(js) else js for js in scripts]


# sphinxcontrib-mermaid (2.1) loads mermaid as a module on pages with diagrams, at once, and
# draws on the window's load event (its lazy loading, mgaitan/sphinxcontrib-mermaid#109, closed
# in 2.1.0, is for diagrams hidden in tabs). Started on approach instead, the load event has
# passed by the time a reader scrolls to a diagram: draw at once if so. No upstream report asks
# for loading on approach. If the loader's text changes, _deferred stops the build (and
# tests/unit/test_ext_diagrams.py fails) rather than leave diagrams undrawn.
ON_LOAD = 'window.addEventListener("load", load);'
NOW_OR_ON_LOAD = 'if (document.readyState === "complete") load(); else window.addEventListener("load", load);'
DEFERRED = """// _ext.diagrams: start sphinxcontrib-mermaid's loader when a diagram comes near the screen.
const loader = %s;
const classic = %s;
let started = false;
const run = () => {
  const script = document.createElement("script");
  script.type = "module";
  script.textContent = loader;
  document.head.append(script);
};
const start = () => {
  if (started) return;
  started = true;
  near?.disconnect();
  if (!classic) return run();
  const script = document.createElement("script");
  script.src = classic;
  script.onload = run;
  document.head.append(script);
};
const near = "IntersectionObserver" in window
  ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: "25%% 0px" })
  : null;
if (near) document.querySelectorAll("pre.mermaid").forEach((diagram) => near.observe(diagram));
else start();
window.addEventListener("beforeprint", start);
"""


# Read from disk (file://), a page may not import a module: Chromium and Firefox refuse any
# file:// request from a page's script (origin "null"). The offline copy (make htmlzip,
# book_diagrams_offline) loads mermaid's classic build with a script element instead, and the
# loader takes mermaid from it rather than importing it.
IMPORT = re.compile(r'^import mermaid from "([^"]*)/mermaid\.esm\.min\.mjs";$', re.M)
CLASSIC = "mermaid.min.js"


def _deferred(body: str, offline: bool = False) -> str:
    if ON_LOAD not in body:
        raise ExtensionError(
            f"sphinxcontrib-mermaid's loader no longer contains {ON_LOAD!r}; "
            "_ext/diagrams/__init__.py must be updated for this version."
        )
    body, classic = body.replace(ON_LOAD, NOW_OR_ON_LOAD), None
    if offline:
        found = IMPORT.search(body)
        if not found:
            raise ExtensionError("sphinxcontrib-mermaid's loader no longer imports mermaid as "
                                 f"{IMPORT.pattern!r}: _ext/diagrams/__init__.py must be updated for this version.")
        body, classic = IMPORT.sub("const mermaid = globalThis.mermaid;", body), f"{found[1]}/{CLASSIC}"
    dump = lambda value: json.dumps(value).replace("</", "<\\/")  # noqa: E731
    return DEFERRED % (dump(body), dump(classic))


# -- 3. Validated at build time ---------------------------------------------------
class DiagramDomain(Domain):
    """Per document: each diagram with the line of the file where its code starts."""

    name = "book_diagrams"
    label = "book diagrams"
    initial_data: dict[str, Any] = {"diagrams": {}}

    @property
    def diagrams(self) -> dict[str, list[tuple[int | None, str]]]:
        return self.data["diagrams"]

    def clear_doc(self, docname: str) -> None:
        self.diagrams.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        self.diagrams.update({d: v for d, v in otherdata["diagrams"].items() if d in docnames})

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        diagrams = [node["code"] for node in document.findall(mermaid)]
        if not diagrams:
            return
        source = [line.strip() for line in env.doc2path(docname).read_text(encoding=env.config.source_encoding).splitlines()]
        found, cursor = [], 0
        for code in diagrams:  # in the order they are written: each is searched for after the last
            start = _locate(source, code, cursor)
            found.append((None if start is None else start + 1, code))
            cursor = cursor if start is None else start + len(code.splitlines())
        self.diagrams[docname] = found
        for node, (line, _code) in zip(document.findall(mermaid), found, strict=True):
            if missing := [part for part in env.config.book_diagram_parts if not _has(node, part)]:
                logger.warning("this diagram has no %s: every diagram needs %s (README: Diagrams)", ", ".join(missing),
                               ", ".join(env.config.book_diagram_parts), type="diagrams", subtype="parts",
                               location=(docname, line) if line else node)


def _has(node: mermaid, part: str) -> bool:
    """Whether a diagram has a part: a ``:name:``, a ``:caption:`` (both on the figure
    sphinxcontrib-mermaid wraps it in when it has a caption), ``accTitle`` or ``accDescr``."""
    figure = node.parent if isinstance(node.parent, nodes.figure) else None
    return {"name": bool((figure or node)["names"]), "caption": bool(figure and figure.next_node(nodes.caption)),
            "accTitle": bool(ACC_TITLE.search(node["code"])), "accDescr": bool(ACC_DESCR.search(node["code"]))}[part]


def _locate(source: list[str], code: str, cursor: int) -> int | None:
    """The index in ``source`` (stripped lines) of the code's first line, searching from ``cursor``.

    The directive's content is the tail of the code (sphinxcontrib-mermaid puts a config
    header before it when the diagram has options), so the longest tail found is used.
    ``None`` when the code is not in this file (``:::{mermaid} file.mmd``).
    """
    lines = [line.strip() for line in code.splitlines()]
    for skip in range(len(lines)):
        tail = lines[skip:]
        for i in range(cursor, len(source) - len(tail) + 1):
            if source[i : i + len(tail)] == tail:
                return i - skip
    return None


CHECK_TIMEOUT = 600  # seconds; parsing the book's diagrams takes about 2
VALID = "mermaid-valid.json"  # in the doctree folder: digests of the diagrams known to parse


class MermaidCheck:
    """The build's run of the checker: started when the documents are read (env-updated) and
    waited for when the build finishes (build-finished), so that it runs while the pages are
    written. One per application (setup() makes it), holding only this build's process."""

    def __init__(self) -> None:
        self.running: tuple | None = None

    def start(self, app: Sphinx, env: BuildEnvironment) -> None:
        """Start parsing every diagram not yet known to be valid."""
        valid = _known_valid(app)
        pending = {
            _digest(code): (docname, line, code)
            for docname, diagrams in env.domains[DiagramDomain.name].diagrams.items()
            for line, code in diagrams
            if _digest(code) not in valid
        }
        if not pending:
            return
        checker = Path(app.confdir) / app.config.book_mermaid_checker
        if not checker.is_file():
            raise ExtensionError(f"the diagram checker {checker} is missing (book_mermaid_checker = "
                                 f"{app.config.book_mermaid_checker!r})")
        payload = json.dumps([{"id": key, "code": code} for key, (_, _, code) in pending.items()])
        try:
            process = subprocess.Popen(["node", str(checker)], cwd=app.confdir, stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8")
        except FileNotFoundError:
            raise ExtensionError("node is not on PATH, so the mermaid diagrams cannot be checked. Run "
                                 "`tools/deps.sh node`: as root it installs Node.js, otherwise it names the command.") from None
        # communicate() writes the input and reads both pipes together, so a checker that fills
        # stderr while its input is still being written cannot deadlock; in a thread, so that the
        # checker runs while Sphinx writes the pages.
        output: list = []

        def talk_to_checker() -> None:
            try:
                output.append(process.communicate(payload))
            except Exception as error:  # noqa: BLE001  (re-raised in finish)
                output.append(error)

        talk = threading.Thread(target=talk_to_checker, daemon=True)
        talk.start()
        self.running = (process, talk, output, checker, pending, valid)

    def finish(self, app: Sphinx, error: Exception | None) -> None:
        """Warn at the file and line of each diagram mermaid cannot parse; remember the rest."""
        if self.running is None:
            return
        (process, talk, output, checker, pending, valid), self.running = self.running, None
        if error is not None:
            process.kill()
            talk.join()
            return
        talk.join(CHECK_TIMEOUT)
        if talk.is_alive():
            process.kill()
            raise ExtensionError(f"the diagram checker {checker} did not finish in {CHECK_TIMEOUT} s")
        if isinstance(output[0], Exception):
            raise ExtensionError(f"could not talk to the diagram checker {checker}: {output[0]}") from output[0]
        stdout, stderr = output[0]
        if process.returncode != 0:
            raise ExtensionError(f"could not check the mermaid diagrams with {checker}:\n{stderr.strip()}")
        for key, problem in json.loads(stdout).items():
            docname, line, _ = pending[key]
            if problem is None:
                valid.add(key)
                continue
            at = re.search(r"on line (\d+)", problem)
            where = (docname, line + int(at[1]) - 1) if line and at else (docname, line)
            logger.warning("mermaid cannot parse this diagram:\n%s", problem.strip(), location=where,
                           type="diagrams", subtype="parse")
        (Path(app.doctreedir) / VALID).write_text(json.dumps(sorted(valid)), encoding="utf-8")


def _known_valid(app: Sphinx) -> set[str]:
    try:
        return set(json.loads((Path(app.doctreedir) / VALID).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def _digest(code: str) -> str:
    return hashlib.sha1(code.encode("utf-8")).hexdigest()


# -- 4. A text alternative for drawn images ---------------------------------------
ACC_TITLE = re.compile(r"^\s*accTitle\s*:\s*(.+?)\s*$", re.M)
ACC_DESCR = re.compile(r"^\s*accDescr\s*(?::\s*(.+?)\s*$|\{(.*?)\})", re.M | re.S)


def description(code: str) -> tuple[str, str] | None:
    """A diagram's accessible title and description (accDescr: one line, or a { block })."""
    title, descr = ACC_TITLE.search(code), ACC_DESCR.search(code)
    if not (title and descr):
        return None
    return title[1], " ".join((descr[1] or descr[2]).split())


def alt_text(code: str) -> str | None:
    """The alt attribute's text, escaped (render_mm_html writes it as it is), or None."""
    found = description(code)
    if not found:
        return None
    return html.escape(_("%(title)s: %(description)s") % {"title": found[0], "description": found[1]}, quote=True)


class ImageAltText(SphinxPostTransform):
    """Where a builder draws the diagrams as images: their accTitle and accDescr as alt text."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.config.mermaid_output_format == "raw":
            return  # the site draws the SVG in the browser, with the title and description in it
        for node in self.document.findall(mermaid):
            if "alt" in node:
                continue
            text = alt_text(node["code"])
            if text is None:
                if not {"accTitle", "accDescr"} <= set(self.config.book_diagram_parts):  # else diagrams.parts
                    logger.warning("this diagram has no accTitle and accDescr: its image would have no text alternative",
                                   location=node, type="diagrams", subtype="alt_text")
                continue
            node["alt"] = text


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")  # the book's catalogue, for the words it writes
    app.add_config_value("book_mermaid_dist", "node_modules/mermaid/dist", "html", types=frozenset({str}),
                         description="Where the site's mermaid comes from (node_modules, pinned in "
                                     "package-lock.json), relative to the configuration directory.")
    app.add_config_value("book_diagrams_offline", False, "html", types=frozenset({bool}),
                         description="The copy read from disk (make htmlzip): mermaid's classic build, "
                                     "loaded by a script element, no module import.")
    app.add_config_value("book_mermaid_checker", str(Path(__file__).with_name("check.mjs")), "",
                         types=frozenset({str}),
                         description="The node script that parses the diagrams (it imports the same "
                                     "mermaid package from node_modules), relative to the configuration directory.")
    app.add_config_value("book_diagram_parts", (), "env", types=frozenset({tuple, list}),
                         description='What every diagram must have, of "name", "caption", "accTitle" and '
                                     '"accDescr": a warning (diagrams.parts) at a diagram that lacks one.')
    app.connect("builder-inited", copy_mermaid)
    app.connect("html-page-context", loader_where_needed, priority=900)
    app.add_domain(DiagramDomain)
    check = MermaidCheck()
    app.connect("env-updated", check.start)
    app.connect("build-finished", check.finish)
    app.add_post_transform(ImageAltText)
    app.add_transform(TranslatableDiagrams)
    return {"version": "2", "env_version": 6, "parallel_read_safe": True, "parallel_write_safe": True}
