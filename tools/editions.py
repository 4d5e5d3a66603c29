"""The root page of a folder of editions, and one set of glossary data for them all:
`python tools/editions.py FOLDER`.

FOLDER holds one site per edition (FOLDER/zh-cn/, FOLDER/en/: _ext/editions.py); this writes
FOLDER/index.html, which sends a reader to the edition of their browser's first language that
has one (its primary subtag: zh-TW reads the zh-CN edition), else to the book's own (the first
edition in CITATION.cff, as hreflang's x-default). Without scripts, it lists the editions, each
in its own language. It links index.html files, not folders, so that it works from disk too.
On Read the Docs each language is a project with its own root; this page is published there
only inside the offline zip.

Then each glossary's data files (JSON, CSV, TBX) become one set for every edition: the book's
own language's, with the other editions' words merged in (_ext/glossary/data.py ``merge``), the
same bytes in each edition. (Read the Docs' html job builds every edition for this, and
publishes its project's.)
"""

import json
import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _ext.citation import book  # noqa: E402
from _ext.citation import editions as editions_of  # noqa: E402
from _ext.editions import code  # noqa: E402
from _ext.glossary.data import merge, write_files  # noqa: E402
from conf_value import literal  # noqa: E402

CFF = Path(__file__).resolve().parents[1] / "CITATION.cff"


def root_page(folder: Path) -> str:
    found = [(tag, f"{code(tag)}/index.html") for tag, _url in editions_of(CFF) if (folder / code(tag) / "index.html").is_file()]
    if not found:
        raise SystemExit(f"editions: {folder} holds no edition's site (no <language>/index.html)")
    names = literal("book_edition_names") or {}
    titles = {tag: book(CFF, tag.split("-")[0]).title for tag, _page in found}
    by_language = {tag.split("-")[0].lower(): page for tag, page in reversed(found)}
    heading = " · ".join(f'<span lang="{tag}">{escape(title)}</span>' for tag, title in titles.items())
    items = "\n".join(f'<li><a href="{page}" hreflang="{tag}" lang="{tag}">{escape(names.get(tag, tag))}</a></li>'
                       for tag, page in found)
    own = found[0][0]
    return f"""<!DOCTYPE html>
<html lang="{own}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(" · ".join(titles.values()))}</title>
<script>
const editions = {json.dumps(by_language)};
const found = navigator.languages.map((tag) => editions[tag.split("-")[0].toLowerCase()]).find(Boolean);
location.replace(found || {json.dumps(found[0][1])});
</script>
<style>body {{ font: 1.25rem/1.6 sans-serif; margin: 3rem auto; max-width: 36rem; padding: 0 1rem; }}</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<ul>
{items}
</ul>
</main>
</body>
</html>
"""


def merge_glossaries(folder: Path) -> None:
    """Each glossary's data files, one set for every edition in ``folder``: the book's own
    language's, with the other editions' words merged in (_ext/glossary/data.py ``merge``), the
    same bytes written into each edition."""
    editions = [code(tag) for tag, _url in editions_of(CFF) if (folder / code(tag) / "index.html").is_file()]
    for own in sorted((folder / editions[0]).rglob("*.tbx")):
        page = own.relative_to(folder / editions[0]).with_suffix("")
        sets = [json.loads((folder / e / page).with_suffix(".json").read_text(encoding="utf-8")) for e in editions
                if (folder / e / page).with_suffix(".json").is_file()]
        merged = merge(sets[0], sets[1:])
        for edition in editions:
            write_files(folder / edition / page, merged)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n")[0])
    target = Path(sys.argv[1])
    (target / "index.html").write_text(root_page(target), encoding="utf-8")
    merge_glossaries(target)
