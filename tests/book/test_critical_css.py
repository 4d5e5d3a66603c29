"""Only the CSS each page can use, inline in its head (_ext/critical.py), and nothing changed for
the reader.

- **Every page** of both editions, online and in the offline zip, read as HTML: its rules in its
  head, no stylesheet linked (a link would hold up the first paint), no @import.
- **The kept names** (conf.py's ``book_css_keep``, what scripts add once a page has loaded): each
  is still in the script that adds it, and still styles something on some page, inline.
- **Screenshots**, in headless Chromium: the site as built against the same sources built with
  ``book_critical_css = False`` (the theme's stylesheets, whole and linked), one page of each type
  (conftest's ``page_types`` rule): at load, light and dark, 1280 and 375 px; with each interactive
  part open (the sidebar, the search dialog showing results, the download menu, the colour menu, a term tip, a
  diagram drawn), light at 1280 px and dark at 375 px. The Chinese edition: the English one's
  pages are the same templates under the same stylesheets (the first test reads both). Each pair
  must be identical to the pixel. One
  test names every pair that is not, with the differing pixels' count and box, and keeps both
  images in _build/critical-diff/.
"""

import base64
import os
import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import serve
from helpers import BUILDDIR, DESKTOP, PHONE, ROOT, parse

from _ext import HAN

EDITIONS = ("zh-cn", "en")
UNCUT = BUILDDIR / "uncut"
DIFFS = BUILDDIR / "critical-diff"
KEEP = runpy.run_path(str(ROOT / "conf.py"))["book_css_keep"]
# A kept name (^show$) as one of a selector's tokens: as _ext/critical.mjs inlines it.
TOKEN = lambda pattern: re.compile(pattern.replace("^", r"(?<![\w-])", 1).removesuffix("$") + (r"(?![\w-])" if pattern.endswith("$") else ""))  # noqa: E731
SCREENS = {"1280": DESKTOP, "375": PHONE}
REST = (1, PHONE["height"] - 1)  # the bottom left corner, on either screen: a margin
# Two pixels are the same when no channel differs by more than 2 in 255: the antialiased left edge
# of the sidebar's search field (a rounded border) was drawn that far apart, at 13 to 50 of a
# million pixels, between runs of one build. A changed rule moves whole edges or colours.
DIFF = """async ([a, b]) => {
  const ROUNDING = 2;
  const load = (src) => new Promise((done) => { const image = new Image(); image.onload = () => done(image); image.src = src; });
  const [one, two] = await Promise.all([load(a), load(b)]);
  if (one.width !== two.width || one.height !== two.height) return `sizes ${one.width}×${one.height} and ${two.width}×${two.height}`;
  const pixels = (image) => { const canvas = new OffscreenCanvas(image.width, image.height), context = canvas.getContext("2d");
    context.drawImage(image, 0, 0); return context.getImageData(0, 0, image.width, image.height).data; };
  const [p, q] = [pixels(one), pixels(two)];
  let count = 0, box = [one.width, one.height, 0, 0];
  for (let i = 0; i < p.length; i += 4) {
    if ([0, 1, 2, 3].some((c) => Math.abs(p[i + c] - q[i + c]) > ROUNDING)) {
      const x = (i / 4) % one.width, y = Math.floor(i / 4 / one.width);
      count++; box = [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)];
    }
  }
  return `${count} pixels differ, in (${box[0]}, ${box[1]})–(${box[2]}, ${box[3]})`;
}"""
# Loaded: its fonts in, and the diagrams near the screen drawn (the loader starts mermaid when one
# comes within a quarter screen).
READY = """() => document.readyState === "complete" && document.fonts.status === "loaded"
  && [...document.querySelectorAll("pre.mermaid")].every((d) => d.getBoundingClientRect().top > innerHeight * 1.25 || d.querySelector("svg .nodeLabel"))"""
# No transitions, on both sides: an element that moved (the sidebar sliding away) can be drawn a
# subpixel apart from one run to the next, whatever the stylesheets.
STILL = "*, *::before, *::after { transition: none !important; }"
# Once a part is open: its transitions ended and what the page's scripts do then done (the contents' marker).
SETTLED = """() => new Promise((done) => { const wait = () => document.getAnimations().some((a) => a.playState === "running")
  ? requestAnimationFrame(wait) : requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))); wait(); })"""


def site_pages(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html") if "_static" not in p.relative_to(folder).parts)


def test_every_page_has_its_css_inline_and_links_none(built: Path, unzipped: Path) -> None:
    folders = [built / "html" / e for e in EDITIONS] + [unzipped / e for e in EDITIONS]
    misses = []
    for folder in folders:
        for path in site_pages(folder):
            soup = parse(path)
            linked = [link["href"] for link in soup.select('link[rel~="stylesheet"]')]
            inline = "".join(style.get_text() for style in soup.select("head style"))
            if linked or "@import" in inline or not re.search(r"\bbody\{", inline):
                misses.append(f"{path.relative_to(folder.parent)}: linked {linked}, {len(inline)} characters inline")
    assert sum(len(site_pages(f)) for f in folders) >= 4 * 20
    assert not misses, f"{len(misses)} pages:\n" + "\n".join(misses)


def test_each_kept_name_is_still_added_and_still_styles_a_page(html_dir: Path) -> None:
    """If a name fails here, the script no longer adds it (the theme changed: find what it adds
    now) or no page's rule uses it any more (remove it from book_css_keep)."""
    pages = "".join(p.read_text(encoding="utf-8") for p in site_pages(html_dir))
    inline = "".join(s.get_text() for p in site_pages(html_dir) for s in parse(p).select("head style"))
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", inline, flags=re.S))
    selectors, declarations = [s for s, _ in rules], [d for _, d in rules]
    misses = []
    for pattern, (script, text, what) in KEEP.items():
        where = html_dir / "_static" / script
        source = ("".join(p.read_text(encoding="utf-8") for p in where.rglob("*") if p.is_file()) if where.is_dir()
                  else where.read_text(encoding="utf-8")) if script else pages
        if text not in source:
            misses.append(f"{pattern} ({what}): {text!r} is not in {script or 'the pages'}")
        where = declarations if pattern.startswith("^--") else selectors  # a custom property: where it is set
        if not any(TOKEN(pattern).search(s) for s in where if not s.lstrip().startswith("@")):
            misses.append(f"{pattern} ({what}): no page's inline CSS has a rule that uses it")
    assert not misses, "\n".join(misses)


def test_the_options_are_sphinxs_own(html_dir: Path) -> None:
    """layout.html writes documentation_options.js into each page: the same text Sphinx writes."""
    options = (html_dir / "_static" / "documentation_options.js").read_text(encoding="utf-8").strip()
    misses = [p.name for p in site_pages(html_dir) if options not in p.read_text(encoding="utf-8")]
    assert not misses, misses


@pytest.fixture(scope="module")
def uncut_url(built: Path):
    """The Chinese edition built again from the same sources with book_critical_css = False, served."""
    shutil.rmtree(UNCUT, ignore_errors=True)
    run = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "sphinx-build"), "-q", "-W", "--keep-going", "-n", "-E", "-c", str(ROOT), "-b", "html",
         "-D", "book_critical_css=0", "-d", str(BUILDDIR / ".doctrees" / "uncut" / "zh-cn"), str(ROOT / "docs"), str(UNCUT / "zh-cn")],
        env={**os.environ, "BOOK_LANGUAGE": "zh-cn"}, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    yield from serve(UNCUT)


def open_sidebar(page) -> None:
    page.locator("button.primary-toggle:visible").click()
    page.wait_for_function("() => document.querySelector('#pst-primary-sidebar-modal[open], #pst-primary-sidebar.pst-sidebar-hidden')")


def open_search(page) -> None:
    """The dialog open, with the results for the first three Chinese characters of the page's title."""
    page.keyboard.press("Control+k")
    page.locator("#pst-search-dialog[open]").wait_for()
    page.keyboard.insert_text(re.search(f"[{HAN}]{{3}}", page.locator("article h1").inner_text())[0])
    page.wait_for_function("performance.getEntriesByName('book-search').length > 0")


def open_downloads(page) -> None:
    page.locator("summary.book-downloads__button:visible").click()
    page.locator(".book-downloads__list").wait_for()


def open_colour_menu(page) -> None:
    page.locator(".theme-switch-button:visible").first.click()  # bootstrap.js comes on this first move
    page.locator(".theme-switch-container .dropdown-menu.show").wait_for()


def show_a_tip(page) -> None:
    link = page.locator(".term-tip a").first
    link.scroll_into_view_if_needed()
    link.focus()
    page.locator(".term-tip:focus-within .term-tip__text").wait_for()


def draw_a_diagram(page) -> None:
    diagram = page.locator("pre.mermaid").first
    diagram.scroll_into_view_if_needed()
    diagram.locator(":scope > svg .nodeLabel").first.wait_for()


# The interactive parts: the page type each is tried on (tip: the first page in reading order
# with a term tip), and how it is opened.
STATES = {"sidebar": ("text", open_sidebar), "search dialog": ("text", open_search), "download menu": ("text", open_downloads),
          "colour menu": ("text", open_colour_menu), "term tip": ("tip", show_a_tip), "diagram": ("diagram", draw_a_diagram)}


def shoot(tab, url: str, action) -> bytes:
    tab.mouse.move(*REST)  # the pointer off anything that reacts to it (hover)
    tab.goto(url)
    tab.wait_for_function(READY)
    tab.add_style_tag(content=STILL)
    if action:
        action(tab)
        tab.mouse.move(*REST)
        tab.evaluate(SETTLED)
    return tab.screenshot(animations="disabled", caret="hide")


def differs(browser, compare, urls: dict[str, str], case: tuple, tabs: dict) -> str | None:
    """How the two sides' screenshots of a case differ, or None. A pair that differs is taken again,
    each side in a fresh context: what a load leaves behind in a context (or a busy machine) can
    move a few pixels at the edge of a rounded box from one run to the next; a changed rule does
    it every time."""
    screen, scheme, edition, _, name, action = case
    shots = {site: shoot(tab, f"{urls[site]}/{edition}/{name}", action) for site, tab in tabs.items()}
    for attempt in range(2):
        if shots["uncut"] == shots["cut"]:
            return None
        data = ["data:image/png;base64," + base64.b64encode(shots[site]).decode() for site in ("uncut", "cut")]
        if (found := compare.evaluate(DIFF, data)).startswith("0 pixels"):
            return None  # the same pixels, encoded differently
        if attempt == 0:
            for site in shots:
                context = browser.new_context(viewport=SCREENS[screen], color_scheme=scheme, has_touch=screen == "375")
                shots[site] = shoot(context.new_page(), f"{urls[site]}/{edition}/{name}", action)
                context.close()
    stem = f"{edition}-{case[3].replace(' ', '-')}-{screen}-{scheme}"
    DIFFS.mkdir(parents=True, exist_ok=True)
    for site, shot in shots.items():
        (DIFFS / f"{stem}-{site}.png").write_bytes(shot)
    return found


def test_nothing_changed_for_the_reader(browser, server_url: str, uncut_url: str, page_types: dict[str, str],
                                        reading_order: list[str], pages) -> None:
    types = {**{t: page_types[t] for t in ("landing", "text", "glossary", "diagram", "search")},
             "tip": next(n for n in reading_order if pages[n].select_one(".term-tip"))}
    combos = [(screen, scheme) for screen in SCREENS for scheme in ("light", "dark")]
    cases = [(*combo, "zh-cn", f"{t} page", types[t], None) for combo in combos for t in ("landing", "text", "glossary", "diagram", "search")]
    # Each interactive part on a desktop in light and on a phone in dark.
    cases += [(*combo, "zh-cn", state, types[kind], action) for combo in (("1280", "light"), ("375", "dark"))
              for state, (kind, action) in STATES.items()]
    assert len(cases) == 4 * 5 + 2 * len(STATES)
    shutil.rmtree(DIFFS, ignore_errors=True)
    compare, misses, urls = browser.new_page(), [], {"uncut": uncut_url, "cut": server_url}
    for combo in dict.fromkeys(case[:2] for case in cases):
        contexts = {site: browser.new_context(viewport=SCREENS[combo[0]], color_scheme=combo[1], has_touch=combo[0] == "375")
                    for site in urls}
        tabs = {site: context.new_page() for site, context in contexts.items()}
        for case in (c for c in cases if c[:2] == combo):
            if found := differs(browser, compare, urls, case, tabs):
                screen, scheme, edition, state, name, _ = case
                misses.append(f"{edition} {state} ({name}), {screen} px, {scheme}: {found}")
        for context in contexts.values():
            context.close()
    assert not misses, f"{len(misses)} of {len(cases)} pairs differ (images in {DIFFS}):\n" + "\n".join(misses)
