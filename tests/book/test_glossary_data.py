"""The glossary as data, as a reader downloads it: glossary.json, .csv and .tbx next to
glossary.html, and the JSON-LD in its head. Every entry of the HTML glossary must be in each,
with the same anchor, names, group, definition, see-also links and back-links."""

import csv
import gzip
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from bs4 import BeautifulSoup
from helpers import ROOT, parse

SCHEMA = ROOT / "tests" / "schemas" / "glossary.schema.json"
TBX = "{urn:iso:std:iso:30042:ed-2}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def data(html_dir: Path) -> dict:
    return json.loads((html_dir / "glossary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def html_entries(pages: dict[str, BeautifulSoup], data: dict) -> list[dict]:
    """The entries as the glossary page shows them, read the way a reader sees them."""
    page, base = BeautifulSoup(str(pages["glossary.html"]), "lxml"), data["url"]
    for tip in page.select(".term-tip__text"):  # shown on hover only: not part of the definition's text
        tip.decompose()
    out = []
    for dt in page.select("dl.glossary > dt"):
        dd = dt.find_next_sibling("dd")
        english = dt.select_one(".term-en")
        term = "".join(t for t in dt.find_all(string=True) if not t.find_parent(class_=["term-en", "headerlink"])).strip()
        paragraphs = [p for p in dd.find_all("p", recursive=False) if "glossary-backlinks" not in p.get("class", [])]
        out.append({
            "id": dt["id"],
            "term": term,
            "english": english.get_text().strip("（） ").split(", ") if english else [term],
            "group": dt.find_parent("section").find(["h2", "h3"]).get_text().rstrip("#").strip(),
            "definition": " ".join(paragraphs[0].get_text().split()),
            "see_also": [a["href"].lstrip("#") for p in paragraphs[1:] for a in p.select("a[href^='#term-']")],
            "links": [a["href"] for p in paragraphs[1:] for a in p.select("a.external")],
            "mentioned_in": [urljoin(base, a["href"]) for a in dd.select("p.glossary-backlinks a")],
        })
    return out


def test_json_is_valid_against_its_schema(data: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors)


def test_the_schema_rejects_what_it_should(data: dict) -> None:
    """The schema is not a formality: an entry without English, or with an unknown field, fails."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    first = data["entries"][0]
    for broken in ({**first, "english": []}, {**first, "extra": 1}, {**first, "url": "glossary.html#x"},
                   {**first, "links": [{"title": "x", "url": "https://exa mple.org/"}]}):  # only the iri format sees this
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**data, "entries": [broken]}, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_json_agrees_with_the_html_glossary(data: dict, html_entries: list[dict]) -> None:
    assert len(html_entries) > 50
    json_entries = [
        {**{k: e[k] for k in ("id", "term", "english", "group", "definition")},
         "see_also": [s["id"] for s in e["see_also"]], "links": [link["url"] for link in e["links"]],
         "mentioned_in": [link["url"] for link in e["mentioned_in"]]}
        for e in data["entries"]
    ]
    assert json_entries == html_entries
    assert all(e["url"] == f"{data['url']}#{e['id']}" for e in data["entries"])


def test_csv_reads_back_as_the_json(html_dir: Path, data: dict) -> None:
    raw = (html_dir / "glossary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: spreadsheet programs would not read it as UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["id"], r["term"], r["english"].split("; "), r["group"], r["definition"], r["url"]) for r in rows] == [
        (e["id"], e["term"], e["english"], e["group"], e["definition"], e["url"]) for e in data["entries"]
    ]
    assert [r["see_also"] for r in rows] == ["; ".join(s["term"] for s in e["see_also"]) for e in data["entries"]]


# TBX-Basic (TBX v3, DCA style): where each data category may stand (LTAC's TBX-Basic
# Schematron rules) and what the core structure requires of each level.
ALLOWED_AT = {
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec", "descripGrp"},
    ("descrip", "context"): {"termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("xref", "externalCrossReference"): {"conceptEntry", "langSec", "termSec"},
}


def test_tbx_follows_tbx_basic(html_dir: Path, data: dict) -> None:
    root = ET.parse(html_dir / "glossary.tbx").getroot()
    assert (root.tag, root.get("type"), root.get("style"), root.get(LANG)) == (f"{TBX}tbx", "TBX-Basic", "dca", "zh-CN")
    assert root.find(f"{TBX}tbxHeader/{TBX}fileDesc/{TBX}sourceDesc/{TBX}p").text
    concepts = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    ids = [c.get("id") for c in concepts]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) for i in ids)  # xs:ID
    parents = {child: parent for parent in root.iter() for child in parent}
    misplaced = [
        (element.tag.removeprefix(TBX), element.get("type"), parents[element].tag.removeprefix(TBX))
        for element in root.iter() if element.tag in (f"{TBX}descrip", f"{TBX}ref", f"{TBX}xref")
        if parents[element].tag.removeprefix(TBX) not in ALLOWED_AT.get((element.tag.removeprefix(TBX), element.get("type")), set())
    ]
    assert not misplaced, misplaced
    dangling = [r.get("target") for r in root.iter(f"{TBX}ref") if r.get("target") not in ids]
    assert not dangling, dangling
    wrong = []
    for concept in concepts:
        children = [c.tag.removeprefix(TBX) for c in concept]
        count = children.count("langSec")
        if not (count and children[-count:] == ["langSec"] * count):
            wrong.append(f"{concept.get('id')}: the language sections come after the entry's own data: {children}")
        for section in concept.findall(f"{TBX}langSec"):
            terms = section.findall(f"{TBX}termSec")
            if not (section.get(LANG) and terms):
                wrong.append(f"{concept.get('id')}: a language section needs xml:lang and a term")
            elif not all(t[0].tag == f"{TBX}term" and t[0].text for t in terms):
                wrong.append(f"{concept.get('id')}: a term section ({section.get(LANG)}) does not start with its term")
    # The book's own content, per entry: both languages, the group, the definition.
    assert ids == [e["id"] for e in data["entries"]]
    for concept, entry in zip(concepts, data["entries"], strict=True):
        sections = {s.get(LANG): s for s in concept.findall(f"{TBX}langSec")}
        if set(sections) != {"zh-CN", "en"}:
            wrong.append(f"{entry['id']}: language sections {sorted(sections, key=str)}, not zh-CN and en")
            continue
        group = concept.find(f"{TBX}descrip[@type='subjectField']")
        definition = sections["zh-CN"].find(f"{TBX}descrip[@type='definition']")
        wrong += [f"{entry['id']}: {what} is {found!r}, not {expected!r}" for what, found, expected in [
            ("the Chinese term", [t.text for t in sections["zh-CN"].iter(f"{TBX}term")], [entry["term"]]),
            ("the English terms", [t.text for t in sections["en"].iter(f"{TBX}term")], entry["english"]),
            ("the group", group.text if group is not None else None, entry["group"]),
            ("the definition", definition.text if definition is not None else None, entry["definition"]),
        ] if found != expected]
    assert wrong == [], "\n".join(wrong)


def test_json_ld_names_one_defined_term_per_entry(pages: dict[str, BeautifulSoup], data: dict) -> None:
    scripts = {name: page.select("script[type='application/ld+json']") for name, page in pages.items()}
    assert {name for name, found in scripts.items() if found} == {"glossary.html"}, "JSON-LD belongs on the glossary page only"
    (script,) = scripts["glossary.html"]
    size = len(gzip.compress(script.string.encode()))
    assert size < 8_000, f"the JSON-LD takes {size} bytes gzip"
    ld = json.loads(script.string)
    assert (ld["@context"], ld["@type"], ld["@id"]) == ("https://schema.org", "DefinedTermSet", data["url"])
    terms = ld["hasDefinedTerm"]
    assert [t["@type"] for t in terms] == ["DefinedTerm"] * len(data["entries"])
    assert [(t["@id"], t["name"], t.get("alternateName", [t["name"]])) for t in terms] == [
        (e["url"], e["term"], e["english"]) for e in data["entries"]
    ]
    assert all(e["definition"].startswith(t["description"]) and t["description"] for t, e in zip(terms, data["entries"]))


def test_the_glossary_page_links_its_data_files(pages: dict[str, BeautifulSoup], html_dir: Path) -> None:
    links = [a["href"] for a in pages["glossary.html"].select("p.glossary-data a")]
    assert links == ["glossary.json", "glossary.csv", "glossary.tbx"]
    assert all((html_dir / link).stat().st_size > 1000 for link in links)


def test_both_editions_link_one_set_with_each_editions_words(html_dir: Path, english_html_dir: Path, data: dict) -> None:
    """One set of data for both editions: the same bytes in each, and every entry holding the
    English glossary page's words for it (headword, group, definition, back-links: read from the
    English page as a reader sees it), in the JSON, the CSV (term_en, definition_en) and the
    TBX (the English section's definition)."""
    misses = [name for name in ("glossary.json", "glossary.csv", "glossary.tbx")
              if (html_dir / name).read_bytes() != (english_html_dir / name).read_bytes()]
    page = parse(english_html_dir / "glossary.html")
    for tip in page.select(".term-tip__text"):
        tip.decompose()
    english = {}
    for dt in page.select("dl.glossary > dt"):
        dd = dt.find_next_sibling("dd")
        english[dt["id"]] = {
            "term": "".join(t for t in dt.find_all(string=True) if not t.find_parent(class_=["term-en", "headerlink"])).strip(),
            "group": dt.find_parent("section").find(["h2", "h3"]).get_text().rstrip("#").strip(),
            "definition": " ".join(dd.find("p", recursive=False).get_text().split()),
            "mentioned_in": [urljoin(data["translations"]["en"]["url"], a["href"]) for a in dd.select("p.glossary-backlinks a")],
        }
    found = {e["id"]: {**{k: e["translations"]["en"][k] for k in ("term", "group", "definition")},
                       "mentioned_in": [link["url"] for link in e["translations"]["en"]["mentioned_in"]]}
             for e in data["entries"] if "en" in e["translations"]}
    misses += [f"{i}: {found.get(i)} != {words}" for i, words in english.items() if found.get(i) != words]
    rows = list(csv.DictReader(io.StringIO((html_dir / "glossary.csv").read_bytes().decode("utf-8-sig"), newline="")))
    misses += [f"CSV {r['id']}" for r in rows if (r["term_en"], r["definition_en"]) != (found[r["id"]]["term"], found[r["id"]]["definition"])]
    tbx = ET.parse(html_dir / "glossary.tbx").getroot()
    for concept in tbx.iter(f"{TBX}conceptEntry"):
        section = next(s for s in concept.findall(f"{TBX}langSec") if s.get(LANG) == "en")
        definition = section.find(f"{TBX}descrip[@type='definition']")
        if definition is None or definition.text != found[concept.get("id")]["definition"]:
            misses.append(f"TBX {concept.get('id')}: the English section's definition")
    assert len(english) > 50 and not misses, f"{len(misses)} misses:\n" + "\n".join(misses[:20])
