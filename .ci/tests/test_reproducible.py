"""The reproducibility rehearsal: the same commit gives the same bytes, on another machine,
another day. Run by .ci/reproducible (as root).

Two clean builds of this checkout (`make site`, each in a clone of its own, with the
uncommitted changes) run side by side. The first as this machine builds: root, its zone and
clock, its caches (machines.py `first_build`). The second (`SecondBuild`) at another path, by
another user (nobody), in another time zone (UTC+14), with the clock moved on 400 days
(faketime), with empty HOME and /tmp and another hash seed. Every file of the site, the PDF,
the EPUB folder, the offline site and its zip must be byte-identical.
"""

import re
import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from helpers import PDF_NAME, ROOT
from machines import SecondBuild, first_build, stop

OUTPUTS = ("html", "pdf", "epub", "offline", "htmlzip")
# Both builds run in the first test's setup.
pytestmark = pytest.mark.timeout(1800)


def commit_epoch() -> int:
    """The last commit's time: the Makefile's SOURCE_DATE_EPOCH."""
    return int(subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout)


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"from byte {at}: {a[max(0, at - 40):at + 40]!r} / second build: {b[max(0, at - 40):at + 40]!r}"


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is in one build only or differs, with the first differing bytes (and,
    for a zip such as the EPUB, the entries that differ)."""
    files_a = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    files_b = {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    out = [f"{p}: only in the first build" for p in sorted(files_a - files_b)]
    out += [f"{p}: only in the second build" for p in sorted(files_b - files_a)]
    for name in sorted(files_a & files_b):
        a, b = (first / name).read_bytes(), (second / name).read_bytes()
        if a == b:
            continue
        line = f"{name}: {first_difference(a, b)}"
        if zipfile.is_zipfile(first / name) and zipfile.is_zipfile(second / name):
            with zipfile.ZipFile(first / name) as za, zipfile.ZipFile(second / name) as zb:
                entries_a = {i.filename: (i.date_time, i.external_attr, za.read(i)) for i in za.infolist()}
                entries_b = {i.filename: (i.date_time, i.external_attr, zb.read(i)) for i in zb.infolist()}
            line += f"; entries that differ: {sorted(n for n in entries_a.keys() | entries_b.keys() if entries_a.get(n) != entries_b.get(n))}"
        out.append(line)
    return out


@pytest.fixture(scope="module")
def second_build(machine_parts):
    """Started first: it takes longer (it installs .venv and node_modules too)."""
    started = SecondBuild.start(machine_parts)
    yield started
    stop(started.process)


@pytest.fixture(scope="module")
def first(machine_parts, second_build) -> Path:
    """The first build, made while the second runs."""
    return first_build(machine_parts)


@pytest.fixture(scope="module")
def second(first: Path, second_build) -> Path:
    code = second_build.wait(timeout=1500)
    assert code == 0, f"the second build failed (exit {code}):\n{second_build.output()[-4000:]}"
    return second_build.checkout / "_build"


def test_the_second_build_really_is_elsewhere(second_build, second: Path) -> None:
    """Another user, zone and clock than this build's (and another path, by construction):
    else the comparison proves little."""
    log = second_build.output()
    user, zone = re.search(r"^second build: user (\S+), zone (\S+),", log, re.M).groups()
    clock = re.search(r"^second build: clock (\S+)$", log, re.M)[1]
    assert (user, zone) == ("nobody", "+1400")
    assert clock > datetime.now(timezone.utc).date().isoformat(), f"the clock was not moved: {clock}"


def test_every_output_file_is_byte_identical(first: Path, second: Path) -> None:
    found = [d for out in OUTPUTS for d in differences(first / out, second / out)]
    assert not found, "two clean builds of this commit differ:\n" + "\n".join(found)


def test_the_pdf_is_dated_from_the_commit(first: Path) -> None:
    """Not from the day it was built: a reader who downloads it twice gets the same file."""
    epoch, pdf_path = commit_epoch(), first / "pdf" / f"{PDF_NAME}.pdf"
    info = subprocess.run(["pdfinfo", "-isodates", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    created = re.search(r"^CreationDate:\s+(\S+)", info, re.M)[1]
    assert datetime.fromisoformat(created.replace("Z", "+00:00")).timestamp() == epoch, info
    xmp = subprocess.run(["pdfinfo", "-meta", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    commit = datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for field in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
        assert f"<{field}>{commit}</{field}>" in xmp, (field, commit)


def test_the_epub_entries_are_dated_from_the_commit(first: Path) -> None:
    epoch, epub_path = commit_epoch(), first / "epub" / "zh-cn" / f"{PDF_NAME}.epub"
    commit = datetime.fromtimestamp(epoch - epoch % 2, timezone.utc).timetuple()[:6]  # zip keeps even seconds
    with zipfile.ZipFile(epub_path) as epub:
        infos = epub.infolist()
    assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
    assert {i.date_time for i in infos} == {commit} and {i.external_attr for i in infos} == {0o644 << 16}
