#!/usr/bin/env bash
# For a model trained with a corpus one-hot: each devel split (SPLIT=devel, the default here) tagged by each
# candidate default corpus (`tag --use-corpus`), exact span and lenient F1, to choose a model's `use=` on dev
# (`export-model --use-corpus`). Scoring as scripts/score-models.sh (TYPE for datasets-extra corpora).
#
#   TYPE=Chemical scripts/use-corpus-table.sh OUT_DIR MODEL CORPUS[,CORPUS...] USE[,USE...]
#   e.g. TYPE=Chemical scripts/use-corpus-table.sh docs/results/use-Chemical results/union-Chemical/corpus-flair512+glove/tagger.bnm \
#          BC5CDR-chem,BioRED,BioNLP13PC BC5CDR-chem,BioRED,all
# Writes OUT_DIR/use-USE/<corpus>.<metric>.json and prints one line per (use, corpus).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$1"; model="$2"; corpora="$3"; IFS=, read -r -a uses <<< "$4"
export SPLIT="${SPLIT:-devel}" METRICS="${METRICS:-span overlap}"
work="$ROOT/results/use-corpus/$(basename "$(dirname "$model")")"
mkdir -p "$work"
for u in "${uses[@]}"; do
  # score-models.sh names results by the model file: one copy per use
  cp "$model" "$work/use-$u.bnm"
  USE_CORPUS="$u" "$ROOT/scripts/score-models.sh" "$out" "$work/use-$u.bnm:$corpora"
done
