#!/bin/sh
# check_expert.sh CTISCOPE CAPTURE - the plugin's expert items are the
# decoder's diagnostics: for every frame, the (severity, text) pairs of
# ccxcti.diag.error/warning/note that tshark reports are exactly the
# diagnostics `ctiscope` prints for the messages of that frame, and every
# header the CLI rejects for an impossible BodyLength is a "not CCX"
# expert item in the same frame.
set -u
ctiscope=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") capture=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" "$capture"
cap=$(basename "$capture")
tab=$(printf '\t') rs=$(printf '\036')

# CLI: "#<frame> ..." message lines, "    ! <sev> at offset N [Field]: text".
(cd "$(dirname "$capture")" && "$ctiscope" "$cap") 2>"$WS_TMP/cli.err" | awk -v OFS='\t' '
  /^#[0-9]+ / { frame = substr($1, 2) }
  /^    ! [0-9]+ more diagnostics not shown$/ { print frame, "note", $2 " more diagnostics not shown"; next }
  /^    ! / {
    sev = $2; line = $0
    sub(/^    ! [a-z]+ at offset [0-9]+( \[[^]]*\])?: /, "", line)
    print frame, sev, line
  }
  /!! error: BodyLength [0-9]+ at stream offset / { for (i = 1; i <= NF; i++) if ($i == "BodyLength") print frame, "garbage", $(i + 1) }
' | sort >"$WS_TMP/cli"
[ -x "$ctiscope" ] || ws_fail "$ctiscope not found"

# tshark: every expert item with its severity, group and text, per frame.
# TSHARK_OPTS: extra options for this capture (CMakeLists.txt sets
# -o tcp.reassemble_out_of_order:TRUE for captures whose segments are out of
# order, so that tshark, like the CLI, decodes them in sequence order).  The
# exit status is not checked: a capture cut short makes tshark exit 2 after
# printing every packet it read.
ws_tshark -2 ${TSHARK_OPTS:-} -r "$cap" -Y ccxcti -T fields -E "aggregator=$rs" \
  -e frame.number -e _ws.expert.severity -e _ws.expert.group -e _ws.expert.message \
  2>"$WS_TMP/err" >"$WS_TMP/raw"
awk -F'\t' -v OFS='\t' -v RSEP="$rs" '
  {
    n = split($2, sev, RSEP); split($3, grp, RSEP); split($4, msg, RSEP)
    for (i = 1; i <= n; i++) {
      s = sev[i] == 8388608 ? "error" : sev[i] == 6291456 ? "warning" : sev[i] == 4194304 ? "note" : "other"
      if (msg[i] ~ /^[0-9]+ bytes are not CCX messages either/) continue   # same run, later segment
      if (msg[i] ~ /^BodyLength [0-9]+ \(MessageTypeID [0-9]+\) exceeds the /) {
        split(msg[i], w, " "); print $1, "garbage", w[2]; continue
      }
      # decoder diagnostics: Malformed, Protocol, Comment groups
      if (grp[i] == 117440512 || grp[i] == 150994944 || grp[i] == 184549376) print $1, s, msg[i]
    }
  }' "$WS_TMP/raw" | sort >"$WS_TMP/ws"

if ! diff -u "$WS_TMP/cli" "$WS_TMP/ws"; then
  ws_fail "$cap: tshark's expert items (+) differ from ctiscope's diagnostics (-)"
fi
echo "ok: $cap: $(wc -l <"$WS_TMP/cli") diagnostics, same frames, severities and texts in tshark and ctiscope"
