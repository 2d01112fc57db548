#!/usr/bin/env bash
# Throughput of the Spark job in local mode: the first N OHSUMED abstracts (one document per line) as a JSON
# lines table, annotated with the bundled models at local[1] and local[2]; prints one summary line per run.
#   spark/bench-local.sh [N]        (run from the repository root; data from ${BIONER_SHARED:-../shared})
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-300}"
shared="${BIONER_SHARED:-../shared}"
dir=work/spark-bench
mkdir -p "$dir"
in="$dir/ohsumed-$n.jsonl"
paste -d '\t' <(head -n "$n" "$shared/corpora/ohsumed-1991-abstracts/doc_ids.txt") \
              <(zcat "$shared/corpora/ohsumed-1991-abstracts/abstracts.txt.gz" | head -n "$n") |
  python3 -c 'import sys, json
for line in sys.stdin:
    i, t = line.rstrip("\n").split("\t", 1)
    print(json.dumps({"id": "ohsumed-" + i, "text": t}))' > "$in"
echo "input: $in ($(wc -l < "$in") documents, $(wc -c < "$in") bytes)"
for master in 'local[1]' 'local[2]'; do
  out="$dir/out-${master//[^0-9]/}"
  rm -rf "$out"
  echo "$master: $(spark/run-local --master "$master" --in "$in" --input-format jsonl --out "$out" --partitions 8 --format parquet)"
done
