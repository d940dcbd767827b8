#!/bin/sh
# check_mivr_pcapng.sh CTISCOPE LOG... - a MIVR log written as a capture
# (ctiscope --write-pcapng, issue 14) opens in tshark with the plugin, as a
# new user would read it (tshark -r OUT -Y ccxcti), and shows the messages
# ctiscope shows for the log itself: the same ones, in the same order, with
# the same summary, each packet's comment naming the log file and line
# that ctiscope names.  Environment: PLUGIN_DIR, TSHARK (lib.sh).
set -u
ctiscope=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$@"
fails=0
for log in "$@"; do
  name=$(basename "$log")
  (cd "$WS_TMP/cap" && "$ctiscope" --year 2026 --write-pcapng "$name.pcapng" "$name") \
    2>"$WS_TMP/write.err" || { cat "$WS_TMP/write.err" >&2; ws_fail "$name: --write-pcapng failed"; }
  grep -q "$name.pcapng: [0-9]* messages in [0-9]* frames written" "$WS_TMP/write.err" ||
    ws_fail "$name: --write-pcapng did not say what it wrote"
  chmod a+r "$WS_TMP/cap/$name.pcapng"
  ws_tshark -r "$name.pcapng" -Y ccxcti -T fields -E separator=/t -e frame.comment -e _ws.col.Info \
    >"$WS_TMP/ws.txt" 2>"$WS_TMP/ws.err"
  # ctiscope -q: "LOG:LINE TIME SRC → DST SUMMARY"
  (cd "$WS_TMP/cap" && env LC_ALL=C.UTF-8 "$ctiscope" -q --year 2026 "$name") 2>/dev/null |
    grep -v '^-- ' | awk '{ l = $1; $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); print l "\t" $0 }' \
    >"$WS_TMP/cli.txt"
  if [ ! -s "$WS_TMP/cli.txt" ]; then
    echo "not ok - $name: ctiscope shows no message"; fails=$((fails + 1))
  elif cmp -s "$WS_TMP/ws.txt" "$WS_TMP/cli.txt"; then
    echo "ok - $name: tshark shows the $(wc -l <"$WS_TMP/cli.txt") messages ctiscope shows, at the same lines"
  else
    echo "not ok - $name: tshark (<) and ctiscope (>) differ:"
    diff "$WS_TMP/ws.txt" "$WS_TMP/cli.txt" | head -20
    head -5 "$WS_TMP/ws.err"
    fails=$((fails + 1))
  fi
done
[ "$fails" = 0 ]
