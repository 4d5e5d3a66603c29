"""Sphinx's glossary directive, with each term at its line of the file (MyST-Parser#1175).

MyST hands a directive its content numbered from the first content line, not from the top of
the file, and leaves out the lines of the directive's options: every message about a term
(Sphinx's "duplicate term description", anchors.py's "no English name") would name a line
near the top of the file, and one about a definition (a broken {term} in it) a line a few too
high. Upstream: https://github.com/executablebooks/MyST-Parser/pull/1175 (open) numbers content
from the file. Until then the content is renumbered here: term lines with their line in the
file (Sphinx uses the number as it is), definition lines counted from the directive (MyST's
nested parse adds the directive's line), options included. Content numbered from the file (the
fix) starts above 0 and is left alone; tests/unit/test_ext_glossary.py fails when MyST's
numbering changes either way.
"""

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.domains.std import Glossary as StdGlossary


class Glossary(StdGlossary):
    def run(self) -> list[nodes.Node]:
        items = self.content.items
        if items and items[0][1] == 0:  # numbered from the first content line: renumber
            first = self.content_offset + 1  # the first content line, counted from the directive's
            self.content = StringList(list(self.content), items=[
                (source, self.lineno + first + i if line[:1] not in (" ", "\t") else first - 1 + i)
                for line, (source, i) in zip(self.content, items)
            ])
        return super().run()
