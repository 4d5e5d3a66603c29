#!/usr/bin/env bash
# Install the system packages a build or the tests need, when they are missing.
#   tools/deps.sh browser  a browser and CJK fonts for mermaid-cli (EPUB figures)
#   tools/deps.sh build    the same, plus TeX Live and poppler: what `make pdf` needs
#   tools/deps.sh test     the same, plus epubcheck, and nginx and GNU time for the
#                          benchmark: what `make test` and `make bench` need
# A quick no-op when everything is there: dpkg-query only, no network.
# As root it installs with apt-get; otherwise it prints the exact command and stops.
#
# The browser: Debian's /usr/bin/chromium where it is installed or can be (as root).
# Elsewhere (Read the Docs, whose Ubuntu chromium is a snap stub that cannot run in a
# build) puppeteer downloads its own into its cache, once.
set -euo pipefail
cd "$(dirname "$0")/.."

browser_pkgs=(fonts-noto-cjk)
tex_pkgs=(
  texlive-xetex texlive-lang-chinese texlive-latex-extra texlive-fonts-recommended
  latexmk xindy fonts-freefont-otf poppler-utils
)
test_pkgs=(epubcheck nginx time)

case "${1:-}" in
  browser) pkgs=("${browser_pkgs[@]}") ;;
  build) pkgs=("${browser_pkgs[@]}" "${tex_pkgs[@]}") ;;
  test) pkgs=("${browser_pkgs[@]}" "${tex_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 browser|build|test" >&2; exit 2 ;;
esac

is_root() { [ "$(id -u)" -eq 0 ]; }

puppeteer_browser=false
if [ ! -x /usr/bin/chromium ]; then
  if is_root && command -v apt-get >/dev/null; then
    pkgs+=(chromium)
  else
    puppeteer_browser=true
  fi
fi

if ! command -v dpkg-query >/dev/null; then
  echo "deps: no dpkg-query here; make sure these packages (or their equivalents) are installed: ${pkgs[*]}" >&2
else
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    cmd="apt-get install -y --no-install-recommends ${missing[*]}"
    if ! is_root; then
      echo "deps: missing Debian packages: ${missing[*]}" >&2
      echo "deps: run as root:  apt-get update && $cmd" >&2
      exit 1
    fi
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

if $puppeteer_browser; then
  node_modules/.bin/puppeteer browsers install >/dev/null
fi
