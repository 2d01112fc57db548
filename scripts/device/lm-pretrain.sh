#!/bin/bash
# Continues the character-LM pair on all the cased text of ../shared/corpora, on a lent GPU machine (issue 13 item 3),
# in two calls of the device tool, the second right after the first (a warm machine is given back after ~30 s idle).
# Build the carries first (scripts/device/lm-pack.sh), untrack models/ (scripts/device/call.sh prepare .devcarry-lm/part1),
# then:
#   run(command="bash scripts/device/lm-pretrain.sh 1", carry=[".devcarry-lm/part1"], timeout_s=120)
#   run(command="bash scripts/device/lm-pretrain.sh 2", carry=[".devcarry-lm/part2"], timeout_s=590)
#   scripts/device/call.sh restore
# or, when both parts fit one call (lm-pack.sh with EXCLUDE=...; a machine can be taken back between two calls, as in
# session 23), one call: run(command="bash scripts/device/lm-pretrain.sh 1 && bash scripts/device/lm-pretrain.sh 2",
# carry=[".devcarry-lm/part1", ".devcarry-lm/part2"]).
# Call 1 only checks that its half of the text arrived. Call 2 checks that call 1's files are still on the machine
# (against part2/part1.SHA256SUMS; if not, the machine was a fresh one: run both calls again), then: `prepare` with the
# dictionary of the LMs continued (--chars-from) and the held-out names of part2/SOURCES, the held-out bpc of the LMs as
# they are, both directions trained at once from them until the budget ends, and their held-out bpc after. Training
# validates every 30 s on the first 200,000 held-out characters, keeps the best state and rolls a divergence back at
# half the rate (`pretrain_flair_lm.py train --diverge-margin`), so what comes back is never worse there than the start. Into $OUT:
# lm-forward.pt and lm-backward.pt (float16 Flair checkpoints; `bioner import-flair-lm --half` makes model files of
# them), lm-train.log, prepare.json (the corpus: characters, documents held out) and lm-report.txt (bpc before and
# after, same held-out documents, same procedure).
#   BUDGET_S (520): seconds from the start of call 2 to the end of training, evaluation included
#   DIRECTIONS ("forward backward"): the LMs trained (and evaluated); one alone gets the whole GPU
#   REPEAT ("NAME=K ..."): training documents of the corpus NAME (part2/SOURCES' second column) K times, e.g.
#   "benchmark_train_sentences.txt.gz=4" to weight the text the taggers read (prepare --repeat)
#   LR (4e-4: the rate the backward h1024 LM resumed at without diverging), WARMUP (100), BATCH (256), SEQ_LEN (250),
#   PYTHON (python3); for a dry run on a CPU: MINUTES (replaces the budget), EVAL_CHARS (held-out characters
#   scored; 0, the default, scores them all) and QUICK_CHARS (those of each quick validation, 200000)
set -uo pipefail
cd "$(dirname "$0")/../.."
C=.devcarry-lm
OUT=${OUT:-work/lm-out}
mkdir -p "$OUT"
PY=${PYTHON:-python3}
S=scripts/pretrain_flair_lm.py
say() { echo "lm-pretrain: $*"; }
case "${1:-}" in
  1)
    (cd "$C/part1" && sha256sum -c --quiet SHA256SUMS) || { say "part 1 arrived damaged"; exit 1; }
    say "part 1 in place on $(hostname): $(du -sh "$C/part1" | cut -f1); $(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>&1 | head -1)"
    ;;
  2)
    START=$(date +%s)
    BUDGET=${BUDGET_S:-520}
    exec > >(tee -a "$OUT/lm-train.log") 2>&1
    [ -f "$C/part1/SHA256SUMS" ] || { say "part 1 is not on this machine (a fresh machine after call 1?): run call 1 again, then call 2"; exit 3; }
    (cd "$C/part1" && sha256sum -c --quiet ../part2/part1.SHA256SUMS) || { say "part 1 on this machine is not the part 1 of this pack: run call 1 again"; exit 3; }
    (cd "$C/part2" && sha256sum -c --quiet SHA256SUMS) || { say "part 2 arrived damaged"; exit 1; }
    W=$(mktemp -d)
    DIRS=(${DIRECTIONS:-forward backward})
    for d in "${DIRS[@]}"; do $PY $S from-bnm --in "$C/part2/lm-$d.bnm" --out "$W/init-$d.pt" || exit 1; done
    corpus=(); while IFS=$'\t' read -r file key; do corpus+=("$C/$file=$key"); done < "$C/part2/SOURCES"
    rep=(); for r in ${REPEAT:-}; do rep+=(--repeat "$r"); done
    $PY $S prepare --cache "$W/cache" "${rep[@]}" --chars-from "$W/init-${DIRS[0]}.pt" --holdout-permille 7 "${corpus[@]}" || exit 1
    cp "$W/cache/meta.json" "$OUT/prepare.json"
    dev=(); [ -n "${MINUTES:-}" ] || dev=(--device cuda)
    # held-out bpc of both LMs, one procedure before and after (`eval`: 64 streams of 250-character steps)
    held_out() {
      local pids=() d  # waited for by pid: a bare `wait` would also wait for the tee of the exec above
      for d in "${DIRS[@]}"; do
        $PY $S eval --cache "$W/cache" --model "$1-$d.pt" --max-chars "${EVAL_CHARS:-0}" --batch 64 "${dev[@]}" > "$W/eval-$d.txt" &
        pids+=($!)
      done
      wait "${pids[@]}"
      { echo "$2:"; for d in "${DIRS[@]}"; do cat "$W/eval-$d.txt"; done; } | tee -a "$OUT/lm-report.txt"
    }
    held_out "$W/init" "before (the LMs continued)"
    pids=()
    if [ -n "${MINUTES:-}" ]; then budget=(--minutes "$MINUTES"); else budget=(--end-at $((START + BUDGET - 60))); fi
    for d in "${DIRS[@]}"; do
      $PY $S train --cache "$W/cache" --direction "$d" --init "$W/init-$d.pt" --batch "${BATCH:-256}" --seq-len "${SEQ_LEN:-250}" \
        --lr "${LR:-4e-4}" --warmup "${WARMUP:-100}" --valid-every 30 --log-every 30 --max-valid-chars "${EVAL_CHARS:-0}" --quick-valid-chars "${QUICK_CHARS:-200000}" "${budget[@]}" \
        --out "$OUT/lm-$d.pt" --tag "$d" &
      pids+=($!)
    done
    wait "${pids[@]}"
    held_out "$OUT/lm" "after (float16, as saved)"
    grep -h "FINAL" "$OUT/lm-train.log" >> "$OUT/lm-report.txt"
    say "done in $(( $(date +%s) - START )) s"
    ls -la "$OUT"
    ;;
  *) echo "usage: $0 1|2 (the first or the second device call)" >&2; exit 2 ;;
esac
