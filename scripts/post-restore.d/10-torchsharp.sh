#!/usr/bin/env bash
# Makes TorchSharp's native glue load on Debian 12 (../shared/notes/torchsharp.md). libLibTorchSharp.so is built
# with GCC 13 and asks libstdc++ for GLIBCXX_3.4.32 for one symbol, std::ios_base_library_init(); Debian 12's
# libstdc++ stops at 3.4.30. Patches the copy in the NuGet cache, once, so every build picks it up:
#   1. a shim library defining that symbol (scripts/torchsharp/shim.cpp), placed beside libLibTorchSharp.so;
#   2. patchelf: drop the symbol's version, add the shim as a dependency, rpath $ORIGIN (the shim is found beside it);
#   3. mark the GLIBCXX_3.4.32 requirement weak (scripts/torchsharp/elfver.py), or the loader still refuses it.
# Skips a TorchSharp whose requirements the system libstdc++ already meets; refuses one that needs more than this
# shim provides. Then replaces stale unpatched copies in this repository's build outputs.
set -euo pipefail
ROOT=${LIPSYNC_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/scripts/lib.sh"

SHIM=libLipSyncGuardStdcxxCompat.so
MARKER=.lipsyncguard-patched
ELFVER="$ROOT/scripts/torchsharp/elfver.py"
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')}
packages=${packages%/}
# awk reads to the end (no early exit): an early exit would SIGPIPE ldconfig and fail the pipeline under pipefail.
system_stdcxx=$("$(command -v ldconfig || echo /sbin/ldconfig)" -p | awk '/libstdc\+\+\.so\.6 .*x86-64/ && !found { print $NF; found = 1 }')
[ -n "$system_stdcxx" ] || { log "torchsharp: no x86-64 libstdc++.so.6 found by ldconfig"; exit 1; }

sha() { sha256sum "$1" | cut -d' ' -f1; }

patch_one() {
  local lib=$1 dir; dir=$(dirname "$lib")
  if [ -f "$dir/$MARKER" ] && [ -f "$dir/$SHIM" ] && [ "$(cat "$dir/$MARKER")" = "$(sha "$lib")" ]; then return 0; fi
  local missing; missing=$(python3 "$ELFVER" missing "$lib" "$system_stdcxx")
  if [ -z "$missing" ]; then log "torchsharp: $lib loads with this libstdc++ as it is; no patch"; return 0; fi
  if [ "$missing" != "GLIBCXX_3.4.32 _ZSt21ios_base_library_initv" ]; then
    log "torchsharp: $lib needs more from libstdc++ than the shim provides:"; printf '  %s\n' "$missing" >&2; return 1
  fi
  need_apt g++:g++ patchelf:patchelf
  log "torchsharp: patching $lib for this libstdc++ ($(basename "$(readlink -f "$system_stdcxx")"))"
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  g++ -shared -fPIC -O2 -o "$tmp/$SHIM" "$ROOT/scripts/torchsharp/shim.cpp"
  cp "$lib" "$tmp/lib.so"
  patchelf --clear-symbol-version _ZSt21ios_base_library_initv "$tmp/lib.so"
  patchelf --add-needed "$SHIM" "$tmp/lib.so"
  patchelf --set-rpath '$ORIGIN' "$tmp/lib.so"
  python3 "$ELFVER" weaken "$tmp/lib.so" GLIBCXX_3.4.32
  # Marker first, then the library: a run cut short between the two leaves a marker that does not match, so the
  # next run patches again from the original instead of trusting a half-done state.
  cp "$tmp/$SHIM" "$dir/$SHIM.tmp" && mv "$dir/$SHIM.tmp" "$dir/$SHIM"
  sha "$tmp/lib.so" > "$dir/$MARKER"
  cp "$tmp/lib.so" "$lib.tmp" && chmod --reference="$lib" "$lib.tmp" && mv "$lib.tmp" "$lib"
}

shopt -s nullglob
libs=("$packages"/torchsharp/*/runtimes/linux-x64/native/libLibTorchSharp.so)
((${#libs[@]})) || { log "torchsharp: not restored in $packages; nothing to patch"; exit 0; }
need_apt python3:python3-minimal
for lib in "${libs[@]}"; do patch_one "$lib"; done

# Build outputs made before the patch hold the unpatched library (bin/**/runtimes/…, and TorchSharp's own
# single-folder copies under bin/**/cpu/): MSBuild would not always copy again, so replace them here.
for lib in "${libs[@]}"; do
  dir=$(dirname "$lib"); [ -f "$dir/$MARKER" ] || continue
  want=$(cat "$dir/$MARKER")
  while IFS= read -r -d '' stale; do
    out=$(dirname "$stale")
    [ "$(sha "$stale")" = "$want" ] && [ -f "$out/$SHIM" ] && continue
    log "torchsharp: replacing stale ${stale#"$ROOT"/}"
    # Outputs hard-link package files (Directory.Build.targets): unlink first, never write through a shared inode.
    rm -f "$stale" "$out/$SHIM" && cp "$lib" "$stale" && cp "$dir/$SHIM" "$out/$SHIM"
  done < <(find "$ROOT" -path "$ROOT/.git" -prune -o -path '*/bin/*' -name libLibTorchSharp.so -print0)
done
