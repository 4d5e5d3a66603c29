"""Chinese search that finds any word printed on a page.

Sphinx's Chinese search indexes jieba's search-mode cut (数据科学 becomes 数据 + 科学) and
looks a query up exactly as typed, so a query made of several indexed words (数据科学,
机器学习) finds nothing. Here, as in Lucene's CJKAnalyzer, every run of Chinese characters
is indexed as its overlapping character bigrams (数据, 据科, 科学), and the browser splits a
query's Chinese runs the same way (``js_splitter_code``). Sphinx requires every term of a
query to be on a page, so a query printed on a page finds that page by construction, and a
page with only the query's parts (数据 here, 科学 there, no 据科) does not match. Latin words
are split as Sphinx's Chinese search splits them.

jieba's words are not indexed: a query reaches the index only as bigrams and Latin words, so no
word of three or more Chinese characters could ever be looked up (and searchtools.js matches
parts of words only for words longer than two characters). Without them the index is smaller,
no build loads jieba's dictionary, and the book needs no jieba.

Upstream contacts, guarded by tests/unit/test_ext_search.py: ``split`` replaces SearchChinese's
and keeps its Latin words as it does (its ``latin1_letters``, and its ``latin_terms``, which its
``stem`` reads); the browser's stemmer is wrapped
in ``window.Stemmer`` (``SPLITTER``), which relies on language_data.js defining Sphinx's
stemmer before the splitter code and searchtools.js making a new Stemmer at query time; and
``keep_index_entries`` below. No warnings.
"""

import re

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search.zh import SearchChinese
from sphinx.util.typing import ExtensionMetadata

from _ext import HAN

HAN_RUN = re.compile(f"[{HAN}]+")

# The browser's half, split as the index was: each run of Chinese characters into its
# bigrams, other text into the runs of ASCII letters, digits and "_" that Sphinx's
# SearchChinese indexes. A single character is never indexed (Sphinx's word filter), so
# it is dropped rather than required. Inserted into language_data.js by Sphinx.
SPLITTER = """
function splitQuery(query) {
  const pieces = /[%(han)s]+|[a-zA-Z0-9_]+/gu;
  const terms = [];
  for (const piece of query.match(pieces) || []) {
    if (/^[a-zA-Z0-9_]/.test(piece)) terms.push(piece);
    else for (let i = 0; i + 1 !== piece.length; i++) terms.push(piece.slice(i, i + 2));
  }
  return terms.filter(function (term) { return term.length !== 1; });
}

// SearchChinese.stem keeps a Latin word of 3 or more letters whole when stemming would
// leave fewer than 3 (IRS stays irs, not ir); the browser's stemmer must do the same.
const EnglishWordStemmer = window.Stemmer;
window.Stemmer = function () {
  const english = new EnglishWordStemmer();
  this.stemWord = function (word) {
    const stem = english.stemWord(word);
    return word.length >= 3 && stem.length < 3 ? word : stem;
  };
};
""" % {"han": HAN.encode("unicode_escape").decode()}


def bigrams(text: str) -> list[str]:
    """The overlapping two-character pieces of each run of Chinese characters in ``text``."""
    return [run[i : i + 2] for run in HAN_RUN.findall(text) for i in range(len(run) - 1)]


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search, with character bigrams in place of jieba's words."""

    js_splitter_code = SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__({**options, "dict": ""})  # no jieba dictionary to load
        self._last = ""  # the last Chinese character of the text split before this one

    def split(self, input: str) -> list[str]:
        # Sphinx splits a page text node by text node; a link or emphasis inside a phrase
        # ({term}`Jupyter 笔记本`已经…) would leave out the bigram across the boundary (本已).
        joined = self._last + input if input[:1] and HAN_RUN.match(input[:1]) else input
        self._last = input[-1:] if input[-1:] and HAN_RUN.match(input[-1:]) else ""
        # The Latin words as SearchChinese.split finds them, noted as it notes them: its stem()
        # keeps a short word whole only when it is in latin_terms (IRS stays irs).
        latin = self.latin1_letters.findall(input)
        self.latin_terms.update(latin)
        return latin + bigrams(joined)


# -- Index entries kept on incremental builds --------------------------------------
# Workaround for https://github.com/sphinx-doc/sphinx/issues/12599: IndexBuilder.load()
# restores titles and words from the previous searchindex.js but not its index entries,
# so every incremental build drops the entries of the pages it does not rewrite, and a
# glossary term no longer finds its entry. An author sees that in `make livehtml`, whose
# every rebuild is incremental: after an edit, the preview's search no longer offers the
# glossary's terms of the other pages. This restores them, for this build's HTML builder only
# (its load_indexer, wrapped when the builder starts; Sphinx's classes are left alone). It
# reads the builder's indexer's private _index_entries. tests/unit/test_ext_search.py rebuilds
# as sphinx-autobuild does and fails with a clear message when Sphinx no longer needs this or
# changes the format.
def keep_index_entries(app: Sphinx) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or not builder.search:
        return
    sphinx_load_indexer = builder.load_indexer

    def load_indexer(docnames) -> None:
        sphinx_load_indexer(docnames)
        keep = set(builder.env.all_docs).difference(docnames)
        try:
            data = (builder.outdir / builder.searchindex_filename).read_text(encoding="utf-8")
            frozen = builder.indexer_format.loads(data)
        except (OSError, ValueError):
            return  # Sphinx has warned that the index will be incomplete
        docs = frozen["docnames"]
        restored: dict[str, set[tuple[str, str, str]]] = {}
        for entry, places in frozen.get("indexentries", {}).items():
            for doc, entry_id, main in places:
                if docs[doc] in keep:
                    restored.setdefault(docs[doc], set()).add((entry, entry_id, "main" if main else ""))
        for docname, entries in restored.items():
            builder.indexer._index_entries.setdefault(docname, sorted(entries))

    builder.load_indexer = load_indexer


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_search_language(ChineseSearch)
    app.connect("builder-inited", keep_index_entries)
    return {"version": "3", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
