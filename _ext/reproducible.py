"""The same commit gives the same bytes: what Sphinx does not make reproducible on its own.

The Makefile sets ``SOURCE_DATE_EPOCH`` to the last commit's time. Sphinx reads it for the
dates it prints (``today``, the EPUB's ``dcterms:modified``), xdvipdfmx for the PDF's
Info dates and identifier. Two things still take the build's own time:

- **The PDF's XMP metadata.** hyperxmp dates it (and seeds its InstanceID) from the LaTeX
  log file's modification time, which XeTeX does not take from SOURCE_DATE_EPOCH. The
  preamble gives hyperref and hyperxmp the commit's time, and an InstanceID made from it.
- **The EPUB's zip entries.** Sphinx's EPUB builder zips each file with its modification time,
  in the build machine's time zone, and the file mode the build user's umask gave it
  (Python's ``ZipFile.write``). After the EPUB is written, this rewrites the archive entry by
  entry, in the same order and with the same compression, with the commit's time (UTC) and
  one file mode. ``write_zip`` is the book's one zip writer: tools/htmlzip.py zips the
  offline copy with it too.

.ci/tests/test_reproducible.py builds the book in a second checkout, as another user, in another
time zone, with the clock moved, and compares every file of the site, the PDF and the EPUB;
tests/unit/test_ext_reproducible.py checks the zip writer and the XMP dates. No warnings.
"""

import os
import time
import uuid
import zipfile
from collections.abc import Iterable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.typing import ExtensionMetadata

FILE_MODE = 0o644 << 16  # -rw-r--r--, in the entry's external attributes
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the first time a zip entry can hold


def entry_time() -> tuple[int, int, int, int, int, int]:
    """The commit's time ($SOURCE_DATE_EPOCH) as a zip entry's date and time, in UTC; without
    it (no git), the zip format's first day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return max(time.gmtime(int(epoch))[:6], ZIP_EPOCH) if epoch else ZIP_EPOCH


def write_zip(target: Path, entries: Iterable[tuple[str, bytes, int]]) -> None:
    """Write ``target`` the same on any machine and day: each (name, data, compression) in the
    order given, dated ``entry_time()``, mode 0644, as made on Unix. The one zip writer of the
    book: the EPUB (rewritten) and the offline copy (tools/htmlzip.py)."""
    partial = target.with_name(target.name + ".tmp")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, data, compression in entries:
                info = zipfile.ZipInfo(name, date_time=entry_time())
                info.compress_type = compression
                info.external_attr = FILE_MODE
                info.create_system = 3  # Unix, whatever machine built it
                archive.writestr(info, data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def pdf_metadata_dates(app: Sphinx, config: Config) -> None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return
    when = time.gmtime(int(epoch))
    pdf_date, xmp_date = time.strftime("D:%Y%m%d%H%M%SZ", when), time.strftime("%Y-%m-%dT%H:%M:%SZ", when)
    # The same commit, the same PDF: the InstanceID names this rendition by the book and the time.
    instance = uuid.uuid5(uuid.NAMESPACE_URL, f"{config.html_baseurl}#pdf@{epoch}")
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + (
        f"\n\\hypersetup{{pdfcreationdate={{{pdf_date}}}, pdfmoddate={{{pdf_date}}}, pdfdate={{{xmp_date}}}, "
        f"pdfmetadate={{{xmp_date}}}, pdfinstanceid={{uuid:{instance}}}}}"
    )
    config.latex_elements = elements


def epub_entries(app: Sphinx, exception: Exception | None) -> None:
    """The EPUB as Sphinx zipped it, entry by entry in its order and compression (``mimetype``
    first and stored, as EPUB requires), rewritten by write_zip."""
    if exception or app.builder.name != "epub":
        return
    epub = Path(app.outdir) / f"{app.config.epub_basename}.epub"
    with zipfile.ZipFile(epub) as old:
        write_zip(epub, ((entry.filename, old.read(entry), entry.compress_type) for entry in old.infolist()))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.connect("config-inited", pdf_metadata_dates)
    app.connect("build-finished", epub_entries)
    return {"version": "2", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
