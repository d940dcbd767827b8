#!/bin/sh
# check_reassembly_cap.sh CAPTURE... - CAP documents have no length prefix:
# the dissector desegments until </BroadsoftDocument>.  Every document that
# TCP carried in two or more segments is whole (not cut; a commandType, or
# the XML error of a document broken on purpose, which the expert test
# holds to the decoder), at least one of them came in three or more
# segments, and at least one segment carries two or more documents.
# (Document boundaries equal to the shared framer's: plugin_decoder_*.)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
three=0 several=0
for c in "$@"; do
  cap=$(basename "$c")
  ws_tshark -2 -r "$cap" -Y 'bwcap && tcp.segment.count >= 2 && !bwcap.cut && !bwcap.not_cap' -T fields \
    -e frame.number -e tcp.segment.count -e tcp.reassembled.length -e bwcap.command_type \
    -e bwcap.malformed >"$WS_TMP/r" 2>/dev/null
  while IFS="$(printf '\t')" read -r frame nseg rlen cmd err; do
    [ -n "$cmd$err" ] ||
      ws_fail "$cap frame $frame: a document reassembled from $nseg segments has no commandType"
    [ "$nseg" -ge 3 ] && three=$((three + 1))
    echo "ok: $cap frame $frame: ${cmd:-not well-formed}, $rlen bytes from $nseg segments, whole"
  done <"$WS_TMP/r"
  n=$(ws_tshark -2 -r "$cap" -Y bwcap -T fields -e bwcap.command_type 2>/dev/null | grep -c ',')
  several=$((several + n))
done
[ "$three" -gt 0 ] || ws_fail "no CAP document in three or more TCP segments in: $*"
[ "$several" -gt 0 ] || ws_fail "no TCP segment with two or more CAP documents in: $*"
echo "ok: $three documents from 3+ segments, $several segments with several documents"
