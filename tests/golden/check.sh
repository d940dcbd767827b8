#!/bin/sh
# check.sh CTISCOPE MODE CAPTURE GOLDEN
# Runs ctiscope on CAPTURE in MODE (text, brief, json; calls, calls-json,
# calls-csv, agents, queues, summary) and compares, line by
# line, stdout + stderr + exit status with GOLDEN.  On a difference it prints
# the unified diff and fails.  Goldens change only on purpose: update.sh.
set -u
LC_ALL=C.UTF-8; export LC_ALL   # the goldens have the arrows; under a non-UTF-8 locale ctiscope draws ASCII
ctiscope=$1 mode=$2 capture=$3 golden=$4
case $mode in
  text)  flags= ;;
  brief) flags=--brief ;;
  json)  flags=--json ;;
  # call flows (README.md, "Call flows")
  calls)      flags=--calls ;;
  calls-json) flags="--calls --json" ;;
  calls-csv)  flags="--calls --csv" ;;
  agents)     flags=--agents ;;
  queues)     flags=--queues ;;
  summary)    flags=--summary ;;
  *) echo "check.sh: unknown mode $mode" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp) || exit 2
trap 'rm -f "$out" "$out.err"' EXIT
# Run from the capture's folder with a relative name, so the golden files do
# not depend on where the tree is checked out.
(cd "$(dirname "$capture")" && "$ctiscope" $flags "$(basename "$capture")" >"$out" 2>"$out.err")
status=$?
{ echo "== stderr =="; cat "$out.err"; echo "== exit $status =="; } >>"$out"
if [ ! -f "$golden" ]; then
  echo "missing golden file $golden (create it with $here/update.sh)" >&2
  exit 1
fi
if ! diff -u "$golden" "$out"; then
  echo "FAIL: ctiscope $flags $(basename "$capture") differs from $golden (lines above)" >&2
  exit 1
fi
echo "ok: $(wc -l <"$golden") lines match $golden"
