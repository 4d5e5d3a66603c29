"""Zip a built site for reading offline: `python tools/htmlzip.py SITE ZIP FOLDER EDITION...`.

SITE's root page (index.html, tools/editions.py) and every file of each EDITION's folder
(SITE/zh-cn, SITE/en) go into ZIP under one folder, FOLDER/, so that unzipping gives one folder
with index.html in it; nothing else in SITE (what an older build left) does. The zip is the same bytes for the same site on any machine and
day: entries in name order, deflated, written by the book's one zip writer
(_ext/reproducible.write_zip: dated from the last commit, mode 0644). Sphinx's build
bookkeeping (.buildinfo) is left out.
"""

import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _ext.reproducible import write_zip

LEFT_OUT = {".buildinfo", ".buildinfo.bak"}


def entries(site: Path, editions: list[str]) -> list[Path]:
    files = [site / "index.html", *(p for e in editions for p in (site / e).rglob("*") if p.is_file())]
    return sorted((p for p in files if p.name not in LEFT_OUT), key=lambda p: p.relative_to(site).as_posix())


def write(site: Path, target: Path, folder: str, editions: list[str]) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    write_zip(target, ((f"{folder}/{path.relative_to(site).as_posix()}", path.read_bytes(), zipfile.ZIP_DEFLATED)
                       for path in entries(site, editions)))
    return target.stat().st_size


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__.split("\n")[0])
    site, target, folder, editions = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4:]
    if missing := [str(site / e) for e in ["", *editions] if not (site / e / "index.html").is_file()]:
        sys.exit(f"htmlzip: no built site (index.html) in {', '.join(missing)}")
    size = write(site, target, folder, editions)
    print(f"HTML zip: {target} ({size / 1e6:.1f} MB)")
