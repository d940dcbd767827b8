#!/bin/sh
# check_reassembly.sh CAPTURE... - messages that TCP carried in three or
# more segments are reassembled and decode whole: one CCX message whose
# 8 + BodyLength is exactly the reassembled length, with no decoder error,
# no "not a message" bytes and no malformed-packet exception.  When the
# ring-buffer pair tests/hostile/ccx-ring-1/-2 is given, the two files are
# joined (mergecap -a, as a ring buffer is read) and must decode exactly as
# ccx-base, the undamaged original.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
found=0
for c in "$@"; do
  cap=$(basename "$c")
  case $cap in ccx-ring-*) continue ;; esac
  ws_tshark -2 -r "$cap" -Y 'ccxcti && tcp.segment.count >= 3' -T fields -e frame.number \
    -e tcp.segment.count -e tcp.reassembled.length -e ccxcti.body_length -e ccxcti.msg_type \
    -e ccxcti.diag.error -e ccxcti.garbage -e _ws.malformed >"$WS_TMP/r" 2>"$WS_TMP/e"
  # (exit status not checked: a capture cut short makes tshark exit 2 after
  # printing every packet it read)
  while IFS="$(printf '\t')" read -r frame nseg rlen body type err garbage malformed; do
    found=$((found + 1))
    [ "$rlen" = $((body + 8)) ] ||
      ws_fail "$cap frame $frame: reassembled $rlen bytes in $nseg segments, but the message is 8 + $body"
    [ -z "$err$garbage$malformed" ] ||
      ws_fail "$cap frame $frame: message type $type reassembled from $nseg segments does not decode cleanly"
    echo "ok: $cap frame $frame: MessageTypeID $type, $rlen bytes from $nseg segments, decoded whole"
  done <"$WS_TMP/r"
done
[ "$found" -gt 0 ] || ws_fail "no message in three or more TCP segments in: $*"

# Ring buffer: the message split between the two files.
ring1= ring2= base=
for c in "$@"; do
  case $(basename "$c") in
    ccx-ring-1.*) ring1=$(basename "$c") ;;
    ccx-ring-2.*) ring2=$(basename "$c") ;;
    ccx-base.*) base=$(basename "$c") ;;
  esac
done
if [ -n "$ring1" ] && [ -n "$ring2" ] && [ -n "$base" ]; then
  command -v mergecap >/dev/null || ws_fail "mergecap (wireshark-common) is needed to join the ring files"
  mergecap -a -F pcap -w "$WS_TMP/cap/ring-joined.pcap" "$WS_TMP/cap/$ring1" "$WS_TMP/cap/$ring2" ||
    ws_fail "mergecap failed"
  chmod a+r "$WS_TMP/cap/ring-joined.pcap"
  ws_tshark -2 -r ring-joined.pcap -Y ccxcti -T fields -e ccxcti.msg_type -e _ws.col.Info >"$WS_TMP/ring" 2>/dev/null
  ws_tshark -2 -r "$base" -Y ccxcti -T fields -e ccxcti.msg_type -e _ws.col.Info >"$WS_TMP/base" 2>/dev/null
  diff -u "$WS_TMP/base" "$WS_TMP/ring" || ws_fail "$ring1 + $ring2 joined do not decode as $base"
  echo "ok: $ring1 + $ring2 joined decode as $base ($(wc -l <"$WS_TMP/base") packets)"
fi
