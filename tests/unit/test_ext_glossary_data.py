"""Unit tests of _ext/glossary/data.py on Sphinx's own fixtures: tests/unit/roots/test-glossary (a
glossary of three entries in two groups, two pages that use them, the glossary-data line)."""

import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

BASE = "https://example.org/book/"
TBX = "{urn:iso:std:iso:30042:ed-2}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
pytestmark = pytest.mark.sphinx("html", testroot="glossary", freshenv=True, confoverrides={"html_baseurl": BASE})


def entries(app: SphinxTestApp) -> dict[str, dict]:
    return {e["id"]: e for e in json.loads((app.outdir / "terms.json").read_text(encoding="utf-8"))["entries"]}


def test_json_holds_every_entry_as_the_page_shows_it(app: SphinxTestApp) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    data = json.loads((app.outdir / "terms.json").read_text(encoding="utf-8"))
    assert {k: data[k] for k in ("language", "url")} == {"language": "zh-CN", "url": BASE + "terms.html"}
    burnout = entries(app)["term-maintainer-burnout"]
    assert burnout == {
        "id": "term-maintainer-burnout",
        "term": "维护者倦怠",
        "english": ["maintainer burnout"],
        "group": "第一组",
        "definition": "维护者长期承担过多工作而疲惫。这会让项目停滞。",
        "url": BASE + "terms.html#term-maintainer-burnout",
        "see_also": [{"id": "term-gdpr", "term": "GDPR", "url": BASE + "terms.html#term-gdpr"}],
        "links": [],
        "mentioned_in": [{"title": "首页", "url": BASE + "index.html"},
                         {"title": "另一页 › 一节", "url": BASE + "other.html#一节"}],
    }
    assert [(e["term"], e["english"], e["group"]) for e in entries(app).values()] == [
        ("维护者倦怠", ["maintainer burnout"], "第一组"),
        ("GDPR", ["GDPR", "General Data Protection Regulation"], "第一组"),
        ("开源", ["open source", "OSS"], "第二组"),
    ]


def test_csv_reads_back_with_its_byte_order_mark(app: SphinxTestApp) -> None:
    app.build()
    raw = (app.outdir / "terms.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["id"], r["term"], r["english"]) for r in rows] == [
        ("term-maintainer-burnout", "维护者倦怠", "maintainer burnout"),
        ("term-gdpr", "GDPR", "GDPR; General Data Protection Regulation"),
        ("term-open-source", "开源", "open source; OSS"),
    ]
    assert rows[0]["mentioned_in"] == f"首页 <{BASE}index.html>; 另一页 › 一节 <{BASE}other.html#一节>"


def test_tbx_has_both_language_sections_per_entry(app: SphinxTestApp) -> None:
    app.build()
    root = ET.parse(app.outdir / "terms.tbx").getroot()
    assert (root.tag, root.get("type"), root.get("style"), root.get(LANG)) == (f"{TBX}tbx", "TBX-Basic", "dca", "zh-CN")
    concepts = root.findall(f"{TBX}text/{TBX}body/{TBX}conceptEntry")
    assert [c.get("id") for c in concepts] == list(entries(app))
    gdpr = concepts[1]
    assert gdpr.find(f"{TBX}descrip[@type='subjectField']").text == "第一组"
    languages = {s.get(LANG): [t.text for t in s.iter(f"{TBX}term")] for s in gdpr.findall(f"{TBX}langSec")}
    assert languages == {"zh-CN": ["GDPR"], "en": ["GDPR", "General Data Protection Regulation"]}
    ref = concepts[0].find(f"{TBX}ref[@type='crossReference']")
    assert (ref.get("target"), ref.text) == ("term-gdpr", "GDPR")


def test_json_ld_in_the_glossary_page_only(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((app.outdir / "terms.html").read_text(encoding="utf-8"), "lxml")
    (script,) = page.select("head script[type='application/ld+json']")
    data = json.loads(script.string)
    assert (data["@type"], data["@id"]) == ("DefinedTermSet", BASE + "terms.html")
    terms = {t["@id"]: t for t in data["hasDefinedTerm"]}
    assert terms[BASE + "terms.html#term-maintainer-burnout"] == {
        "@type": "DefinedTerm", "@id": BASE + "terms.html#term-maintainer-burnout", "name": "维护者倦怠",
        "alternateName": ["maintainer burnout"], "description": "维护者长期承担过多工作而疲惫。",
    }
    other = (app.outdir / "other.html").read_text(encoding="utf-8")
    assert "application/ld+json" not in other


def test_the_data_line_links_the_files(app: SphinxTestApp) -> None:
    app.build()
    page = BeautifulSoup((app.outdir / "terms.html").read_text(encoding="utf-8"), "lxml")
    line = page.select_one("p.glossary-data")
    assert line.get_text() == "本术语表的数据文件：JSON、CSV（电子表格）、TBX（翻译工具）。"
    assert [a["href"] for a in line.select("a")] == ["terms.json", "terms.csv", "terms.tbx"]


@pytest.mark.sphinx("latex")
def test_the_pdf_links_the_published_files(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxhref{https://example.org/book/terms.tbx}" in tex
    assert not list(app.outdir.glob("*.json"))


@pytest.mark.sphinx(srcdir="glossary-data-shape")
def test_an_entry_of_another_shape_is_named_at_its_line(app: SphinxTestApp) -> None:
    """A second definition paragraph would be left out of the data: the build says where."""
    page = app.srcdir / "terms.md"
    text = page.read_text(encoding="utf-8").replace("2018 年施行。", "2018 年施行。\n\n  第二段定义。\n\n  参见：{term}`开源`。")
    page.write_text(text, encoding="utf-8")
    line = text.splitlines().index("GDPR") + 1
    app.build()
    assert strip_colors(app.warning.getvalue()).strip() == (
        f"{page}:{line}: WARNING: glossary entry 'GDPR': write one definition paragraph, then at most one "
        "paragraph of links (the glossary's data files hold no other text) [glossary.data_shape]")


def test_the_editions_sets_merge_into_one_and_merging_again_changes_nothing() -> None:
    """merge: the book's own set with the other edition's words, by anchor; a merged set merged
    again with either edition's set (fresh or merged) is the same set, bytes and all."""
    from _ext.glossary.data import merge, to_csv, to_json

    def entry(term, group, definition, url, **more):
        return {"id": "term-x", "term": term, "english": ["x"], "group": group, "definition": definition, "url": url,
                "see_also": [], "links": [], "mentioned_in": [{"title": group, "url": url}], **more}

    zh = {"title": "书 · 术语表", "language": "zh-CN", "url": "https://e.org/zh-cn/g.html", "license": "https://l.org/",
          "entries": [entry("某词", "一组", "定义。", "https://e.org/zh-cn/g.html#term-x")]}
    en = {"title": "Book · Glossary", "language": "en", "url": "https://e.org/en/g.html", "license": "https://l.org/",
          "entries": [entry("x", "A group", "A definition.", "https://e.org/en/g.html#term-x")]}
    merged = merge(zh, [en])
    assert merged["translations"] == {"en": {"title": "Book · Glossary", "url": "https://e.org/en/g.html"}}
    assert merged["entries"][0]["translations"]["en"] == {
        "term": "x", "group": "A group", "definition": "A definition.", "url": "https://e.org/en/g.html#term-x",
        "mentioned_in": [{"title": "A group", "url": "https://e.org/en/g.html#term-x"}]}
    assert {k: v for k, v in merged["entries"][0].items() if k != "translations"} == zh["entries"][0]
    for again in (merge(merged, [merged]), merge(merged, [en]), merge(zh, [merged])):
        assert to_json(again["entries"], {k: v for k, v in again.items() if k != "entries"}) == \
            to_json(merged["entries"], {k: v for k, v in merged.items() if k != "entries"})
    header, row = to_csv(merged["entries"]).lstrip("\ufeff").splitlines()[:2]
    assert header.endswith("term_en,group_en,definition_en,url_en,mentioned_in_en") and row.endswith(
        "x,A group,A definition.,https://e.org/en/g.html#term-x,A group <https://e.org/en/g.html#term-x>")
