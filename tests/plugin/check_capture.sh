#!/bin/sh
# check_capture.sh PROTO CAPTURE GOLDEN CTISCOPE NAMES_PROGRAM FIELDS [--update]
# One capture, one tshark run: what the plugin shows is the golden file,
# and it agrees with ctiscope --json item for item, frame for frame
# (agree.py says what that means).  Environment: PLUGIN_DIR, TSHARK,
# PYTHON3; TSHARK_OPTS, extra tshark options for this capture
# (CMakeLists.txt sets tcp.reassemble_out_of_order for reordered captures).
# The exit status of tshark is not checked: a capture cut short makes it
# exit 2 after printing every packet it read; what it printed is checked.
set -u
proto=$1 capture=$2 golden=$3 ctiscope=$(cd "$(dirname "$4")" && pwd)/$(basename "$4") names=$5 fields=$6
update=${7:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
[ -s "$fields" ] || ws_fail "$fields is missing (the plugin_setup test writes it)"
"$names" >"$WS_TMP/names" || ws_fail "$names failed"
# shellcheck disable=SC2086
ws_tshark -2 ${TSHARK_OPTS:-} -r "$cap" -T pdml -J "frame $proto" -z "$proto,tree" \
  -z "flow,$proto,standard" >"$WS_TMP/ws.out" 2>"$WS_TMP/ws.err"
(cd "$(dirname "$capture")" && env LC_ALL=C.UTF-8 "$ctiscope" --json --show-reserved "$cap") \
  >"$WS_TMP/cli.jsonl" 2>"$WS_TMP/cli.err"
"${PYTHON3:-python3}" "$here/agree.py" "$proto" "$WS_TMP/ws.out" "$WS_TMP/cli.jsonl" "$WS_TMP/names" \
  "$fields" "$golden" $update || {
  echo "tshark's stderr:" >&2
  grep -v 'GLib CRITICAL.*g_string_erase' "$WS_TMP/ws.err" | head -20 >&2
  ws_fail "$cap: see MISMATCH lines above"
}
