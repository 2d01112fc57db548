#!/usr/bin/env bash
# Tag each test split (SPLIT=devel: each devel split, for model choices) with a model and score it with `bioner evaluate` (METRICS, default "span token":
# --metric SPAN, exact span, reported first; TOKEN, the BioNerFlair paper's token-level metric; OVERLAP, lenient).
#
#   scripts/score-models.sh OUT_DIR MODEL:CORPUS[,CORPUS...] [MODEL:CORPUS...]
#   e.g. scripts/score-models.sh docs/results/shipped models/disease.bnm:NCBI-disease,BC5CDR-disease
#        TYPE=Chemical METRICS="span overlap" scripts/score-models.sh docs/results/cross models/chemical.bnm:BioRED,DDI
#
# A model trained with a corpus one-hot (embeddings ...+corpus:...) tags by its default corpus's conventions;
# USE_CORPUS=own tags each corpus by its own (`tag --use-corpus CORPUS`), USE_CORPUS=NAME by NAME's.
# TAG_OPTIONS are passed to `tag` as they are, e.g. TAG_OPTIONS="--abbreviation-window 20".
# ERRORS=N also writes <corpus>.errors.txt: every exact-span error classified, with the N most frequent strings of
# each class (`evaluate --errors N`).
# Writes OUT_DIR/<model name>/<corpus>.<metric>.json (the predictions stay in results/, git-ignored), and prints
# one line per corpus. A benchmark corpus (../shared/datasets) is scored for its own type (as
# scripts/experiment.sh); a corpus of ../shared/datasets-extra for TYPE only (other types read as O).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"
EXTRA="${BIONER_DATASETS_EXTRA:-$ROOT/../shared/datasets-extra}"
METRICS="${METRICS:-span token}"
SPLIT="${SPLIT:-test}"
source "$ROOT/scripts/corpus-type.sh"
out="$1"; shift
for arg in "$@"; do
  model="${arg%%:*}"; IFS=, read -r -a corpora <<< "${arg#*:}"
  name="$(basename "$model" .bnm)"
  mkdir -p "$out/$name" "$ROOT/results/scored/$name"
  for c in "${corpora[@]}"; do
    dir="$DATA/$c"
    if ! type="$(corpus_type "$c")"; then
      dir="$EXTRA/$c"; type="${TYPE:?score-models.sh: $c is not a benchmark corpus: set TYPE}"
    fi
    pred="$ROOT/results/scored/$name/$c.$SPLIT-pred.tsv"
    use=()
    case "${USE_CORPUS:-}" in
      "") ;;
      own) use=(--use-corpus "$c") ;;
      *) use=(--use-corpus "$USE_CORPUS") ;;
    esac
    # shellcheck disable=SC2086  # TAG_OPTIONS: words, e.g. "--abbreviation-window 20"
    "$BIONER" tag --model "$model" --in "$dir/$SPLIT.tsv" --out "$pred" --typed "${use[@]}" ${TAG_OPTIONS:-}
    line="$name $c"
    for m in $METRICS; do
      "$BIONER" evaluate --gold "$dir/$SPLIT.tsv" --pred "$pred" --entity-type "$type" --types "$type" --metric "${m^^}" \
        --json > "$out/$name/$c.$m.json"
      line="$line $m $(grep -o '"f1":[0-9.]*' "$out/$name/$c.$m.json" | head -1)"
    done
    if [ -n "${ERRORS:-}" ]; then
      "$BIONER" evaluate --gold "$dir/$SPLIT.tsv" --pred "$pred" --entity-type "$type" --types "$type" --metric SPAN \
        --json --errors "$ERRORS" | tail -n +2 > "$out/$name/$c.errors.txt"
    fi
    echo "$line"
  done
done
