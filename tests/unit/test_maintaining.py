"""The map stays true: MAINTAINING.md's layout names only files that exist, and every module and
script under _ext/ and tools/ has its own row; the README stays a short start."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAINTAINING = ROOT / "MAINTAINING.md"


def section(text: str, heading: str) -> str:
    """The text under a level-2 heading, up to the next one."""
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert found, f"MAINTAINING.md has no '## {heading}' section"
    return found[1]


def layout_rows() -> list[str]:
    """The paths of the layout table: the first cell of each row, in backticks."""
    return re.findall(r"^\| `([^`]+)` \|", section(MAINTAINING.read_text(encoding="utf-8"), "Layout"), re.M)


def code_files(folder: Path) -> list[str]:
    """The modules and scripts of a folder that git would keep (no caches, no compiled catalogues)."""
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in {".pyc", ".mo"} \
                and (path.suffix in {".py", ".mjs", ".js", ".sh"} or os.access(path, os.X_OK)):
            out.append(path.relative_to(ROOT).as_posix())
    return out


def test_every_path_in_the_layout_exists() -> None:
    rows = layout_rows()
    assert len(rows) > 20, "the layout table was not found"
    missing = [row for row in rows if not list(ROOT.glob(row.rstrip("/")))]
    assert missing == [], f"MAINTAINING.md's layout names what does not exist: {missing}"


def test_every_module_and_tool_has_a_row() -> None:
    rows = set(layout_rows())
    unlisted = [f for f in code_files(ROOT / "_ext") + code_files(ROOT / "tools") if f not in rows]
    assert unlisted == [], f"MAINTAINING.md's layout does not list: {unlisted}"


def test_the_readme_is_a_short_start() -> None:
    """What the book is, the two commands, writing, previewing, publishing: 150 lines at most."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert readme.split("\n```sh\n", 1)[1].startswith("make html") and "make test" in readme.split("```", 3)[2]
    headings = re.findall(r"^## (.+)$", readme, re.M)
    assert headings[:4] == ["The two commands", "Writing", "Previewing", "Publishing"], headings


def test_the_register_is_numbered_in_order_with_every_column() -> None:
    """Each row of the register of workarounds has its number, one more than the row above, and
    the five cells of its header (a pasted layout row once took row 34's place unnoticed)."""
    rows = [line for line in section(MAINTAINING.read_text(encoding="utf-8"), "The register of workarounds").splitlines()
            if line.startswith("| ") and not line.startswith(("| # ", "| ---"))]
    numbers = [cells[0] for line in rows if (cells := [c.strip() for c in line.strip("|").split(" | ")])]
    wrong = [line[:60] for line in rows if len(re.split(r" \| (?![^`]*`[^`]*$)", line.strip().strip("|"))) != 5]
    assert len(rows) > 30 and numbers == [str(n) for n in range(1, len(rows) + 1)] and wrong == [], (numbers, wrong)
