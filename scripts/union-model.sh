#!/usr/bin/env bash
# A default model of docs/RESULTS.md / models/README.md: train one BiLSTM-CRF for an entity type on the
# union of several corpora's train splits (model selection on the union of their devel splits), then tag
# each corpus's test split with the selected model and score it with the independent evaluator.
# Resumable like scripts/experiment.sh: rerun the same command after a kill and it continues.
#
#   scripts/union-model.sh TYPE RUN_NAME EMBEDDINGS_SPEC CORPUS[,CORPUS...] [extra bioner-train options...]
#   e.g. scripts/union-model.sh Disease flair512+glove \
#          flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm \
#          NCBI-disease,BC5CDR-disease --max-epochs 20 --threads 1
#
# Results go to results/union-TYPE/RUN_NAME/ (git-ignored), with test-eval-CORPUS.json per corpus.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"
type="$1"; name="$2"; spec="$3"; IFS=, read -r -a corpora <<< "$4"; shift 4
out="$ROOT/results/union-$type/$name"
mkdir -p "$out"
trains=(); devs=()
for c in "${corpora[@]}"; do trains+=("$DATA/$c/train.tsv"); devs+=("$DATA/$c/devel.tsv"); done
cmd=("$BIONER" train --train "${trains[@]}" --dev "${devs[@]}" --entity-type "$type" --embeddings "$spec" --out "$out" "$@")
{ printf '%q ' scripts/union-model.sh "$type" "$name" "$spec"; printf '%s ' "$(IFS=,; echo "${corpora[*]}")"
  printf '%q ' "$@"; echo; } > "$out/command.txt"
resume=()
[ -d "$out/work" ] && resume=(--resume)
start=$(date +%s)
"${cmd[@]}" "${resume[@]}" 2>&1 | tee -a "$out/train.log"
echo $(( $(date +%s) - start )) >> "$out/wall-seconds.txt"
for c in "${corpora[@]}"; do
  "$BIONER" tag --model "$out/tagger.bnm" --in "$DATA/$c/test.tsv" --out "$out/test-pred-$c.tsv"
  "$BIONER" evaluate --gold "$DATA/$c/test.tsv" --pred "$out/test-pred-$c.tsv" --entity-type "$type" --json \
    > "$out/test-eval-$c.json"
  echo "$c: $(cat "$out/test-eval-$c.json")"
done
