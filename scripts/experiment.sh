#!/usr/bin/env bash
# One row of docs/RESULTS.md: train a BiLSTM-CRF on CORPUS/train.tsv (model selection on devel.tsv),
# then tag CORPUS/test.tsv with the selected model and score it with the independent evaluator.
# Resumable: rerun the same command after a kill (or in a later session) and it continues.
# TAG_OPTIONS are passed to the scoring `tag` as they are (as in scripts/score-models.sh).
#
#   scripts/experiment.sh CORPUS RUN_NAME EMBEDDINGS_SPEC [extra bioner-train options...]
#   e.g. scripts/experiment.sh NCBI-disease flair1024+glove \
#          flair:models/lm-forward-h1024.bnm+flair:models/lm-backward-h1024.bnm+glove:models/glove-biomed-100d.bnm --max-epochs 30
#
# DEV_ONLY=1: train and select on devel only; test.tsv is neither read nor scored (ablations compared on dev).
# WITH_DEV_OF=RUN: train on train.tsv + devel.tsv, following the learning rates of the finished run
#   results/CORPUS/RUN epoch by epoch up to its selected epoch, and keep the last epoch's model (`train
#   --replay-schedule`: BioBERT's protocol for its final models); devel is then only logged, not held out.
#   RUN with a slash is a run's training.tsv kept with its results (its folder gone): add --replay-epochs N, the
#   epoch its model was selected at, to the train options.
# Results go to results/CORPUS/RUN_NAME/ (git-ignored: model, training.tsv, training.png, test predictions,
# test-eval.json, command.txt); scripts/results_table.py turns them into the table of docs/RESULTS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"   # another launcher, e.g. a frozen build for long runs (scripts/freeze-build.sh)
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"
corpus="$1"; name="$2"; spec="$3"; shift 3
source "$ROOT/scripts/corpus-type.sh"
type="$(corpus_type "$corpus")" || { echo "unknown corpus '$corpus'" >&2; exit 2; }
out="$ROOT/results/$corpus/$name"
mkdir -p "$out"
test=(--test "$DATA/$corpus/test.tsv")
[ -n "${DEV_ONLY:-}" ] && test=()
train=(--train "$DATA/$corpus/train.tsv")
if [ -n "${WITH_DEV_OF:-}" ]; then
  schedule="$ROOT/results/$corpus/$WITH_DEV_OF"; case "$WITH_DEV_OF" in */*) schedule="$WITH_DEV_OF";; esac
  train=(--train "$DATA/$corpus/train.tsv" "$DATA/$corpus/devel.tsv" --replay-schedule "$schedule")
fi
cmd=("$BIONER" train "${train[@]}" --dev "$DATA/$corpus/devel.tsv" "${test[@]}"
     --entity-type "$type" --embeddings "$spec" --out "$out" "$@")
{ [ -n "${BIONER_DATASETS:-}" ] && printf 'BIONER_DATASETS=%q ' "$BIONER_DATASETS"; [ -n "${DEV_ONLY:-}" ] && printf 'DEV_ONLY=1 '; [ -n "${WITH_DEV_OF:-}" ] && printf 'WITH_DEV_OF=%q ' "$WITH_DEV_OF"; printf '%q ' scripts/experiment.sh "$corpus" "$name" "$spec" "$@"; echo; } > "$out/command.txt"
resume=()
[ -d "$out/work" ] && resume=(--resume)
start=$(date +%s)
"${cmd[@]}" "${resume[@]}" 2>&1 | tee -a "$out/train.log"
echo $(( $(date +%s) - start )) >> "$out/wall-seconds.txt"
[ -n "${DEV_ONLY:-}" ] && exit 0
# shellcheck disable=SC2086  # TAG_OPTIONS: words, as in score-models.sh
"$BIONER" tag --model "$out/tagger.bnm" --in "$DATA/$corpus/test.tsv" --out "$out/test-pred.tsv" ${TAG_OPTIONS:-}
"$BIONER" evaluate --gold "$DATA/$corpus/test.tsv" --pred "$out/test-pred.tsv" --entity-type "$type" --json > "$out/test-eval.json"
cat "$out/test-eval.json"
