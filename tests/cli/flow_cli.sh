#!/bin/sh
# flow_cli.sh CTISCOPE CAPTURES_DIR HOSTILE_DIR
# The call-flow options from the command line: help, usage errors, filters,
# --ascii, a ring buffer read as one timeline (ccx-ring-1 + ccx-ring-2 give
# exactly the calls of ccx-base, in every mode), every JSON line parsing,
# every CSV row having the header's columns.
set -u
LC_ALL=C.UTF-8; export LC_ALL   # the goldens have the arrows; under a non-UTF-8 locale ctiscope draws ASCII
ctiscope=$1 captures=$2 hostile=$3
case $ctiscope in /*) ;; *) ctiscope=$(pwd)/$ctiscope ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

xfer=$captures/ccx-transferred.pcapng

expect "--help" 0 "$ctiscope" --help
for opt in --calls --csv --agents --queues --summary --call --dn --agent --from --to --html "Call flows"; do
  has out "$opt"
done

# usage errors
expect "--csv without --calls" 2 "$ctiscope" --csv "$xfer"
has err "need --calls"
expect "--csv with --json" 2 "$ctiscope" --calls --csv --json "$xfer"
expect "--csv with --summary" 2 "$ctiscope" --calls --csv --summary "$xfer"
expect "--brief with --calls" 2 "$ctiscope" --brief --calls "$xfer"
expect "a time range without a flow mode" 2 "$ctiscope" --to 02:09:00 "$xfer"   # --dn alone is a per-message filter (issue 18)
expect "--from not a time" 2 "$ctiscope" --calls --from yesterday "$xfer"
has err "not a time"

# --html: a usage error creates no file; a file that cannot be written is
# status 1 with its reason; the report of a filtered capture holds its calls
report_dir=$tmp/html
mkdir -p "$report_dir"
expect "--html with --calls" 2 "$ctiscope" --html "$report_dir/r.html" --calls "$xfer"
has err "not with --calls"
expect "--html with --json" 2 "$ctiscope" --html "$report_dir/r.html" --json "$xfer"
expect "--html with a bad --from" 2 "$ctiscope" --html "$report_dir/r.html" --from yesterday "$xfer"
if [ -e "$report_dir/r.html" ]; then fail "a usage error created the report"; else ok "no report after usage errors"; fi
expect "--html into a missing folder" 1 "$ctiscope" --html "$report_dir/no/such/r.html" "$xfer"
has err "r.html: cannot write the report: No such file or directory"
expect "--html --call" 0 "$ctiscope" --html "$report_dir/r.html" --call 16777535 "$xfer"
count out "." 0
if [ "$(grep -c '"id":"16777535"' "$report_dir/r.html")" = 1 ] && ! grep -q '"id":"16777533"' "$report_dir/r.html"; then
  ok "--html --call 16777535: that call alone"
else
  fail "--html --call 16777535: the report does not hold that call alone"
fi

# filters
expect "--call" 0 "$ctiscope" --calls --call 16777535 "$xfer"
count out "^Call " 1
has out "merged into 16777533"
expect "--dn" 0 "$ctiscope" --calls --dn 2007 "$xfer"
count out "^Call " 2
expect "--agent" 0 "$ctiscope" --calls --csv --agent agt2007 "$xfer"
count out "^167775" 2
expect "--from/--to HH:MM:SS" 0 "$ctiscope" --calls --csv --from 02:08:34.6 --to 02:08:40 "$xfer"
count out "^167775" 1
has out "^16777533,"
expect "--from RFC 3339, --agents" 0 "$ctiscope" --agents --from 2026-11-22T02:08:34.6Z "$xfer"
count out "^  02:08:3[0-3]" 0
has out "not_ready"
expect "no call selected" 0 "$ctiscope" --calls --call 1 "$xfer"
has out "^No calls."
# --call finds a call by every id the wire knew it by, and JSON lists them
expect "--call a secondary id" 0 "$ctiscope" --calls --call 16777508 "$captures/ccx-queued-answered.pcapng"
count out "^Call " 1
has out "^Call 16777507 "
expect "--call a CAP callId" 0 "$ctiscope" --calls --call localHost220338:0 "$captures/cap-callcenter.pcapng"
count out "^Call " 1
has out "^Call agentid@broadsoft.com/localHost220338:0 .*answered$"
has out "also known as localHost220338:0"
expect "--call the conference's PrimaryCallID" 0 "$ctiscope" --calls --json --call 16777507 "$captures/ccx-conferenced.pcapng"
count out '"type":"call"' 1
has out '"id":"16777539",.*"known_as":\["16777539","16777507"\]'
expect "--call an extTrackingId" 0 "$ctiscope" --calls --json --call 171:1 "$captures/cap-callcenter.pcapng"
has out '"known_as":\["agentid@broadsoft.com/localHost220338:0","171:1","localHost220338:0"\]'


# a call across a capture gap says so, in every format
expect "gap: text" 0 "$ctiscope" --calls "$hostile/ccx-gap.pcap"
has out "^Call 16777507 .* answered, capture gap: events may be missing$"
has out "^  capture gap on its connection: #13 37 bytes from the server missing"
expect "gap: CSV" 0 "$ctiscope" --calls --csv "$hostile/ccx-gap.pcap"
has out ",gaps.$"
has out "^16777507,.*,13.$"
expect "gap: JSON" 0 "$ctiscope" --calls --json "$hostile/ccx-gap.pcap"
has out '"gaps":\[{"frame":13,"time":"[^"]*","missing_bytes":37,"from":"server"'

# --summary lists a retransmission that differs, with whose bytes it was
expect "retransmission differs: summary" 0 "$ctiscope" --summary "$hostile/ccx-retransmit-differs.pcap"
has out "^  #10 .* 127.0.0.1:50008 -> 127.0.0.1:42027: #10 from the server: retransmitted bytes differ from those already received: 55 bytes at stream offset 34 came again"
expect "retransmission differs: summary JSON" 0 "$ctiscope" --summary --json "$hostile/ccx-retransmit-differs.pcap"
has out '"malformed":{"count":3,"items":\[{"kind":"malformed","frame":10,.*"from":"server",.*"text":"[^"]*#10 from the server: retransmitted bytes differ'

# --ascii: nothing but ASCII in any text mode
expect "--ascii" 0 "$ctiscope" --ascii --calls --agents --queues --summary "$xfer"
if LC_ALL=C grep -q '[^ -~]' "$tmp/out"; then fail "--ascii output has non-ASCII bytes"; else ok "--ascii output is ASCII"; fi

# a file cut short: what was read is still rebuilt, exit 1
expect "truncated capture" 1 "$ctiscope" --calls --summary "$hostile/ccx-truncated.pcap"
has out "no end in the capture"
has err "truncated"

# Several files are one timeline: the ring buffer gives the calls of the
# whole capture, in every mode, every frame named by its file and its own
# number there (ring_frames.py names them back as one file's; column widths
# aside).  Given in the wrong order, the files are read in the right one.
n1=$("$ctiscope" --stats "$hostile/ccx-ring-1.pcap" 2>&1 >/dev/null | sed -n 's/^ctiscope: \([0-9]*\) frames.*/\1/p')
if command -v python3 >/dev/null 2>&1; then
  for mode in "--calls" "--calls --json" "--calls --csv" "--agents" "--queues" "--summary" "--summary --json"; do
    (cd "$hostile" && "$ctiscope" $mode ccx-base.pcap 2>&1) | tr -s ' ' >"$tmp/whole"
    (cd "$hostile" && "$ctiscope" $mode ccx-ring-1.pcap ccx-ring-2.pcap 2>&1) |
      python3 "$(dirname "$0")/ring_frames.py" "$n1" ccx-ring-1.pcap ccx-ring-2.pcap | tr -s ' ' >"$tmp/ring"
    if cmp -s "$tmp/whole" "$tmp/ring" && [ -s "$tmp/ring" ]; then
      ok "ring buffer $mode = the whole capture, frames renamed"
    else
      fail "ring buffer $mode differs from the whole capture"; diff "$tmp/whole" "$tmp/ring" | head
    fi
    (cd "$hostile" && "$ctiscope" $mode ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/right" 2>&1)
    (cd "$hostile" && "$ctiscope" $mode ccx-ring-2.pcap ccx-ring-1.pcap >"$tmp/wrong" 2>"$tmp/err")
    if cmp -s "$tmp/right" "$tmp/wrong" && grep -q "not in the order of their first packets" "$tmp/err"; then
      ok "ring buffer $mode, files in the wrong order: read in the right one, and said"
    else
      fail "ring buffer $mode, files in the wrong order"; diff "$tmp/right" "$tmp/wrong" | head; cat "$tmp/err"
    fi
  done
fi
(cd "$hostile" && "$ctiscope" --calls --csv ccx-ring-2.pcap ccx-ring-1.pcap >"$tmp/out" 2>&1)
has out "^16777507,ccx,127.0.0.1:42027,16777507,.*,ended,answered,"
count out "^16777507," 1
has out ",first_frame,first_file,last_frame,last_file,"
has out ",8,ccx-ring-1.pcap,11,ccx-ring-2.pcap,"
(cd "$hostile" && "$ctiscope" --calls ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out "frames ccx-ring-1.pcap#8.ccx-ring-2.pcap#11 "
has out "ended by CALL_CLEARED_EVENT ccx-ring-2.pcap#9 "
has out "^  02:11:11.279 ccx-ring-2.pcap#3 .*EventRinging (CALL_DELIVERED_EVENT"
# a range of frames in one of several files names that file once
(cd "$captures" && "$ctiscope" --calls ccx-queued-answered.pcapng ccx-transferred.pcapng >"$tmp/out" 2>&1)
has out "frames ccx-queued-answered.pcapng#8.#41 "
(cd "$captures" && "$ctiscope" --summary cap-callcenter.pcapng ccx-transferred.pcapng >"$tmp/out" 2>&1)
has out "; frames cap-callcenter.pcapng#15-#69$"
(cd "$hostile" && "$ctiscope" --calls --json ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out '"end_frame":9,"end_file":"ccx-ring-2.pcap"'
has out '"first_frame":8,"first_file":"ccx-ring-1.pcap","last_frame":11,"last_file":"ccx-ring-2.pcap"'
has out '{"time":"2026-11-22T02:11:11.279948Z","frame":3,"file":"ccx-ring-2.pcap","event":"EventRinging"'
(cd "$hostile" && "$ctiscope" --summary ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out "^  ccx-ring-2.pcap#18 127.0.0.1:50952 -> 127.0.0.1:42027: closed: CLOSE_REQ ccx-ring-2.pcap#15, CLOSE_CONF ccx-ring-2.pcap#16; connection end ccx-ring-2.pcap#18 (FIN); 12 messages, last ccx-ring-2.pcap#16"
(cd "$hostile" && "$ctiscope" --summary --json ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out '"kind":"session_end","frame":18,"file":"ccx-ring-2.pcap",'
has out '"request":{"message":"CLOSE_REQ","frame":15,"file":"ccx-ring-2.pcap",'
has out '"first_frame":4,"first_file":"ccx-ring-1.pcap","last_frame":16,"last_file":"ccx-ring-2.pcap","response_frame":16,"response_file":"ccx-ring-2.pcap"'

# --stats: each protocol has its own count of messages with warnings or
# errors (a CCX capture's problems are not CAP documents')
expect "--stats on CCX" 0 "$ctiscope" --stats --brief "$hostile/ccx-bad-fields.pcapng"
has err "19 CCX messages (10 with warnings or errors), 0 CAP documents, "
expect "--stats on CAP with OCI" 0 "$ctiscope" --stats --brief "$hostile/cap-oci.pcapng"
has err " 0 CCX messages, 14 CAP documents (0 with warnings or errors), 4 OCI documents "
expect "--stats with --summary" 0 "$ctiscope" --stats --summary "$hostile/ccx-bad-fields.pcapng"
has err "19 CCX messages (10 with warnings or errors), 0 CAP documents, "

# --summary counts messages as --stats does (a CAP document is one message,
# however many calls it updates)
for cap in "$captures"/*.pcap* "$hostile"/*.pcap*; do
  m=$("$ctiscope" --summary "$cap" 2>/dev/null | head -1 | grep -o '[0-9][0-9]* messages\{0,1\}' | cut -d' ' -f1)
  n=$("$ctiscope" --stats --brief "$cap" 2>&1 >/dev/null | tail -1 |
      grep -o '[0-9]* \(CCX messages\|CAP documents\|OCI documents\)' | awk '{ s += $1 } END { print s + 0 }')
  if [ -n "$m" ] && [ "$m" = "$n" ]; then ok "--summary messages = --stats: $(basename "$cap")"
  else fail "--summary says ${m:-?} messages, --stats $n: $(basename "$cap")"; fi
done

# A connection silent for over an hour (past any IdleTimeout) is closed and
# leaves memory; its next segment starts a new session.  ccx-base with the
# frames from #21 on moved 4000 s later (python3, when present).
if command -v python3 >/dev/null 2>&1; then
  python3 - "$hostile/ccx-base.pcap" "$tmp/silent.pcap" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
out, off, n = [d[:24]], 24, 0
while off + 16 <= len(d):
    ts, us, cl, ol = struct.unpack('<IIII', d[off:off + 16])
    n += 1
    out.append(struct.pack('<IIII', ts + (4000 if n > 20 else 0), us, cl, ol) + d[off + 16:off + 16 + cl])
    off += 16 + cl
open(sys.argv[2], 'wb').write(b''.join(out))
PY
  expect "a session silent for over an hour" 0 "$ctiscope" --summary "$tmp/silent.pcap"
  has out "· 2 sessions ·"
  has out "#21 .*silent for over an hour, forgotten (a later segment starts a new session): connection end #21 (idle); 7 messages, last #20"
  expect "the same, per message: one connection" 0 "$ctiscope" --brief --stats "$tmp/silent.pcap"
  has err " 0 stream problems"
fi

# JSON: every line of every mode parses and has its keys; CSV: every row has
# the header's columns (python3, when present).
if command -v python3 >/dev/null 2>&1; then
  for cap in "$captures"/*.pcap* "$hostile"/*.pcap*; do
    "$ctiscope" --calls --json "$cap" >"$tmp/calls.json" 2>/dev/null
    "$ctiscope" --agents --queues --summary --json "$cap" >"$tmp/other.json" 2>/dev/null
    "$ctiscope" --calls --csv "$cap" >"$tmp/calls.csv" 2>/dev/null
    if python3 -c '
import csv, json, sys
def once(kv):   # a key twice in one object is a mistake JSON readers hide
    names = [k for k, _ in kv]
    assert len(names) == len(set(names)), names
    return dict(kv)
keys = {"type","id","protocol","server","call_ids","known_as","merged_into","merged_from","state","outcome","gaps",
        "start","end","duration","parties","attached","variables","arrays","agents","queue","events"}
for line in open(sys.argv[1]):
    o = json.loads(line, object_pairs_hook=once)
    assert keys <= set(o), sorted(keys - set(o))
    for e in o["events"]:
        assert {"time","frame","event","message","this_dn","other_dn","cause","note"} <= set(e)
kinds = set()
for line in open(sys.argv[2]):
    kinds.add(json.loads(line, object_pairs_hook=once)["type"])
assert "summary" in kinds
rows = list(csv.reader(open(sys.argv[3], newline="")))
assert rows and rows[0][0] == "call_id"
for r in rows:
    assert len(r) == len(rows[0]), r
' "$tmp/calls.json" "$tmp/other.json" "$tmp/calls.csv"; then
      ok "JSON and CSV well-formed: $(basename "$cap")"
    else
      fail "JSON or CSV malformed: $(basename "$cap")"
    fi
  done
fi

# README.md's examples are ctiscope's real output: a block that starts with
# "$ build/decoder/cli/ctiscope ARGS" is its output (the lines it shows, in
# order, where it elides some with "..."); the call's JSON example has the
# keys of the real object, in order.
if command -v python3 >/dev/null 2>&1; then
  if (cd "$captures/.." && python3 - "$ctiscope" <<'PY'
import json, re, shlex, subprocess, sys
ctiscope = sys.argv[1]
text = open("README.md").read()
bad = 0
for m in re.finditer(r"^```\n\$ build/decoder/cli/ctiscope ([^\n]*)\n(.*?)^```$", text, re.M | re.S):
    want = m.group(2).rstrip("\n").split("\n")
    got = subprocess.run([ctiscope] + shlex.split(m.group(1)), capture_output=True, text=True).stdout.rstrip("\n").split("\n")
    if "..." in want:
        it = iter(got)
        ok = all(any(g == w for g in it) for w in want if w != "...")
    else:
        ok = want == got
    if not ok:
        bad += 1
        print("README example differs from the output of: ctiscope " + m.group(1))
m = re.search(r"^```json\n(\{\"type\":\"call\".*?)^```$", text, re.M | re.S)
ex = json.loads(m.group(1))
real = json.loads(subprocess.run([ctiscope, "--calls", "--json", "--call", ex["id"], "captures/ccx-transferred.pcapng"],
                                 capture_output=True, text=True).stdout)
def keys(o):
    return [k for k in o]
ev = [e for e in real["events"] if (e["frame"], e["event"]) == (ex["events"][0]["frame"], ex["events"][0]["event"])]
pa = [p for p in real["parties"] if p["dn"] == ex["parties"][0]["dn"]]
for a, b, what in [(ex, real, "call"), (ex["parties"][0], pa[0] if pa else {}, "party"),
                   (ex["events"][0], ev[0] if ev else {}, "event"), (ex["queue"], real["queue"], "queue")]:
    if keys(a) != keys(b) or (what != "call" and a != b):
        bad += 1
        print("README's call JSON example: the %s's keys differ: %s / %s" % (what, keys(a), keys(b)))
sys.exit(1 if bad else 0)
PY
  ); then ok "README examples are real output"; else fail "README examples are not the real output"; fi
fi

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
