"""Unit tests of _ext/downloads.py, the download menu's files, on Sphinx's fixtures
(tests/unit/roots/test-downloads): a local build offers the files made so far, with their sizes;
Read the Docs' build links its download addresses; the EPUB's build offers none."""

from pathlib import Path

import pytest


def make(make_app, test_root_copy, builder: str, made: dict[str, int], **confoverrides):
    """An application for the test root, after the build folder got ``made`` ({path: bytes})."""
    srcdir = test_root_copy("downloads")
    for path, size in made.items():
        (srcdir / "_build" / path).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / "_build" / path).write_bytes(b"x" * size)
    return make_app(builder, srcdir=srcdir, builddir=srcdir / "_build", confoverrides=confoverrides)


def test_a_local_build_offers_and_copies_the_files_made(make_app, test_root_copy) -> None:
    app = make(make_app, test_root_copy, "html", {"pdf/book.pdf": 1234, "htmlzip/book-html.zip": 99})
    assert app.config.html_context == {"default_mode": "auto", "downloads": [
        {"format": "pdf", "file": "book.pdf", "bytes": 1234}, {"format": "htmlzip", "file": "book-html.zip", "bytes": 99}]}
    # Relative to the configuration's folder: no checkout path in the configuration hash.
    assert app.config.html_extra_path == ["_build/pdf/book.pdf", "_build/htmlzip/book-html.zip"]
    app.build()
    assert (Path(app.outdir) / "book.pdf").stat().st_size == 1234 and app.warning.getvalue() == ""


def test_the_epub_gets_no_downloads(make_app, test_root_copy) -> None:
    app = make(make_app, test_root_copy, "epub", {"pdf/book.pdf": 1234, "epub/book.epub": 5})
    assert app.config.html_context["downloads"] == [] and app.config.html_extra_path == []


def test_read_the_docs_links_its_download_addresses(make_app, test_root_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READTHEDOCS", "True")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "en")
    monkeypatch.setenv("READTHEDOCS_VERSION", "stable")
    # The edition's own downloads, in its language's folder, whichever project builds it (the
    # offline zip holds every edition).
    app = make(make_app, test_root_copy, "html", {"pdf/book.pdf": 1234}, language="zh_CN")
    base = "https://book.example.org/_/downloads/zh-cn/stable"
    assert app.config.html_context == {"default_mode": "auto", "pdf_url": f"{base}/pdf/", "downloads": [
        {"format": fmt, "url": f"{base}/{fmt}/", "bytes": None} for fmt in ("pdf", "epub", "htmlzip")]}
    assert app.config.html_extra_path == [], "Read the Docs' files are served by Read the Docs, not copied"
