#!/bin/sh
# check_cap.sh MODE PYTHON3 CAP_REFERENCE CAPTURE - the bwcap dissector and
# the shared CAP decoder agree on CAPTURE (cap_check.py MODE):
#   expert   expert items = the decoder's diagnostics, frame by frame, and
#            the same stream problems (cut, over the size cap, not CAP)
#   decoder  the same items (field and value) in every document, and the
#            generated bwcap.call / bwcap.user are its call and user ids
# The reference is cap_reference: the decoder and framer run on the
# capture with the project's own capture layer, no Wireshark involved.
set -u
mode=$1 python=$2 ref=$(cd "$(dirname "$3")" && pwd)/$(basename "$3") capture=$4
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
# The exit status is not checked: a capture cut short makes tshark exit 2
# after printing what it read.
ws_tshark -2 ${TSHARK_OPTS:-} -r "$cap" -Y bwcap -T json -J "frame bwcap" >"$WS_TMP/ws.json" 2>"$WS_TMP/ws.err"
# no CAP at all (cap-not-cap): an empty list
[ -s "$WS_TMP/ws.json" ] || echo '[]' >"$WS_TMP/ws.json"
ws_tshark -G fields >"$WS_TMP/fields" 2>/dev/null
# Same locale as tshark: GMarkup's messages (the XML errors) depend on it.
env LC_ALL=C.UTF-8 "$ref" "$capture" >"$WS_TMP/ref.jsonl" || ws_fail "$ref failed"
"$python" "$here/cap_check.py" "$mode" "$WS_TMP/ws.json" "$WS_TMP/ref.jsonl" "$WS_TMP/fields" ||
  ws_fail "$cap: tshark and the CAP decoder disagree (MISMATCH lines above)"
