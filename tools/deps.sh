#!/usr/bin/env bash
# Install the system packages a build or the tests need, when they are missing.
#   tools/deps.sh build   TeX Live, fonts, poppler: what `make pdf` needs
#   tools/deps.sh test    the same, plus Chromium and epubcheck for `make test`
# A quick no-op when everything is there: dpkg-query only, no network.
# As root it installs with apt-get; otherwise it prints the exact command and stops.
set -euo pipefail

build_pkgs=(
  texlive-xetex texlive-lang-chinese texlive-latex-extra texlive-fonts-recommended
  latexmk xindy fonts-freefont-otf fonts-noto-cjk poppler-utils
)
test_pkgs=(chromium epubcheck)

case "${1:-}" in
  build) pkgs=("${build_pkgs[@]}") ;;
  test) pkgs=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null; then
  echo "deps: no dpkg-query here; install these packages (or their equivalents) yourself: ${pkgs[*]}" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done

[ "${#missing[@]}" -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "deps: missing Debian packages: ${missing[*]}" >&2
  echo "deps: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
