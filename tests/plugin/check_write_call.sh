#!/bin/sh
# check_write_call.sh CTISCOPE CAPTURE CALL
# -w with --call, as a new user would: the frames of one call written to a
# pcapng file, then that file decoded by ctiscope (with the same filter,
# exactly the messages the filter printed; without it, those and only the
# messages that share a TCP segment with one of them, since a frame is
# written whole; the bytes of the messages left out are capture gaps) and by
# tshark with the plugin (the same messages as ctiscope, in the same order).
# Environment: PLUGIN_DIR, TSHARK, PYTHON3.
set -u
ctiscope=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") capture=$2 call=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
out=$WS_TMP/cap/one-call.pcapng
"$ctiscope" -q --call "$call" -w "$out" "$capture" >"$WS_TMP/selected.txt" 2>"$WS_TMP/selected.err" ||
  ws_fail "ctiscope -w failed: $(cat "$WS_TMP/selected.err")"
chmod a+r "$out"
# the messages as text, without their frame and time (the written file
# numbers its frames anew, and a message behind a gap is shown at the end)
msgs() { grep -v -e '^-- ' -e ' !! ' "$1" | sed -E 's/^#[0-9]+ [0-9:.]+ //'; }
msgs "$WS_TMP/selected.txt" >"$WS_TMP/want"
[ -s "$WS_TMP/want" ] || ws_fail "--call $call selects nothing in $capture: the test would prove nothing"
"$ctiscope" -q --call "$call" "$out" >"$WS_TMP/again.txt" 2>/dev/null
msgs "$WS_TMP/again.txt" >"$WS_TMP/got"
if ! cmp -s "$WS_TMP/want" "$WS_TMP/got"; then
  diff "$WS_TMP/want" "$WS_TMP/got" >&2
  ws_fail "the written file does not decode to the selected messages (--call $call on it)"
fi
echo "ok: --call $call on the written file gives the $(wc -l <"$WS_TMP/got") selected messages"
# Without the filter: the selected messages, in order, and the others only
# where a frame carries a selected message too.
"$ctiscope" --json "$capture" 2>/dev/null >"$WS_TMP/orig.jsonl"
"$ctiscope" --json "$out" 2>/dev/null >"$WS_TMP/out.jsonl"
"$ctiscope" --json --call "$call" "$capture" 2>/dev/null >"$WS_TMP/sel.jsonl"
"${PYTHON3:-python3}" - "$WS_TMP/orig.jsonl" "$WS_TMP/sel.jsonl" "$WS_TMP/out.jsonl" <<'PY' || ws_fail "the written file has messages that share no frame with a selected one"
import json, sys
load = lambda p: [json.loads(l) for l in open(p)]
orig, sel, out = (load(p) for p in sys.argv[1:4])
# a message by its content (stream offsets change: the bytes between are gone)
key = lambda o: (o["src"], o["dst"], o["message"], json.dumps(o["fields"], sort_keys=True))
sel_keys = {key(o) for o in sel if o["message"]}
sel_frames = {o["frame"] for o in sel}
# a message may share a frame with a selected one when its bytes end there
# or begin there: the messages of the original completed in a selected
# message's frame, and the one right after each selected message
ok_keys = set(sel_keys)
msgs = [o for o in orig if o["message"]]
for i, o in enumerate(msgs):
    if o["frame"] in sel_frames or (i and key(msgs[i - 1]) in sel_keys and msgs[i - 1]["src"] == o["src"]):
        ok_keys.add(key(o))
got = [key(o) for o in out if o["message"]]
missing = sel_keys - set(got)
extra = [k for k in got if k not in ok_keys]
if missing or extra:
    print("missing", sorted(missing), "\nextra", extra)
    sys.exit(1)
print("ok: the written file has the %d selected messages and %d that share their frames"
      % (len(sel_keys), len(got) - len(sel_keys)))
PY
tcpdump_syn=$(ws_tshark -r one-call.pcapng -Y 'tcp.flags.syn == 1' 2>/dev/null | wc -l)
[ "$tcpdump_syn" -ge 2 ] || ws_fail "the written file has no handshake (SYN frames: $tcpdump_syn)"
# tshark with the plugin: the same message types as ctiscope, in the same
# order, so the selected ones too.  (Not frame for frame:
# behind the hole a left-out message leaves right after the handshake,
# ctiscope's reassembly waits until a later frame proves it a gap, as it
# does for a hole in any capture, where Wireshark passes it at once.)
ws_tshark -2 -r one-call.pcapng -T pdml -J "frame ccxcti" >"$WS_TMP/ws.pdml" 2>"$WS_TMP/ws.err"
"${PYTHON3:-python3}" - "$WS_TMP/ws.pdml" "$WS_TMP/out.jsonl" <<'PY' || ws_fail "tshark with the plugin decodes other messages from the written file than ctiscope"
import json, sys
import xml.etree.ElementTree as ET
ws = []
for proto in ET.parse(sys.argv[1]).getroot().iter("proto"):
    if proto.get("name") != "ccxcti":
        continue
    for f in proto.iter("field"):
        if f.get("name") == "ccxcti.msg_type":
            ws.append(int(f.get("show")))
cli = [o["type_id"] for o in map(json.loads, open(sys.argv[2])) if o["message"]]
if ws != cli:
    print("tshark:  ", ws, "\nctiscope:", cli)
    sys.exit(1)
print("ok: tshark with the plugin decodes the same %d messages, in the same order" % len(ws))
PY
