#!/bin/bash
# Before and after a device call: the call copies tracked files and untracked files git does not ignore (64 MiB in
# all, the carry included), so the 68 MB of tracked models/ must be out of it for the call.
#   scripts/device/call.sh prepare [CARRY ...]  # models/ untracked and ignored (index and .gitignore only; files
#                                           # stay), sizes checked with the carries a call takes together (default
#                                           # .devcarry, the GPU check's)
#   run(command="bash scripts/device/gpu-check.sh", carry=[".devcarry"], timeout_s=560)
#   scripts/device/call.sh restore          # models/ tracked again, .gitignore as committed
# Commit nothing between the two. The LM pretraining's two calls (scripts/device/lm-pretrain.sh) check each carry:
# `prepare .devcarry-lm/part1`, then `check .devcarry-lm/part2` (sizes only; models/ stays untracked); one call with
# both parts: `prepare .devcarry-lm/part1 .devcarry-lm/part2` (their sum with the tree is what is checked).
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  prepare|check)
    op=$1; shift
    CARRIES=("${@:-.devcarry}")
    for C in "${CARRIES[@]}"; do
      [ "$C" != .devcarry ] || [ -f .devcarry/jre.tgz ] || { echo "call.sh: run scripts/device/pack.sh first" >&2; exit 1; }
      [ -d "$C" ] || { echo "call.sh: no carry $C (scripts/device/pack.sh or lm-pack.sh first)" >&2; exit 1; }
    done
    if [ "$op" = prepare ]; then
      git rm -r -q --cached models
      printf '/models/\n' >> .gitignore
    fi
    # the tree a call copies once models/ is out of it (the same figure before and after prepare); one du over the
    # whole list (xargs would split a long list over several du runs, each with its own total)
    tree=$( { git ls-files -z; git ls-files -z --others --exclude-standard; } | grep -zv '^models/' \
      | du -cb --files0-from=- 2>/dev/null | tail -1 | cut -f1)
    carry=$(du -scb "${CARRIES[@]}" | tail -1 | cut -f1)
    printf 'copied by the call: tree without models/ %.1f MiB + carry %.1f MiB = %.1f MiB (limit 64)\n' \
      "$(echo "$tree/1048576" | bc -l)" "$(echo "$carry/1048576" | bc -l)" "$(echo "($tree+$carry)/1048576" | bc -l)"
    [ $((tree + carry)) -lt $((62 * 1048576)) ] || { echo "call.sh: too large; run restore" >&2; exit 1; }
    ;;
  restore)
    git reset -q -- models
    git checkout -- .gitignore
    git status --short | head
    ;;
  *) echo "usage: $0 prepare [CARRY ...]|check CARRY ...|restore" >&2; exit 2 ;;
esac
