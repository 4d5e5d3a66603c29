"""Every page of both editions in headless Chromium, each visited once: all the per-page checks
read that visit.

A visit is what a first-time reader's browser does, then more: the page is loaded on a 375-px
phone screen in light mode (the theme follows the system), widened to 1280 px, its diagrams
scrolled to and drawn, scanned with axe-core; the system switches to dark mode and the page,
its diagrams redrawn, is scanned again; back to 375 px. Mermaid's files are held back at first,
to see the page before they arrive. Every request, response and console error is recorded, in a
fresh browser context per page (no cache shared between pages). Each test below reads the
records and lists every page that misses.

axe-core finds what can be decided from the page itself: missing names, landmark structure,
contrast of the colours actually rendered, ARIA misuse. It cannot tell whether a name or a
description makes sense, whether the reading order is the logical one, or how the book works
with a real screen reader; those need people.
"""

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fontTools.ttLib import TTFont
from helpers import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ROOT, draw_diagrams, luminance

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MERMAID = "**/_static/mermaid/**"
# Page weight, as a size: the bytes a reader's browser fetches for a page without diagrams,
# gzip-compressed, every request counted. The search page also loads the search index,
# Chinese bigrams included (_ext/search.py).
BUDGET = 150 * 1024
BUDGETS = {"search.html": 180 * 1024}

AXE_RUN = """async () => (await axe.run(document)).violations.map(v =>
    `${v.id} (${v.impact}) ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`)"""
# Each diagram: drawn (an SVG with a box and a label), its box's fill and label's colour, any
# filter on the SVG, and mermaid's "Syntax error" bomb.
DIAGRAMS = """() => [...document.querySelectorAll('pre.mermaid')].map(d => {
    const svg = d.querySelector(':scope > svg'), box = svg && svg.querySelector('.node rect, .node path'),
          label = svg && svg.querySelector('.nodeLabel');
    return {drawn: !!(box && label), fill: box ? getComputedStyle(box).fill : '', text: label ? getComputedStyle(label).color : '',
            filter: svg ? getComputedStyle(svg).filter : '', error: d.innerText.includes('Syntax error')};
})"""
# Each diagram's box height and the distance from its top to its caption's.
FIGURE_BOXES = """() => [...document.querySelectorAll('pre.mermaid')].map(pre => {
    const top = pre.getBoundingClientRect().top, caption = pre.closest('figure').querySelector('figcaption');
    return [pre.getBoundingClientRect().height, caption.getBoundingClientRect().top - top];
})"""
# The Font Awesome glyph of every element's ::before, e.g. '"\\uf0c9" / ""' (glyph / alt text).
ICONS = """() => [...document.querySelectorAll('*')].flatMap(el => {
    const s = getComputedStyle(el, '::before'), m = s.content.match(/^"(.)"/u);
    return s.fontFamily.includes('Font Awesome') && s.fontWeight === '900' && m ? [m[1].codePointAt(0)] : [];
})"""
REDRAWN = """() => [...document.querySelectorAll('pre.mermaid')].every(d =>
    d.querySelector(':scope > svg:not([data-before-switch]) .nodeLabel'))"""
TRANSITIONS_DONE = "() => Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition).map(a => a.finished))"


@dataclass
class Mode:
    theme: str
    background: str
    diagrams: list[dict]
    axe: list[str]


@dataclass
class Visit:
    failure: str = ""  # what stopped the visit, if anything did
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    weight: dict[str, int] = field(default_factory=dict)  # URL -> gzip size of its response
    icons: set[int] = field(default_factory=set)
    phone_scroll_width: int = 0
    first_diagram_top: float = 0  # at 375 px, as loaded
    mermaid_at_load: bool = False  # requested before any diagram was scrolled to
    source_colours: list[str] = field(default_factory=list)  # of the diagrams' sources, while mermaid loads
    boxes_before: dict[int, list] = field(default_factory=dict)  # width -> FIGURE_BOXES before mermaid arrives
    boxes_after: dict[int, list] = field(default_factory=dict)  # ... once drawn
    modes: dict[str, Mode] = field(default_factory=dict)


def settle(page, moment: int = 0) -> None:
    """Two frames (observers, IntersectionObserver's and the theme's, have run), and a moment for
    the requests they started to reach the test."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(moment)


def mode(page) -> Mode:
    page.evaluate(TRANSITIONS_DONE)
    return Mode(page.evaluate("document.documentElement.dataset.theme"),
                page.evaluate("getComputedStyle(document.body).backgroundColor"),
                page.evaluate(DIAGRAMS), page.evaluate(AXE_RUN))


def visit(browser, url: str, diagrams: bool) -> Visit:
    found = Visit()
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    context.set_default_timeout(15_000)
    page = context.new_page()
    responses, held, holding = [], [], [diagrams]
    page.on("request", lambda r: found.requests.append(r.url))
    page.on("response", lambda r: responses.append(r))
    page.on("console", lambda m: found.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: found.errors.append(str(e)))
    try:
        if diagrams:  # (routing turns the cache off: only where there is something to hold)
            page.route(MERMAID, lambda route: held.append(route) if holding[0] else route.continue_())
        page.goto(url, wait_until="load")
        if diagrams:
            settle(page, 300)
            found.first_diagram_top = page.evaluate("document.querySelector('pre.mermaid').getBoundingClientRect().top")
            found.mermaid_at_load = bool(held)
            found.source_colours = page.eval_on_selector_all("pre.mermaid", "ps => ps.map(p => getComputedStyle(p).color)")
            found.boxes_before[PHONE["width"]] = page.evaluate(FIGURE_BOXES)
            page.set_viewport_size(DESKTOP)
            found.boxes_before[DESKTOP["width"]] = page.evaluate(FIGURE_BOXES)
            holding[0] = False
            for route in held:
                route.continue_()
        page.set_viewport_size(DESKTOP)
        page.wait_for_load_state("networkidle")
        draw_diagrams(page)  # (one not drawn: DIAGRAMS says so)
        if diagrams:
            found.boxes_after[DESKTOP["width"]] = page.evaluate(FIGURE_BOXES)
        found.icons |= set(page.evaluate(ICONS))
        page.add_script_tag(path=str(AXE))
        found.modes["light"] = mode(page)
        page.evaluate("document.querySelectorAll('pre.mermaid > svg').forEach(s => s.dataset.beforeSwitch = '')")
        page.emulate_media(color_scheme="dark")
        page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
        if diagrams:
            try:
                page.wait_for_function(REDRAWN)
            except Exception:  # noqa: BLE001  (recorded: DIAGRAMS shows the colours as they are)
                pass
        found.modes["dark"] = mode(page)
        page.set_viewport_size(PHONE)
        settle(page)
        found.phone_scroll_width = page.evaluate("document.documentElement.scrollWidth")
        found.icons |= set(page.evaluate(ICONS))
        if diagrams:
            found.boxes_after[PHONE["width"]] = page.evaluate(FIGURE_BOXES)
        page.wait_for_load_state("networkidle")
        found.weight = {r.url: len(gzip.compress(r.body(), 6)) for r in responses if r.status < 300}
    except Exception as error:  # noqa: BLE001  (every test reports the page as not checked)
        found.failure = f"{type(error).__name__}: {error}".splitlines()[0]
    finally:
        context.close()
    return found


# The English edition's pages are visited too, under their folder's name: "en/glossary.html".
EN = "en/"


def page_of(key: str) -> str:
    """The page a visit is of, in either edition ("en/glossary.html" -> "glossary.html")."""
    return key.removeprefix(EN)


def visit_all(urls: dict[str, tuple[str, bool]]) -> dict[str, Visit]:
    """Visit each (url, has diagrams) in a browser of this thread's own (Playwright's sync API
    keeps to the thread that started it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return {key: visit(browser, url, diagrams) for key, (url, diagrams) in urls.items()}
        finally:
            browser.close()


@pytest.fixture(scope="module")
def visits(site_url: str, english_site_url: str, pages, diagram_pages) -> dict[str, Visit]:
    """Every page of both editions, each visited once: each edition in a browser of its own, side
    by side (a visit spends much of its time waiting for the page to settle)."""
    from concurrent.futures import ThreadPoolExecutor

    assert AXE.is_file(), "axe-core is missing: run `make deps`"
    editions = [{prefix + name: (f"{url}/{name}", name in diagram_pages) for name in pages}
                for prefix, url in (("", site_url), (EN, english_site_url))]
    with ThreadPoolExecutor(len(editions)) as pool:
        return {key: found for done in pool.map(visit_all, editions) for key, found in done.items()}


@pytest.fixture(scope="module")
def diagram_visits(visits, diagram_pages) -> dict[str, list[str]]:
    """The visits of pages with diagrams, in both editions -> the page's diagrams' sources."""
    return {key: diagram_pages[page_of(key)] for key in visits if page_of(key) in diagram_pages}


def assert_none(visits: dict[str, Visit], problems: list[str]) -> None:
    """No problem found, and no page whose visit broke off (so it was not checked)."""
    problems = problems + [f"{name}: not checked, the visit broke off: {v.failure}" for name, v in visits.items() if v.failure]
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_no_axe_violations_in_light_or_dark_mode(visits) -> None:
    """Any violation, whatever its impact, fails."""
    problems = [f"{name} ({mode}): {violation}" for name, v in visits.items()
                for mode, found in v.modes.items() for violation in found.axe]
    problems += [f"{name}: scanned in {sorted(v.modes)} only" for name, v in visits.items() if not v.failure and len(v.modes) != 2]
    assert_none(visits, problems)


def test_dark_mode_is_dark(visits) -> None:
    """The system's dark mode turns every page dark (the theme's default mode follows it)."""
    problems = []
    for name, v in visits.items():
        if "dark" in v.modes:
            dark = v.modes["dark"]
            if dark.theme != "dark" or sum(int(c) for c in re.findall(r"\d+", dark.background)[:3]) >= 150:
                problems.append(f"{name}: theme {dark.theme!r}, background {dark.background}")
    assert_none(visits, problems)


def test_no_sideways_scrolling_on_a_phone(visits) -> None:
    problems = [f"{name} is {v.phone_scroll_width} px wide at {PHONE['width']} px"
                for name, v in visits.items() if not v.failure and v.phone_scroll_width > PHONE["width"]]
    assert_none(visits, problems)


def test_no_console_errors(visits) -> None:
    problems = [f"{name}: {error}" for name, v in visits.items() for error in v.errors]
    assert_none(visits, problems)


def test_requests_stay_on_the_site_and_mermaid_only_where_needed(visits, diagram_pages) -> None:
    """No page asks any host but 127.0.0.1 (every request the browser makes, scripts' too);
    pages without diagrams fetch no mermaid file, pages with them do."""
    problems = []
    for name, v in visits.items():
        hosts = {urlsplit(u).hostname for u in v.requests if urlsplit(u).scheme in ("http", "https")}
        if not v.failure and hosts != {"127.0.0.1"}:
            problems.append(f"{name} asks {sorted(hosts - {'127.0.0.1'})}")
        mermaid = [u for u in v.requests if "mermaid" in u]
        if page_of(name) in diagram_pages and not v.failure and not mermaid:
            problems.append(f"{name} has diagrams but loaded no mermaid file")
        if page_of(name) not in diagram_pages and mermaid:
            problems.append(f"{name} has no diagram but loaded {mermaid[:3]}")
    assert_none(visits, problems)


def test_mermaid_loads_when_a_diagram_comes_near_the_screen(visits, diagram_visits) -> None:
    """Mermaid (hundreds of KB) is fetched when a diagram comes near the screen (within a quarter
    screen), not before: not at load where the first diagram is more than one and a half screens
    down. (That it comes when one is scrolled to: the diagrams are drawn, in the test below.)"""
    far = [name for name in diagram_visits if visits[name].first_diagram_top > 1.5 * PHONE["height"]]
    assert far, f"no diagram page whose first diagram is far enough down at {PHONE} for the rule to apply"
    problems = [f"{name}: mermaid fetched at load, its first diagram {visits[name].first_diagram_top:.0f} px down"
                for name in far if visits[name].mermaid_at_load]
    assert_none({n: visits[n] for n in diagram_visits}, problems)


def test_every_diagram_is_drawn_readable_in_both_modes(visits, diagram_visits) -> None:
    """Each diagram becomes an SVG drawn for the theme's mode (redrawn when it changes): dark boxes
    with light text in dark mode, the reverse in light, no filter washing it out (the theme
    inverts SVGs in dark mode), no "Syntax error"."""
    problems = []
    for name, sources in diagram_visits.items():
        for mode, found in visits[name].modes.items():
            if len(found.diagrams) != len(sources):
                problems.append(f"{name} ({mode}): {len(found.diagrams)} diagrams drawn of {len(sources)}")
            for i, d in enumerate(found.diagrams, 1):
                where = f"{name} ({mode}), diagram {i}"
                if not d["drawn"] or d["error"]:
                    problems.append(f"{where}: not drawn" + (" (Syntax error)" if d["error"] else ""))
                elif (luminance(d["fill"]) < luminance(d["text"])) != (mode == "dark"):
                    problems.append(f"{where}: box {d['fill']}, text {d['text']}")
                if d["drawn"] and d["filter"] != "none":
                    problems.append(f"{where}: filter {d['filter']}")
    assert_none({n: visits[n] for n in diagram_visits}, problems)


def test_diagram_box_is_reserved_before_drawing(visits, diagram_visits) -> None:
    """The text after a diagram does not move when the drawing arrives (no layout shift), at
    375 and 1280 px, and the diagram's source is not flashed at the reader while mermaid loads."""
    problems = []
    for name, sources in diagram_visits.items():
        v = visits[name]
        if any(c != "rgba(0, 0, 0, 0)" for c in v.source_colours):
            problems.append(f"{name}: source shown while loading: {v.source_colours}")
        for width, before in v.boxes_before.items():
            after = v.boxes_after.get(width, [])
            if not len(before) == len(after) == len(sources):
                problems.append(f"{name} at {width} px: {len(before)} boxes before drawing, {len(after)} after, {len(sources)} diagrams")
            for i, ((height, caption), (drawn_height, drawn_caption)) in enumerate(zip(before, after), 1):
                if drawn_height <= 300 or abs(height - drawn_height) > 1 or abs(caption - drawn_caption) > 1:
                    problems.append(f"{name}, diagram {i} at {width} px: box {height:.0f} px before drawing, {drawn_height:.0f} px after")
    assert_none({n: visits[n] for n in diagram_visits}, problems)


def test_text_pages_fit_the_weight_budget(visits, diagram_visits) -> None:
    text_pages = {name: v for name, v in visits.items() if name not in diagram_visits}
    problems = []
    for name, v in text_pages.items():
        total = sum(v.weight.values())
        if not v.weight or total > BUDGETS.get(page_of(name), BUDGET):
            top = sorted(v.weight.items(), key=lambda kv: -kv[1])[:5]
            problems.append(f"{name}: {total // 1024} KB gzip (budget {BUDGETS.get(page_of(name), BUDGET) // 1024} KB); largest: "
                            + ", ".join(f"{u.rsplit('/', 1)[-1]} {s // 1024} KB" for u, s in top))
    assert_none(text_pages, problems)


def test_every_icon_shown_is_in_the_served_font(visits, html_dir: Path, english_html_dir: Path) -> None:
    """The icon font is cut down to the icons in use: each icon a page draws, at either width, must
    be in its edition's font."""
    font = "_static/fonts/fa-solid-subset.woff2"
    cmaps = {False: TTFont(html_dir / font).getBestCmap(), True: TTFont(english_html_dir / font).getBestCmap()}
    problems = [f"{name}: {sorted(hex(c) for c in v.icons if c not in cmaps[name.startswith(EN)])}" for name, v in visits.items()
                if any(c not in cmaps[name.startswith(EN)] for c in v.icons)]
    assert sum(len(v.icons) for v in visits.values()) > len(visits), "no icons found: the check would pass on anything"
    assert_none(visits, problems)
