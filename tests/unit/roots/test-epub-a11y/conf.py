extensions = ["_ext.epub_accessibility"]
project = "A11y"
copyright = "2026, Tests"
version = "1"
book_epub_accessibility = [
    ("schema:accessMode", "textual"),
    ("schema:accessibilityFeature", "tableOfContents"),
    ("schema:accessibilityHazard", "none"),
    ("schema:accessibilitySummary", "Text & headings <only>."),
]
