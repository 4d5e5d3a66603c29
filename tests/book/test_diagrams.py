"""Mermaid diagrams: described, captioned and referenced in the website, vector figures in the PDF.
(Drawn in the browser, in both modes, from the site's own files: test_every_page.py; their
captions in the PDF: test_pdf_book.py.)"""

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
    """Each diagram: an accessible title and description, a numbered caption in a figure with a
    stable id, referenced from the text it explains."""
    sources = [s for page in diagram_pages.values() for s in page]
    assert len(sources) >= 4
    wrong = [f"no {what}: {source[:60]!r}" for source in sources for what in ("accTitle", "accDescr")
             if not re.search(rf"^\s*{what}: \S", source, re.M)]
    for name in diagram_pages:
        for pre in pages[name].select("pre.mermaid"):
            figure = pre.find_parent("figure")
            if figure is None or not figure.get("id", "").startswith("fig-") or not figure.select_one("figcaption .caption-number"):
                wrong.append(f"{name}: a diagram without a numbered caption in a figure with a fig- id")
            elif not pages[name].select_one(f"article a[href='#{figure['id']}']"):
                wrong.append(f"{name}: {figure['id']} is not referenced")
    assert not wrong, "\n".join(wrong)


def test_pdf_has_every_diagram_label(pdf_text: str, diagram_pages) -> None:
    missing = [(page, label) for page, sources in diagram_pages.items() for s in sources for label in labels(s) if normalise(label) not in pdf_text]
    assert len([1 for sources in diagram_pages.values() for s in sources for _ in labels(s)]) >= 30
    assert not missing, f"diagram labels not in the PDF: {missing}"


def test_pdf_diagrams_are_vectors(pdf_path: Path) -> None:
    out = subprocess.run(["pdfimages", "-list", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[2:] == [], "a raster image is embedded:\n" + out
