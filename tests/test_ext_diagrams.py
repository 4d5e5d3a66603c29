"""Unit tests of _ext/diagrams/__init__.py: where a diagram's code is written in its page."""

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from _ext.diagrams import _locate  # noqa: E402

PAGE = """# 标题

```{mermaid}
:name: fig-a
flowchart TB
    a --> b
```

正文。

```{mermaid}
:name: fig-b
:caption: 第二张
flowchart TB
    a --> c
```
""".splitlines()
SOURCE = [line.strip() for line in PAGE]


def test_each_diagram_is_found_after_the_last() -> None:
    """Two diagrams that start alike: the second is found at its own line, not the first's."""
    first = _locate(SOURCE, "flowchart TB\n    a --> b", 0)
    second = _locate(SOURCE, "flowchart TB\n    a --> c", first + 2)
    assert (PAGE[first], PAGE[second]) == ("flowchart TB", "flowchart TB")
    assert (first + 1, second + 1) == (5, 14)  # 1-based lines of the page


def test_a_header_before_the_content_is_allowed_for() -> None:
    """sphinxcontrib-mermaid puts a config header before the code of a diagram with options."""
    code = "---\nconfig:\n  theme: neutral\n---\nflowchart TB\n    a --> c"
    assert _locate(SOURCE, code, 0) == 13 - 4  # code line 5 is page line 14


def test_code_from_another_file_is_not_located() -> None:
    assert _locate(SOURCE, "sequenceDiagram\n    A->>B: hi", 0) is None
