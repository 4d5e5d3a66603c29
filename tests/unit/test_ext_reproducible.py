"""Unit tests of _ext/reproducible.py: the book's one zip writer (the EPUB, rewritten after Sphinx
zips it, and the offline copy, tools/htmlzip.py) and the PDF's XMP dates, on Sphinx's fixtures
(tests/unit/roots/test-reproducible)."""

import os
import time
import zipfile
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from _ext.reproducible import FILE_MODE, ZIP_EPOCH
from tools import htmlzip

EPOCH = 1764460800  # 2025-11-30 00:00:00 UTC


@pytest.fixture(autouse=True)
def commit_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))


def assert_normalised(archive: Path) -> list[zipfile.ZipInfo]:
    with zipfile.ZipFile(archive) as z:
        entries = z.infolist()
    odd = [(e.filename, e.date_time, oct(e.external_attr >> 16), e.create_system) for e in entries
           if e.date_time != time.gmtime(EPOCH)[:6] or e.external_attr != FILE_MODE or e.create_system != 3]
    assert odd == [], f"entries not dated from the commit with mode 0644: {odd}"
    return entries


def test_the_offline_zip_is_the_same_whoever_makes_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name in ("index.html", "en/index.html", "en/_static/b.js", "en/_static/a.css", "en/.buildinfo", "stale.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    zips = []
    for umask, when in ((0o022, 1e9), (0o077, 2e9)):  # another user's umask, another clock
        for path in site.rglob("*"):
            os.utime(path, (when, when))
        old = os.umask(umask)
        try:
            htmlzip.write(site, tmp_path / f"{umask}.zip", "book", ["en"])
        finally:
            os.umask(old)
        zips.append((tmp_path / f"{umask}.zip").read_bytes())
    assert zips[0] == zips[1]
    entries = assert_normalised(tmp_path / "18.zip")
    # The root page and the edition's folder, in name order; not Sphinx's bookkeeping, nor a
    # file outside the editions (left by an older build).
    assert [e.filename for e in entries] == ["book/en/_static/a.css", "book/en/_static/b.js", "book/en/index.html", "book/index.html"]
    assert {e.compress_type for e in entries} == {zipfile.ZIP_DEFLATED}


def test_without_a_commit_time_the_zip_is_dated_1980(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    htmlzip.write(tmp_path / "site", tmp_path / "z.zip", "book", [])
    with zipfile.ZipFile(tmp_path / "z.zip") as z:
        assert z.getinfo("book/index.html").date_time == ZIP_EPOCH


@pytest.mark.sphinx("epub", testroot="reproducible", freshenv=True)
def test_the_epub_is_rewritten_in_sphinxs_order_and_compression(app: SphinxTestApp) -> None:
    app.build()
    entries = assert_normalised(app.outdir / "Zip.epub")
    assert entries[0].filename == "mimetype" and entries[0].compress_type == zipfile.ZIP_STORED  # EPUB's rule
    assert {e.compress_type for e in entries[1:]} == {zipfile.ZIP_DEFLATED}
    assert not list(app.outdir.glob("*.tmp")), "a partial zip was left behind"


@pytest.mark.sphinx("latex", testroot="reproducible", freshenv=True)
def test_the_pdf_metadata_is_dated_from_the_commit(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\hypersetup{pdfcreationdate={D:20251130000000Z}, pdfmoddate={D:20251130000000Z}, " \
           r"pdfdate={2025-11-30T00:00:00Z}, pdfmetadate={2025-11-30T00:00:00Z}, pdfinstanceid={uuid:" in tex
