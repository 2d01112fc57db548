#!/usr/bin/env bash
# session 29: an own-corpus model fine-tuned from its type's default model (transfer from the union of corpora).
# The default was trained on many corpora with a corpus one-hot (models/README.md); here it is trained further on one
# benchmark's train split alone, that corpus's one-hot switched on for every sentence (the folder rule of the
# one-hot: a corpus is the folder of its file), selected on that corpus's devel split, and compared on dev with the
# own-corpus runs trained from new weights (docs/RESULTS.md, "Session 29").
#
#   DEV_ONLY=1 bash docs/results/session29/ft-from-default.sh TYPE CORPUS [extra train options]
#   e.g. DEV_ONLY=1 bash docs/results/session29/ft-from-default.sh Disease NCBI-disease
# TYPE's default is models/<type>.bnm (lower case), or the model FROM names (session 31: FROM=the Disease default
# continued with character features, results/union-Disease/corpus-chars-stage2/tagger.bnm; its copy in work/init is
# named after the path); its embeddings spec is read from the model (`model-info`), so the corpus one-hot and its
# corpora are the model's. lr 0.025 (the warm starts' rate of "Sessions 12-13"), anneal x0.5
# after 3 epochs without dev improvement, stopped below MIN_LR (default 0.003) or after 40 epochs.
# Results in results/union-TYPE/RUN (default ft-CORPUS; git-ignored); resumable (rerun the same command). With
# WITH_DEV_OF=ft-CORPUS and RUN=ft-CORPUS-withdev: train + devel, that run's schedule replayed from the same start
# (scripts/union-model.sh, BioBERT's protocol as in docs/RESULTS.md "Session 16"). Run from the repository root.
set -euo pipefail
TYPE=$1; CORPUS=$2; shift 2
B=${BIONER:-./bioner}
MODEL=${FROM:-models/$(echo "$TYPE" | tr '[:upper:]' '[:lower:]').bnm}
mkdir -p work/init
if [ -n "${FROM:-}" ]; then INIT=work/init/$(echo "$FROM" | tr / _); else INIT=work/init/default-$(basename "$MODEL"); fi
# the default as it was when the first run started (the runs resume from it, and their replays start from it)
[ -f "$INIT" ] || cp "$MODEL" "$INIT"
cmp -s "$MODEL" "$INIT" || echo "ft-from-default.sh: note: $INIT, the default copied when the first run started," \
  "differs from $MODEL now; the run starts from the copy (remove it to start from $MODEL)" >&2
SPEC=$($B model-info "$INIT" | sed -n 's/^ *embeddings: *//p')
[ -n "$SPEC" ] || { echo "ft-from-default.sh: no embeddings line in model-info $INIT" >&2; exit 2; }
BIONER=$B scripts/union-model.sh "$TYPE" "${RUN:-ft-$CORPUS}" "$SPEC" "$CORPUS" --init-model "$INIT" \
  --lr 0.025 --min-lr "${MIN_LR:-0.003}" --max-epochs 40 --threads 1 "$@"
