#!/bin/sh
# check_family.sh CTISCOPE PROTO CAPTURE CALL_ID [PROTO CAPTURE CALL_ID ...] -
# one display filter for a call and the calls merged with it: with two
# passes, PROTO.call_family == CALL_ID (a consult call) selects
#   exactly the frames of the events of that call and of the calls ctiscope
#   --calls --json says it merged with (merged_into, merged_from), and the
#   frames whose messages name any of those calls (PROTO.call, which
#   agree.py checks against the CLI's call ids),
# so also frames of the other call that do not name CALL_ID; with one pass
# it selects nothing (the families are known once the capture is read).
# Environment: PLUGIN_DIR, TSHARK, PYTHON3.
set -u
ctiscope=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
caps=
i=0
for a in "$@"; do
  [ $((i % 3)) = 1 ] && caps="$caps $a"
  i=$((i + 1))
done
# shellcheck disable=SC2086
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}" $caps
frames() {   # frames() CAPTURE FILTER [-2]
  ws_tshark ${3:-} -o tcp.reassemble_out_of_order:TRUE -r "$1" -Y "$2" -T fields -e frame.number 2>/dev/null | sort
}
while [ $# -ge 3 ]; do
  proto=$1 cap=$(basename "$2") id=$3
  shift 3
  (cd "$WS_TMP/cap" && "$ctiscope" --calls --json "$cap") >"$WS_TMP/calls.json" || ws_fail "$cap: ctiscope failed"
  # the family from the CLI: the call, the calls it merged into or from (and
  # theirs); the frames of their events; the wire call ids they name
  "${PYTHON3:-python3}" - "$WS_TMP/calls.json" "$id" "$proto" "$WS_TMP" <<'PY' || ws_fail "$cap: no call $id"
import json, sys
calls = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
by_id = {i: c for c in calls for i in c["call_ids"]}
fam, todo = set(), [sys.argv[2]]
while todo:
    i = todo.pop()
    if i in fam or i not in by_id:
        continue
    c = by_id[i]
    fam.update(c["call_ids"])
    todo += ([c["merged_into"]] if c["merged_into"] else []) + c["merged_from"]
if sys.argv[2] not in fam or len(fam) < 2:
    sys.exit("call %s: no call merged with it (%r)" % (sys.argv[2], sorted(fam)))
frames = sorted({e["frame"] for c in calls if set(c["call_ids"]) & fam for e in c["events"]})
open(sys.argv[4] + "/events", "w").write("".join("%d\n" % f for f in frames))
# the message's call ids: CCX the number, CAP the callId of "<user>/<callId>"
ids = sorted(i.split("/", 1)[1] if sys.argv[3] == "bwcap" else i for i in fam)
fmt = '"%s"' if sys.argv[3] == "bwcap" else "%s"
open(sys.argv[4] + "/named", "w").write(" || ".join("%s.call == %s" % (sys.argv[3], fmt % i) for i in ids))
open(sys.argv[4] + "/self", "w").write("%s.call == %s" % (sys.argv[3], fmt % sys.argv[2].split("/", 1)[-1]))
print("%s: the CLI's family %s, %d frames of events" % (sys.argv[2], " ".join(sorted(fam)), len(frames)))
PY
  sort "$WS_TMP/events" >"$WS_TMP/events.s"
  frames "$cap" "$proto.call_family == \"$id\"" -2 >"$WS_TMP/family"
  frames "$cap" "$(cat "$WS_TMP/named")" -2 >"$WS_TMP/named.f"
  frames "$cap" "$(cat "$WS_TMP/self")" -2 >"$WS_TMP/self.f"
  frames "$cap" "$proto.call_family" >"$WS_TMP/one_pass"
  [ -s "$WS_TMP/family" ] || ws_fail "$cap: $proto.call_family == \"$id\" selects no frame"
  sort -u "$WS_TMP/events.s" "$WS_TMP/named.f" >"$WS_TMP/want"
  cmp -s "$WS_TMP/family" "$WS_TMP/want" ||
    ws_fail "$cap: $proto.call_family == \"$id\" selects $(tr '\n' ' ' <"$WS_TMP/family"), the events' frames and $(cat "$WS_TMP/named") $(tr '\n' ' ' <"$WS_TMP/want")"
  others=$(comm -23 "$WS_TMP/family" "$WS_TMP/self.f" | wc -l)
  [ "$others" -gt 0 ] || ws_fail "$cap: $proto.call_family == \"$id\" selects only the frames that name $id"
  [ ! -s "$WS_TMP/one_pass" ] || ws_fail "$cap: $proto.call_family is there in one pass: $(tr '\n' ' ' <"$WS_TMP/one_pass")"
  echo "ok: $cap: $proto.call_family == \"$id\": $(wc -l <"$WS_TMP/family") frames, $others of them not naming $id"
done
[ $# = 0 ] || ws_fail "arguments left over: $*"
