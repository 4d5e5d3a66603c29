"""_ext/__init__.py's list of the book's extensions is the list of its modules, and conf.py loads
each: a module added, renamed or removed without its line fails here, naming it."""

import ast
import re
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXT = ROOT / "_ext"


def test_the_package_docstring_lists_every_extension_and_conf_py_loads_it() -> None:
    listed = re.findall(r"^- ``_ext\.(\w+)``", ast.get_docstring(ast.parse((EXT / "__init__.py").read_text(encoding="utf-8"))),
                        re.MULTILINE)
    modules = {p.stem for p in EXT.glob("*.py") if p.stem != "__init__"} | {p.parent.name for p in EXT.glob("*/__init__.py")}
    loaded = {name.removeprefix("_ext.") for name in runpy.run_path(str(ROOT / "conf.py"))["extensions"]}
    assert len(listed) == len(set(listed)), f"listed twice: {listed}"
    assert sorted(set(listed)) == sorted(modules), (
        f"_ext/__init__.py lists {sorted(set(listed) - modules)} that are not modules, and misses {sorted(modules - set(listed))}")
    assert modules <= loaded, f"conf.py's extensions miss {sorted(modules - loaded)}"
