#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need, from package registries only:
# Debian's gettext (msgcat and msgfmt, for tests/test_cat_formats.py), qpdf and
# poppler-utils (qpdf --check, pdfinfo, pdftoppm, for tests/test_pdf_layout.py), Debian's chromium
# and, if missing, npm (when we are root), then axe-core and reveal.js from the npm
# registry, pinned by package-lock.json (reveal.js: for tests/test_slides_vendor.py, which
# compares it with the copy capdev/delivery vendors for the HTML decks). Never fails: the
# tests themselves skip with the reason, or fail under CAPDEV_REQUIRE_BROWSER=1 (CI), when
# something is still missing.
set -u
cd "$(dirname "$0")/.."

apt_updated=0
apt_install() {  # apt_install <package>…: as root only
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "note: $* missing and not root; browser tests will skip (or fail under CAPDEV_REQUIRE_BROWSER=1)"
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then apt-get update -qq && apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# GNU gettext: tests/test_cat_formats.py checks that msgcat and msgfmt -c keep the catalogs
# as capdev writes them (skipped without it)
if ! command -v msgcat >/dev/null 2>&1 || ! command -v msgfmt >/dev/null 2>&1; then
  echo "Installing Debian gettext for the catalog-format tests…"
  apt_install gettext || echo "warning: no gettext; tests/test_cat_formats.py will skip its msgcat checks"
fi

# qpdf and poppler-utils: tests/test_pdf_layout.py checks every PDF with `qpdf --check` and
# `pdfinfo` (skipped without them, failed under CAPDEV_REQUIRE_BROWSER=1)
missing_pdf_tools=""
command -v qpdf >/dev/null 2>&1 || missing_pdf_tools="$missing_pdf_tools qpdf"
command -v pdfinfo >/dev/null 2>&1 || missing_pdf_tools="$missing_pdf_tools poppler-utils"
if [ -n "$missing_pdf_tools" ]; then
  echo "Installing Debian$missing_pdf_tools for the PDF structure tests…"
  # shellcheck disable=SC2086  # one word per package
  apt_install $missing_pdf_tools || echo "warning: no$missing_pdf_tools; tests/test_pdf_layout.py will skip"
fi

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian chromium for the browser tests…"
  apt_install chromium || echo "warning: no chromium; browser tests will skip (or fail under CAPDEV_REQUIRE_BROWSER=1)"
fi

if [ -f package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian npm for axe-core…"
    apt_install npm || true
  fi
  # (re)install when a package is missing or the lock file changed since the last install
  if command -v npm >/dev/null 2>&1 && { [ ! -f node_modules/axe-core/axe.min.js ] \
      || [ ! -f node_modules/reveal.js/dist/reveal.js ] \
      || [ ! -f node_modules/scorm-again/dist/scorm12.min.js ] \
      || [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
    npm ci --silent --no-audit --no-fund || echo "warning: npm ci failed; accessibility tests will skip"
  fi
fi
exit 0
