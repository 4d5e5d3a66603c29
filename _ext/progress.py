"""Readers told what is behind: in an edition translated from the Chinese pages, a paragraph whose
translation is missing or out of date is shown in Chinese, marked, and the page says how much of
it is translated, with a link to the Chinese page.

Sphinx marks each translatable node ``translated`` or not and, with
``translation_progress_classes``, gives the untranslated ones the class ``untranslated``; it
shows nothing to a reader (sphinx-doc/sphinx#11537, #12694). Here, after it (950):

- an untranslated node whose text is Chinese gets ``lang="zh-CN"`` (_ext/language.py's class)
  and a visible label in the edition's words ("Not yet translated");
- an untranslated node with no Chinese in it (a name, "BibTeX"), or a glossary entry's term line
  (the glossary extension shows both languages), reads the same in either edition: it is neither
  marked nor counted;
- a page with anything left in Chinese opens with a note: the share translated, and the
  Chinese page's address (CITATION.cff's preferred citation, the Chinese book, plus the page).

The release gate (tests/book/test_english_edition.py) keeps main at 100 %: readers of a release
see none of this; a fork or a branch in progress does. The book's own Chinese edition has no
catalogue, so nothing is counted there. No warnings.
"""

import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.typing import ExtensionMetadata

from _ext import HAN
from _ext.citation import read
from _ext.i18n import _

CHINESE = re.compile(f"[{HAN}]")


class ShowWhatIsBehind(SphinxTransform):
    default_priority = 960  # after Sphinx's AddTranslationClasses (950)

    def apply(self, **kwargs) -> None:
        counted, behind = 0, []
        for node in list(self.document.findall(lambda n: isinstance(n, nodes.Element) and "translated" in n)):
            chinese = bool(CHINESE.search(node.astext())) and not isinstance(node, nodes.term)
            if node["translated"] or chinese:
                counted += 1
            if not node["translated"] and "untranslated" in node["classes"]:
                node["classes"].remove("untranslated")
                if chinese:
                    behind.append(node)
        for node in behind:
            node["classes"] += ["untranslated", "language-zh-CN"]
            if isinstance(node, nodes.TextElement):
                node.insert(0, nodes.inline("", _("Not yet translated"), classes=["untranslated-label"]))
                node.insert(1, nodes.Text(" "))
        section = self.document.next_node(nodes.section)
        if behind and section is not None:
            source = read(Path(self.config.book_citation_file)).get("url", "")
            share = 100 * (counted - len(behind)) // counted
            note = nodes.note("", classes=["translation-progress"])
            note += nodes.paragraph("", _("This page is %(share)d%% translated: what is not yet is shown in Chinese. ")
                                    % {"share": share})
            note[0] += nodes.reference("", _("Read the Chinese page"), refuri=source + self.env.docname + ".html")
            section.insert(1, note)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("_ext.i18n")
    app.setup_extension("_ext.citation")  # book_citation_file: the Chinese edition's address
    app.add_transform(ShowWhatIsBehind)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
