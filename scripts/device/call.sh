#!/bin/bash
# Before and after a device call: the call copies tracked files and untracked files git does not ignore (64 MiB in
# all, the carry included), so the 68 MB of tracked models/ must be out of it for the call.
#   scripts/device/call.sh prepare [CARRY]  # models/ untracked and ignored (index and .gitignore only; files stay),
#                                           # sizes checked with the carry CARRY (default .devcarry, the GPU check's)
#   run(command="bash scripts/device/gpu-check.sh", carry=[".devcarry"], timeout_s=560)
#   scripts/device/call.sh restore          # models/ tracked again, .gitignore as committed
# Commit nothing between the two. The LM pretraining's two calls (scripts/device/lm-pretrain.sh) check each carry:
# `prepare .devcarry-lm/part1`, then `check .devcarry-lm/part2` (sizes only; models/ stays untracked).
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  prepare|check)
    C=${2:-.devcarry}
    [ "$C" != .devcarry ] || [ -f .devcarry/jre.tgz ] || { echo "call.sh: run scripts/device/pack.sh first" >&2; exit 1; }
    [ -d "$C" ] || { echo "call.sh: no carry $C (scripts/device/pack.sh or lm-pack.sh first)" >&2; exit 1; }
    if [ "$1" = prepare ]; then
      git rm -r -q --cached models
      printf '/models/\n' >> .gitignore
    fi
    tree=$( { git ls-files -z; git ls-files -z --others --exclude-standard; } | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
    carry=$(du -sb "$C" | cut -f1)
    printf 'copied by the call: tree %.1f MiB + carry %.1f MiB = %.1f MiB (limit 64)\n' \
      "$(echo "$tree/1048576" | bc -l)" "$(echo "$carry/1048576" | bc -l)" "$(echo "($tree+$carry)/1048576" | bc -l)"
    [ $((tree + carry)) -lt $((62 * 1048576)) ] || { echo "call.sh: too large; run restore" >&2; exit 1; }
    ;;
  restore)
    git reset -q -- models
    git checkout -- .gitignore
    git status --short | head
    ;;
  *) echo "usage: $0 prepare [CARRY]|check CARRY|restore" >&2; exit 2 ;;
esac
