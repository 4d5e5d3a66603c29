"""Anchors are the book's contract with every link made to it, from other sites, from the other
editions and from readers' notes: they only grow.

tests/anchors.txt lists every published anchor, one `page.html#id` a line (and each page as
`page.html`): each id in a page's article, i.e. its sections, glossary terms, figures and labels,
but not the term tips' ids, which only tie a tip to its link. An anchor in the file that the
build lacks fails and names itself; an anchor the build has and the file does not fails too,
printing the lines to add, so the file grows with the book.
"""

from bs4 import BeautifulSoup
from helpers import ROOT

ANCHORS = ROOT / "tests" / "anchors.txt"


def published_anchors(book_pages: dict[str, BeautifulSoup]) -> set[str]:
    found = set()
    for name, soup in book_pages.items():
        found.add(name)
        found |= {f"{name}#{tag['id']}" for tag in soup.select("article.bd-article [id]")
                  if "term-tip__text" not in tag.get("class", [])}
    return found


def committed_anchors() -> set[str]:
    lines = (line.strip() for line in ANCHORS.read_text(encoding="utf-8").splitlines())
    return {line for line in lines if line and not line.startswith("#")}


def test_every_anchor_stays_and_every_new_one_is_committed(book_pages: dict[str, BeautifulSoup]) -> None:
    built, committed = published_anchors(book_pages), committed_anchors()
    gone, new = sorted(committed - built), sorted(built - committed)
    problems = []
    if gone:
        problems.append(f"{len(gone)} anchors of {ANCHORS.name} are gone from the build, and every link to them "
                        "breaks; bring each back (a renamed heading keeps its old id with a `(old-id)=` label above "
                        "it):\n" + "\n".join(gone))
    if new:
        problems.append(f"{len(new)} new anchors: add these lines to tests/{ANCHORS.name} (anchors only grow):\n"
                        + "\n".join(new))
    assert not problems, "\n\n".join(problems)
