#!/bin/sh
# check_calls.sh PROTO CTISCOPE REQUEST_KINDS CAPTURE... - the calls and
# requests the plugin shows in tshark agree with ctiscope's, capture by
# capture (calls_agree.py says what that means): the call ladder by DN
# (-z flow,PROTO_calls,standard), the call list (-z PROTO,calls), the
# response times (-z PROTO,srt) and the requests tree (-z PROTO.requests,tree),
# all from one two-pass tshark run.  Environment: PLUGIN_DIR, TSHARK, PYTHON3.
set -u
proto=$1 ctiscope=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") kinds=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
"$kinds" >"$WS_TMP/kinds" || ws_fail "$kinds failed"
# cli OUT OPTION...: ctiscope on $cap into $WS_TMP/OUT (exit status 1: the
# file is cut short, and everything read is still there)
cli() {
  out=$1
  shift
  (cd "$WS_TMP/cap" && env LC_ALL=C.UTF-8 "$ctiscope" "$@" "$cap") >"$WS_TMP/$out" 2>"$WS_TMP/cli.err"
  [ $? -le 1 ] || ws_fail "$cap: ctiscope $*: $(cat "$WS_TMP/cli.err")"
}
fails=0
for capture in "$@"; do
  cap=$(basename "$capture")
  opts="-o tcp.reassemble_out_of_order:TRUE"   # the options CMakeLists.txt gives each capture's test
  case $cap in
    *gap*) opts= ;;
    *heur*) opts="$opts --disable-heuristic smpp_tcp" ;;
  esac
  # shellcheck disable=SC2086
  ws_tshark -2 -q -t e $opts -r "$cap" -z "flow,${proto}_calls,standard" -z "$proto,calls" -z "$proto,srt" \
    -z "$proto.requests,tree" >"$WS_TMP/ws.out" 2>"$WS_TMP/ws.err"
  cli calls.txt --calls
  cli calls.json --calls --json
  cli calls.csv --calls --csv
  cli msgs.json --json
  cli summary.txt --summary
  printf '%s: ' "$cap"
  if ! "${PYTHON3:-python3}" "$here/calls_agree.py" "$proto" "$WS_TMP/ws.out" "$WS_TMP/calls.txt" \
       "$WS_TMP/calls.json" "$WS_TMP/calls.csv" "$WS_TMP/msgs.json" "$WS_TMP/summary.txt" "$WS_TMP/kinds"; then
    grep -v 'GLib CRITICAL.*g_string_erase' "$WS_TMP/ws.err" | head -5 >&2
    fails=$((fails + 1))
  fi
done
[ "$fails" = 0 ] || ws_fail "$fails of $# captures: see MISMATCH lines above"
