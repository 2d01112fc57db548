#!/usr/bin/env bash
# A default model of docs/RESULTS.md / models/README.md: train one BiLSTM-CRF for an entity type on the
# union of several corpora's training data (model selection on the union of their devel splits), then tag
# each corpus's test split with the selected model and score it with the independent evaluator.
# Resumable like scripts/experiment.sh: rerun the same command after a kill and it continues.
# TAG_OPTIONS are passed to the scoring `tag` as they are (as in scripts/score-models.sh).
#
#   scripts/union-model.sh TYPE RUN_NAME EMBEDDINGS_SPEC CORPUS[,CORPUS...] [extra bioner-train options...]
#   e.g. scripts/union-model.sh Disease flair512+glove \
#          flair:models/lm-biomed-forward-h512.bnm+flair:models/lm-biomed-backward-h512.bnm+glove:models/glove-biomed-100d.bnm \
#          NCBI-disease,BC5CDR-disease --max-epochs 20 --threads 1
#
# A corpus is a folder of ../shared/datasets (untyped BioBERT tags, read as TYPE) or of
# ../shared/datasets-extra (typed tags; only TYPE is learnt, other types are read as O: `train --types`).
# Training data: its train.tsv, or all.tsv where it has no splits; devel.tsv joins the dev set where it
# exists; test.tsv, where it exists, is scored once at the end. Training sentences with the tokens of a dev or
# test sentence of any of the corpora are left out, repeats kept once (`train --exclude`).
# WITH_DEV_OF=RUN: train on the train and devel splits together, following the learning rates of the finished run
#   results/union-TYPE/RUN epoch by epoch up to its selected epoch, and keep the last epoch's model (`train
#   --replay-schedule`, as in scripts/experiment.sh); the devel splits are then only logged, not held out (give a
#   devel file a --sample-weight of its own if its train file has one). RUN with a slash is a run's training.tsv
#   kept with its results (its folder gone): add --replay-epochs N, the epoch its model was selected at.
# TRAIN_ON_DEVEL=CORPUS[,CORPUS...]: these corpora's devel splits are training data (given right after their train
#   file), not dev splits: nothing selects on them, and the other corpora's devel splits select (with
#   --select-on corpus-mean, their mean). For a corpus whose own-corpus model gains from its devel split while the
#   default must still be selected on held-out text (docs/RESULTS.md, "Session 27").
# DEV_ONLY=1: train and select on the devel splits only; no test split is tagged or scored (runs compared on dev;
#   rerun without it once dev says the selected model is worth its test read: the run resumes from its checkpoint,
#   stops by its rule, and the test splits are scored).
# Results go to results/union-TYPE/RUN_NAME/ (git-ignored), with test-eval-CORPUS.json per corpus (and
# test-eval-CORPUS.own.json for a model with a corpus one-hot, tagging each corpus by its own conventions).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIONER="${BIONER:-$ROOT/bioner}"
DATA="${BIONER_DATASETS:-$ROOT/../shared/datasets}"
EXTRA="${BIONER_DATASETS_EXTRA:-$ROOT/../shared/datasets-extra}"
type="$1"; name="$2"; spec="$3"; IFS=, read -r -a corpora <<< "$4"; shift 4
out="$ROOT/results/union-$type/$name"
mkdir -p "$out"
dir_of() { if [ -d "$DATA/$1" ]; then echo "$DATA/$1"; elif [ -d "$EXTRA/$1" ]; then echo "$EXTRA/$1";
           else echo "union-model.sh: no corpus '$1' in $DATA or $EXTRA" >&2; exit 2; fi; }
IFS=, read -r -a devel_trained <<< "${TRAIN_ON_DEVEL:-}"
for c in "${devel_trained[@]}"; do
  [[ " ${corpora[*]} " == *" $c "* ]] || { echo "union-model.sh: TRAIN_ON_DEVEL names $c, which is not among the corpora" \
    "$(IFS=,; echo "${corpora[*]}")" >&2; exit 2; }
done
trains=(); devs=(); tests=(); testfiles=()
for c in "${corpora[@]}"; do
  d="$(dir_of "$c")"
  if [ -f "$d/train.tsv" ]; then trains+=("$d/train.tsv"); else trains+=("$d/all.tsv"); fi
  if [[ " ${devel_trained[*]} " == *" $c "* ]]; then
    [ -f "$d/devel.tsv" ] || { echo "union-model.sh: TRAIN_ON_DEVEL names $c, which has no devel.tsv" >&2; exit 2; }
    trains+=("$d/devel.tsv")
  elif [ -f "$d/devel.tsv" ]; then
    devs+=("$d/devel.tsv")
  fi
  [ -f "$d/test.tsv" ] && { tests+=("$c"); testfiles+=("$d/test.tsv"); }
done
# corpora reuse abstracts (BioRED holds BC5CDR train abstracts): training sentences found in a dev or test split
# of the run are left out, and repeats kept once (`train --exclude`, docs/RESULTS.md)
replay=()
if [ -n "${WITH_DEV_OF:-}" ]; then
  schedule="$ROOT/results/union-$type/$WITH_DEV_OF"; case "$WITH_DEV_OF" in */*) schedule="$WITH_DEV_OF";; esac
  trains+=("${devs[@]}"); replay=(--replay-schedule "$schedule")
fi
cmd=("$BIONER" train --train "${trains[@]}" --dev "${devs[@]}" "${replay[@]}" --exclude "${testfiles[@]}" --entity-type "$type"
     --types "$type" --embeddings "$spec" --out "$out" "$@")
{ [ -n "${DEV_ONLY:-}" ] && printf 'DEV_ONLY=1 '; [ -n "${TRAIN_ON_DEVEL:-}" ] && printf 'TRAIN_ON_DEVEL=%q ' "$TRAIN_ON_DEVEL"; [ -n "${WITH_DEV_OF:-}" ] && printf 'WITH_DEV_OF=%q ' "$WITH_DEV_OF"; printf '%q ' scripts/union-model.sh "$type" "$name" "$spec"; printf '%s ' "$(IFS=,; echo "${corpora[*]}")"
  printf '%q ' "$@"; echo; } > "$out/command.txt"
resume=()
[ -d "$out/work" ] && resume=(--resume)
start=$(date +%s)
"${cmd[@]}" "${resume[@]}" 2>&1 | tee -a "$out/train.log"
echo $(( $(date +%s) - start )) >> "$out/wall-seconds.txt"
[ -n "${DEV_ONLY:-}" ] && exit 0
# a model with a corpus one-hot (SPEC+corpus:...) tags by its default corpus (test-eval-CORPUS.json) and, for each
# corpus, also by that corpus's own conventions (`tag --use-corpus`, test-eval-CORPUS.own.json)
own=("")
[[ "$spec" == *+corpus:* ]] && own=("" ".own")
for c in "${tests[@]}"; do
  d="$(dir_of "$c")"
  for o in "${own[@]}"; do
    # a model whose default one-hot is this corpus's tags it the same way by its own conventions: copied, not tagged twice
    if [ -n "$o" ] && [[ "$spec" =~ :use=([^+:]+)$ ]] && [ "${BASH_REMATCH[1]}" = "$c" ]; then
      cp "$out/test-pred-$c.tsv" "$out/test-pred-$c$o.tsv"; cp "$out/test-eval-$c.json" "$out/test-eval-$c$o.json"
      echo "$c$o: $(cat "$out/test-eval-$c$o.json") (the default one-hot is $c's)"
      continue
    fi
    use=()
    [ -n "$o" ] && use=(--use-corpus "$c")
    # shellcheck disable=SC2086  # TAG_OPTIONS: words, as in score-models.sh
    "$BIONER" tag --model "$out/tagger.bnm" --in "$d/test.tsv" --out "$out/test-pred-$c$o.tsv" "${use[@]}" ${TAG_OPTIONS:-}
    "$BIONER" evaluate --gold "$d/test.tsv" --pred "$out/test-pred-$c$o.tsv" --entity-type "$type" --types "$type" --json \
      > "$out/test-eval-$c$o.json"
    echo "$c$o: $(cat "$out/test-eval-$c$o.json")"
  done
done
