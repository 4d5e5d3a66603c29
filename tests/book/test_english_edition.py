"""The English edition as a reader gets it, and its release gate: the catalogues in
docs/locales/en/LC_MESSAGES complete (every message translated, none fuzzy, msgfmt --check
silent), and every anchor of every Chinese page leading to the same place in the English one."""

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from helpers import ROOT, UNCUT_CSS, parse
from search_queries import GENERATED
from _ext.sitemap import SITEMAP, XHTML

CATALOGUES = ROOT / "docs" / "locales" / "en" / "LC_MESSAGES"
PAGES = sorted(p.relative_to(ROOT / "docs").with_suffix("") for p in (ROOT / "docs").rglob("*.md")
               if "locales" not in p.parts)


def catalogue(page: Path) -> Path:
    return CATALOGUES / page.with_suffix(".po")


def test_every_page_has_a_complete_catalogue() -> None:
    """The release gate: one catalogue a page, every message translated, none fuzzy (a fuzzy
    message is a paragraph changed since it was translated: Sphinx shows it in Chinese)."""
    misses = [f"{page}: no catalogue (make gettext)" for page in PAGES if not catalogue(page).is_file()]
    for page in PAGES:
        if catalogue(page).is_file():
            with catalogue(page).open(encoding="utf-8") as f:
                messages = [m for m in read_po(f) if m.id]
            misses += [f"{page}: untranslated: {m.id[:60]!r}" for m in messages if not m.string]
            misses += [f"{page}: fuzzy: {m.id[:60]!r}" for m in messages if m.fuzzy]
    assert not misses, f"{len(misses)} gaps in the English edition:\n" + "\n".join(misses)


def test_msgfmt_finds_nothing_to_say() -> None:
    """`msgfmt --check` on every catalogue, warnings included (a header left at its defaults)."""
    said = {}
    for po in sorted(CATALOGUES.rglob("*.po")):
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        if run.returncode or run.stdout or run.stderr:
            said[po.relative_to(ROOT)] = (run.stdout + run.stderr).strip()
    assert not said, "msgfmt --check:\n" + "\n".join(f"{po}: {out}" for po, out in said.items())


def test_every_anchor_leads_to_the_same_place_in_english(pages: dict[str, BeautifulSoup], english_html_dir: Path) -> None:
    """Page by page, every id of the Chinese edition's article is an id of the English one, on
    the same kind of element (a section stays a section, a term a term, a figure a figure)."""
    misses = []
    for name, soup in pages.items():
        if name in GENERATED:
            continue
        english = english_html_dir / name
        if not english.is_file():
            misses.append(f"{name}: no English page")
            continue
        there = {e["id"]: e.name for e in parse(english).select("article.bd-article [id]")}
        for element in soup.select("article.bd-article [id]"):
            if element["id"] not in there:
                misses.append(f"{name}#{element['id']}: not in the English page")
            elif there[element["id"]] != element.name:
                misses.append(f"{name}#{element['id']}: a <{element.name}> in Chinese, a <{there[element['id']]}> in English")
    assert not misses, f"{len(misses)} anchors lost in the English edition:\n" + "\n".join(misses)


def test_the_english_pages_are_english(english_html_dir: Path) -> None:
    """Each page says lang="en"; Chinese is left only where it is marked zh-CN (a quoted wording of
    the machine translation, a glossary term's pair): no paragraph is still untranslated."""
    misses = []
    for page in PAGES:
        soup = parse(english_html_dir / page.with_suffix(".html"))
        if soup.html.get("lang") != "en":
            misses.append(f"{page}: lang={soup.html.get('lang')!r}")
        if soup.select(".translation-progress, .untranslated"):  # the release shows no staleness
            misses.append(f"{page}: says it is not fully translated")
        article = BeautifulSoup(str(soup.select_one("article.bd-article")), "lxml")
        for node in article.select('[lang="zh-CN"], .headerlink'):
            node.decompose()
        left = re.findall(r"[\u3400-\u9fff][^\n]{0,30}", article.get_text(" "))
        misses += [f"{page}: unmarked Chinese: {run!r}" for run in left]
    assert not misses, f"{len(misses)} places:\n" + "\n".join(misses)


def test_a_changed_paragraph_is_shown_in_chinese_marked_and_counted(project_copy) -> None:
    """Staleness, as a fork or a branch in progress meets it: in a copy, the longest paragraph of
    the book (drawn by rule) gains a sentence; after make gettext and make html EDITIONS=en, exactly that
    paragraph of the English page is shown in Chinese, marked zh-CN and labelled, and the page
    opens with a note giving less than 100 % and a link to the Chinese page; no other page has one."""
    copy = project_copy()
    paragraphs = [(len(line), path, line) for path in sorted((copy / "docs").rglob("*.md")) if "locales" not in path.parts
                  for line in path.read_text(encoding="utf-8").splitlines()
                  if line and not re.match(r"[#\-|:`>({ *0-9]", line)]
    _length, path, line = max(paragraphs)
    added = "这一句是新加的，还没有译文。"
    path.write_text(path.read_text(encoding="utf-8").replace(line, line + added, 1), encoding="utf-8")
    for target in (["gettext"], ["html", "EDITIONS=en", f"SPHINXOPTS={UNCUT_CSS}"]):
        run = subprocess.run(["make", *target], cwd=copy, capture_output=True, text=True)
        assert run.returncode == 0, f"make {' '.join(target)} in the copy:\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
    page = path.relative_to(copy / "docs").with_suffix(".html")
    soup = parse(copy / "_build" / "html" / "en" / page)
    marked = soup.select("article .untranslated")
    assert [(m.get("lang"), added in m.get_text()) for m in marked] == [("zh-CN", True)], [m.get_text()[:80] for m in marked]
    assert marked[0].select_one(".untranslated-label").get_text() == "Not yet translated"
    note = soup.select_one("article .translation-progress")
    share = int(re.search(r"(\d+)% translated", note.get_text())[1])
    assert 0 < share < 100 and note.select_one("a")["href"].endswith(f"/zh-cn/latest/{page.as_posix()}")
    others = [p.relative_to(copy / "_build" / "html" / "en") for p in (copy / "_build" / "html" / "en").rglob("*.html")
              if p.relative_to(copy / "_build" / "html" / "en") != page and parse(p).select(".translation-progress, .untranslated")]
    assert others == []


def test_each_page_names_its_other_edition(pages: dict[str, BeautifulSoup], html_dir: Path, english_html_dir: Path) -> None:
    """hreflang alternates in each page's head and in each edition's sitemap.xml: the same page in
    Chinese (also the default) and in English, at the addresses CITATION.cff gives each edition."""
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    zh_url, en_url = cff["preferred-citation"]["url"], cff["references"][0]["url"]
    sitemaps = {}
    for edition, folder in (("zh", html_dir), ("en", english_html_dir)):
        for url in ET.parse(folder / "sitemap.xml").getroot().iter(f"{{{SITEMAP}}}url"):
            sitemaps[edition, url.findtext(f"{{{SITEMAP}}}loc")] = {
                link.get("hreflang"): link.get("href") for link in url.iter(f"{{{XHTML}}}link") if link.get("rel") == "alternate"}
    misses = []
    for name in (n for n in pages if n not in GENERATED):
        expected = {"zh-CN": zh_url + name, "en": en_url + name, "x-default": zh_url + name}
        for edition, soup in (("zh", pages[name]), ("en", parse(english_html_dir / name))):
            found = {link["hreflang"]: link["href"] for link in soup.select('head link[rel="alternate"][hreflang]')}
            if found != expected:
                misses.append(f"{edition} {name}: head: {found}")
            listed = sitemaps.get((edition, expected["zh-CN" if edition == "zh" else "en"]))
            if listed != expected:
                misses.append(f"{edition} {name}: sitemap: {listed}")
    assert not misses, "\n".join(misses)
