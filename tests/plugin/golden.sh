#!/bin/sh
# golden.sh MODE CAPTURE GOLDEN [--update]
# Runs tshark with the plugin on CAPTURE and compares stdout, stderr and the
# exit status, line by line, with GOLDEN (diff -u).  Environment:
# PLUGIN_DIR (the build's plugin-dir), TSHARK (default: tshark).  Captures
# named cap-* are BroadWorks CAP (dissector bwcap), the others CCX CTI
# (ccxcti):
#   fields   -T fields: frame.number, ccxcti.msg_type, ccxcti.call, Info
#            (bwcap: frame.number, bwcap.command_type, bwcap.call,
#            bwcap.user, bwcap.request_in, bwcap.response_in, Info)
#   verbose  the packet details of the dissector (-O ccxcti / -O bwcap: the
#            other protocols one line each, so the file pins this plugin,
#            not TCP's tree)
#   ztree    -z ccxcti,tree / -z bwcap,tree       (stats tree)
#   zflow    -z flow,ccxcti,standard / -z flow,bwcap,standard   (sequence analysis)
# Every mode reads the file twice (-2): request/response links and
# "no response" need the second pass.  Goldens change only on purpose:
# update-golden.sh.
set -u
mode=$1 capture=$2 golden=$3 update=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
case $cap in
  cap-*) proto=bwcap fields="-e frame.number -e bwcap.command_type -e bwcap.call -e bwcap.user -e bwcap.request_in -e bwcap.response_in" ;;
  *)     proto=ccxcti fields="-e frame.number -e ccxcti.msg_type -e ccxcti.call" ;;
esac
case $mode in
  fields)  set -- -2 -r "$cap" -T fields $fields -e _ws.col.Info ;;
  verbose) set -- -2 -r "$cap" -O $proto ;;
  ztree)   set -- -2 -q -r "$cap" -z $proto,tree ;;
  zflow)   set -- -2 -q -r "$cap" -z flow,$proto,standard ;;
  *) echo "golden.sh: unknown mode $mode" >&2; exit 2 ;;
esac
out=$WS_TMP/out
ws_tshark "$@" >"$out" 2>"$out.err"
status=$?
# tshark 4.0's ASCII flow graph trips a GLib assertion (g_string_erase) for
# every arrow when both ends of a conversation share one IP address (all
# the captures are recorded on loopback).  The lines carry tshark's pid and
# the wall-clock time, so they are dropped; the graph itself is kept.
grep -v 'GLib CRITICAL.*g_string_erase: assertion' "$out.err" >"$out.err2"
{ echo "== stderr =="; cat "$out.err2"; echo "== exit $status =="; } >>"$out"
if [ "$update" = --update ]; then
  cp "$out" "$golden" || exit 1
  echo "wrote $golden"
  exit 0
fi
[ -f "$golden" ] || ws_fail "missing golden file $golden (create it with $here/update-golden.sh)"
if ! diff -u "$golden" "$out"; then
  ws_fail "tshark $* differs from $golden (lines above)"
fi
echo "ok: $(wc -l <"$golden") lines match $golden"
