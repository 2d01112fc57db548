#!/usr/bin/env bash
# NCBI-disease's devel split in two halves, one to select on and one to judge with (docs/RESULTS.md "Session 38"):
# devA = its first 461 sentences, devB = the other 462, in work/dev-halves/NCBI-disease/, and work/split-dev/NCBI-disease/,
# a corpus folder whose devel split is devB, so that scripts/score-models.sh with SPLIT=devel scores devB.
#
#   scripts/split-dev.sh make                       writes the halves (once) and prints devA's path
#   scripts/split-dev.sh train PREFIX SEED... -- OPTION...
#                                                   the NCBI-disease reference recipe (+chars:24, lr 0.1, anneal x0.5
#                                                   after 3 epochs without improvement, stopped below 0.01, --threads 1)
#                                                   on TRAIN (default: NCBI-disease train.tsv), selected and annealed on
#                                                   devA, with the further train OPTIONs, one run per SEED side by side in
#                                                   results/NCBI-disease/PREFIX-seedS (log work/PREFIX-seedS.log),
#                                                   resumed where a run has its work/ folder; fails if any run fails
#   scripts/split-dev.sh score OUT MODEL...         tags devB with each model as `tag` tags by default and scores it
#                                                   (exact span and the paper's metric, 8 errors of each class) into
#                                                   OUT/<model name>/; BIONER names the build (default ./bioner)
# It runs in the repository root; neither half is ever training data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."   # the paths below are relative to the repository root
H=work/dev-halves/NCBI-disease
S=work/split-dev/NCBI-disease
make_halves() {
  mkdir -p $H $S
  [ -f $H/devB.tsv ] || awk -v H=$H 'BEGIN{RS=""; ORS="\n\n"} NR<=461 {print > (H "/devA.tsv"); next} {print > (H "/devB.tsv")}' \
    ../shared/datasets/NCBI-disease/devel.tsv
  ln -sfn ../../dev-halves/NCBI-disease/devB.tsv $S/devel.tsv   # relative to $S
}
case "${1:-}" in
  make)
    make_halves
    echo $H/devA.tsv ;;
  train)
    [ $# -ge 3 ] || { echo "usage: split-dev.sh train PREFIX SEED... -- OPTION..." >&2; exit 2; }
    prefix="$2"; shift 2
    seeds=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do seeds+=("$1"); shift; done
    [ $# -gt 0 ] && shift   # the --
    make_halves
    spec=flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm+chars:24
    pids=()
    for s in "${seeds[@]}"; do
      out=results/NCBI-disease/$prefix-seed$s
      "${BIONER:-./bioner}" train --train "${TRAIN:-../shared/datasets/NCBI-disease/train.tsv}" --dev $H/devA.tsv --entity-type Disease \
        --embeddings "$spec" --out "$out" --max-epochs 150 --min-lr 0.01 --seed "$s" --threads 1 "$@" \
        $([ -d "$out/work" ] && echo --resume) >> "work/$prefix-seed$s.log" 2>&1 &
      pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done ;;   # set -e: a failed run stops here
  score)
    [ $# -ge 3 ] || { echo "usage: split-dev.sh score OUT MODEL..." >&2; exit 2; }
    out="$2"; shift 2
    models=()
    for m in "$@"; do models+=("$m:NCBI-disease"); done
    BIONER=${BIONER:-./bioner} BIONER_DATASETS=work/split-dev SPLIT=devel METRICS="span token" ERRORS=8 \
      scripts/score-models.sh "$out" "${models[@]}" ;;
  *) echo "usage: split-dev.sh make | train PREFIX SEED... -- OPTION... | score OUT MODEL..." >&2; exit 2 ;;
esac
