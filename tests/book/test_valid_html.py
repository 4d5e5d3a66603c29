"""Valid HTML: the Nu HTML Checker (npm vnu-jar, pinned; Java) finds no error on any page."""

import subprocess
from pathlib import Path

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = '<!DOCTYPE html><html lang=zh-CN><title>x</title><p><div></p>'


def test_every_page_is_valid_html(html_dir: Path, english_html_dir: Path, tmp_path: Path) -> None:
    """One run of the checker over every built page of both editions and the root page (the
    theme's Jinja fragments under _static are not pages), and over a broken page of its own,
    which it must report: so a checker that reports nothing cannot pass the book."""
    assert VNU.is_file(), "vnu-jar is missing: run `make deps`"
    pages = [html_dir.parent / "index.html", *sorted(p for folder in (html_dir, english_html_dir) for p in folder.rglob("*.html")
                                                      if "_static" not in p.relative_to(folder).parts)]
    assert len(pages) >= 40
    broken = tmp_path / "broken.html"
    broken.write_text(BROKEN, encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", str(broken), *map(str, pages)],
                            capture_output=True, text=True, check=False)
    errors = [line for line in result.stderr.splitlines() if "error" in line]
    assert any(str(broken) in line for line in errors), \
        f"the checker did not report the broken page:\n{result.stderr[-2000:]}"
    in_the_book = [line for line in errors if str(broken) not in line]
    assert not in_the_book, "\n".join(in_the_book[-50:])
