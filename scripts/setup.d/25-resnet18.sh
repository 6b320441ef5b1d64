#!/usr/bin/env bash
# ImageNet ResNet18 (ONNX) for the frozen mouth features of the cue verdict (LipSyncGuard.Detection.Cues.MouthEmbedder),
# from the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0 (MIT; ../shared/notes/pretrained.md): the
# network and its preprocessing graph, checked by sha256, into models/resnet18 with the package's licence.
set -euo pipefail
ROOT=${LIPSYNC_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/scripts/lib.sh"

VERSION=0.24.0
NAME=microsoft.ml.dnnimagefeaturizer.resnet18
DEST="$ROOT/models/resnet18"
declare -A FILES=(
  [tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx]=e2552f19db2dfdb01b3669537b6a0f1b44da38d18279535492ed5dfc2ef1ff8f
  [tools/DnnImageModels/ResNetPrepOnnx/ResNetPreprocess.onnx]=84bf8def78d0befaa3f6e73745d57d7016c6a192ead76f79686bd438c1047004
)
ok=1
for inner in "${!FILES[@]}"; do
  echo "${FILES[$inner]}  $DEST/$(basename "$inner")" | sha256sum -c --status 2>/dev/null || ok=0
done
[ "$ok" = 1 ] && [ -f "$DEST/LICENSE" ] && exit 0

need_apt unzip:unzip curl:curl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The NuGet cache already holds the package when a restore fetched it; otherwise NuGet's flat container serves it.
cached="${NUGET_PACKAGES:-$HOME/.nuget/packages}/$NAME/$VERSION/$NAME.$VERSION.nupkg"
if [ -f "$cached" ]; then cp "$cached" "$tmp/p.nupkg"; else
  log "fetching ResNet18 from NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 $VERSION"
  curl -sSfL --retry 3 -o "$tmp/p.nupkg" "https://api.nuget.org/v3-flatcontainer/$NAME/$VERSION/$NAME.$VERSION.nupkg"
fi
mkdir -p "$DEST"
for inner in "${!FILES[@]}"; do
  unzip -p "$tmp/p.nupkg" "$inner" > "$tmp/f"
  echo "${FILES[$inner]}  $tmp/f" | sha256sum -c --status || { log "sha256 mismatch for $inner"; exit 1; }
  mv "$tmp/f" "$DEST/$(basename "$inner").tmp" && mv "$DEST/$(basename "$inner").tmp" "$DEST/$(basename "$inner")"
done
unzip -p "$tmp/p.nupkg" LICENSE > "$DEST/LICENSE"
