#!/usr/bin/env bash
# NCBI-disease's devel split in two halves, one to select on and one to judge with (docs/RESULTS.md "Session 38"):
# devA = its first 461 sentences, devB = the other 462, in work/dev-halves/NCBI-disease/, and work/split-dev/NCBI-disease/,
# a corpus folder whose devel split is devB, so that scripts/score-models.sh with SPLIT=devel scores devB.
#
#   scripts/split-dev.sh make                       writes the halves (once) and prints devA's path
#   scripts/split-dev.sh score OUT MODEL...         tags devB with each model as `tag` tags by default and scores it
#                                                   (exact span and the paper's metric, 8 errors of each class) into
#                                                   OUT/<model name>/; BIONER names the build (default ./bioner)
# It runs in the repository root; neither half is ever training data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the paths below are relative to the repository root
H=work/dev-halves/NCBI-disease
S=work/split-dev/NCBI-disease
case "${1:-}" in
  make)
    mkdir -p $H $S
    [ -f $H/devB.tsv ] || awk -v H=$H 'BEGIN{RS=""; ORS="\n\n"} NR<=461 {print > (H "/devA.tsv"); next} {print > (H "/devB.tsv")}' \
      ../shared/datasets/NCBI-disease/devel.tsv
    ln -sfn ../../dev-halves/NCBI-disease/devB.tsv $S/devel.tsv   # relative to $S
    echo $H/devA.tsv ;;
  score)
    [ $# -ge 3 ] || { echo "usage: split-dev.sh score OUT MODEL..." >&2; exit 2; }
    out="$2"; shift 2
    models=()
    for m in "$@"; do models+=("$m:NCBI-disease"); done
    BIONER=${BIONER:-./bioner} BIONER_DATASETS=work/split-dev SPLIT=devel METRICS="span token" ERRORS=8 \
      scripts/score-models.sh "$out" "${models[@]}" ;;
  *) echo "usage: split-dev.sh make | score OUT MODEL..." >&2; exit 2 ;;
esac
