#!/bin/sh
# write_fields.sh OUT - `tshark -G fields` with the plugin, into OUT: the
# type of every filter field, which the per-capture checks (agree.py) and
# the field checks read, so that tshark lists them once per run.
set -u
out=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
ws_tshark -G fields >"$WS_TMP/fields" 2>"$WS_TMP/err" || ws_fail "tshark -G fields failed: $(cat "$WS_TMP/err")"
grep -q "$(printf '\tccxcti.msg_type\t')" "$WS_TMP/fields" ||
  ws_fail "tshark -G fields does not list ccxcti.msg_type: the plugin is not loaded"
cp "$WS_TMP/fields" "$out" || ws_fail "cannot write $out"
echo "ok: $(wc -l <"$out") fields written to $out"
