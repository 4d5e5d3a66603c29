"""Unit tests of _ext/search.py (tests/unit/roots/test-search), and guards on what it and book-search.js
take from Sphinx: the index entries an incremental build loses (sphinx-doc/sphinx#12599), shown
as an author meets it in `make livehtml`; the browser's stemmer and splitter in language_data.js;
the searchtools.js functions book-search.js wraps."""

import json
import re
import subprocess
from pathlib import Path

import pytest
import sphinx.search
from sphinx.testing.util import SphinxTestApp
from sphinx_autobuild.build import Builder

from _ext import search as book_search

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(sphinx.__file__).parent / "themes" / "basic" / "static"


def test_bigrams_of_each_chinese_run() -> None:
    assert book_search.bigrams("数据科学 and 开源，书") == ["数据", "据科", "科学", "开源"]


def test_split_adds_bigrams_and_joins_text_nodes() -> None:
    """A term link inside a phrase splits it into text nodes; the bigram across them is kept."""
    language = book_search.ChineseSearch({})
    first = language.split("Jupyter 笔记本")
    assert {"笔记", "记本", "Jupyter"} <= set(first)
    assert "本已" in language.split("已经是常用的方式")


# -- sphinx-doc/sphinx#12599, in make livehtml -------------------------------------------
def test_livehtml_rebuilds_incrementally() -> None:
    """`make livehtml` gives sphinx-autobuild no option that reads or writes everything again
    (-E, -a): each save is an incremental build, which is where #12599 bites."""
    recipe = re.search(r"^livehtml:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert recipe and "sphinx-autobuild" in recipe[1], "the Makefile's livehtml target no longer runs sphinx-autobuild"
    assert not re.search(r"\s(-E|-a|--fresh-env|--write-all)\b", recipe[1]), (
        "make livehtml now rebuilds everything each time: sphinx#12599 no longer reaches the preview")


def index_entries_in_the_preview(srcdir: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """The preview's index entries after an edit of a page without the glossary, rebuilt by
    sphinx-autobuild's own Builder: each change runs a new `python -m sphinx build` on the
    doctrees of the build before."""
    monkeypatch.setenv("PYTHONPATH", str(ROOT))  # the _ext package, for the subprocess
    out = srcdir / "_build" / "live"
    build = Builder([str(srcdir), str(out), "-q", "-d", str(srcdir / "_build" / "doctrees")],
                    url_host="127.0.0.1:8000", pre_build_commands=[], post_build_commands=[])
    build(changed_paths=())
    (srcdir / "other.rst").write_text("Other\n=====\n\nText, changed.\n", encoding="utf-8")
    build(changed_paths=[srcdir / "other.rst"])
    text = (out / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])["indexentries"]


def test_sphinx_alone_still_loses_index_entries_in_the_preview(test_root_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason for keep_index_entries: after an edit elsewhere, the preview's search no longer
    finds the glossary's term as an entry. If this fails, Sphinx has fixed sphinx-doc/sphinx#12599:
    remove keep_index_entries from _ext/search.py and this test."""
    srcdir = test_root_copy("search")
    (srcdir / "conf.py").write_text("extensions = []\n", encoding="utf-8")
    assert "alpha" not in index_entries_in_the_preview(srcdir, monkeypatch), (
        "sphinx-doc/sphinx#12599 looks fixed: remove the workaround in _ext/search.py")


def test_the_preview_keeps_its_index_entries(test_root_copy, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "alpha" in index_entries_in_the_preview(test_root_copy("search"), monkeypatch), (
        "the index entries of unchanged pages were lost: keep_index_entries no longer works")


# -- The browser's half: language_data.js ------------------------------------------------
def node(script: str) -> object:
    return json.loads(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


@pytest.mark.sphinx("html", testroot="search", freshenv=True, confoverrides={"language": "zh_CN"})
def test_the_browser_stems_and_splits_as_the_index(app: SphinxTestApp) -> None:
    """language_data.js, as Sphinx assembles it: Sphinx's English stemmer, then this module's
    splitter code, which wraps window.Stemmer. The wrapped stemmer keeps a short Latin word whole
    as SearchChinese.stem does (Sphinx's JS stemmer alone would not: if it ever does, the swap
    can go), and the splitter cuts a query as the index was cut."""
    app.build()
    code = (app.outdir / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert code.count(book_search.SPLITTER.strip()) == 1
    sphinx_part, book_part = (json.dumps(part) for part in code.split(book_search.SPLITTER.strip()))
    found = node(f"""globalThis.window = globalThis;
        (0, eval)({sphinx_part}); const sphinxAlone = new Stemmer().stemWord("irs");
        (0, eval)({json.dumps(book_search.SPLITTER)} + {book_part});
        console.log(JSON.stringify({{sphinx: sphinxAlone, book: new Stemmer().stemWord("irs"),
                                     split: splitQuery("数据科学 Jupyter，书")}}));""")
    python = book_search.ChineseSearch({})  # the index's half: a short Latin word is kept whole
    python.split("IRS")
    assert python.stem("IRS") == "irs", "SearchChinese.stem no longer reads latin_terms: review ChineseSearch.split"
    assert found["sphinx"] == "ir", "Sphinx's JS stemmer now keeps IRS whole: the window.Stemmer swap in _ext/search.py can go"
    assert found["book"] == "irs", "the window.Stemmer swap no longer takes effect"
    assert found["split"] == ["数据", "据科", "科学", "Jupyter"]
    assert set(found["split"]) <= set(book_search.ChineseSearch({}).split("数据科学 Jupyter，书"))


def test_language_data_and_searchtools_still_take_the_swap() -> None:
    """The swap rests on Sphinx's order: language_data.js defines Stemmer before the splitter
    code, and searchtools.js makes a new Stemmer and calls splitQuery (its own only when none is
    defined) at query time."""
    template = (STATIC / "language_data.js.jinja").read_text(encoding="utf-8")
    tools = (STATIC / "searchtools.js").read_text(encoding="utf-8")
    misses = [what for what, ok in [
        ("the stemmer before the splitter in language_data.js",
         0 <= template.find("search_language_stemming_code") < template.find("search_word_splitter_code")),
        ("searchtools.js makes its Stemmer at query time", "const stemmer = new Stemmer();" in tools),
        ("searchtools.js defines splitQuery only when none is", 'if (typeof splitQuery === "undefined")' in tools),
    ] if not ok]
    assert misses == [], f"Sphinx changed what _ext/search.py's SPLITTER relies on: {misses}"


# -- book-search.js's wrapping of searchtools.js ------------------------------------------
def test_searchtools_still_has_what_book_search_js_wraps() -> None:
    """book-search.js (docs/_static/book-search.js) replaces Search.htmlToText, Search.query,
    Search._performSearch, Search.makeSearchSummary and Search.setIndex, and the search dialog shows
    results as searchtools.js does (its _displayItem: the link, the snippet, the marks). That works
    only while searchtools.js calls each through the Search object, with these arguments, in this
    order, and sphinx_highlight.js and doctools.js give what the dialog uses; book.js puts back what
    the reader typed because Search.init empties every search field. The browser tests (tests/book)
    check the results on the built site. Each miss is named."""
    tools = (STATIC / "searchtools.js").read_text(encoding="utf-8")
    highlight = (STATIC / "sphinx_highlight.js").read_text(encoding="utf-8")
    doctools = (STATIC / "doctools.js").read_text(encoding="utf-8")
    script = (ROOT / "docs" / "_static" / "book-search.js").read_text(encoding="utf-8")
    defined = set(re.findall(r"^  (\w+): ", tools, re.MULTILINE))
    used = set(re.findall(r"\bSearch\.(\w+)", script)) - {"phraseFirst"}  # book-search.js's own
    relied = {
        "htmlToText(htmlString, anchor) reads [role=main]":
            r"htmlToText: \(htmlString, anchor\) =>[\s\S]*?querySelector\('\[role=\"main\"\]'\)",
        "snippets made by Search.makeSearchSummary(data, searchTerms, anchor)": r"Search\.makeSearchSummary\(data, searchTerms, anchor\)",
        "makeSearchSummary cuts its text with Search.htmlToText":
            r"makeSearchSummary: \(htmlText, keywords, anchor\) => \{\s*const text = Search\.htmlToText\(htmlText, anchor\)",
        "the snippet starts at the last keyword found (book-search.js adds the typed query last)": r"\.filter\(\(i\) => i > -1\)\s*\.slice\(-1\)\[0\]",
        "query(query) parses with Search._parseQuery": r"query: \(query\) => \{\s*const \[[^\]]*\] = Search\._parseQuery\(query\);",
        "then calls Search._performSearch with those five, at once": r"const results = Search\._performSearch\(\s*searchQuery,\s*searchTerms,\s*excludedTerms,\s*highlightTerms,\s*objectTerms,\s*\);\s*",
        "and shows the results it returned": r"_displayNextItem\(results, results\.length",
        "_parseQuery returns _performSearch's arguments": r"return \[query, searchTerms, excludedTerms, highlightTerms, objectTerms\];",
        "a result is [docName, title, anchor, descr, score, _filename, kind]": r"const \[docName, title, anchor, descr, score, _filename, kind\] = item;",
        "a result links to docName + LINK_SUFFIX + anchor": r"linkUrl = docName \+ docLinkSuffix;[\s\S]*linkEl\.href = linkUrl \+ anchor;",
        "a result's snippet is fetched when SHOW_SEARCH_SUMMARY is on, and marked after": r"else if \(showSearchSummary\)\s*fetch\(requestUrl\)[\s\S]*?_highlightText\(listItem, term, \"highlighted\"\)",
        "the count is said by Sphinx's own messages":
            r'"Search finished, found \$\{resultCount\} pages matching the search query\.",\s*resultCount,\s*\)\.replace\("\$\{resultCount\}", resultCount\)',
        "searching goes through Search.query": r"Search\.query\(query\);",
        "setIndex(index) runs the queued query": r"setIndex: \(index\) => \{\s*Search\._index = index;",
        "Search.init empties every search field when the address has no query (book.js puts the typed text back)":
            r"\.querySelectorAll\('input\[name=\"q\"\]'\)\s*\.forEach\(\(el\) => \(el\.value = query\)\);",
    }
    misses = [f"Search.{name} is gone" for name in sorted(used - defined)]
    misses += [what for what, pattern in relied.items() if not re.search(pattern, tools)]
    misses += [] if "const _highlightText = (thisNode, text, className) =>" in highlight else ["sphinx_highlight.js: _highlightText(node, text, className) is gone"]
    misses += [] if "const SPHINX_HIGHLIGHT_ENABLED = true;" in highlight else ["sphinx_highlight.js: SPHINX_HIGHLIGHT_ENABLED is gone"]
    misses += [] if "ngettext: (singular, plural, n) =>" in doctools else ["doctools.js: Documentation.ngettext is gone"]
    misses += [] if "PREFIX = 'Search.setIndex('" in Path(sphinx.search.__file__).read_text(encoding="utf-8") else ["searchindex.js no longer calls Search.setIndex"]
    options = (STATIC / "documentation_options.js.jinja").read_text(encoding="utf-8")
    misses += [f"DOCUMENTATION_OPTIONS.{name} is gone" for name in ("FILE_SUFFIX", "LINK_SUFFIX", "SHOW_SEARCH_SUMMARY") if f"{name}:" not in options]
    assert used >= {"htmlToText", "query", "_performSearch", "makeSearchSummary", "_parseQuery", "setIndex"}, used
    assert misses == [], "Sphinx's search scripts changed under docs/_static/book-search.js; review it:\n" + "\n".join(misses)
