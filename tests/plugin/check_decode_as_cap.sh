#!/bin/sh
# check_decode_as_cap.sh OTHER_PORT_CAPTURE CAP_CAPTURES... -- NOT_CAP_CAPTURES...
# BroadWorks CAP on TCP port 42030 (cap-other-port): found by the heuristic
# (bwcap_tcp); with the heuristic off, not decoded at all; with the
# heuristic off and Decode As (-d tcp.port==42030,bwcap), decoded exactly
# as the heuristic did.  Traffic that is not CAP (XML of other kinds, CCX
# CTI, HTTP) is never claimed by bwcap, and CAP is never claimed by ccxcti.
set -u
other=$1
shift
caps= notcaps= side=cap
for c in "$@"; do
  if [ "$c" = -- ]; then side=not; continue; fi
  if [ $side = cap ]; then caps="$caps $c"; else notcaps="$notcaps $c"; fi
done
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
# shellcheck disable=SC2086
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$other" $caps $notcaps
o=$(basename "$other")
fields="-T fields -e frame.number -e bwcap.command_type -e bwcap.call -e _ws.col.Info"
ws_tshark -2 -r "$o" -Y bwcap $fields >"$WS_TMP/heur" 2>/dev/null
[ -s "$WS_TMP/heur" ] || ws_fail "$o: the heuristic found no CAP document"
ws_tshark -2 -r "$o" --disable-heuristic bwcap_tcp -Y bwcap $fields >"$WS_TMP/off" 2>/dev/null
[ ! -s "$WS_TMP/off" ] || ws_fail "$o: CAP decoded with the heuristic disabled and no Decode As: $(cat "$WS_TMP/off")"
ws_tshark -2 -r "$o" --disable-heuristic bwcap_tcp -d tcp.port==42030,bwcap -Y bwcap $fields \
  >"$WS_TMP/da" 2>"$WS_TMP/da.err"
[ -s "$WS_TMP/da" ] || ws_fail "$o: nothing decoded with -d tcp.port==42030,bwcap: $(cat "$WS_TMP/da.err")"
diff -u "$WS_TMP/heur" "$WS_TMP/da" || ws_fail "$o: Decode As and the heuristic disagree (lines above)"
echo "ok: $o: $(wc -l <"$WS_TMP/da") CAP frames by Decode As on 42030 with the heuristic off, as by the heuristic"
for c in $notcaps; do
  n=$(basename "$c")
  ws_tshark -2 -r "$n" -Y bwcap $fields >"$WS_TMP/not" 2>/dev/null
  [ ! -s "$WS_TMP/not" ] || ws_fail "$n: traffic that is not CAP claimed as CAP: $(cat "$WS_TMP/not")"
  echo "ok: $n: nothing claimed by bwcap"
done
for c in $caps; do
  n=$(basename "$c")
  ws_tshark -2 -r "$n" -Y ccxcti -T fields -e frame.number -e _ws.col.Info >"$WS_TMP/not" 2>/dev/null
  [ ! -s "$WS_TMP/not" ] || ws_fail "$n: CAP claimed as CCX CTI: $(cat "$WS_TMP/not")"
  echo "ok: $n: nothing claimed by ccxcti"
done
