#!/usr/bin/env bash
# Tag each benchmark test split with a model and score it with both metrics of `bioner evaluate`
# (--metric SPAN: exact span, reported first; --metric TOKEN: the BioNerFlair paper's token-level metric).
#
#   scripts/score-models.sh OUT_DIR MODEL:CORPUS[,CORPUS...] [MODEL:CORPUS...]
#   e.g. scripts/score-models.sh docs/results/shipped models/disease.bnm:NCBI-disease,BC5CDR-disease
#
# Writes OUT_DIR/<model name>/<corpus>.{span,token}.json (the predictions stay in results/, git-ignored),
# and prints one line per corpus. The entity type is the one of the corpus (as scripts/experiment.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"
out="$1"; shift
for arg in "$@"; do
  model="${arg%%:*}"; IFS=, read -r -a corpora <<< "${arg#*:}"
  name="$(basename "$model" .bnm)"
  mkdir -p "$out/$name" "$ROOT/results/scored/$name"
  for c in "${corpora[@]}"; do
    case "$c" in
      NCBI-disease|BC5CDR-disease) type=Disease ;;
      BC5CDR-chem|BC4CHEMD) type=Chemical ;;
      BC2GM|JNLPBA) type=Gene ;;
      linnaeus|s800) type=Species ;;
      *) echo "score-models.sh: unknown corpus '$c'" >&2; exit 2 ;;
    esac
    pred="$ROOT/results/scored/$name/$c.test-pred.tsv"
    "$BIONER" tag --model "$model" --in "$DATA/$c/test.tsv" --out "$pred"
    for m in span token; do
      "$BIONER" evaluate --gold "$DATA/$c/test.tsv" --pred "$pred" --entity-type "$type" --metric "${m^^}" --json \
        > "$out/$name/$c.$m.json"
    done
    echo "$name $c span $(grep -o '"f1":[0-9.]*' "$out/$name/$c.span.json" | head -1) token $(grep -o '"f1":[0-9.]*' "$out/$name/$c.token.json" | head -1)"
  done
done
