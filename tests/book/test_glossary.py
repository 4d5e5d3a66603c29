"""The glossary as a reader gets it: entries, anchors, links, back-links, tips, index."""

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString
from pypinyin import Style, lazy_pinyin

GLOSSARY = "glossary.html"


def entry_names(dt) -> tuple[str, list[str]]:
    """(the entry's own term, its English names) as the page shows them."""
    english = dt.select_one(".term-en")
    aliases = english.get_text().strip("（）").split(", ") if english else []
    head = "".join(s for s in dt.find_all(string=True, recursive=False)).strip()
    if not head:  # the term text sits in a child element in some themes
        head = dt.get_text().replace(english.get_text() if english else "", "").replace("#", "").strip()
    return head, aliases


@pytest.fixture(scope="session")
def glossary(pages: dict[str, BeautifulSoup]) -> BeautifulSoup:
    return pages[GLOSSARY]


@pytest.fixture(scope="session")
def entries(glossary: BeautifulSoup) -> dict[str, tuple[str, list[str]]]:
    """anchor (without "term-") -> (term, English names)."""
    return {dt["id"].removeprefix("term-"): entry_names(dt) for dt in glossary.select("dl.glossary > dt")}


def test_four_groups_with_enough_entries(glossary: BeautifulSoup) -> None:
    """The entries' anchors, and the groups', are in tests/anchors.txt (test_anchors.py)."""
    groups = {s.select_one("h2").get_text().rstrip("#"): len(s.select("dl.glossary > dt")) for s in glossary.select("article section section")}
    assert len(groups) == 4 and all(count >= 12 for count in groups.values()), groups
    assert sum(groups.values()) >= 48


def test_entries_are_ordered_by_english_name(glossary: BeautifulSoup) -> None:
    assert "按英文名称的字母顺序排列" in glossary.select_one("article p").get_text()
    wrong = {}
    for section in glossary.select("article section section"):
        names = [(entry_names(dt)[1] or [entry_names(dt)[0]])[0].lower() for dt in section.select("dl.glossary > dt")]
        if names != sorted(names):
            wrong[section.select_one("h2").get_text().rstrip("#")] = names
    assert not wrong, f"groups out of order: {wrong}"


def test_each_entry_is_complete(glossary: BeautifulSoup) -> None:
    """Chinese term with its English name, a 2-4 sentence definition, 参见 links, back-links."""
    wrong = []
    for dt in glossary.select("dl.glossary > dt"):
        head, english = entry_names(dt)
        dd = dt.find_next_sibling("dd")
        if not head.isascii() and not english:
            wrong.append(f"{head}: no English name beside it")
        first = BeautifulSoup(str(dd.find("p")), "lxml")
        for tip in first.select(".term-tip__text"):
            tip.decompose()  # a term linked inside a definition carries its own hidden tip
        sentences = [s for s in re.split(r"[。！？]", first.get_text()) if s.strip()]
        if not 2 <= len(sentences) <= 4:
            wrong.append(f"{head}: {len(sentences)} sentences")
        see_also = [p for p in dd.find_all("p") if p.get_text().startswith("参见")]
        if not (see_also and see_also[0].select("a[href^='#term-']")):
            wrong.append(f"{head}: no 参见 links")
        if not dd.select("p.glossary-backlinks a"):
            wrong.append(f"{head}: no back-links")
    assert not wrong, "\n".join(wrong)


def test_related_entries_link_both_ways(glossary: BeautifulSoup) -> None:
    see_also = {
        dt["id"]: {a["href"].lstrip("#") for a in dt.find_next_sibling("dd").select("p a[href^='#term-']") if a.find_parent("p", class_="glossary-backlinks") is None}
        for dt in glossary.select("dl.glossary > dt")
    }
    pairs = [("de-identification", "anonymisation"), ("anonymisation", "re-identification"),
             ("re-identification", "de-identification"), ("maintainer", "maintainer-burnout"), ("jupyterhub", "zero-to-jupyterhub")]
    one_way = [f"{a} -> {b}" for x, y in pairs for a, b in ((x, y), (y, x)) if f"term-{b}" not in see_also[f"term-{a}"]]
    assert not one_way, f"参见 missing: {one_way}"
    assert not [term for term, links in see_also.items() if not links], "entries with no 参见"


def test_every_entry_is_used_from_the_notes(book_pages: dict[str, BeautifulSoup], entries) -> None:
    used = Counter(
        a["href"].rpartition("#term-")[2]
        for name, soup in book_pages.items()
        if name != GLOSSARY
        for a in soup.select("article a.reference.internal")
        if "#term-" in a.get("href", "")
    )
    assert [anchor for anchor in entries if not used[anchor]] == []


def readable_text(soup: BeautifulSoup, page: str) -> list[NavigableString]:
    """The article's text pieces in reading order, without headings, diagrams and tips."""
    article = BeautifulSoup(str(soup.select_one("article.bd-article")), "lxml")
    for tag in article.select("h1, h2, h3, h4, h5, h6, pre.mermaid, .term-tip__text, .headerlink"):
        tag.decompose()
    if page == "about.html":
        for cell in article.select("table td:first-child"):
            cell.decompose()  # the correction table quotes the machine translation there
    return [text for text in article.find_all(string=True) if isinstance(text, NavigableString)]


def test_first_mention_on_each_page_is_linked(html_dir: Path, book_pages, entries) -> None:
    problems = []
    for page, soup in book_pages.items():
        if page == GLOSSARY:
            continue
        texts = readable_text(soup, page)
        for anchor, (head, english) in entries.items():
            patterns = [re.compile(rf"(?<![\w-]){re.escape(n)}(?![\w-])" if n.isascii() else re.escape(n)) for n in [head, *english]]
            for text in (t for t in texts if any(p.search(t) for p in patterns)):
                link = text.find_parent("a")
                href = link.get("href", "") if link else ""
                if "#term-" in href and not href.endswith(f"#term-{anchor}"):
                    continue  # inside the link of another term (e.g. 维护者 in 维护者倦怠)
                if not href.endswith(f"#term-{anchor}"):
                    problems.append(f"{page}: first mention of {head!r} is not linked: …{text.strip()[:40]}…")
                break
    assert problems == [], "\n".join(problems)


def test_backlinks_name_every_page_that_uses_the_term(glossary: BeautifulSoup, book_pages: dict[str, BeautifulSoup]) -> None:
    """Each entry's "出现于" lists exactly the pages whose text links to it (the glossary's own
    参见 links aside), each link going to a page of the book."""
    uses: dict[str, set[str]] = {}
    for name, soup in book_pages.items():
        if name != GLOSSARY:
            for a in soup.select("article a.reference.internal[href*='#term-']"):
                uses.setdefault(a["href"].rpartition("#")[2], set()).add(name)
    wrong = {}
    for dt in glossary.select("dl.glossary > dt"):
        hrefs = [a["href"] for a in dt.find_next_sibling("dd").select("p.glossary-backlinks a")]
        listed = {href.split("#")[0] for href in hrefs}
        if listed != uses.get(dt["id"], set()) or any(h.startswith((GLOSSARY, "#")) for h in hrefs):
            wrong[dt["id"]] = (sorted(listed), sorted(uses.get(dt["id"], set())))
    assert len(uses) > 50 and not wrong, wrong


def test_tips_on_every_term_link(book_pages: dict[str, BeautifulSoup], entries) -> None:
    """Each term link carries its entry's first sentence, tied to it with aria-describedby."""
    checked, wrong = 0, []
    for page, soup in book_pages.items():
        for a in soup.select("article a.reference.internal"):
            if "#term-" not in a["href"]:
                continue
            tip = soup.find(id=a.get("aria-describedby"))
            head, _ = entries[a["href"].rpartition("#term-")[2]]
            if tip is None or tip.get("role") != "tooltip":
                wrong.append(f"{page}: {a['href']} has no tip")
            elif not (tip.get_text().startswith(head) and "：" in tip.get_text()):
                wrong.append(f"{page}: {a['href']}'s tip reads {tip.get_text()[:40]!r}")
            checked += 1
    assert checked > 50
    assert not wrong, "\n".join(wrong)


def test_genindex_groups_by_pinyin_initial(pages: dict[str, BeautifulSoup], entries) -> None:
    index = pages["genindex.html"]
    letters = [h.get_text(strip=True) for h in index.select("article h2")]
    assert all(letter.isascii() for letter in letters), f"groups named by a Chinese character: {letters}"
    wrong = []
    for group in index.select("article h2"):
        for link in group.find_next_sibling("table").select("a"):
            text = link.get_text(strip=True)
            if text and not text.isascii() and "#term-" in link.get("href", ""):
                initial = "J" if text.startswith("Jupyter") else lazy_pinyin(text, style=Style.FIRST_LETTER)[0][:1].upper()
                if group.get_text(strip=True) != initial:
                    wrong.append(f"{text} is under {group.get_text(strip=True)}, not {initial}")
    assert not wrong, wrong
