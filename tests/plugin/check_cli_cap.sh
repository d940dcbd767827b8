#!/bin/sh
# check_cli_cap.sh PYTHON3 NAMES_PROGRAM CTISCOPE CAPTURE - the plugin and
# the CLI agree on every CAP document of CAPTURE: tshark -T json against
# ctiscope --json (cap_check.py cli): the same documents in the same
# frames, the same commandType, the same element and attribute values, the
# same diagnostics.  Skipped (exit 77) with a ctiscope that does not decode
# BroadWorks CAP (its --help does not mention it).
set -u
python=$1 names=$2 ctiscope=$(cd "$(dirname "$3")" && pwd)/$(basename "$3") capture=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
if ! "$ctiscope" --help 2>&1 | grep -q 'BroadWorks'; then
  echo "skipped: this ctiscope does not decode BroadWorks CAP (its --help does not say so)"
  exit 77
fi
(cd "$(dirname "$capture")" && env LC_ALL=C.UTF-8 "$ctiscope" --json "$cap") >"$WS_TMP/cli.jsonl" 2>/dev/null
"$names" >"$WS_TMP/names" || ws_fail "$names failed"
ws_tshark -2 ${TSHARK_OPTS:-} -r "$cap" -Y bwcap -T json -J "frame bwcap" >"$WS_TMP/ws.json" 2>"$WS_TMP/ws.err"
# no CAP at all (cap-not-cap): an empty list
[ -s "$WS_TMP/ws.json" ] || echo '[]' >"$WS_TMP/ws.json"
ws_tshark -G fields >"$WS_TMP/fields" 2>/dev/null
"$python" "$here/cap_check.py" cli "$WS_TMP/ws.json" "$WS_TMP/cli.jsonl" "$WS_TMP/fields" "$WS_TMP/names" ||
  ws_fail "$cap: tshark and ctiscope disagree (MISMATCH lines above)"
