"""The EPUB, checked by Debian's epubcheck."""

import subprocess
import zipfile
from pathlib import Path

EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def test_epubcheck_finds_no_errors(epub_path: Path) -> None:
    assert EPUBCHECK.is_file(), "epubcheck is missing: run `make deps`"
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(epub_path)], capture_output=True, text=True, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert "0 fatals / 0 errors" in report, report


def test_diagrams_are_images(epub_path: Path) -> None:
    """EPUB readers run no JavaScript: diagrams are drawn at build time."""
    with zipfile.ZipFile(epub_path) as book:
        names = book.namelist()
        assert any(n.startswith("_images/mermaid-") and n.endswith(".png") for n in names)
        assert not any("mermaid.esm" in n for n in names)
        pages = [book.read(n).decode() for n in names if n.endswith(".xhtml")]
    assert not any('<pre class="mermaid"' in page for page in pages), "a diagram was left as source text"
    assert any('<img src="_images/mermaid-' in page for page in pages)
