"""Mermaid diagrams: drawn in the browser from the site's own files, vector figures in the PDF."""

import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import draw_diagrams

MODES = ["light", "dark"]


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text)


def labels(source: str) -> list[str]:
    """The text of each node and subgraph title of a flowchart, one line each."""
    texts = re.findall(r"\w+\s*(?:\[\(|\(\[|\[|\(|\{)([^\]\)\}]+)(?:\)\]|\]\)|\]|\)|\})", source)
    texts += re.findall(r"subgraph \w+ \[([^\]]+)\]", source)
    texts += re.findall(r"-- ([^-]+?) -->", source)
    return [part.strip() for text in texts for part in text.split("<br>") if part.strip()]


def test_enough_diagrams_with_captions_and_descriptions(diagram_pages, pages) -> None:
    sources = [s for page in diagram_pages.values() for s in page]
    assert len(sources) >= 4
    for source in sources:
        assert re.search(r"^\s*accTitle: \S", source, re.M), source[:80]
        assert re.search(r"^\s*accDescr: \S", source, re.M), source[:80]
    for name in diagram_pages:
        for pre in pages[name].select("pre.mermaid"):
            figure = pre.find_parent("figure")
            assert figure is not None and figure.get("id", "").startswith("fig-"), name
            assert figure.select_one("figcaption .caption-number"), f"{name}: a diagram without a numbered caption"
            # Referenced from the text it explains.
            assert pages[name].select_one(f"article a[href='#{figure['id']}']"), f"{name}: {figure['id']} is not referenced"


def luminance(css_color: str) -> float:
    r, g, b = (int(v) for v in re.findall(r"\d+", css_color)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def render(browser, url: str, mode: str, count: int) -> None:
    """Open a page in light or dark mode, as a returning reader who chose that mode."""
    context = browser.new_context(color_scheme=mode)
    # What pydata-sphinx-theme stores when the reader picks a mode.
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}')")
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="networkidle")
        assert page.evaluate("document.documentElement.dataset.theme") == mode
        diagrams = page.locator("pre.mermaid")
        assert diagrams.count() == count
        for i in range(count):
            diagram = diagrams.nth(i)
            diagram.scroll_into_view_if_needed()
            diagram.locator("svg .nodeLabel").first.wait_for(timeout=15_000)
            assert "Syntax error" not in diagram.inner_text()
            # Readable in this mode: dark boxes with light text in dark mode, and the reverse.
            fill, text = diagram.evaluate(
                "d => [getComputedStyle(d.querySelector('svg .node rect, svg .node path')).fill,"
                " getComputedStyle(d.querySelector('svg .nodeLabel')).color]"
            )
            darker_box = luminance(fill) < luminance(text)
            assert darker_box == (mode == "dark"), f"{url} ({mode}), diagram {i + 1}: box {fill}, text {text}"
            # ... and not washed out by a CSS filter on top (the theme inverts SVGs in dark mode).
            assert diagram.evaluate("d => getComputedStyle(d.querySelector('svg')).filter") == "none"
        assert errors == [], f"{url} ({mode}): {errors}"
    finally:
        context.close()


@pytest.mark.parametrize("mode", MODES)
def test_every_diagram_renders(browser, site_url: str, diagram_pages, mode: str) -> None:
    """Each diagram becomes an <svg> drawn for the theme's mode, with no console error."""
    for name, sources in diagram_pages.items():
        render(browser, f"{site_url}/{name}", mode, len(sources))


def test_requests_stay_on_the_site_and_mermaid_only_where_needed(browser, site_url: str, pages, diagram_pages) -> None:
    """No page asks any host but 127.0.0.1; pages without diagrams fetch no mermaid file."""
    for name in pages:
        context = browser.new_context()
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        draw_diagrams(page)
        page.wait_for_load_state("networkidle")
        hosts = {urlsplit(u).hostname for u in requests if urlsplit(u).scheme in ("http", "https")}
        assert hosts == {"127.0.0.1"}, f"{name}: {hosts}"
        mermaid_files = [u for u in requests if "mermaid" in u]
        if name in diagram_pages:
            assert mermaid_files, f"{name} has diagrams but loaded no mermaid file"
        else:
            assert mermaid_files == [], f"{name} has no diagram but loaded {mermaid_files[:3]}"
        context.close()


FIGURE_BOXES = """[...document.querySelectorAll('pre.mermaid')].map(pre => {
    const caption = pre.closest('figure').querySelector('figcaption');
    return [pre.getBoundingClientRect().height, caption.getBoundingClientRect().top - pre.getBoundingClientRect().top];
})"""


@pytest.mark.parametrize("width", [375, 1280])
def test_diagram_box_is_reserved_before_drawing(browser, site_url: str, diagram_pages, width: int) -> None:
    """The text after a diagram does not move when the drawing arrives (no layout shift),
    and the diagram's source is not flashed at the reader while mermaid loads."""
    for name, sources in diagram_pages.items():
        context = browser.new_context(viewport={"width": width, "height": 900})
        waiting = context.new_page()
        waiting.route("**/_static/mermaid/**", lambda route: route.abort())  # mermaid never arrives
        waiting.goto(f"{site_url}/{name}", wait_until="load")
        before = waiting.evaluate(FIGURE_BOXES)
        colours = waiting.eval_on_selector_all("pre.mermaid", "ps => ps.map(p => getComputedStyle(p).color)")
        drawn = context.new_page()
        drawn.goto(f"{site_url}/{name}", wait_until="networkidle")
        draw_diagrams(drawn)
        after = drawn.evaluate(FIGURE_BOXES)
        context.close()
        assert len(before) == len(after) == len(sources)
        for i, ((height, caption), (drawn_height, drawn_caption)) in enumerate(zip(before, after), 1):
            assert drawn_height > 300, f"{name}, diagram {i}: drawn {drawn_height}px tall"
            assert abs(height - drawn_height) <= 1 and abs(caption - drawn_caption) <= 1, (
                f"{name}, diagram {i} at {width}px: box {height}px before drawing, {drawn_height}px after"
            )
        assert all(c == "rgba(0, 0, 0, 0)" for c in colours), f"{name}: source shown while loading: {colours}"


def test_pdf_has_every_diagram_label(pdf_text: str, diagram_pages) -> None:
    missing = [(page, label) for page, sources in diagram_pages.items() for s in sources for label in labels(s) if normalise(label) not in pdf_text]
    assert len([1 for sources in diagram_pages.values() for s in sources for _ in labels(s)]) >= 30
    assert missing == []


def test_pdf_diagrams_are_vectors(pdf_path: Path) -> None:
    out = subprocess.run(["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[2:] == [], "a raster image is embedded:\n" + out


def test_captions_and_numbers_match_the_pdf(pdf_path, pages, diagram_pages) -> None:
    # Content-stream order (-raw): the layout mode sets a caption's label apart from its text.
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf_path), "-"], capture_output=True, text=True, check=True)
    pdf_text = "".join(out.stdout.split())
    for name in diagram_pages:
        for caption in pages[name].select("figure figcaption"):
            number = normalise(caption.select_one(".caption-number").get_text())  # e.g. 图3
            text = normalise(caption.select_one(".caption-text").get_text())
            # "图 3　标题" in the PDF: the number, a space (gone here) and the caption, no colon.
            assert number + text[:20] in pdf_text, f"{name}: {number} {text[:20]}"


def test_mermaid_loads_when_a_diagram_comes_near_the_screen(browser, site_url: str) -> None:
    """Mermaid (hundreds of KB) is fetched when a diagram comes near the screen, not before."""
    context = browser.new_context(viewport={"width": 375, "height": 300})
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}/keynotes/abernathey.html", wait_until="networkidle")
    diagram = page.locator("pre.mermaid")
    assert diagram.evaluate("d => d.getBoundingClientRect().top") > 2 * 300
    assert [u for u in requests if "mermaid" in u] == []
    diagram.scroll_into_view_if_needed()
    diagram.locator(":scope > svg .nodeLabel").first.wait_for(timeout=15_000)
    assert any(u.endswith("mermaid.esm.min.mjs") for u in requests)
    context.close()
