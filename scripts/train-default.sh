#!/usr/bin/env bash
# Reproduces the shipped models from the shared media, on CPU.
#   scripts/train-default.sh               the default verdict (models/lipsyncguard-cues.json + models/sync-landmarks.json):
#                                          stages cues, ship-cues (~1 h from an empty feature cache)
#   scripts/train-default.sh detector      the trained detector (models/lipsyncguard-default.*, selectable with --weights):
#                                          stages split synth train sync fusiondata evaluate audit ship (~1 h)
#   scripts/train-default.sh [STAGE…]      stages by name;
#                                          logo (leave-one-generator-out, ~7 extra fine-tunes; LOGO_ONLY="wav2lip dreamtalk"
#                                          limits the families, LOGO_EPOCHS the epochs) and ablation (both / crops only /
#                                          landmarks only, the shipped fine-tune recipe; ~70 min) run only when named
# Every stage is idempotent: it skips work whose output exists, so a killed run is resumed by running it again.
# Environment: MEDIA (default ../shared/media), WORK (default data/default), EPOCHS, SEED.
set -euo pipefail
cd "$(dirname "$0")/.."
MEDIA=$(cd "${MEDIA:-../shared/media}" && pwd)
WORK=${WORK:-data/default}
EPOCHS=${EPOCHS:-16}
PRETRAIN_EPOCHS=${PRETRAIN_EPOCHS:-14}
LOGO_EPOCHS=${LOGO_EPOCHS:-12}
SEED=${SEED:-7}
WEIGHTS=$WORK/weights
REPORT=$WORK/report
# The sync measure every evaluation fuses (stage sync; shipped as models/sync-landmarks.json).
SYNC=$WEIGHTS/sync-landmarks.json
mkdir -p "$WORK"
LIPSYNC=${LIPSYNC:-./lipsync}

# Groups always held out for testing: the bundled samples' sources, so the README's demo never shows a training clip.
PINNED_TEST="vox2_00015 ${PINNED_TEST_EXTRA:-}"

stage_split() {
  # Whole groups (person / source footage, manifest.csv) go to one side: about 1/5 test by a hash of the group name,
  # never by anything about the clip. AVLips is left out of training and kept as the untouched check set.
  awk -F, -v media="$MEDIA" -v pinned="$PINNED_TEST" -v work="$WORK" '
    BEGIN { n = split(pinned, p, " "); for (i = 1; i <= n; i++) pin[p[i]] = 1
            for (i = 0; i < 256; i++) ord[sprintf("%c", i)] = i
            print "path,label,group,kind,generator" > (work "/train.csv"); print "path,label,group,kind,generator" > (work "/test.csv")
            print "path,label,group,kind,generator" > (work "/avlips.csv") }
    { sub(/\r$/, "") }
    NR == 1 { next }
    {
      row = media "/" $1 "," $2 "," $3 "," $4 "," $5
      if ($3 ~ /^avlips-/) { print row > (work "/avlips.csv"); next }
      h = 0; for (i = 1; i <= length($3); i++) h = (h * 31 + ord[substr($3, i, 1)]) % 1000003
      print row > (work "/" ((($3 in pin) || h % 5 == 0) ? "test" : "train") ".csv")
    }' "$MEDIA/manifest.csv"
  for part in train test avlips; do
    mkdir -p "$WORK/$part"
    mv "$WORK/$part.csv" "$WORK/$part/manifest.csv"
    echo "$part: $(awk -F, 'NR>1{print $4}' "$WORK/$part/manifest.csv" | sort | uniq -c | tr -s ' \n' ' ')" >&2
  done
}

stage_synth() {
  # Pixel fakes (mouth re-timed, mouth frozen) from every fourth training real (each takes ~10 s of CPU to encode; audio
  # swaps and shifts for training are made on the fly from the reals' own windows, see `train --audio-negatives`).
  # The test side gets all four kinds as files, from its own reals only (a test fake never borrows a training clip's audio).
  mkdir -p "$WORK/train-pixel"
  awk -F, 'NR == 1 || ($2 == 0 && ++n % 4 == 1)' "$WORK/train/manifest.csv" > "$WORK/train-pixel/manifest.csv"
  # The two sides are independent: make them in parallel (each ffmpeg encode is mostly single-threaded at these sizes).
  [ -f "$WORK/synth-train/manifest.csv" ] || $LIPSYNC synth --input-dir "$WORK/train-pixel" --output-dir "$WORK/synth-train" --kinds retime,freeze --seed "$SEED" &
  [ -f "$WORK/synth-test/manifest.csv" ] || $LIPSYNC synth --input-dir "$WORK/test" --output-dir "$WORK/synth-test" --seed "$SEED" &
  wait
  # Every training real also as re-encoded by the synthesiser's encoder (libx264 veryfast, yuv420p): synth fakes are
  # re-encoded and most generator fakes are too, so without these the encoding itself would tell fake from real.
  mkdir -p "$WORK/train-reencoded"
  awk -F, 'NR > 1 && $2 == 0 { print $1 "," $3 }' "$WORK/train/manifest.csv" | while IFS=, read -r src group; do
    out="$WORK/train-reencoded/$(basename "${src%.*}").mp4"
    if [ ! -f "$out" ]; then
      ffmpeg -nostdin -v error -i "$src" -c:v libx264 -preset veryfast -pix_fmt yuv420p -vf "pad=ceil(iw/2)*2:ceil(ih/2)*2" \
        -c:a aac -y "$out.tmp.mp4" </dev/null && mv "$out.tmp.mp4" "$out"
    fi
    echo "$(cd "$(dirname "$out")" && pwd)/$(basename "$out"),0,$group,real,reencoded"
  done > "$WORK/train-reencoded.csv"
  for part in train test; do
    # The side's full set: its reals and shared generator fakes, plus its synth fakes (their copies of the reals dropped).
    mkdir -p "$WORK/$part-all"
    {
      cat "$WORK/$part/manifest.csv"
      awk -F, -v dir="$(cd "$WORK/synth-$part" && pwd)" 'NR > 1 && $2 == 1 { print dir "/" $0 }' "$WORK/synth-$part/manifest.csv"
      if [ "$part" = train ]; then cat "$WORK/train-reencoded.csv"; fi
    } > "$WORK/$part-all/manifest.csv.tmp"
    mv "$WORK/$part-all/manifest.csv.tmp" "$WORK/$part-all/manifest.csv"
  done
}

stage_train() {
  # 1. Self-supervised sync pre-training on the training reals (in sync vs own audio shifted / another clip's audio).
  [ -f "$WORK/pretrain/best_model.safetensors" ] ||
    $LIPSYNC pretrain-sync --data-dir "$WORK/train" --output "$WORK/pretrain" --epochs "$PRETRAIN_EPOCHS" --seed "$SEED" --workers 2 --windows-per-video 24
  # 2. Fine-tune the detector from it: encoders frozen first, then unfrozen top-down at a tenth of the head's rate, with
  #    augmentation and audio-mismatch fakes cut on the fly; best epoch on the grouped 20 % validation loss.
  [ -f "$WEIGHTS/best_model.safetensors" ] && [ -z "${RETRAIN:-}" ] ||
    $LIPSYNC finetune --data-dir "$WORK/train-all" --pretrained "$WORK/pretrain/best_model.safetensors" --output "$WEIGHTS" \
      --epochs "$EPOCHS" --freeze-epochs 2 --lr 1e-3 --lr-encoder 3e-4 --batch-size 16 --use-augmentation --audio-negatives --balance-classes \
      --seed "$SEED" --workers 2 --windows-per-video 12 --plot
}

# The fine-tune's validation videos as the manifests name them (absolute): split.json lists them relative to its data
# folder (train-all), as .NET resolved it (the physical working directory, '..' taken lexically); older files hold
# absolute paths, taken as they are.
validation_videos() {
  local base=$WORK/train-all
  case $base in /*) ;; *) base=$(pwd -P)/$base ;; esac
  sed -n '/"Validation": \[/,/\]/p' "$WEIGHTS/split.json" | sed 1d | grep -o '"[^"]*"' | tr -d '"' |
    while IFS= read -r video; do
      case $video in /*) echo "$video" ;; *) realpath -m -s "$base/$video" ;; esac
    done
}

stage_sync() {
  # The landmark sync measure, fitted on the training groups' reals only: the fine-tune's validation groups fit the
  # fusion on its scores and the test groups judge the verdict, so neither may be in its fit.
  local dir=$WORK/sync-fit
  mkdir -p "$dir"
  awk -F, 'NR == 1 || ($2 == 0 && $5 == "-")' "$WORK/train/manifest.csv" |
    grep -v -F -f <(validation_videos) > "$dir/manifest.csv"
  [ -f "$SYNC" ] || $LIPSYNC fit-sync --data-dir "$dir" --output "$SYNC"
}

stage_fusiondata() {
  # Files to fit the detector + sync fusion on, from the fine-tune's own validation groups only: its validation videos
  # plus swap and shift files made from its validation reals (the training side has no such files: those fakes were
  # cut on the fly).
  local dir=$WORK/validation
  mkdir -p "$dir/reals"
  { echo "path,label,group,kind,generator"
    grep -F -f <(validation_videos) "$WORK/train-all/manifest.csv"; } > "$dir/items.csv"
  awk -F, 'NR == 1 || ($2 == 0 && $5 == "-")' "$dir/items.csv" > "$dir/reals/manifest.csv"
  [ -f "$WORK/synth-validation/manifest.csv" ] ||
    $LIPSYNC synth --input-dir "$dir/reals" --output-dir "$WORK/synth-validation" --kinds swap,shift --seed "$SEED"
  { cat "$dir/items.csv"
    awk -F, -v d="$(cd "$WORK/synth-validation" && pwd)" 'NR > 1 && $2 == 1 { print d "/" $0 }' "$WORK/synth-validation/manifest.csv"; } > "$dir/manifest.csv"
}

stage_evaluate() {
  local w=$WEIGHTS/best_model.safetensors
  # The mouth-texture cue, fitted on the training groups' reals against their generator fakes (the fine-tune's
  # validation groups left out); then fusion and threshold (equal error rate) fitted on those validation groups (never
  # the test groups); then the held-out test groups and the untouched AVLips sample, recorded into the card with every
  # video's score.
  $LIPSYNC fit-texture --data-dir "$WORK/train-all" --weights "$w"
  $LIPSYNC evaluate --data-dir "$WORK/validation" --weights "$w" --sync-model "$SYNC" --fit-fusion --calibrate eer
  $LIPSYNC evaluate --data-dir "$WORK/test-all" --weights "$w" --sync-model "$SYNC" --record held-out --report "$REPORT/held-out"
  $LIPSYNC evaluate --data-dir "$WORK/avlips" --weights "$w" --sync-model "$SYNC" --record avlips --report "$REPORT/avlips"
}

stage_audit() {
  # Shortcut audit: every held-out test clip re-encoded to one size and codec (360p, h264 CRF 28, AAC 64k), then
  # evaluated again. A model that keyed on resolution, codec or bitrate loses its AUC here.
  local dir=$WORK/test-reencoded
  mkdir -p "$dir/clips"
  awk -F, 'NR == 1 { next }
    { n = split($1, p, "/"); stem = p[n]; sub(/\.[^.]*$/, "", stem); out = "clips/" NR "_" stem ".mp4"
      print out "," $2 "," $3 "," $4 "," $5 > "/dev/stderr"; print $1 "\t" out > "/dev/stdout" }' "$WORK/test-all/manifest.csv" \
    2> "$dir/rows.csv" > "$dir/jobs.tsv"
  { echo "path,label,group,kind,generator"; cat "$dir/rows.csv"; } > "$dir/manifest.csv"
  while IFS=$'\t' read -r src out; do
    if [ ! -f "$dir/$out" ]; then
      ffmpeg -nostdin -v error -i "$src" -vf "scale=-2:360" -c:v libx264 -preset veryfast -crf 28 \
        -c:a aac -b:a 64k -ar 16000 -ac 1 -y "$dir/$out.tmp.mp4" </dev/null && mv "$dir/$out.tmp.mp4" "$dir/$out"
    fi
  done < "$dir/jobs.tsv"
  rm -f "$dir/rows.csv" "$dir/jobs.tsv"
  $LIPSYNC evaluate --data-dir "$dir" --weights "$WEIGHTS/best_model.safetensors" --sync-model "$SYNC" --record held-out-reencoded-360p --report "$REPORT/reencoded"
}

# Generator families with at least three clips: name|generator regex.
FAMILIES=("wav2lip|Wav2Lip" "latentsync|LatentSync" "sadtalker-video-lip-sync|SadTalker-Video-Lip-Sync" "dreamtalk|DreamTalk"
  "anitalker|AniTalker" "edtalk|EDTalk" "sadtalker|^SadTalker( \\(|$)")

stage_logo() {
  # Leave one generator family out: fine-tune from the same sync pre-training without family G (LOGO_EPOCHS, shorter
  # than the shipped run), then score G's clips against the held-out test reals. Sources of G's clips may appear as reals
  # in training (the family is unseen, not always the person). The summary lists every family run so far.
  local summary=$REPORT/leave-one-generator-out.md
  stage_sync # its evaluations score with the same sync measure (a no-op when it exists)
  for family in "${FAMILIES[@]}"; do
    local name=${family%%|*} pattern=${family#*|} dir=$WORK/logo/${family%%|*}
    [ -z "${LOGO_ONLY:-}" ] || [[ " $LOGO_ONLY " == *" $name "* ]] || continue
    mkdir -p "$dir/train" "$dir/test"
    awk -F, -v p="$pattern" 'NR == 1 || !($2 == 1 && $5 ~ p)' "$WORK/train-all/manifest.csv" > "$dir/train/manifest.csv"
    { head -1 "$WORK/test-all/manifest.csv"
      awk -F, 'NR > 1 && $2 == 0' "$WORK/test-all/manifest.csv"
      awk -F, -v p="$pattern" 'FNR > 1 && $2 == 1 && $5 ~ p' "$WORK/train-all/manifest.csv" "$WORK/test-all/manifest.csv"; } > "$dir/test/manifest.csv"
    [ -f "$dir/weights/best_model.safetensors" ] ||
      $LIPSYNC finetune --data-dir "$dir/train" --pretrained "$WORK/pretrain/best_model.safetensors" --output "$dir/weights" \
        --epochs "$LOGO_EPOCHS" --freeze-epochs 2 --lr 1e-3 --lr-encoder 3e-4 --batch-size 16 --use-augmentation --audio-negatives --balance-classes \
        --seed "$SEED" --workers 2 --windows-per-video 12 > "$dir/train.log"
    $LIPSYNC evaluate --data-dir "$dir/test" --weights "$dir/weights/best_model.safetensors" --sync-model "$SYNC" --report "$dir/report" > "$dir/evaluate.log"
  done
  mkdir -p "$REPORT"
  { echo "| left-out family | its clips | epochs | AUC vs held-out reals | AP | EER |"; echo "|---|---|---|---|---|---|"; } > "$summary"
  for family in "${FAMILIES[@]}"; do
    local dir=$WORK/logo/${family%%|*}
    [ -f "$dir/report/metrics.json" ] || continue
    python3 - "${family%%|*}" "$dir" >> "$summary" <<'PY'
import json, sys
name, d = sys.argv[1], sys.argv[2]
o = json.load(open(f"{d}/report/metrics.json"))["Overall"]
clips = sum(1 for line in open(f"{d}/test/manifest.csv").readlines()[1:] if line.split(",")[1] == "1")
epochs = len(json.load(open(f"{d}/weights/model_card.json"))["Epochs"])
print(f"| {name} | {clips} | {epochs} | {o['Auc']:.3f} | {o['AveragePrecision']:.3f} | {o['Eer']:.3f} |")
PY
  done
  cat "$summary"
}

stage_ablation() {
  # Issue 11's ablation: the shipped fine-tune recipe (same pre-training, split, seed, epochs) three times, the classifier
  # reading both streams (as shipped), only the mouth crops or only the lip landmarks beside the audio. Detector alone,
  # no fusion, on the held-out test groups.
  local summary=$REPORT/ablation.md
  stage_sync # its evaluations score with the same sync measure (a no-op when it exists)
  for inputs in both crops landmarks; do
    local dir=$WORK/ablation/$inputs
    mkdir -p "$dir"
    [ -f "$dir/weights/best_model.safetensors" ] ||
      $LIPSYNC finetune --data-dir "$WORK/train-all" --pretrained "$WORK/pretrain/best_model.safetensors" --output "$dir/weights" \
        --epochs "$EPOCHS" --freeze-epochs 2 --lr 1e-3 --lr-encoder 3e-4 --batch-size 16 --use-augmentation --audio-negatives --balance-classes \
        --seed "$SEED" --workers 2 --windows-per-video 12 --inputs "$inputs" > "$dir/train.log"
    [ -f "$dir/report/metrics.json" ] ||
      $LIPSYNC evaluate --data-dir "$WORK/test-all" --weights "$dir/weights/best_model.safetensors" --sync-model "$SYNC" --report "$dir/report" > "$dir/evaluate.log"
  done
  mkdir -p "$REPORT"
  python3 - "$WORK"/ablation/{both,crops,landmarks}/report/metrics.json > "$summary" <<'PY'
import json, sys
kinds = ["all", "shift", "swap", "freeze", "retime", "lipsync", "generated"]
print("| classifier reads (+ audio) | " + " | ".join(kinds) + " |")
print("|---|" + "---|" * len(kinds))
for name, path in zip(["both (as shipped)", "crops only", "landmarks only"], sys.argv[1:]):
    auc = json.load(open(path))["CueAuc"]["detector"]
    print(f"| {name} | " + " | ".join(f"{auc[k]:.3f}" for k in kinds) + " |")
PY
  cat "$summary"
}

# reencode REL HEIGHT CRF AUDIO_BITRATE DIR: the shared clip REL re-encoded (H.264 veryfast, never upscaled) into DIR
# once; prints "copy,original" for fit-cues.
reencode() {
  local rel=$1 h=$2 crf=$3 abr=$4 dir=$5
  local out="$dir/$(echo "${rel%.*}" | tr / _)-${h}p-crf${crf}.mp4"
  if [ ! -f "$out" ]; then
    ffmpeg -nostdin -v error -i "$MEDIA/$rel" -c:v libx264 -preset veryfast -crf "$crf" -pix_fmt yuv420p \
      -vf "scale=-2:'min($h,ih)'" -c:a aac -b:a "$abr" -y "$out.tmp.mp4" </dev/null && mv "$out.tmp.mp4" "$out"
  fi
  echo "$(cd "$dir" && pwd)/$(basename "$out"),$MEDIA/$rel"
}

stage_cues() {
  # The default verdict: `lipsync fit-cues` judges the training-free cues on folds that hold out whole sources
  # (SOURCES.tsv), generator families and people, keeps the feature set with the best pre-declared criterion there, fits
  # it on every shared video and sets its operating points on the held-out reals' out-of-fold scores.
  # Every real and every generator fake also re-encoded, as users' footage often is (uploads, messengers): each copy is
  # fitted with its original's label in its original's fold, so a head can read neither "smoother than the reals" as
  # generated nor "lossier than the fakes" as real. Size and quality are drawn per clip (seeded) from 240/480/720 px high
  # and CRF 23/26/30/32, by one sequence for the reals and one for the fakes; 360p CRF 28, the shortcut audit's setting,
  # is left out so that audit stays out of the fit.
  mkdir -p "$WORK/cues-reencoded"
  local heights=(240 480 720) crfs=(23 26 30 32)
  for rows in '$2 == 0 && $4 == "real"' '$2 == 1 && $4 ~ /^(lipsync|generated)$/'; do
    local n=0
    awk -F, "NR > 1 && $rows { print \$1 }" "$MEDIA/manifest.csv" | while read -r rel; do
      n=$((n + 1))
      reencode "$rel" "${heights[$(( (n * 7 + SEED) % 3 ))]}" "${crfs[$(( (n * 5 + SEED) % 4 ))]}" 96k "$WORK/cues-reencoded"
    done
  done > "$WORK/cues-reencoded.csv.tmp"
  mv "$WORK/cues-reencoded.csv.tmp" "$WORK/cues-reencoded.csv"
  # The shortcut audit: every clip, real or fake, re-encoded to 360p at CRF 28 (as a platform might serve it). These are
  # never fitted; each is scored by the model of the fold that holds its original out, and the report sets the copies'
  # figures beside the originals'.
  mkdir -p "$WORK/cues-audit"
  awk -F, 'NR > 1 && $4 ~ /^(real|lipsync|generated)$/ { print $1 }' "$MEDIA/manifest.csv" | while read -r rel; do
    reencode "$rel" 360 28 64k "$WORK/cues-audit"
  done > "$WORK/cues-audit.csv.tmp"
  mv "$WORK/cues-audit.csv.tmp" "$WORK/cues-audit.csv"
  [ -f "$WORK/cues/lipsyncguard-cues.json" ] && [ -z "${RETRAIN:-}" ] ||
    $LIPSYNC fit-cues --data-dir "$MEDIA" --reencoded "$WORK/cues-reencoded.csv" --audit "$WORK/cues-audit.csv" --output "$WORK/cues" --folds 5 --seed "$SEED"
}

stage_ship_cues() {
  cp "$WORK/cues/lipsyncguard-cues.json" models/lipsyncguard-cues.json
  cp "$WORK/cues/sync-landmarks.json" models/sync-landmarks.json
  cp "$WORK/cues/protocol.md" docs/protocol.md
  cp "$WORK/cues/protocol-scores.csv" docs/protocol-scores.csv
  ls -l models/lipsyncguard-cues.json models/sync-landmarks.json >&2
}

stage_ship() {
  cp "$WEIGHTS/best_model.safetensors" models/lipsyncguard-default.safetensors
  cp "$WEIGHTS/model_card.json" models/lipsyncguard-default.json
  # The sync measure the detector's fusion was fitted with travels beside its weights (the analyzer prefers it there).
  cp "$SYNC" models/lipsyncguard-default.sync.json
  cp "$REPORT/held-out/roc.png" docs/model-card-roc.png
  $LIPSYNC card --weights models/lipsyncguard-default.safetensors --merge docs/model-card-notes.json --markdown docs/model-card.md --roc model-card-roc.png
  ls -l models/lipsyncguard-default.* >&2
}

case "${1:-all}" in
  all) stage_cues; stage_ship_cues ;;
  detector) stage_split; stage_synth; stage_train; stage_sync; stage_fusiondata; stage_evaluate; stage_audit; stage_ship ;;
  *) for s in "$@"; do "stage_${s//-/_}"; done ;;
esac
