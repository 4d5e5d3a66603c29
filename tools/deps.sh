#!/usr/bin/env bash
# Install the system tools a build, the tests, the benchmark or CI need, when they are missing.
# Each profile is the one before it plus what it names:
#   tools/deps.sh node     Node.js >= 20.19 and npm: what `make html` needs (mermaid's
#                          parser runs under node to check the diagrams; no browser)
#   tools/deps.sh browser  CJK fonts and a browser for mermaid-cli: what `make epub` needs
#   tools/deps.sh build    plus TeX Live and poppler: what `make pdf` needs
#   tools/deps.sh test     plus Debian's Chromium (the tests drive it), epubcheck and Java
#                          (the Nu HTML Checker): what `make test` needs
#   tools/deps.sh bench    plus nginx and GNU time: what `make bench` needs
#   tools/deps.sh ci       plus openssl, iproute2 and faketime: what the rehearsals of other
#                          machines' builds need (.ci/run, as root)
# A quick no-op when everything is there: dpkg-query only, no network, no output.
# As root it installs with apt-get; otherwise it prints the one command to run and stops.
#
# The browser of the figures (PDF and EPUB only): $PUPPETEER_EXECUTABLE_PATH when set, else
# Debian's Chromium (its path is declared in tools/chromium.path) where it is installed or can
# be (as root). Elsewhere (Read the Docs, whose Ubuntu chromium is a snap stub that cannot run
# in a build; a machine where you are not root) puppeteer downloads its Chrome headless shell
# into ~/.cache/puppeteer, once, before its first use. The tests need Debian's Chromium itself.
set -euo pipefail
cd "$(dirname "$0")/.."

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run apt-get as root, or print the command to run and stop.
apt_install() {
  local cmd="apt-get install -y --no-install-recommends $*"
  if ! is_root || ! command -v apt-get >/dev/null; then
    echo "deps: missing Debian packages: $*" >&2
    echo "deps: run as root:  apt-get update && $cmd" >&2
    exit 1
  fi
  echo "deps: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# -- Node.js ---------------------------------------------------------------------
# Checked by command, not by package: Read the Docs and many machines have a node that
# no Debian package installed. jsdom 29 (the diagram check) needs node 20.19 or newer.
node_min=(20 19)
node_new_enough() {
  local version major minor
  version=$(node --version 2>/dev/null) || return 1
  IFS=. read -r major minor _ <<<"${version#v}"
  [ "$major" -gt "${node_min[0]}" ] || { [ "$major" -eq "${node_min[0]}" ] && [ "$minor" -ge "${node_min[1]}" ]; }
}

if [ "${1:-}" = node ]; then
  missing=()
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
  if ! node_new_enough; then
    echo "error: this project needs Node.js ${node_min[0]}.${node_min[1]} or newer (the diagram check uses jsdom)," >&2
    echo "       and $(command -v node) is $(node --version). Debian 12's nodejs is 18; Debian 13's is 20.19." >&2
    echo "       Install a newer Node.js (Debian 13's, or NodeSource's nodejs 22) and run make again." >&2
    exit 1
  fi
  exit 0
fi

# -- Debian packages ---------------------------------------------------------------
browser_pkgs=(fonts-noto-cjk)
build_pkgs=(
  texlive-xetex texlive-lang-chinese texlive-latex-extra texlive-fonts-recommended
  latexmk xindy fonts-noto-core poppler-utils
)
test_pkgs=(chromium epubcheck default-jre-headless gettext)
bench_pkgs=(nginx time)
# The rehearsals (.ci/tests/machines.py): a certificate for the download stand-in, `ip` to
# bring up a namespace's loopback, faketime for the second build's clock.
ci_pkgs=(openssl iproute2 faketime)

case "${1:-}" in
  browser) pkgs=("${browser_pkgs[@]}") ;;
  build) pkgs=("${browser_pkgs[@]}" "${build_pkgs[@]}") ;;
  test) pkgs=("${browser_pkgs[@]}" "${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  bench) pkgs=("${browser_pkgs[@]}" "${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  ci) pkgs=("${browser_pkgs[@]}" "${build_pkgs[@]}" "${test_pkgs[@]}" "${bench_pkgs[@]}" "${ci_pkgs[@]}") ;;
  *) echo "usage: $0 node|browser|build|test|bench|ci" >&2; exit 2 ;;
esac

chromium=$(cat tools/chromium.path)
puppeteer_browser=false
if [[ " ${pkgs[*]} " != *" chromium "* ]] && [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ ! -x "$chromium" ]; then
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
  [ "${#missing[@]}" -eq 0 ] || apt_install "${missing[@]}"
fi

# mermaid-cli launches Chrome's headless shell (puppeteer's `headless: "shell"`). The
# install is a no-op once the pinned version is in the cache.
if $puppeteer_browser; then
  echo "deps: no $chromium: the figures use puppeteer's Chrome headless shell (in ~/.cache/puppeteer)"
  if ! out=$(node_modules/.bin/puppeteer browsers install chrome-headless-shell 2>&1); then
    echo "$out" >&2
    echo "deps: there is no $chromium, and puppeteer could not download its browser." >&2
    echo "deps: as root, 'apt-get install chromium' instead; or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium." >&2
    exit 1
  fi
fi
