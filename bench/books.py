"""The books the benchmark builds, each in its own folder under a temporary workspace.

- project: this repository's tracked files, built with its own conf.py (as `make html`);
- bare:    the same pages, Sphinx with myst_parser only and the alabaster theme;
- stock:   the same pages, sphinx-book-theme and sphinxcontrib-mermaid at their defaults;
- synthetic books N times the size of this one, built with the project's configuration.

Nothing here writes to the repository: every build reads and writes a copy.
"""

import random
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SUPPORT = ("_static", "_templates", "locales")


def copy_project(dest: Path, commit: bool = True) -> Path:
    """A copy of the tracked files, mtimes kept (so make's stamps stay valid), node_modules linked."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    for name in filter(None, files.split("\0")):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return commit_all(dest) if commit else dest


def commit_all(dest: Path) -> Path:
    """The pages' "last updated" dates come from git: the copy gets a history of one commit."""
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost"]
    subprocess.run(["git", "init", "-q"], cwd=dest, check=True)
    subprocess.run(["git", "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "bench"], cwd=dest, check=True)
    return dest


def _pages_only(dest: Path) -> Path:
    """docs/ without the project's static files, templates and catalogs."""
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns(*SUPPORT))
    return dest / "docs"


BARE_CONF = '''\
project = "JupyterCon 2018 笔记"
language = "zh_CN"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "alabaster"
'''

STOCK_CONF = '''\
project = "JupyterCon 2018 笔记"
language = "zh_CN"
extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.mermaid"]
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "sphinx_book_theme"
numfig = True
# The one change from the defaults: the default loads mermaid from a CDN, which this
# machine cannot reach; serve the same kind of file from the site instead.
html_static_path = ["_mermaid"]
mermaid_use_local = "mermaid.esm.min.mjs"
'''


def make_bare(dest: Path) -> Path:
    docs = _pages_only(dest)
    (docs / "conf.py").write_text(BARE_CONF, encoding="utf-8")
    return docs


def make_stock(dest: Path) -> Path:
    docs = _pages_only(dest)
    (docs / "conf.py").write_text(STOCK_CONF, encoding="utf-8")
    dist = ROOT / "node_modules" / "mermaid" / "dist"
    static = docs / "_mermaid"
    static.mkdir()
    shutil.copy2(dist / "mermaid.esm.min.mjs", static)
    shutil.copytree(dist / "chunks" / "mermaid.esm.min", static / "chunks" / "mermaid.esm.min")
    return docs


# -- Synthetic books -----------------------------------------------------------------
# The same page shapes as the real book: chapters of pages with sections, paragraphs
# that link glossary terms and other pages, a diagram every few pages, one glossary in
# three groups whose entries link one another.
BOOK_PAGES, BOOK_TERMS, BOOK_DIAGRAMS = 18, 50, 5
SENTENCES = [
    "这一节整理了讲者对{a}的看法，并把它和{b}放在一起比较。",
    "在团队规模变大之后，{a}往往比单个工具更重要。",
    "笔记作者认为，{a}和{b}需要同时考虑，不能只顾一头。",
    "很多机构在推广 Jupyter 时，先从{a}入手。",
    "讲者举了 2018 年的几个例子，说明{a}怎样影响日常工作。",
]
GROUPS = ["隐私与数据伦理", "开源维护与可持续", "云端数据与可扩展计算"]


def _term(i: int) -> str:
    return f"合成术语{i:05d}"


def make_synthetic(dest: Path, factor: int, seed: int = 2018) -> Path:
    """A copy of the project whose docs/ holds a book `factor` times the size of the real one."""
    copy_project(dest, commit=False)
    docs = dest / "docs"
    for item in docs.iterdir():
        if item.name not in SUPPORT:
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    rng = random.Random(seed)
    pages, terms = BOOK_PAGES * factor, BOOK_TERMS * factor
    diagram_every = max(1, pages // (BOOK_DIAGRAMS * factor))
    per_chapter = 10
    chapters = [list(range(c, min(c + per_chapter, pages))) for c in range(0, pages, per_chapter)]

    def term_ref() -> str:
        return "{term}`" + _term(rng.randrange(terms)) + "`"

    def paragraph() -> str:
        return "".join(rng.choice(SENTENCES).format(a=term_ref(), b=term_ref()) for _ in range(3))

    for c, members in enumerate(chapters):
        folder = docs / f"c{c:03d}"
        folder.mkdir()
        toc = "\n".join(f"p{i:05d}" for i in members)
        (folder / "index.md").write_text(
            f"# 第 {c + 1} 部分\n\n本部分收录 {len(members)} 篇笔记。\n\n```{{toctree}}\n:maxdepth: 1\n\n{toc}\n```\n",
            encoding="utf-8",
        )
        for i in members:
            other = rng.randrange(pages)
            body = [f"(page-{i})=\n# 第 {i + 1} 篇：{_term(i % terms)}\n\n{paragraph()}\n"]
            for s in range(3):
                body.append(f"## 小节 {s + 1}\n\n{paragraph()}\n\n{paragraph()} 另见{{ref}}`page-{other}`。\n")
            if i % diagram_every == 0:
                body.append(
                    f"```{{mermaid}}\n:name: fig-{i}\n:caption: 第 {i + 1} 篇的流程图。\n\nflowchart LR\n"
                    f"    accTitle: 第 {i + 1} 篇的流程\n    accDescr: 从数据到结果的三个步骤。\n"
                    f"    a[数据 {i}] --> b[笔记本] --> c[结果]\n    b -- 失败 --> d[调试] --> b\n```\n"
                )
            (folder / f"p{i:05d}.md").write_text("\n".join(body), encoding="utf-8")

    glossary = ["# 术语表\n\n合成的术语表，条目之间相互链接。\n"]
    per_group = -(-terms // len(GROUPS))
    for g, title in enumerate(GROUPS):
        glossary.append(f"## {title}\n\n```{{glossary}}")
        for t in range(g * per_group, min((g + 1) * per_group, terms)):
            see = _term((t + 1) % terms)
            glossary.append(
                f"{_term(t)} : H\nsynthetic term {t}\n  合成条目 {t} 的定义，第一句是它的提示文字。它与其他条目相关。\n\n"
                f"  参见：{{term}}`{see}`。\n"
            )
        glossary.append("```\n")
    (docs / "glossary.md").write_text("\n".join(glossary), encoding="utf-8")
    toc = "\n".join(f"c{c:03d}/index" for c in range(len(chapters)))
    (docs / "index.md").write_text(
        f"# 合成书（{factor} 倍）\n\n与本书同样形状的合成书，用于测量构建随规模的增长。\n\n"
        f"```{{toctree}}\n:maxdepth: 1\n\n{toc}\nglossary\n```\n",
        encoding="utf-8",
    )
    commit_all(dest)
    return docs
