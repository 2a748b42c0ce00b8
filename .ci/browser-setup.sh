#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (tests/test_html_browser.py) and
# benchmarks/bench_html.py. Playwright's own browser download cannot be fetched on these
# machines, so Playwright for Python drives /usr/bin/chromium (executable_path) instead.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || true)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
