"""Zip a built site for reading offline: `python tools/htmlzip.py SITE ZIP FOLDER`.

Every file of SITE goes into ZIP under one folder, FOLDER/, so that unzipping gives one
folder with index.html in it. The zip is the same bytes for the same site on any machine and
day: entries in name order, dated from the last commit ($SOURCE_DATE_EPOCH, as the rest of
the book; else 1980-01-01), mode 0644, deflated. Sphinx's build bookkeeping (.buildinfo) is
left out.
"""

import os
import sys
import time
import zipfile
from pathlib import Path

LEFT_OUT = {".buildinfo", ".buildinfo.bak"}


def entries(site: Path) -> list[Path]:
    return sorted((p for p in site.rglob("*") if p.is_file() and p.name not in LEFT_OUT),
                  key=lambda p: p.relative_to(site).as_posix())


def write(site: Path, target: Path, folder: str) -> int:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)  # the zip format starts at 1980
    date = time.gmtime(max(epoch, 315532800))[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in entries(site):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return target.stat().st_size


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n")[0])
    site, target, folder = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    if not (site / "index.html").is_file():
        sys.exit(f"htmlzip: {site} holds no built site (no index.html)")
    size = write(site, target, folder)
    print(f"HTML zip: {target} ({size / 1e6:.1f} MB)")
