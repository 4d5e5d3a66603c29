"""Mermaid diagrams: described, captioned and referenced in the website, vector figures in the PDF.
(Drawn in the browser, in both modes, from the site's own files: test_every_page.py.)"""

import re
import subprocess
from pathlib import Path


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
