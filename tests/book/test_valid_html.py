"""Valid HTML: the Nu HTML Checker (npm vnu-jar, pinned; Java) finds no error on any page."""

import subprocess
from pathlib import Path

from helpers import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(*files: Path) -> subprocess.CompletedProcess:
    assert VNU.is_file(), "vnu-jar is missing: run `make deps`"
    return subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
        capture_output=True, text=True, check=False,
    )


def test_every_page_is_valid_html(html_dir: Path) -> None:
    # The built pages only: the theme's Jinja fragments under _static are not pages.
    pages = sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.relative_to(html_dir).parts)
    assert len(pages) >= 20
    result = vnu(*pages)
    assert result.returncode == 0 and "error" not in result.stderr, result.stderr[-3000:]


def test_the_checker_reports_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=zh-CN><title>x</title><p><div></p>", encoding="utf-8")
    result = vnu(broken)
    assert result.returncode != 0 and "error" in result.stderr
