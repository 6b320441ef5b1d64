#!/usr/bin/env bash
# The CLI once more, compiled ahead of time (ReadyToRun, framework-dependent), beside its Release build: a cold
# `./lipsync` then runs its start-up code precompiled instead of JIT-compiling it first and reaches the first frame
# ~0.2 s sooner (docs/benchmarks.md, stop 44). `./lipsync` runs this copy while no build is newer. Run by setup.sh after
# the build; idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=src/LipSyncGuard.Cli/bin
out=$bin/Release/readytorun
rm -rf "$out.tmp"
# ReadyToRun is set in the project (PublishReadyToRun, RuntimeIdentifiers), so this publish restores exactly what the
# plain build restored and the next plain build has nothing to redo.
dotnet publish src/LipSyncGuard.Cli/LipSyncGuard.Cli.csproj -c Release -r linux-x64 --self-contained false \
  -nologo -v quiet -clp:ErrorsOnly -o "$out.tmp"
# The publish copies the build's native libraries (libtorch alone ~450 MB): identical files become hard links to the
# build's, and the publish's own intermediate linux-x64 builds (two more copies) are removed.
for f in "$out.tmp"/*.so*; do
  built=$bin/Release/net10.0/runtimes/linux-x64/native/$(basename "$f")
  if [ -f "$built" ] && cmp -s "$f" "$built"; then ln -f "$built" "$f"; fi
done
rm -rf src/*/bin/Release/net10.0/linux-x64
# The service's page (`lipsync serve`): the publish leaves the referenced web project's wwwroot empty; the build has it.
cp -r "$bin/Release/net10.0/wwwroot/." "$out.tmp/wwwroot/"
# The copy's stamp: ./lipsync runs it only while no build output is newer (the publish keeps its files' old times).
touch "$out.tmp/lipsync.dll"
rm -rf "$out"
mv "$out.tmp" "$out"
