#!/bin/sh
# check_crosscheck.sh PYTHON3 NAMES_PROGRAM CTISCOPE CAPTURE
# The plugin and the CLI agree on every message of CAPTURE: tshark -T json
# against ctiscope --json --show-reserved, field by field (crosscheck.py).
set -u
python=$1 names=$2 ctiscope=$(cd "$(dirname "$3")" && pwd)/$(basename "$3") capture=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
"$names" >"$WS_TMP/names" || ws_fail "$names failed"
# TSHARK_OPTS: extra options for this capture (CMakeLists.txt sets
# -o tcp.reassemble_out_of_order:TRUE for captures whose segments are out of
# order, so that tshark, like the CLI, decodes them in sequence order).  The
# exit status is not checked: a capture cut short makes tshark exit 2 after
# printing what it read.
ws_tshark -2 ${TSHARK_OPTS:-} -r "$cap" -T json -J "frame ccxcti" \
  >"$WS_TMP/ws.json" 2>"$WS_TMP/ws.err"
(cd "$(dirname "$capture")" && "$ctiscope" --json --show-reserved "$cap") >"$WS_TMP/cli.jsonl" 2>/dev/null
[ -s "$WS_TMP/ws.json" ] || ws_fail "tshark wrote nothing: $(cat "$WS_TMP/ws.err")"
"$python" "$here/crosscheck.py" "$WS_TMP/names" "$WS_TMP/ws.json" "$WS_TMP/cli.jsonl" ||
  ws_fail "$cap: tshark and ctiscope disagree (MISMATCH lines above)"
