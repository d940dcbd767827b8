#!/bin/sh
# check_fields.sh NAMES_PROGRAM [ccxcti|bwcap] [FIELDS] - every field of ccx_fields.def has
# its display-filter field in tshark (tshark -G fields).  The expected list
# comes from the tables themselves (ccx_filter_names).  With "bwcap": every
# element and attribute of the CAP tables (cap_filter_names, from
# cap_element_filter / cap_attribute_filter) has its bwcap.* field, and
# bwcap has no field beyond those and the ones it adds on purpose.  FIELDS:
# the output of `tshark -G fields` already at hand (plugin_setup writes it).
set -u
names=$1 proto=${2:-ccxcti} fields=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
if [ -n "$fields" ]; then
  cp "$fields" "$WS_TMP/all_fields" || ws_fail "cannot read $fields"
else
  ws_tshark -G fields >"$WS_TMP/all_fields" 2>/dev/null
fi
"$names" | cut -f1 | sort -u >"$WS_TMP/expected" || ws_fail "$names failed"
if [ "$proto" = bwcap ]; then
  awk -F'\t' '$1 == "F" && $3 ~ /^bwcap\./ { print $3 }' "$WS_TMP/all_fields" | sort -u >"$WS_TMP/have"
  n=$(wc -l <"$WS_TMP/expected")
  [ "$n" -gt 0 ] || ws_fail "no expected field names"
  missing=$(comm -23 "$WS_TMP/expected" "$WS_TMP/have")
  if [ -n "$missing" ]; then
    echo "$missing" >&2
    ws_fail "the fields above are in the CAP tables but tshark has no such filter field"
  fi
  # Named in the brief of the dissector, and the fields it adds.
  for f in bwcap.command_type bwcap.user_type bwcap.user_id bwcap.user_uid bwcap.application_id \
           bwcap.call_id bwcap.ext_tracking_id bwcap.state bwcap.personality bwcap.release_cause \
           bwcap.remote_number bwcap.action_type bwcap.call bwcap.user bwcap.response_in \
           bwcap.request_in bwcap.response_time; do
    grep -qx "$f" "$WS_TMP/have" || ws_fail "tshark has no $f"
  done
  added="bwcap.unknown_element bwcap.unknown_attribute bwcap.text bwcap.not_cap bwcap.response_in
bwcap.request_in bwcap.response_time bwcap.oci.command bwcap.oci.session_id bwcap.oci.xml
bwcap.malformed bwcap.unknown bwcap.bad_value bwcap.failure.expert bwcap.diag.error bwcap.diag.warning
bwcap.diag.note bwcap.stream.error bwcap.stream.warning bwcap.stream.note bwcap.no_response
bwcap.stream_offset bwcap.first_frame bwcap.reassembled_in"
  # A flag (an EMPTY element without attributes, <initialUpdate/>) is a
  # boolean, true where present; the other table fields hold text or mark
  # a container.
  flags=$("$names" | awk -F'\t' '$5 == "flag" { print $1 }' | sort -u)
  [ -n "$flags" ] || ws_fail "the CAP tables name no flag element"
  for f in $flags; do
    t=$(awk -F'\t' -v f="$f" '$1 == "F" && $3 == f { print $4 }' "$WS_TMP/all_fields")
    [ "$t" = FT_BOOLEAN ] || ws_fail "$f is a flag (EMPTY, no attributes) but its field type is $t, not FT_BOOLEAN"
  done
  echo "ok: the flag elements are FT_BOOLEAN: $(echo $flags)"
  clash=$(printf '%s\n' $added | sort -u | comm -12 - "$WS_TMP/expected")
  [ -z "$clash" ] || ws_fail "fields added by the dissector clash with CAP table fields: $clash"
  extra=$(printf '%s\n' $added | cat - "$WS_TMP/expected" | sort -u | comm -13 - "$WS_TMP/have")
  [ -z "$extra" ] || ws_fail "bwcap fields neither in the CAP tables nor added on purpose: $extra"
  echo "ok: all $n CAP table fields have a bwcap.* filter field ($(wc -l <"$WS_TMP/have") bwcap fields in all)"
  exit 0
fi
awk -F'\t' '$1 == "F" && $3 ~ /^ccxcti\./ { print $3 }' "$WS_TMP/all_fields" | sort -u >"$WS_TMP/have"
n=$(wc -l <"$WS_TMP/expected")
[ "$n" -gt 0 ] || ws_fail "no expected field names"
missing=$(comm -23 "$WS_TMP/expected" "$WS_TMP/have")
if [ -n "$missing" ]; then
  echo "$missing" >&2
  ws_fail "the fields above are in ccx_fields.def but tshark has no such filter field"
fi
for f in ccxcti.msg_type ccxcti.body_length ccxcti.call ccxcti.device ccxcti.response_in \
         ccxcti.request_in ccxcti.response_time ccxcti.stream_offset ccxcti.first_frame \
         ccxcti.reassembled_in ccxcti.stream.error; do
  grep -qx "$f" "$WS_TMP/have" || ws_fail "tshark has no $f"
done
echo "ok: all $n table fields have a ccxcti.* filter field ($(wc -l <"$WS_TMP/have") ccxcti fields in all)"
