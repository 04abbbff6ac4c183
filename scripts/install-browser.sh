#!/usr/bin/env bash
# Installs what the browser tests need, from package registries only:
# Debian's chromium (when missing and we are root) and axe-core (npm, pinned by package-lock.json).
set -u
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will skip (or fail under CAPDEV_REQUIRE_BROWSER=1)"
  else
    echo "note: chromium not found and not root; browser tests will skip"
  fi
fi
if command -v npm >/dev/null 2>&1 && [ -f package-lock.json ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --silent --no-audit --no-fund || echo "warning: npm ci failed; accessibility tests will skip"
fi
exit 0
