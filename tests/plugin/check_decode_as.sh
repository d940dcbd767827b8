#!/bin/sh
# check_decode_as.sh OTHER_PORT_CAPTURE NOT_CCX_CAPTURE
# CCX on TCP port 42999: found by the heuristic; with the heuristic off,
# not decoded at all; with the heuristic off and Decode As
# (-d tcp.port==42999,ccxcti), decoded exactly as the heuristic did.  And
# traffic that is not CCX is never claimed.
set -u
other=$1 notccx=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$other" "$notccx"
o=$(basename "$other") n=$(basename "$notccx")
fields="-T fields -e frame.number -e ccxcti.msg_type -e _ws.col.Info"
ws_tshark -2 -r "$o" -Y ccxcti $fields >"$WS_TMP/heur" 2>/dev/null
[ -s "$WS_TMP/heur" ] || ws_fail "$o: the heuristic found no CCX message"
ws_tshark -2 -r "$o" --disable-heuristic ccxcti_tcp -Y ccxcti $fields >"$WS_TMP/off" 2>/dev/null
[ ! -s "$WS_TMP/off" ] || ws_fail "$o: CCX decoded with the heuristic disabled and no Decode As: $(cat "$WS_TMP/off")"
ws_tshark -2 -r "$o" --disable-heuristic ccxcti_tcp -d tcp.port==42999,ccxcti -Y ccxcti $fields \
  >"$WS_TMP/da" 2>"$WS_TMP/da.err"
[ -s "$WS_TMP/da" ] || ws_fail "$o: nothing decoded with -d tcp.port==42999,ccxcti: $(cat "$WS_TMP/da.err")"
diff -u "$WS_TMP/heur" "$WS_TMP/da" || ws_fail "$o: Decode As and the heuristic disagree (lines above)"
echo "ok: $o: $(wc -l <"$WS_TMP/da") CCX frames by Decode As on 42999 with the heuristic off, as by the heuristic"
ws_tshark -2 -r "$n" -Y ccxcti $fields >"$WS_TMP/not" 2>/dev/null
[ ! -s "$WS_TMP/not" ] || ws_fail "$n: non-CCX traffic claimed as CCX: $(cat "$WS_TMP/not")"
echo "ok: $n: nothing claimed"
