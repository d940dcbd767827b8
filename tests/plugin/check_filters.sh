#!/bin/sh
# check_filters.sh CCX_CAPTURE CAP_CAPTURE - the display filters the README
# and the plugin's README show work in this Wireshark series, with the
# frames they must select: enum values by name (a value_string, which 4.0
# needs: it takes no names from a range_string), message types by name,
# the generated call and device fields, CAP values, stream problems.
set -u
ccx=$(basename "$1") cap=$(basename "$2")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$1" "$2"
check() { # check CAPTURE FILTER WANTED_FRAMES
  got=$(ws_tshark -r "$1" -Y "$2" -T fields -e frame.number 2>"$WS_TMP/err" | tr '\n' ' ')
  [ "$got" = "$3" ] || ws_fail "$1: -Y '$2' selects [$got], expected [$3] $(cat "$WS_TMP/err")"
  echo "ok: $1: $2 -> $3"
}
check "$ccx" 'ccxcti.local_connection_state == "LCS_ALERTING"' "12 29 "
check "$ccx" 'ccxcti.local_connection_state == LCS_ALERTING' "12 29 "
check "$ccx" 'ccxcti.msg_type == "CALL_QUEUED_EVENT"' "16 "
check "$ccx" 'ccxcti.call == 16777508 && ccxcti.device == "2006"' "29 "
check "$ccx" 'ccxcti.agent_state == "AGENT_STATE_READY"' "21 23 39 "
check "$ccx" 'ccxcti.stream.error || ccxcti.diag.error' ""
check "$cap" 'bwcap.state == "2" && bwcap.command_type == "callUpdate"' "26 36 "
check "$cap" 'bwcap.command_type == "callUpdate" && bwcap.call contains "localHost"' "16 20 26 30 36 40 "
