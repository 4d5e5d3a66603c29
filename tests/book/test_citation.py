"""A citable book: CITATION.cff valid against the Citation File Format 1.2.0, the about page's
"如何引用本书" in GB/T 7714-2015, BibTeX and RIS, and the citation_* meta tags of every page,
all saying what CITATION.cff says."""

import json
import re

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from helpers import ROOT, conf_value

from _ext import citation

CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
BOOK = CFF["preferred-citation"]


def test_citation_cff_is_valid_cff_1_2_0() -> None:
    schema = json.loads(citation.SCHEMA.read_text(encoding="utf-8"))
    # The schema reads dates as strings (YAML would make them dates): as CFF's own validator does.
    data = json.loads(json.dumps(CFF, default=str))
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(data)]
    assert not errors, "\n".join(errors)
    with pytest.raises(jsonschema.ValidationError):  # the schema is strict: no unknown keys
        jsonschema.validate({**data, "publisher": "x"}, schema)


def test_citation_cff_names_the_book_once_and_the_site_shows_it(pages: dict[str, BeautifulSoup]) -> None:
    """The repository (top level) and the book (preferred-citation) agree, and the site is titled
    as CITATION.cff says (conf.py reads its facts from there)."""
    assert CFF["title"] == BOOK["title"] and CFF["url"] == BOOK["url"]
    assert [a["name"] for a in BOOK["authors"]] == [a["name"] for a in CFF["authors"]]
    assert BOOK["type"] == "book" and BOOK["languages"] == ["zh"]
    site_name = pages["index.html"].select_one("meta[property='og:site_name']")
    assert site_name is not None and site_name["content"] == BOOK["title"]


@pytest.fixture(scope="module")
def citations(pages: dict[str, BeautifulSoup]) -> dict[str, str]:
    about = pages["about.html"]
    section = next(h for h in about.find_all("h2") if "如何引用本书" in h.get_text()).find_parent("section")
    return {p.get_text(): p.find_next_sibling("div").get_text().strip("\n") for p in section.select("p.citation-format")}


def test_about_page_gives_three_forms(citations: dict[str, str]) -> None:
    assert list(citations) == ["GB/T 7714-2015", "BibTeX", "RIS"]


def test_gbt_7714_online_monograph(citations: dict[str, str]) -> None:
    """主要责任者. 题名[M/OL]. 出版地: 出版者, 出版年[引用日期]. 获取和访问路径."""
    author, publisher = BOOK["authors"][0]["name"], BOOK["publisher"]["name"]
    assert citations["GB/T 7714-2015"] == (
        f"{author}. {BOOK['title']}[M/OL]. [出版地不详]: {publisher}, {BOOK['year']}[引用日期]. {BOOK['url']}.")


def test_bibtex_entry(citations: dict[str, str]) -> None:
    text = citations["BibTeX"]
    head = re.match(r"@(\w+)\{([^,\s]+),\n", text)
    assert head and head.groups() == ("book", conf_value("book_citation_key")), text
    fields = dict(re.findall(r"^  (\w+)\s*= \{(.*)\},?$", text, re.M))
    assert fields == {"author": "{" + BOOK["authors"][0]["name"] + "}", "title": BOOK["title"], "year": str(BOOK["year"]),
                      "publisher": BOOK["publisher"]["name"], "language": "zh", "url": BOOK["url"]}
    assert text.endswith("\n}") and text.count("{") == text.count("}")


def test_ris_record(citations: dict[str, str]) -> None:
    lines = citations["RIS"].split("\n")
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    tags = [(line[:2], line[6:]) for line in lines]
    assert tags[0] == ("TY", "BOOK") and tags[-1] == ("ER", "")
    assert dict(tags[1:-1]) == {"AU": BOOK["authors"][0]["name"], "TI": BOOK["title"], "PY": str(BOOK["year"]),
                                "PB": BOOK["publisher"]["name"], "LA": "zh", "UR": BOOK["url"]}


def test_every_page_carries_the_citation_meta_tags(book_pages: dict[str, BeautifulSoup]) -> None:
    """Highwire tags, as Zotero and Google Scholar read them, and og:type book (Zotero would
    otherwise file the page as a web page)."""
    # citation_pdf_url: where the PDF is published, Read the Docs (.ci/tests/test_readthedocs.py);
    # a local build's copy is published nowhere.
    expected = [("citation_title", BOOK["title"]), ("citation_author", BOOK["authors"][0]["name"]),
                ("citation_publication_date", str(BOOK["year"])), ("citation_language", "zh"),
                ("citation_publisher", BOOK["publisher"]["name"])]
    wrong = {name: tags for name, page in book_pages.items()
             if (tags := [(m["name"], m["content"]) for m in page.select("head meta[name^='citation_']")]) != expected}
    assert not wrong, wrong
    assert {page.select_one("meta[property='og:type']")["content"] for page in book_pages.values()} == {"book"}
