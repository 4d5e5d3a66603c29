"""Mistakes in the sources stop the build, each named at its file (and line, where it has one),
never with a traceback.

- Every kind of mistake an author makes (the table below: markup, references, encodings,
  diagrams, the glossary, empty pages), each on a page drawn by rule, one at a time, built
  incrementally from one clean build of a copy of the project; and the valid variants (a BOM,
  CRLF, NFD, full-width spaces, a 1 MB page), which must build.
- One copy broken in several places at once: with --keep-going one build reports every
  mistake, and a second reports them all again (a failed build forgets its environment).
- The PDF: a character no font has.

A diagram mermaid cannot parse is also the unit tier's (tests/unit/test_ext_diagrams.py, whatever
the builder, again on a second build); a broken CITATION.cff is tests/unit/test_ext_citation.py's.
"""

import re
import shutil
import struct
import subprocess
import unicodedata
import zlib
from pathlib import Path

import pytest
from helpers import PDF_NAME, UNCUT_CSS, make

from _ext import HAN

PAGE = "docs/highlights.md"
STRAY = "docs/stray.md"
TERM = "这里引用了一个不存在的术语：{term}`JupyterHubb`。"
REF = "参见 {ref}`no-such-section`。"
EMOJI = "这个符号没有字体能显示：🦜。"


def output(result) -> str:
    return result.stdout + result.stderr


UNCUT = f"SPHINXOPTS={UNCUT_CSS}"  # the mistakes are in the pages and diagrams

def line_of(project: Path, text: str) -> int:
    return (project / PAGE).read_text(encoding="utf-8").splitlines().index(text) + 1


@pytest.fixture(scope="module")
def project(project_copy) -> Path:
    return project_copy()


def test_html_mistakes_are_each_named(project: Path) -> None:
    """A misspelt term, a broken reference and a page in no table of contents: one `make html`
    fails and names each at its file and line, and so does the next."""
    page = project / PAGE
    original = page.read_text(encoding="utf-8")
    page.write_text(f"{original}\n{TERM}\n\n{REF}\n", encoding="utf-8")
    (project / STRAY).write_text("# 没有放进目录的页面\n\n正文。\n", encoding="utf-8")
    expected = [
        f"{PAGE}:{line_of(project, TERM)}: WARNING: term not in glossary: 'JupyterHubb' [ref.term]",
        f"{PAGE}:{line_of(project, REF)}: WARNING: undefined label: 'no-such-section'",
        f"{STRAY}: WARNING: document isn't included in any toctree",
    ]
    try:
        first = make("html", "EDITIONS=zh-cn", UNCUT, cwd=project)
        # Run again, nothing mended: every mistake is reported again (a failed build forgets its
        # environment, so the pages are read again).
        second = make("html", "EDITIONS=zh-cn", UNCUT, cwd=project)
    finally:
        page.write_text(original, encoding="utf-8")
        (project / STRAY).unlink()
    assert first.returncode != 0, output(first)[-2000:]
    missing = [message for message in expected if message not in output(first)]
    assert not missing, f"not reported: {missing}\n{output(first)[-3000:]}"
    assert second.returncode != 0, output(second)[-2000:]
    missing = [message for message in expected if message not in output(second)]
    assert not missing, f"not reported again: {missing}\n{output(second)[-3000:]}"


def test_a_character_no_font_has_stops_the_pdf(pdf_runs) -> None:
    """An emoji has no glyph in the book's fonts: the PDF build stops and names the page, again on
    a second run, and leaves no PDF. The copy's LaTeX folder holds a contents file of an older
    preamble (written under babel, which the book no longer loads): the emoji can only be named
    if the build got past it (the Makefile retries from clean auxiliary files)."""
    project, runs, _ = pdf_runs["emoji"]
    misses = [f"run {run} passed:\n{output(result)[-2000:]}" for run, result in enumerate(runs, 1) if result.returncode == 0]
    misses += [f"run {run} did not name the emoji:\n{output(result)[-2000:]}" for run, result in enumerate(runs, 1)
               if not re.search(rf"{re.escape(PAGE)}: Missing character: .*U\+1F99C", output(result))]
    misses += ["a PDF was left"] if (project / "_build" / "pdf").exists() else []
    assert misses == [], "\n".join(misses)


# -- Every kind of mistake, on pages drawn by rule ------------------------------------------
# A mistake: its name; the text added at the end of a page, or a function of the page's bytes ->
# (bytes, the line the build must name); what the message says; for added text, which of its
# lines the build must name (the first unless given).
def _first_non_ascii_line(text: str) -> int:
    return next(i for i, t in enumerate(text.splitlines(), 1) if not t.isascii())


APPENDED = [
    ("misspelt term", "见 {term}`JupyterHubb`。", "term not in glossary"),
    ("broken reference", "参见 {ref}`no-such-section`。", "undefined label"),
    ("numref to a missing figure", "见 {numref}`fig-no-such`。", "undefined label"),
    ("unknown role", "一个 {nosuchrole}`角色`。", "Unknown interpreted text role"),
    ("unknown directive", "```{nosuchdirective}\n内容\n```", "Unknown directive type"),
    ("missing image", "![一张图](no-such-image.png)", "image file not readable"),
    ("link to a missing page", "见 [另一页](no-such-page.md)。", "no-such-page"),
    ("missing footnote", "一句话[^no-such-note]。", "no-such-note"),
    ("heading-level jump", "#### 跳了级的标题", "Non-consecutive header level increase"),
    ("duplicate label", "(dup-label)=\n## 甲\n\n(dup-label)=\n## 乙", "Duplicate explicit target name", 3),
    ("toctree entry for a missing page", "```{toctree}\nno-such-page\n```", "nonexisting document"),
    ("unclosed code fence", "```python\nx = 1", "never closed"),
    ("malformed diagram", "```{mermaid}\n:name: fig-broken\n:caption: 坏图。\n\nflowchart TB\n    accTitle: 坏\n"
                          "    accDescr: 坏。\n    a[没有闭合 --> b", "mermaid cannot parse", 7),
    ("incomplete diagram", "```{mermaid}\nflowchart TB\n    a --> b\n```", "this diagram has no"),
]
REPLACED = [
    ("GBK/GB18030 encoding", lambda data: (data.decode().encode("gb18030"), _first_non_ascii_line(data.decode())), "not UTF-8"),
    ("binary file named .md", lambda data: (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 3), "not a text file"),
    ("empty page", lambda data: (b"", 1), "no title"),
    ("only front matter", lambda data: (b"---\norphan: true\n---\n", 1), "no title"),
    ("broken front matter", lambda data: (b"---\ntitle: [\n---\n" + data, 1), ""),
]
GLOSSARY = [  # added as the last entry of the glossary page's first `{glossary}`
    ("term inside a definition that points nowhere", "无名条目 : W\nnameless entry\n  见 {term}`不存在的术语`。\n",
     "term not in glossary", 2),
    ("duplicate glossary entry", "匿名化 : N\nanonymisation\n  重复的条目。\n", "duplicate term description", 0),
    ("nameless glossary entry", " : W\nnameless entry\n  没有中文名的条目。\n", "", 1),
]
# Must build: the page as it is, saved differently, or unusual but valid.
VALID = [
    ("byte-order mark", lambda data: b"\xef\xbb\xbf" + data, True),
    ("CRLF line endings", lambda data: data.replace(b"\n", b"\r\n"), True),
    ("NFD-normalised text", lambda data: unicodedata.normalize("NFD", data.decode()).encode(), False),
    ("full-width spaces", lambda data: re.sub(f"\n\n(?=[{HAN}])", "\n\n\u3000\u3000", data.decode()).encode(), False),
    ("a 1 MB page", lambda data: data + ("\n\n" + "数据科学的开放工具。" * 35_000 + "\n").encode(), False),
]


def book_pages_of(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in (project / "docs").rglob("*.md"))


@pytest.fixture(scope="module")
def built_once(project_copy) -> list[tuple[Path, Path]]:
    """Two copies of the project, each built once (side by side); each one's environment kept
    aside, put back before each case: the cases run two at a time, one in each copy."""
    from concurrent.futures import ThreadPoolExecutor

    def build(project: Path) -> tuple[Path, Path]:
        result = make("html", "EDITIONS=zh-cn", UNCUT, cwd=project)
        assert result.returncode == 0, output(result)[-3000:]
        kept = project / "_kept-doctrees"
        shutil.copytree(project / "_build" / ".doctrees", kept)
        return project, kept

    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(build, [project_copy(), project_copy()]))


def each_in_a_copy(copies: list[tuple[Path, Path]], cases: list, run) -> list:
    """``run(project, kept, case)`` for every case, the cases shared out between the copies, which
    work side by side; the results in the cases' order."""
    from concurrent.futures import ThreadPoolExecutor

    def share(k: int) -> list:
        return [run(*copies[k], c) for c in cases[k::len(copies)]]

    with ThreadPoolExecutor(len(copies)) as pool:
        shares = list(pool.map(share, range(len(copies))))
    return [shares[i % len(copies)][i // len(copies)] for i in range(len(cases))]


def case(project: Path, kept: Path, page: str, data: bytes):
    """`make html` with ``page`` holding ``data``, incrementally from the clean build."""
    shutil.rmtree(project / "_build" / ".doctrees")
    shutil.copytree(kept, project / "_build" / ".doctrees")
    path = project / page
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        return make("html", "EDITIONS=zh-cn", UNCUT, cwd=project)
    finally:
        path.write_bytes(original)


def test_every_kind_of_mistake_stops_the_build_at_its_line(built_once) -> None:
    """Each kind of mistake on a page drawn by rule (the kinds in order over the pages in order,
    so every page takes one; the glossary's own on the glossary page), one at a time, built
    incrementally from one clean build: `make html` fails, names the file and the line (±1) where
    the mistake has one, and prints no traceback. Every miss is listed."""
    project = built_once[0][0]
    pages = book_pages_of(project)
    cases = []
    for i, (name, snippet, says, *offset) in enumerate(APPENDED):
        page = pages[i % len(pages)]
        text = (project / page).read_text(encoding="utf-8").rstrip("\n")
        cases.append((name, page, f"{text}\n\n{snippet}\n".encode(), len(text.splitlines()) + 2 + sum(offset), says))
    for i, (name, change, says) in enumerate(REPLACED, len(APPENDED)):
        page = pages[i % len(pages)]
        cases.append((name, page, *change((project / page).read_bytes()), says))
    glossary = "docs/glossary.md"
    text = (project / glossary).read_text(encoding="utf-8")
    end = text.index("\n```\n", text.index("```{glossary}\n")) + 1  # the closing fence's line
    for name, entry, says, offset in GLOSSARY:
        cases.append((name, glossary, (text[:end] + "\n" + entry + text[end:]).encode(),
                      text[:end].count("\n") + 2 + offset, says))
    assert set(pages) <= {page for _name, page, *_rest in cases}, "a page no case was drawn for"
    misses = []
    results = each_in_a_copy(built_once, cases, lambda project, kept, c: case(project, kept, c[1], c[2]))
    for (name, page, _data, line, says), result in zip(cases, results, strict=True):
        out = output(result)
        named = [int(n) for n, message in re.findall(rf"{re.escape(page)}:(\d+): (?:WARNING|ERROR): (.*)", out) if says in message]
        if result.returncode == 0:
            misses.append(f"{name} ({page}): the build passed")
        if "Traceback" in out:
            misses.append(f"{name} ({page}): a traceback:\n{out[-1500:]}")
        if not any(abs(n - line) <= 1 for n in named):
            misses.append(f"{name} ({page}): not named at line {line} ({says!r}); named at {named}:\n{out[-1500:]}")
    assert misses == [], f"{len(misses)} of {len(cases)} cases:\n" + "\n".join(misses)


def test_valid_variants_build_and_a_bom_or_crlf_changes_no_byte(built_once) -> None:
    """A byte-order mark, CRLF line endings, NFD-normalised text, full-width spaces and a 1 MB page
    (each on a page drawn by rule) build; with a BOM or CRLF the page is byte for byte the same."""
    pages = book_pages_of(built_once[0][0])
    variants = [(name, pages[(i * 5 + 3) % len(pages)], change, same) for i, (name, change, same) in enumerate(VALID)]

    def run(project: Path, kept: Path, variant: tuple) -> str | None:
        name, page, change, same = variant
        html = project / "_build" / "html" / "zh-cn" / Path(page).relative_to("docs").with_suffix(".html")
        before = html.read_bytes()
        result = case(project, kept, page, change((project / page).read_bytes()))
        if result.returncode != 0 or "Traceback" in output(result):
            return f"{name} ({page}): exit {result.returncode}:\n{output(result)[-1500:]}"
        if same and html.read_bytes() != before:
            return f"{name} ({page}): the page differs from the one built without it"
        return None

    misses = [miss for miss in each_in_a_copy(built_once, variants, run) if miss]
    assert misses == [], "\n".join(misses)


def png(width: int, height: int) -> bytes:
    """A white 1-bit PNG of any size (a few KB, whatever its pixels)."""
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * height, 9)) + chunk(b"IEND", b""))


# Each cell holds a character no page has (鑫 in the head, 垚 in the body), so the PDF's text shows
# that every cell is there however narrow its column.
WIDE_TABLE = "| " + " | ".join(f"鑫{i}" for i in range(1, 17)) + " |\n|" + "---|" * 16 + "\n| " + \
    " | ".join(f"垚单元格{i}" for i in range(1, 17)) + " |"
LONG_CODE = "x = [" + ", ".join(f"'item{i:03d}'" for i in range(30)) + "]"  # one line, over 300 characters


def added_to(project: Path, pages: list[str], texts: tuple[str, ...]) -> dict[str, int]:
    """Each text added at the end of its page; the line it starts at, by page."""
    lines = {}
    for page, added in zip(pages, texts, strict=True):
        path = project / page
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\n{added}\n", encoding="utf-8")
        lines[page] = len(text.splitlines()) + 2
    return lines


def with_emoji(project: Path) -> tuple[int, None]:
    (project / PAGE).write_text(f"{(project / PAGE).read_text(encoding='utf-8')}\n{EMOJI}\n", encoding="utf-8")
    latex = project / "_build" / "latex" / "zh-cn"
    latex.mkdir(parents=True, exist_ok=True)
    (latex / f"{PDF_NAME}.toc").write_text("\\babel@toc {english}{}\\relax\n", encoding="utf-8")
    return 2, None  # (runs, what the test needs to know)


def with_wide_table(project: Path) -> tuple[int, None]:
    assert not any(c in (project / p).read_text(encoding="utf-8") for p in book_pages_of(project) for c in "鑫垚")
    added_to(project, book_pages_of(project)[-2:], (WIDE_TABLE, f"```python\n{LONG_CODE}\n```"))
    return 1, None


def with_huge_image(project: Path) -> tuple[int, tuple[str, int]]:
    (project / "docs" / "_static" / "huge.png").write_bytes(png(20_000, 20_000))
    page = book_pages_of(project)[-1]
    return 1, (page, added_to(project, [page], ("![一张极大的图](/_static/huge.png)",))[page])


@pytest.fixture(scope="module")
def pdf_runs(project_copy) -> dict[str, tuple[Path, list, object]]:
    """The three PDF cases below, each in a copy of its own, built side by side (each is a LaTeX
    run of the whole book, the emoji's twice): name -> (the copy, its runs, what the case added)."""
    from concurrent.futures import ThreadPoolExecutor

    cases = {name: (project := project_copy(), *prepare(project))
             for name, prepare in (("emoji", with_emoji), ("wide", with_wide_table), ("huge", with_huge_image))}

    def build(name: str) -> tuple[str, tuple[Path, list, object]]:
        project, runs, added = cases[name]
        return name, (project, [make("pdf", "EDITIONS=zh-cn", cwd=project) for _ in range(runs)], added)

    with ThreadPoolExecutor(len(cases)) as pool:
        return dict(pool.map(build, cases))


def test_a_wide_table_and_a_long_code_line_are_typeset_within_the_page(pdf_runs) -> None:
    """A table of 16 columns and a code line of over 300 characters, each on a page drawn by
    rule (the last two): `make pdf` typesets them, every word of the book inside its page, the
    table's last cell and the whole code line in the text."""
    project, (result,), _ = pdf_runs["wide"]
    assert result.returncode == 0 and "Traceback" not in output(result), output(result)[-2000:]
    pdf = project / "_build" / "pdf" / f"{PDF_NAME}.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    misses = []
    for page in re.finditer(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S):
        misses += [f"{word!r} runs off the page ({x_min}–{x_max} of {page[1]})" for x_min, x_max, word in
                   re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page[2])
                   if float(x_min) < 0 or float(x_max) > float(page[1])]
    # The code line's breaks carry Sphinx's continuation mark (→), left out to read it whole.
    text = re.sub(r"[\s→]+", "", subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                                                text=True, check=True).stdout)
    misses += [f"{text.count(c)} of the table's 16 cells marked {c} are in the text" for c in "鑫垚" if text.count(c) != 16]
    misses += [] if re.sub(r"\s+", "", LONG_CODE) in text else ["the long code line is not in the text whole"]
    assert misses == [], "\n".join(misses[:40])


def test_an_image_too_large_for_tex_stops_the_pdf_at_its_line(pdf_runs) -> None:
    """An image of 20,000 × 20,000 pixels (no resolution given: 72 dpi, 7 m wide, past TeX's
    largest dimension) on a page drawn by rule (the last): `make pdf` either puts it in the PDF or
    stops naming the page and the line that includes it, and what to do; never a traceback."""
    project, (result,), (page, line) = pdf_runs["huge"]
    out = output(result)
    assert "Traceback" not in out, out[-2000:]
    if result.returncode == 0:
        pdf = project / "_build" / "pdf" / f"{PDF_NAME}.pdf"
        images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"\s20000\s+20000\s", images), images
    else:
        assert f"{page}:{line}: the image huge.png is too large for TeX" in out and ":width:" in out, out[-2000:]
