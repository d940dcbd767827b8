#!/bin/sh
# check_streams.sh TCP_STREAMS CAPTURE... - the CLI names a TCP connection
# by Wireshark's tcp.stream (in its messages on stderr): for every capture,
# the tcp.stream the CLI's reassembly gives each TCP frame (tcp_streams) is
# the one tshark gives it; and read as one capture (a ring buffer), each
# file's frames have the numbers tshark gives them when that file is opened.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
tool=${1:?usage: check_streams.sh TCP_STREAMS CAPTURE...}
shift
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
fails=0 frames=0
: >"$WS_TMP/ws.all"
for c in "$@"; do
  b=$(basename "$c")
  ws_tshark -r "$b" -T fields -e frame.number -e tcp.stream 2>/dev/null |
    awk -F'\t' '$2 != "" { print $1 " " $2 }' >"$WS_TMP/ws"
  sed "s|^|$WS_TMP/cap/$b |" "$WS_TMP/ws" >>"$WS_TMP/ws.all"
  "$tool" "$WS_TMP/cap/$b" | sed 1d >"$WS_TMP/cli"
  if cmp -s "$WS_TMP/ws" "$WS_TMP/cli"; then
    frames=$((frames + $(wc -l <"$WS_TMP/ws")))
  else
    echo "MISMATCH $b (frame stream: tshark < > ctiscope):"
    diff "$WS_TMP/ws" "$WS_TMP/cli" | head -10
    fails=$((fails + 1))
  fi
done
# All of them read as one capture: each file numbered on its own.
n=$#
set --
for c in "$WS_TMP"/cap/*; do set -- "$@" "$c"; done
"$tool" "$@" | awk '/^== / { f = $2; next } { print f " " $0 }' | sort >"$WS_TMP/cli.all"
sort "$WS_TMP/ws.all" >"$WS_TMP/ws.sorted"
if ! cmp -s "$WS_TMP/ws.sorted" "$WS_TMP/cli.all"; then
  echo "MISMATCH the captures read as one:"
  diff "$WS_TMP/ws.sorted" "$WS_TMP/cli.all" | head -10
  fails=$((fails + 1))
fi
[ "$fails" = 0 ] || ws_fail "$fails captures where the tcp.stream numbers differ from tshark's"
echo "ok: $n captures, $frames TCP frames: the tcp.stream of every one is tshark's, alone and read as one capture"
