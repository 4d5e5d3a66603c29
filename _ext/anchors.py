"""Section anchors that survive edits elsewhere in the page.

docutils makes a section's id from its title with ``make_id``, which keeps only ASCII
letters and digits: a Chinese title gets none, and the section falls back to a positional
id, ``id1``, ``id2``, … in page order. Such an anchor moves when a section is added above
it, and with it every shared link and every "出现于" back-link of the glossary.
Upstream: https://github.com/sphinx-doc/sphinx/issues/13800 (open; older #1449, closed
wontfix, leaves it to docutils' make_id).

MyST computes a slug that keeps Chinese characters (``myst_heading_anchors``, GitHub's
rule: 背景：GDPR → ``背景gdpr``), but adds it only as a second id: the section keeps the
positional one as its first id, which tables of contents, permalinks and cross-references
use (executablebooks/MyST-Parser#1158). Even an id docutils can make is fragile: the ASCII
left of a Chinese title (对 GDPR 的质疑 → ``gdpr``) is claimed by the first such section, so a
new one above takes it. Here the slug takes the implicit id's place (a label's id stays):
the section's only id, in the tables of contents, the back-links and MyST's own
``[text](#slug)`` links alike. A section that would still have a positional id (a heading
with no letters, deeper than ``myst_heading_anchors``) is a warning at its line.

Upstream contact: MyST's ``document.myst_slugs`` and each section's ``slug`` attribute, read and
rewritten here. tests/unit/test_ext_anchors.py fails plainly if MyST starts to make the slug the
first id itself (then this module can go) or stops adding it.

Warnings (each silenced alone by ``suppress_warnings``): ``anchors.positional``, a section
left with only a positional anchor (``id1``), at its line.
"""

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)


class SlugAnchors(SphinxTransform):
    # After MyST's AddSlugIds (700), which appends the slug, and before its
    # ResolveAnchorIds (879) and Sphinx's std domain (879), which read the ids.
    default_priority = 750

    def apply(self) -> None:
        positional = re.compile(re.escape(self.document.settings.auto_id_prefix) + r"\d+")
        slugs = getattr(self.document, "myst_slugs", {})  # slug -> (line, id, title), MyST's
        self._labels_keep_their_words()
        explicit = {self.document.nameids[n] for n, is_explicit in self.document.nametypes.items() if is_explicit}
        sections = list(self.document.findall(nodes.section))
        # 1. Free every implicit id (docutils' from the title, or positional). MyST does not
        #    add a slug another section's implicit id already holds ("## 对 GDPR 的质疑" holds
        #    gdpr before "## GDPR"), so the slugs are given out only once all are free.
        dropped = {}
        for section in sections:
            dropped[section] = [i for i in section["ids"] if i not in explicit and i != section.get("slug")]
            for old in dropped[section]:
                del self.document.ids[old]
            section["ids"] = [i for i in section["ids"] if i not in dropped[section]]
        # 2. Each section's anchor: a label the author gave, else its slug.
        for section in sections:
            slug = section.get("slug")
            if slug and slug not in section["ids"] and slug not in self.document.ids and not re.search(r"\s", slug):
                section["ids"].append(slug)
                self.document.ids[slug] = section
            labels = [i for i in section["ids"] if i in explicit]
            first = labels[0] if labels else slug if slug in section["ids"] else None
            if first is None:
                section["ids"] = dropped[section]  # as docutils made them
                for old in dropped[section]:
                    self.document.ids[old] = section
                if any(positional.fullmatch(i) for i in dropped[section]):
                    logger.warning(
                        "section %r has only a positional anchor (#%s), which moves when a section is added "
                        "above it: give it a label, (name)=, or a heading MyST can make a unique slug of",
                        section[0].astext(), dropped[section][0], location=section, type="anchors", subtype="positional",
                    )
                continue
            section["ids"] = [first] + [i for i in section["ids"] if i != first]
            for old in dropped[section]:
                self._redirect(old, first)
            if slug in slugs:
                line, _, title = slugs[slug]
                slugs[slug] = (line, first, title)

    def _labels_keep_their_words(self) -> None:
        """A section's label is its anchor as written: docutils makes a label's id with make_id,
        which drops Chinese (``(背景gdpr)=`` would be ``#gdpr``), so a renamed heading could not
        keep its old anchor. A label with Chinese in it keeps its own words (ASCII labels keep
        docutils' ids, as everywhere in Sphinx): ``(背景gdpr)=`` above the new heading keeps
        ``#背景gdpr``, and references to the label follow."""
        for name, is_explicit in list(self.document.nametypes.items()):
            old = self.document.nameids.get(name)
            section = self.document.ids.get(old)
            if is_explicit and isinstance(section, nodes.section) and not name.isascii() \
                    and not re.search(r"\s", name) and name not in self.document.ids:
                section["ids"] = [name if i == old else i for i in section["ids"]]
                del self.document.ids[old]
                self.document.ids[name] = section
                self._redirect(old, name)

    def _redirect(self, old: str, new: str) -> None:
        """Names and references that pointed at the id ``old`` point at ``new``."""
        for name, target in list(self.document.nameids.items()):
            if target == old:
                self.document.nameids[name] = new
        for ref in self.document.findall(lambda n: isinstance(n, nodes.Element) and n.get("refid") == old):
            ref["refid"] = new


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_transform(SlugAnchors)
    return {"version": "1", "env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
