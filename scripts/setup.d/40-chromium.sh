#!/usr/bin/env bash
# Headless Chromium from Debian for the web page's end-to-end test (driven over CDP by PuppeteerSharp, which is told
# to use this binary and never downloads a browser of its own).
set -euo pipefail
source "$(dirname "$0")/../lib.sh"
need_apt /usr/bin/chromium:chromium
