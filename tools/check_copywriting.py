"""Check the book's Chinese copywriting with autocorrect-py (AutoCorrect).

    python tools/check_copywriting.py [FILE_OR_DIR ...]    default: docs/ and _ext/locales/

Spaces between CJK and Latin letters or digits, full-width punctuation in Chinese text,
consistent brackets, in the pages (*.md) and the translations of every catalogue (*.po: the
book's own words in _ext/locales, the themes' in docs/locales). Rules come from .autocorrectrc
at the repository root; the tests run this and expect no finding. Prints
`file:line:col: old -> new`.
"""

import re
import sys
from pathlib import Path

import autocorrect_py as autocorrect

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = [ROOT / "docs", ROOT / "_ext" / "locales"]


def translations_only(po: str) -> str:
    """A catalogue's translations, each on its own line (the others blank, so line numbers
    stay), with each placeholder (%(term)s, %s) read as a Chinese word: what fills it is
    written in the book's language, and the spacing around it follows that."""
    lines = []
    for line in po.splitlines():
        found = re.match(r'msgstr "(.*)"$', line)
        lines.append(re.sub(r"%\(\w+\)s|%s", "甲", found[1]) if found else "")
    return "\n".join(lines) + "\n"


def files(paths: list[Path]) -> list[Path]:
    """The pages and the catalogues in ``paths`` (a folder is searched through)."""
    return [f for path in paths for f in (sorted([*path.rglob("*.md"), *path.rglob("*.po")]) if path.is_dir() else [path])]


def catalogues(paths: list[Path]) -> list[Path]:
    return [f for f in files(paths) if f.suffix == ".po"]


def findings(paths: list[Path]) -> list[str]:
    config = ROOT / ".autocorrectrc"
    if config.is_file():
        autocorrect.load_config(config.read_text(encoding="utf-8"))
    found = []
    for file in files(paths):
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".po":
            text = translations_only(text)
        result = autocorrect.lint_for(text, str(file.with_suffix(".txt")) if file.suffix == ".po" else str(file))
        for line in result.lines:
            found.append(f"{file}:{line.line}:{line.col}: {line.old.strip()!r} -> {line.new.strip()!r}")
    return found


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or DEFAULT_PATHS
    problems = findings(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} copywriting finding(s); fix them as suggested (see .autocorrectrc for the rules).", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
