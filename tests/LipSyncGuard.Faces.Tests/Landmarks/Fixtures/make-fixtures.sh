#!/usr/bin/env bash
# Regenerates the dlib parity fixtures in this folder: dlib's own HOG boxes and 68 points (Debian's dlib 19.24) for the
# shared frontal images and for single frames of shared clips. Needs ../shared/media beside the repository and root
# (the reference tool's build installs g++ and libdlib-dev with apt). The tool itself is not part of the repository.
#   bash tests/LipSyncGuard.Faces.Tests/Landmarks/Fixtures/make-fixtures.sh
# Fixture names: the media path with '/' → '_' (images), plus '.f<N>' for frame N of a clip. The tests extract the same
# frame with the same ffmpeg command (LandmarkFixtures.ExtractFrame), so keep the two in step.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
media=${LIPSYNC_SHARED_MEDIA:-$root/../shared/media}
tool_src=${DLIB_REFERENCE:-$root/../shared/tools/dlib-reference}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The shared tool folder is read-only: build a copy.
cp "$tool_src/build.sh" "$tool_src/landmarks.cpp" "$work/"
bash "$work/build.sh" >/dev/null
tool="$work/landmarks"

images=(faces/r0.jpg faces/t1.jpg faces/multiface.jpg faces/two_people.jpg faces/trump_hillary.jpg
        faces/obama_and_biden.jpg faces/3ddfa_image00427.jpg faces/retinaface_test.jpg faces/emma.jpg)
for image in "${images[@]}"; do
  (cd "$media" && "$tool" "$image") > "$here/${image//\//_}.json"
done

# clip:frame — frames picked by eye: GRID 8 closed mouth, 50 open (teeth showing).
frames=(real/grid_bbaf2n.mpg:8 real/grid_bbaf2n.mpg:50 avlips/0_real/0.mp4:25 real/vox2_00015.mp4:0 real/vox2_00015.mp4:50)
for item in "${frames[@]}"; do
  clip=${item%%:*}; n=${item##*:}
  name="${clip//\//_}.f$n"
  ffmpeg -nostdin -hide_banner -loglevel error -y -i "$media/$clip" -vf "select=eq(n\\,$n)" -fps_mode passthrough \
    -frames:v 1 -pix_fmt rgb24 "$work/$name.png"
  (cd "$work" && "$tool" "$name.png") > "$here/$name.json"
done
echo "fixtures written to $here"
