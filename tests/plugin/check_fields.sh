#!/bin/sh
# check_fields.sh NAMES_PROGRAM - every field of ccx_fields.def has its
# display-filter field in tshark (tshark -G fields).  The expected list
# comes from the tables themselves (ccx_filter_names).
set -u
names=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
"$names" | cut -f1 | sort -u >"$WS_TMP/expected" || ws_fail "$names failed"
ws_tshark -G fields 2>/dev/null | awk -F'\t' '$1 == "F" && $3 ~ /^ccxcti\./ { print $3 }' | sort -u >"$WS_TMP/have"
n=$(wc -l <"$WS_TMP/expected")
[ "$n" -gt 0 ] || ws_fail "no expected field names"
missing=$(comm -23 "$WS_TMP/expected" "$WS_TMP/have")
if [ -n "$missing" ]; then
  echo "$missing" >&2
  ws_fail "the fields above are in ccx_fields.def but tshark has no such filter field"
fi
for f in ccxcti.msg_type ccxcti.body_length ccxcti.call ccxcti.device ccxcti.response_in \
         ccxcti.request_in ccxcti.response_time; do
  grep -qx "$f" "$WS_TMP/have" || ws_fail "tshark has no $f"
done
echo "ok: all $n table fields have a ccxcti.* filter field ($(wc -l <"$WS_TMP/have") ccxcti fields in all)"
