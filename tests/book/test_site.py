"""What readers and search engines expect of a published site."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from helpers import ROOT
from _ext import HAN
from _ext.citation import book, licence


def meta(soup: BeautifulSoup, **attrs) -> str:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else ""


def test_descriptions_and_open_graph(book_pages: dict[str, BeautifulSoup]) -> None:
    """Each page is published at the book's address (CITATION.cff's url) plus its path: the
    landing page at the top, no source folder (docs/) in any address."""
    base = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["url"]
    assert base.startswith("https://") and base.endswith("/")
    wrong = {name: problems for name, soup in book_pages.items() if (problems := [
        what for what, ok in (("description", len(meta(soup, name="description")) >= 30),
                              ("og:title", meta(soup, property="og:title")),
                              ("og:description", meta(soup, property="og:description")),
                              (f"og:url {meta(soup, property='og:url')}", meta(soup, property="og:url") == base + name))
        if not ok])}
    assert not wrong, wrong


def test_sitemap_lists_every_page_once(html_dir: Path, book_pages) -> None:
    tree = ET.parse(html_dir / "sitemap.xml")
    locs = [e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs))
    missing = [name for name in book_pages if not any(loc.endswith("/" + name) for loc in locs)]
    assert missing == [], missing


def test_footer_is_in_chinese(book_pages) -> None:
    """The theme's footer lines, translated and with Chinese punctuation: the licence, and the
    date the page was last updated. The facts are CITATION.cff's."""
    facts = book(ROOT / "CITATION.cff")
    wrong = {}
    for name, soup in book_pages.items():
        lines = [" ".join(p.get_text(" ").split()) for p in soup.select("footer.bd-footer-content p")]
        if len(lines) != 2 or lines[0] != f"© {facts.year} {facts.authors}，以 {licence(facts.license)[1]} 许可发布。" \
                or not re.fullmatch(r"最后更新于 \d{4}-\d{2}-\d{2}。", lines[1]):
            wrong[name] = lines
    assert not wrong, wrong


def test_favicon_is_declared(pages) -> None:
    missing = [name for name, soup in pages.items()
               if not ((icon := soup.select_one("link[rel=icon]")) and icon["href"].endswith("favicon.svg"))]
    assert not missing, missing


def test_interface_strings_are_mainland_chinese(pages) -> None:
    """Every name, tooltip and placeholder of every page (title, aria-label, placeholder) is in the
    book's language, the theme's strings as the templates and catalogues translate them with no
    fixed English one left; and in mainland wording."""
    not_mainland = ["亮色", "暗色", "网页导航", "回到顶部"]
    problems = []
    for name, soup in pages.items():
        problems += [f"{name}: <{tag.name} {attr}={tag[attr]!r}>" for tag in soup.find_all(True)
                     for attr in ("title", "aria-label", "placeholder") if tag.get(attr) and not re.search(f"[{HAN}]", tag[attr])]
        text = soup.get_text(" ")
        problems += [f"{name}: {word}" for word in not_mainland if word in text]
    assert problems == [], "\n".join(problems)
