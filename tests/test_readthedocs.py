"""The Read the Docs build: its commands, run as .readthedocs.yaml lists them."""

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))


def test_config_shape() -> None:
    assert CONFIG["version"] == 2
    assert CONFIG["build"]["os"] == "ubuntu-24.04"
    assert CONFIG["build"]["tools"]["python"] == "3.13"
    assert "nodejs" in CONFIG["build"]["tools"]
    assert set(CONFIG["formats"]) == {"pdf", "epub"}
    assert "fonts-noto-cjk" in CONFIG["build"]["apt_packages"]


@pytest.fixture(scope="module")
def rtd_output(tmp_path_factory) -> Path:
    """Run every build job of .readthedocs.yaml with RTD's variables, into a temp folder."""
    tmp = tmp_path_factory.mktemp("rtd")
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(tmp / "output"),
        "READTHEDOCS_LANGUAGE": "zh-cn",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_PROJECT": "jupytercon-2018-notes",
        "READTHEDOCS_CANONICAL_URL": "https://jupytercon-2018-notes.readthedocs.io/zh-cn/latest/",
        # Keep the RTD build apart from the regular one in _build.
        "BUILDDIR": str(tmp / "build"),
    }
    for fmt in ("html", "pdf", "epub"):
        for command in CONFIG["build"]["jobs"]["build"][fmt]:
            result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
            assert result.returncode == 0, f"{command}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return tmp / "output"


def test_html_output(rtd_output: Path) -> None:
    assert (rtd_output / "html" / "index.html").is_file()
    assert (rtd_output / "html" / "glossary.html").is_file()


@pytest.mark.parametrize("fmt, suffix", [("pdf", ".pdf"), ("epub", ".epub")])
def test_exactly_one_file(rtd_output: Path, fmt: str, suffix: str) -> None:
    files = list((rtd_output / fmt).iterdir())
    assert len(files) == 1 and files[0].suffix == suffix, files
    head = files[0].read_bytes()[:60]
    # A PDF starts with its header; an EPUB is a zip whose first entry says what it is.
    assert head.startswith(b"%PDF-") if fmt == "pdf" else head[30:58] == b"mimetypeapplication/epub+zip"


def test_language_maps_to_sphinx(rtd_output: Path) -> None:
    html = (rtd_output / "html" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN"' in html


def test_pdf_link_points_at_this_versions_download(rtd_output: Path) -> None:
    html = (rtd_output / "html" / "keynotes" / "ufford.html").read_text(encoding="utf-8")
    assert 'href="https://jupytercon-2018-notes.readthedocs.io/_/downloads/zh-cn/latest/pdf/"' in html
    assert not list((rtd_output / "html").glob("*.pdf")), "the RTD site links RTD's PDF; it carries no copy"
