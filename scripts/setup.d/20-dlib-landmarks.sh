#!/usr/bin/env bash
# dlib's 68-point shape predictor (iBUG 300-W, CC0 per Debian's copyright file) from Debian's libdlib-data; the managed
# LandmarkDetector reads it from /usr/share/dlib and caches a compact form under models/ on first load.
set -euo pipefail
source "$LIPSYNC_ROOT/scripts/lib.sh"
need_apt /usr/share/dlib/shape_predictor_68_face_landmarks.dat:libdlib-data
# The detector caches its converted model (66 MB, ~0.1 s to load instead of ~0.5–2 s to parse) under models/dlib.
mkdir -p "$LIPSYNC_ROOT/models"
