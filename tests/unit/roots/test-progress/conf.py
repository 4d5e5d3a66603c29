from pathlib import Path

# An English edition of a two-paragraph Chinese page whose catalogue lacks one paragraph.
extensions = ["myst_parser", "_ext.progress"]
language = "en"
locale_dirs = ["locales"]
translation_progress_classes = "untranslated"
book_citation_file = str(Path(__import__("_ext").__file__).parents[1] / "CITATION.cff")
