#!/usr/bin/env bash
# Runs the release binary's `lede extract --json` over every set of
# ../shared/data and writes one file per set (stdout, then stderr and the exit
# code) into OUTDIR, so a refactor can be checked byte for byte:
#
#   tools/extract-snapshot.sh /tmp/before          # on the unchanged code
#   ... change, cargo build --release ...
#   tools/extract-snapshot.sh /tmp/after
#   tools/extract-snapshot.sh --compare /tmp/before /tmp/after
#
# Paths in the output are relative to the checkout's parent, so snapshots
# taken in two worktrees compare equal. Nothing here is committed data.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
sets="zyte readability trafilatura textdumps bbc reuters seed fundus"

if [[ "${1:-}" == "--compare" ]]; then
  [[ $# -eq 3 ]] || { echo "usage: $0 --compare BEFORE AFTER" >&2; exit 2; }
  status=0
  for set in $sets; do
    for kind in jsonl stderr rc; do
      if ! cmp "$2/$set.$kind" "$3/$set.$kind"; then status=1; fi
    done
  done
  [[ $status -eq 0 ]] && echo "identical: $sets"
  exit $status
fi

[[ $# -ge 1 ]] || { echo "usage: $0 OUTDIR [LEDE_BINARY]" >&2; exit 2; }
out="$(mkdir -p "$1" && cd "$1" && pwd)"
bin="${2:-$here/target/release/lede}"
[[ "$bin" = /* ]] || bin="$PWD/$bin"
data="$here/../shared/data"
[[ -d "$data" ]] || { echo "$0: no $data (the shared data beside the checkout)" >&2; exit 2; }
cd "$data/.."
for set in $sets; do
  rc=0
  "$bin" extract --json "data/$set" >"$out/$set.jsonl" 2>"$out/$set.stderr" || rc=$?
  echo "$rc" >"$out/$set.rc"
  echo "$set: $(wc -l <"$out/$set.jsonl") articles, exit $rc"
done
