import os
import sys

sys.path.insert(0, os.path.dirname(__file__))  # reg.py, which tests load through confoverrides
html_theme = "pydata_sphinx_theme"
