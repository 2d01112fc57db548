#!/bin/bash
# Tagger throughput side by side with the PyTorch reference on the same machine (docs/BENCHMARKS.md):
# ROUNDS rounds of `bioner bench` with 1 and 2 OpenBLAS threads, then torch_reference.py train and tag with
# 1 and 2 threads, back to back. One JSON line per run (with the 1-minute load average) to OUT.
# Usage: scripts/bench_tagger.sh [OUT.jsonl] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
D=../shared/datasets/NCBI-disease/test.tsv
REF=../shared/bench/torch_reference.py
out=${1:-work/bench/tagger-$(date +%Y%m%d-%H%M).jsonl}
rounds=${2:-3}
mkdir -p "$(dirname "$out")"
load() { cut -d' ' -f1 /proc/loadavg; }
for r in $(seq 1 "$rounds"); do
  for t in 1 2; do
    echo "{\"round\": $r, \"load\": \"$(load)\", \"bioner\": $(BIONER_JAVA_OPTS=-Xmx3g ./bioner bench --threads $t --data $D --max-batches 8 2>/dev/null)}" >> "$out"
  done
  for t in 1 2; do for m in train tag; do
    echo "{\"round\": $r, \"load\": \"$(load)\", \"torch\": $(/usr/bin/python3 $REF $m --threads $t --data $D --max-batches 8)}" >> "$out"
  done; done
done
/usr/bin/python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
for d in rows:
    if 'bioner' in d:
        b = d['bioner']
        print(f"round {d['round']} load {d['load']:>5} bioner threads {b['blas_threads']} train {b['train_tokens_per_s']:8.1f} tag {b['tag_tokens_per_s']:8.1f}")
    else:
        t = d['torch']
        print(f"round {d['round']} load {d['load']:>5} torch  threads {t['threads']} {t['mode']:5} {t['tokens_per_s']:8.1f}")
PY
