"""Say plainly why the LaTeX run failed, naming the source page.

    python tools/latex_errors.py BUILD/latex/NAME.log               print the errors, exit 1
    python tools/latex_errors.py --check-only BUILD/latex/NAME.log  exit 1 only on a lost character

xelatex runs with -file-line-error, so each error in the log reads
``./NAME.tex:LINE: message``. Sphinx marks the start of every page in the .tex with
``\\label{\\detokenize{PAGE::doc}}``; the last such mark above LINE names the page
(docs/PAGE.md) that the error comes from. An image too large for TeX at its resolution
("Dimension too large" in ``\\sphinxincludegraphics``: a 20,000-pixel image at 72 dpi) is named at
the line of the page that includes it, with what to do.
"""

import re
import sys
from pathlib import Path

ERROR = re.compile(r"^(?P<file>[^\s:]+\.tex):(?P<line>\d+): (?P<msg>.*)$")
DOC_MARK = re.compile(r"\\label\{\\detokenize\{(?P<doc>[^}]+)::doc\}\}")
LOST = "Missing character"
# The context line of an error in an image: \sphinxincludegraphics[...]{{name}.png}
IMAGE = re.compile(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{(?P<stem>[^}]*)\}(?P<ext>\.[A-Za-z]+)\}")


def page_of(tex: Path, line: int) -> str:
    """The source page of a .tex line, as docs/PAGE.md (or the .tex itself)."""
    doc = None
    try:
        lines = tex.read_text(encoding="utf-8").splitlines()[:line]
    except OSError:
        return str(tex)
    for text in lines:
        for match in DOC_MARK.finditer(text):
            doc = match["doc"]
    if doc is None:
        return f"{tex.name} (preamble or title page)"
    source = Path("docs") / f"{doc}.md"
    return str(source if source.exists() else Path("docs") / doc)


def line_naming(page: Path, name: str) -> int | None:
    """The line of the page (docs/PAGE.md) that names the file ``name``, from 1."""
    try:
        lines = page.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    return next((n for n, text in enumerate(lines, 1) if name in text), None)


def report(log: Path) -> list[str]:
    text = log.read_text(encoding="utf-8", errors="replace").splitlines()
    found = []
    for i, raw in enumerate(text):
        match = ERROR.match(raw)
        if match:
            tex = log.parent / Path(match["file"]).name
            where = page_of(tex, int(match["line"]))
            context = next((t.strip() for t in text[i + 1 : i + 6] if t.startswith("l.")), "")
            image = IMAGE.search(context)
            name = f"{image['stem']}{image['ext']}" if image else ""
            if image and "Dimension too large" in match["msg"] and (line := line_naming(Path(where), name)):
                found.append(f"{where}:{line}: the image {name} is too large for TeX at its resolution "
                             f"({match['msg']}): give it a width (```{{image}} with :width: 100%) or save it smaller")
                continue
            found.append(f"{where}: {match['msg']} ({tex.name}:{match['line']}{'; ' + context if context else ''})")
        elif LOST in raw:
            found.append(f"{log.name}: {raw.strip()}")
    return found


def main(argv: list[str]) -> int:
    check_only = "--check-only" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    log = Path(paths[0])
    if not log.is_file():
        print(f"error: LaTeX failed before writing {log}; rerun `make pdf` to see its output.", file=sys.stderr)
        return 1
    problems = report(log)
    if check_only:
        problems = [p for p in problems if LOST in p]
        if not problems:
            return 0
    print(f"error: the PDF build failed; from {log}:", file=sys.stderr)
    for problem in problems or ["no error line found; read the log above."]:
        print(f"  {problem}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
