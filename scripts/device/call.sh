#!/bin/bash
# Before and after the device call of the GPU check: the call copies tracked files and untracked files git does
# not ignore (64 MiB in all, the carry included), so the 68 MB of tracked models/ must be out of it for the call.
#   scripts/device/call.sh prepare   # models/ untracked and ignored (index and .gitignore only; files stay), sizes checked
#   run(command="bash scripts/device/gpu-check.sh", carry=[".devcarry"], timeout_s=560)
#   scripts/device/call.sh restore   # models/ tracked again, .gitignore as committed
# Commit nothing between the two.
set -euo pipefail
cd "$(dirname "$0")/../.."
case "${1:-}" in
  prepare)
    [ -f .devcarry/jre.tgz ] || { echo "call.sh: run scripts/device/pack.sh first" >&2; exit 1; }
    git rm -r -q --cached models
    printf '/models/\n' >> .gitignore
    tree=$( { git ls-files -z; git ls-files -z --others --exclude-standard; } | xargs -0 du -cb 2>/dev/null | tail -1 | cut -f1)
    carry=$(du -sb .devcarry | cut -f1)
    printf 'copied by the call: tree %.1f MiB + carry %.1f MiB = %.1f MiB (limit 64)\n' \
      "$(echo "$tree/1048576" | bc -l)" "$(echo "$carry/1048576" | bc -l)" "$(echo "($tree+$carry)/1048576" | bc -l)"
    [ $((tree + carry)) -lt $((62 * 1048576)) ] || { echo "call.sh: too large; run restore" >&2; exit 1; }
    ;;
  restore)
    git reset -q -- models
    git checkout -- .gitignore
    git status --short | head
    ;;
  *) echo "usage: $0 prepare|restore" >&2; exit 2 ;;
esac
