#!/bin/sh
# update.sh BUILD_DIR - regenerate every golden file.  Run it only when an
# output change is intended, then read the diff (git diff tests/golden)
# line by line before committing it.
set -eu
LC_ALL=C.UTF-8; export LC_ALL   # as check.sh: the goldens have the arrows
build=${1:-build}
ctiscope=$(cd "$build" && pwd)/decoder/cli/ctiscope
root=$(cd "$(dirname "$0")/../.." && pwd)
for cap in "$root"/captures/*.pcap* "$root"/tests/hostile/*.pcap*; do
  [ -f "$cap" ] || continue
  base=$(basename "$cap"); base=${base%%.*}
  for mode in text brief json calls calls-json calls-csv agents queues summary; do
    case $mode in
      text) flags= ;; brief) flags=--brief ;; json) flags=--json ;;
      calls) flags=--calls ;; calls-json) flags="--calls --json" ;; calls-csv) flags="--calls --csv" ;;
      agents) flags=--agents ;; queues) flags=--queues ;; summary) flags=--summary ;;
    esac
    out="$root/tests/golden/$base.$mode"
    set +e
    (cd "$(dirname "$cap")" && "$ctiscope" $flags "$(basename "$cap")" >"$out" 2>"$out.err")
    status=$?
    set -e
    { echo "== stderr =="; cat "$out.err"; echo "== exit $status =="; } >>"$out"
    rm -f "$out.err"
    echo "wrote $out"
  done
done
