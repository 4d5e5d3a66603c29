"""tests/anchors.txt may only grow. tests/book/test_anchors.py compares the build with the file as
it is now, so a heading removed together with its line would pass there; here every anchor line
ever removed from the file, in git history or in the working tree, must still be in it. (Comment
and blank lines are not anchors: they may change.)"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ANCHORS = "tests/anchors.txt"


def removed_lines() -> dict[str, str]:
    """Each anchor line removed from the file -> where: the commit that removed it, or the working tree."""
    history = subprocess.run(["git", "log", "-p", "--format=commit %h %s", "--", ANCHORS], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    working = subprocess.run(["git", "diff", "HEAD", "--", ANCHORS], cwd=ROOT,
                             capture_output=True, text=True, check=True).stdout
    removed, where = {}, "the working tree"
    for line in (working + "\n" + history).splitlines():
        if line.startswith("commit "):
            where = f"commit {line.removeprefix('commit ')}"
        elif line.startswith("-") and not line.startswith("---"):
            anchor = line[1:].strip()
            if anchor and not anchor.startswith("#"):
                removed.setdefault(anchor, where)
    return removed


def test_no_anchor_ever_removed_from_the_anchors_file() -> None:
    kept = {line.strip() for line in (ROOT / ANCHORS).read_text(encoding="utf-8").splitlines()}
    gone = [f"{anchor} (removed in {where})" for anchor, where in removed_lines().items() if anchor not in kept]
    assert gone == [], (f"{ANCHORS} may only grow, and these anchors were removed from it: put each line back and "
                        "give its heading its old id again (a `(old-id)=` label above it):\n" + "\n".join(gone))
