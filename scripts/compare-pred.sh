#!/usr/bin/env bash
# Two predictions of one gold file compared: `bioner evaluate --compare` (both F1s and the paired bootstrap interval
# of SECOND minus FIRST) into OUT_JSON, and its one-line summary (scripts/compare_line.py). Used by the comparison
# scripts under docs/results/.
#   scripts/compare-pred.sh TYPE GOLD FIRST_PRED SECOND_PRED OUT_JSON LABEL FIRST_NAME SECOND_NAME
# BIONER (default ./bioner) runs the evaluation. Run from the repository root.
set -euo pipefail
[ $# -eq 8 ] || { echo "usage: scripts/compare-pred.sh TYPE GOLD FIRST_PRED SECOND_PRED OUT_JSON LABEL FIRST_NAME SECOND_NAME" >&2; exit 2; }
t=$1 gold=$2 first=$3 second=$4 json=$5
"${BIONER:-./bioner}" evaluate --gold "$gold" --pred "$first" --compare "$second" --entity-type "$t" --types "$t" --json > "$json"
python3 scripts/compare_line.py "$json" "$6" "$7" "$8"
