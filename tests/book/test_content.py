"""The notes as a reader gets them: complete, corrected, well formed, in HTML and PDF."""

import re

import pytest
from bs4 import BeautifulSoup
from search_queries import article_text
from inventory import INVENTORY, KNOWN_BAD, LINKS
from pypdf import PdfReader

ABOUT = "about.html"


def normalise(text: str) -> str:
    """Compare text across HTML and PDF: no whitespace, no hyphens (LaTeX breaks words), straight quotes."""
    return re.sub(r"[\s\-\u00ad]", "", text).replace("\u2019", "'")


@pytest.fixture(scope="session")
def site_text(book_pages: dict[str, BeautifulSoup]) -> str:
    return normalise(" ".join(article_text(soup) for soup in book_pages.values()))


def missing_names(text: str) -> list[str]:
    return [name for name in INVENTORY if normalise(name) not in text]


def test_inventory_in_html(site_text: str) -> None:
    """Every name the source notes give is in the website's text."""
    missing = missing_names(site_text)
    assert not missing, f"{len(missing)} of {len(INVENTORY)} names of the source notes are not in the website: {missing}"


def test_inventory_in_pdf(pdf_text: str) -> None:
    missing = missing_names(normalise(pdf_text))
    assert not missing, f"{len(missing)} of {len(INVENTORY)} names of the source notes are not in the PDF: {missing}"


def test_source_links_are_kept(book_pages: dict[str, BeautifulSoup]) -> None:
    hrefs = {a["href"] for soup in book_pages.values() for a in soup.select("article a.reference.external")}
    missing = [f"{what}: {url}" for what, url in LINKS.items() if url not in hrefs]
    assert not missing, "links of the source notes missing from the book:\n" + "\n".join(missing)


def test_external_links_are_https(book_pages: dict[str, BeautifulSoup]) -> None:
    insecure = [
        (name, a["href"])
        for name, soup in book_pages.items()
        for a in soup.select("article a.reference.external")
        if not a["href"].startswith("https://")
    ]
    assert insecure == []


def test_machine_translation_errors_are_gone(pages: dict[str, BeautifulSoup]) -> None:
    texts = {name: soup.get_text(" ") for name, soup in pages.items() if name != ABOUT}
    found = []
    for bad in KNOWN_BAD:
        pattern = re.compile(bad[3:] if bad.startswith("re:") else re.escape(bad))
        found += [f"{bad!r} in {name}" for name, text in texts.items() if pattern.search(text)]
    assert not found, "machine-translation wordings still in the book:\n" + "\n".join(found)


def correction_rows(pages: dict[str, BeautifulSoup]) -> list[list]:
    """The rows of the about page's two tables: each a list of its cells (BeautifulSoup tags)."""
    tables = pages[ABOUT].select("article table")
    assert len(tables) == 2, f"the about page has {len(tables)} tables, not the corrections and the other changes"
    return [row.select("td") for table in tables for row in table.select("tbody tr")]


def test_about_page_lists_the_corrections(pages: dict[str, BeautifulSoup]) -> None:
    """The about page's tables quote every known wording of the machine translation (KNOWN_BAD; a
    web address aside: it is a link the book updated), each beside its correction, reason and page."""
    rows = [[cell.get_text(" ", strip=True) for cell in row] for row in correction_rows(pages)]
    assert all(len(row) == 4 and all(row) for row in rows), "each row has wording, correction, reason and page"
    quoted = " ".join(row[0] for row in rows)
    missing = [bad for bad in KNOWN_BAD if "/" not in bad
               and not re.search(bad[3:] if bad.startswith("re:") else re.escape(bad), quoted)]
    assert not missing, f"known errors the about page does not quote: {missing}"


def test_each_correction_is_on_the_page_it_names(pages: dict[str, BeautifulSoup]) -> None:
    """Each row's last cell links a page of the book, and that page carries the row's correction:
    the correction's words up to its first bracket or punctuation mark, as a reader would look for them."""
    wrong = []
    for cells in correction_rows(pages):
        correction_cell = BeautifulSoup(str(cells[1]), "lxml")  # a copy: the parsed pages are shared
        for tip in correction_cell.select(".term-tip__text"):
            tip.decompose()
        quoted, correction = cells[0].get_text(" ", strip=True), correction_cell.get_text("", strip=True)
        links = cells[-1].select("a[href]")
        if len(links) != 1:
            wrong.append(f"{quoted!r}: {len(links)} links to the page, not one")
            continue
        href = links[0]["href"].split("#")[0]
        target = ABOUT if not href else re.sub(r"^(\./)+", "", href)
        if target not in pages:
            wrong.append(f"{quoted!r}: links {href!r}, which is not a page of the book")
            continue
        lead = re.split(r"[（；，、：]", correction)[0].strip()
        text = normalise(article_text(pages[target]))
        if not lead or normalise(lead) not in text:
            wrong.append(f"{quoted!r}: {target} does not say {lead!r}")
    assert not wrong, "the corrections table names pages that do not carry the correction:\n" + "\n".join(wrong)


def test_headings_do_not_skip_levels(book_pages: dict[str, BeautifulSoup]) -> None:
    wrong = []
    for name, soup in book_pages.items():
        levels = [int(h.name[1]) for h in soup.select_one("article.bd-article").find_all(re.compile(r"^h[1-6]$"))]
        if levels[0] != 1:
            wrong.append(f"{name} opens with h{levels[0]}")
        wrong += [f"{name}: h{before} is followed by h{after}" for before, after in zip(levels, levels[1:]) if after > before + 1]
    assert not wrong, "\n".join(wrong)


def test_each_page_opens_with_a_summary(book_pages: dict[str, BeautifulSoup]) -> None:
    """A paragraph of 30 characters or more right after the title."""
    wrong = [name for name, soup in book_pages.items()
             if not ((first := soup.select_one("article.bd-article h1").find_next_sibling()) is not None
                     and first.name == "p" and len(first.get_text(strip=True)) >= 30)]
    assert not wrong, f"pages that do not open with a summary: {wrong}"


def test_every_page_is_in_the_pdf(pdf_path, pdf_text: str, book_pages: dict[str, BeautifulSoup], reading_order) -> None:
    """Each page's title is in the PDF's text and in its outline (bookmarks); the landing page is
    the PDF's opening, before the first chapter."""

    def titles(outline) -> list[str]:
        out = []
        for item in outline:
            out.extend(titles(item) if isinstance(item, list) else [item.title])
        return out

    outline, text = [normalise(t) for t in titles(PdfReader(pdf_path).outline)], normalise(pdf_text)
    wrong = []
    for name, soup in book_pages.items():
        if name == reading_order[0]:
            continue
        title = normalise(soup.select_one("article.bd-article h1").get_text().rstrip("#"))
        wrong += [f"{name}: {title} is not in the PDF's {where}" for where, ok in
                  (("text", title in text), ("outline", any(title in entry for entry in outline))) if not ok]
    assert not wrong, "\n".join(wrong)
