#!/usr/bin/env bash
# A frozen copy of the current build for a long background run, so that compiling while it runs cannot change the
# classes it loads (a run that resumes after an edit would otherwise resume with other code).
#   scripts/freeze-build.sh DIR      then   BIONER=DIR/bioner scripts/experiment.sh ...
# Builds first when sources changed (as ./bioner does), copies target/classes and the classpath file, hard-links
# target/models-classes (a rebuild replaces those files, so the links keep the frozen ones), writes DIR/bioner (the
# launcher without its build step), checks the copied classes against target/classes by checksum, and records the
# commit and any uncommitted changes in DIR/BUILD.txt. Refuses a DIR that exists.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ $# -eq 1 ] || { echo "usage: scripts/freeze-build.sh DIR" >&2; exit 2; }
dir="$1"
[ -e "$dir" ] && { echo "freeze-build.sh: $dir exists; choose a new folder" >&2; exit 2; }
"$ROOT/bioner" --version > /dev/null  # builds when sources changed
mkdir -p "$dir/target"
cp -r "$ROOT/target/classes" "$dir/target/classes"
cp "$ROOT/target/classpath.txt" "$dir/target/classpath.txt"
cp -al "$ROOT/target/models-classes" "$dir/target/models-classes" 2>/dev/null \
  || { rm -rf "$dir/target/models-classes"; cp -r "$ROOT/target/models-classes" "$dir/target/models-classes"; }  # another file system
sums() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs md5sum); }
if [ "$(sums "$ROOT/target/classes")" != "$(sums "$dir/target/classes")" ]; then
  echo "freeze-build.sh: the copied classes differ from target/classes (a build ran meanwhile?); remove $dir and retry" >&2
  exit 1
fi
# the launcher without its build step: everything but the block that starts with the classpath-file check
awk 'skip && /^fi$/ { skip = 0; next } /^if \[ ! -f "\$CP_FILE" \]/ { skip = 1 } !skip' "$ROOT/bioner" \
  | sed 's|^# bioner launcher: .*|# bioner launcher of a frozen build (scripts/freeze-build.sh; BUILD.txt says which).|' > "$dir/bioner"
chmod +x "$dir/bioner"
{ echo "frozen $(date -u +%Y-%m-%dT%H:%MZ) from $ROOT"
  echo "commit $(git -C "$ROOT" rev-parse HEAD)"
  changes="$(git -C "$ROOT" status --porcelain -- src pom.xml)"
  if [ -n "$changes" ]; then echo "uncommitted changes under src/ or pom.xml:"; echo "$changes"; else echo "no uncommitted changes under src/ or pom.xml"; fi
} > "$dir/BUILD.txt"
"$dir/bioner" --version > /dev/null
cat "$dir/BUILD.txt"
