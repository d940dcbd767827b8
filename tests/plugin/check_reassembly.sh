#!/bin/sh
# check_reassembly.sh PROTO CAPTURE... - the plugin reassembles messages
# (CCX) and documents (CAP) itself, with the decoder's framer
# (plugin/plugin_stream.h): at least one that came in three or more frames
# is shown whole, in the frame of its last bytes, with no error and no
# stream problem; the frames of its other bytes point to it; for CAP, a
# frame carries two or more documents.  (That every such message is cut
# where ctiscope cuts it is each capture's own test, agree.py.)  With the
# ring-buffer pair tests/hostile/ccx-ring-1/-2, the two files joined
# (mergecap -a, as a ring buffer is read) decode exactly as ccx-base.
set -u
proto=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
whole=0 several=0
for c in "$@"; do
  cap=$(basename "$c")
  case $cap in ccx-ring-*) continue ;; esac
  # one run: the frames that show a reassembled message and those that
  # hold bytes of one (separator ';': empty fields must stay fields)
  ws_tshark -2 -r "$cap" -Y "$proto.first_frame || $proto.reassembled_in" -T fields -E separator=';' \
    -E aggregator=, -e frame.number -e "$proto.first_frame" -e "$proto.reassembled_in" \
    -e _ws.expert.severity -e "$proto.stream_offset" >"$WS_TMP/r" 2>/dev/null
  while IFS=';' read -r frame first _ sev offs; do
    [ -n "$first" ] || continue
    for f in $(echo "$first" | tr , ' ' | tr ' ' '\n' | sort -un); do
      [ $((frame - f)) -ge 2 ] || continue   # bytes from three frames or more
      case ",$sev," in *,8388608,*) continue ;; esac
      # the first frame of its bytes says where it was completed
      awk -F';' -v f="$f" -v to="$frame" '$1 == f { n = split($3, r, ","); for (i = 1; i <= n; i++) if (r[i] == to) ok = 1 }
        END { exit !ok }' "$WS_TMP/r" ||
        ws_fail "$cap: frame $f holds bytes of the message shown in frame $frame but does not say so"
      whole=$((whole + 1))
      echo "ok: $cap frame $frame: a message from frames $f..$frame (stream offsets $offs), whole"
    done
  done <"$WS_TMP/r"
  if [ "$proto" = bwcap ] && [ "$several" = 0 ]; then
    n=$(ws_tshark -2 -r "$cap" -Y bwcap -T fields -e bwcap.command_type 2>/dev/null | grep -c ',')
    several=$((several + n))
  fi
done
[ "$whole" -gt 0 ] || ws_fail "no message reassembled from three or more frames in: $*"
if [ "$proto" = bwcap ]; then
  [ "$several" -gt 0 ] || ws_fail "no frame with two or more CAP documents in: $*"
  echo "ok: $several frames with several documents"
fi

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
