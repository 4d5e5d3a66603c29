"""The built website, parsed with a real HTML parser (BeautifulSoup + lxml)."""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from helpers import ROOT, resolve
from search_queries import page_text

from _ext import HAN
from _ext.search import bigrams


def test_every_page_is_in_the_toctree(book_pages: dict[str, BeautifulSoup]) -> None:
    """Each page of the book is linked from the navigation of the landing page."""
    nav = book_pages["index.html"].select_one("nav.bd-docs-nav")
    assert nav is not None, "the sidebar navigation is missing"
    # The current page links to itself as "#".
    linked = {a["href"].split("#")[0] or "index.html" for a in nav.select("a.reference.internal")}
    assert set(book_pages) - linked == set()
    assert linked - set(book_pages) == set(), "the navigation links to pages that were not built"


def test_pages_are_chinese(pages: dict[str, BeautifulSoup]) -> None:
    wrong = {name: soup.html.get("lang") for name, soup in pages.items() if soup.html.get("lang") != "zh-CN"}
    assert not wrong, wrong


def test_each_book_page_has_one_h1(book_pages: dict[str, BeautifulSoup]) -> None:
    # The theme's print-only block repeats the title; the article has exactly one H1.
    wrong = {name: n for name, soup in book_pages.items() if (n := len(soup.select("article.bd-article h1"))) != 1}
    assert not wrong, f"pages and their number of H1s: {wrong}"


def test_term_links_resolve_to_glossary_entries(
    html_dir: Path, book_pages: dict[str, BeautifulSoup], pages: dict[str, BeautifulSoup]
) -> None:
    links = [
        (name, a)
        for name, soup in book_pages.items()
        for a in soup.select("a.reference.internal")
        if a.select_one("span.std-term")
    ]
    assert any(name != "glossary.html" for name, _ in links), "no page links to the glossary with {term}"
    wrong = []
    for name, link in links:
        entry = pages[resolve(name, link["href"])].find(id=link["href"].partition("#")[2])
        if entry is None or entry.name != "dt" or not entry.find_parent("dl", class_="glossary"):
            wrong.append(f"{name}: {link['href']} is not a glossary entry")
    assert not wrong, "\n".join(wrong)


# What a page makes the browser fetch (or connect to) by itself; links a reader follows are not.
FETCHED = ("script[src], img[src], source[src], iframe[src], link[href][rel~=stylesheet], link[href][rel~=preload],"
           " link[href][rel~=modulepreload], link[href][rel~=icon], link[href][rel~=preconnect], link[href][rel~=dns-prefetch]")


def test_nothing_is_fetched_from_another_host(html_dir: Path, pages: dict[str, BeautifulSoup]) -> None:
    """Every file a page or a stylesheet names for fetching is the site's own, whether or not a
    visit fetches it (test_every_page sees the requests a visit makes; a font or script used
    later would not be among them): src and href, module imports, CSS url() and @import."""
    misses = [f"{name}: {tag.name} {url}" for name, soup in pages.items() for tag in soup.select(FETCHED)
              if urlsplit(url := tag.get("src") or tag.get("href")).netloc]
    misses += [f"{name}: imports {url}" for name, soup in pages.items() for script in soup.select("script:not([src])")
               for url in re.findall(r"""(?:import\s[^;]*?from\s*|import\()\s*\\?["']([^"'\\]+)""", script.string or "")
               if urlsplit(url).netloc]
    misses += [f"{css.relative_to(html_dir)}: {url}" for css in html_dir.glob("_static/**/*.css")
               for url in re.findall(r"""(?:url\(|@import)\s*["']?([^"')\s]+)""", css.read_text(encoding="utf-8"))
               if urlsplit(url).netloc]
    assert misses == [], "\n".join(misses)


def test_mermaid_is_served_locally(html_dir: Path, pages: dict[str, BeautifulSoup]) -> None:
    diagram_pages = [name for name, soup in pages.items() if soup.select_one("pre.mermaid")]
    assert diagram_pages, "no page has a mermaid diagram"
    misses = []
    for name in diagram_pages:
        imports = [
            m
            for s in pages[name].select("script[type=module]")
            # the loader is started when a diagram comes near (a JSON string: quotes escaped)
            for m in re.findall(r"""import mermaid from\s*\\?["']([^"'\\]+)""", s.string or "")
        ]
        if not imports:
            misses.append(f"{name} has a diagram but does not load mermaid")
        for url in imports:
            module = (html_dir / Path(name).parent / url).resolve()
            if not module.is_file():
                misses.append(f"{name} imports {url}, which is not in the site")
                continue
            # Every chunk the entry module imports is there too.
            misses += [f"{name}: {url} imports {chunk}, which is not in the site"
                       for chunk in re.findall(r'from"(\./chunks/[^"]+)"', module.read_text(encoding="utf-8"))
                       if not (module.parent / chunk).is_file()]
    assert misses == [], "\n".join(misses)


def test_chinese_search_index(html_dir: Path, book_pages: dict[str, BeautifulSoup]) -> None:
    """The index holds every two-character piece of every page's Chinese text (_ext/search.py), the
    pieces a query is cut into, and no longer words of jieba's, which no query could reach."""
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])
    chinese = {t for t in {*index["terms"], *index["titleterms"]} if re.fullmatch(f"[{HAN}]+", t)}
    expected = {piece for soup in book_pages.values() for piece in bigrams(page_text(soup))}
    missing, words = sorted(expected - chinese), sorted(t for t in chinese if len(t) != 2)
    assert len(expected) > 1000 and not missing and not words, (missing[:50], words[:50])
    language_data = (html_dir / "_static" / "language_data.js").read_text(encoding="utf-8")
    # sphinx-doc/sphinx#14229: Sphinx 9.0 pointed this at a ChineseStemmer that did not exist.
    assert "ChineseStemmer" not in language_data


POSITIONAL = re.compile(r"^(id|term-)\d+$")


def test_no_positional_anchor_anywhere(html_dir: Path, pages: dict[str, BeautifulSoup]) -> None:
    """No id a later edit can move (id1, term-0), and no link to one, on any page (_ext/anchors.py)."""
    wrong = {}
    for name, soup in pages.items():
        ids = [tag["id"] for tag in soup.find_all(id=True) if POSITIONAL.match(tag["id"])]
        links = [a["href"] for a in soup.find_all("a", href=True) if POSITIONAL.match(urlsplit(a["href"]).fragment)]
        if ids or links:
            wrong[name] = f"positional ids {ids}, links to them {links}"
    assert not wrong, wrong


def test_every_section_is_anchored_by_its_words(book_pages: dict[str, BeautifulSoup]) -> None:
    """Every heading of the book: its section's id is MyST's slug of the heading (with -1, -2
    for a repeat on the same page), the rule a reader can predict; or the label the page's
    source gives it ("(label)=" just above the heading)."""
    from myst_parser.slugs import github_slugify

    docs = ROOT / "docs"
    checked, wrong = 0, []
    for name, soup in book_pages.items():
        source = (docs / name).with_suffix(".md").read_text(encoding="utf-8")
        labels = set(re.findall(r"^\((.+)\)=\n+#", source, re.M))
        seen: dict[str, int] = {}
        for section in soup.select("article section"):
            title = section.find(re.compile("^h[1-6]$")).get_text().replace("#", "").strip()
            slug = github_slugify(title)
            expected = slug if slug not in seen else f"{slug}-{seen[slug]}"
            seen[slug] = seen.get(slug, 0) + 1
            if section["id"] != expected and section["id"] not in labels:
                wrong.append(f"{name}: section {title!r} has id {section['id']!r}, not {expected!r}")
            checked += 1
    assert checked >= len(book_pages)
    assert not wrong, "\n".join(wrong)
