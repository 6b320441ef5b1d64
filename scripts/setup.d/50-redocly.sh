#!/usr/bin/env bash
# Redocly CLI (npm @redocly/cli, MIT) for the OpenAPI lint test (tests/LipSyncGuard.Service.Tests/OpenApiContractTests.cs):
# installed once into the git-ignored .cache/tools/redocly (about 15 MB); the test skips when it is absent.
set -euo pipefail
source "$LIPSYNC_ROOT/scripts/lib.sh"
version=2.77.0
dest="$LIPSYNC_ROOT/.cache/tools/redocly"
if [ -f "$dest/node_modules/@redocly/cli/package.json" ] && grep -q "\"version\": \"$version\"" "$dest/node_modules/@redocly/cli/package.json"; then exit 0; fi
command -v npm >/dev/null || need_apt npm:npm
log "installing @redocly/cli@$version into .cache/tools/redocly"
mkdir -p "$dest"
npm install --prefix "$dest" --no-audit --no-fund --silent "@redocly/cli@$version" >/dev/null
