"""Accessibility, scanned with axe-core (npm, pinned) in headless Chromium.

An automated scan finds what can be decided from the page itself: missing names, landmark
structure, contrast of the colours actually rendered, ARIA misuse. It cannot tell whether
a name or a description makes sense, whether the reading order is the logical one, or how
the book works with a real screen reader; those need people. Every page is scanned whole,
in light and in dark mode, and any violation, whatever its impact, fails.
"""

import pytest
from helpers import ROOT, draw_diagrams

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_axe_violations(browser, site_url: str, pages, mode: str) -> None:
    assert AXE.is_file(), "axe-core is missing: run `make deps`"
    context = browser.new_context(color_scheme=mode)
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}')")
    page = context.new_page()
    found = []
    for name in pages:
        page.goto(f"{site_url}/{name}", wait_until="networkidle")
        draw_diagrams(page)  # scan the diagrams as drawn
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' '))}))")
        found += [f"{name}: {v['id']} ({v['impact']}) {v['help']} at {v['targets'][:3]}" for v in violations]
    context.close()
    assert found == [], f"{len(found)} axe violations in {mode} mode:\n" + "\n".join(found)
