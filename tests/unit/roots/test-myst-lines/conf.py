# A directive that records the line numbers MyST hands it (tests/unit/test_ext_glossary.py).
from docutils.parsers.rst import Directive

extensions = ["myst_parser"]
SEEN = []


class Probe(Directive):
    has_content = True
    option_spec = {"class": str}

    def run(self):
        SEEN.append((self.lineno, self.content_offset, self.content.items[0][1]))
        return []


def setup(app):
    app.add_directive("probe", Probe)
    app.add_config_value("probe_seen", SEEN, "")
