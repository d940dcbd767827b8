#!/bin/sh
# flow_cli.sh CTISCOPE CAPTURES_DIR HOSTILE_DIR
# The call-flow options from the command line: help, usage errors, filters,
# --ascii, a ring buffer read as one timeline (ccx-ring-1 + ccx-ring-2 give
# exactly the calls of ccx-base, in every mode), every JSON line parsing,
# every CSV row having the header's columns.
set -u
ctiscope=$1 captures=$2 hostile=$3
case $ctiscope in /*) ;; *) ctiscope=$(pwd)/$ctiscope ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

xfer=$captures/ccx-transferred.pcapng

expect "--help" 0 "$ctiscope" --help
for opt in --calls --csv --agents --queues --summary --call --dn --agent --from --to "Call flows"; do
  has out "$opt"
done

# usage errors
expect "--csv without --calls" 2 "$ctiscope" --csv "$xfer"
has err "need --calls"
expect "--csv with --json" 2 "$ctiscope" --calls --csv --json "$xfer"
expect "--csv with --summary" 2 "$ctiscope" --calls --csv --summary "$xfer"
expect "--brief with --calls" 2 "$ctiscope" --brief --calls "$xfer"
expect "a filter without a flow mode" 2 "$ctiscope" --dn 2005 "$xfer"
expect "--from not a time" 2 "$ctiscope" --calls --from yesterday "$xfer"
has err "not a time"

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

# --ascii: nothing but ASCII in any text mode
expect "--ascii" 0 "$ctiscope" --ascii --calls --agents --queues --summary "$xfer"
if LC_ALL=C grep -q '[^ -~]' "$tmp/out"; then fail "--ascii output has non-ASCII bytes"; else ok "--ascii output is ASCII"; fi

# a file cut short: what was read is still rebuilt, exit 1
expect "truncated capture" 1 "$ctiscope" --calls --summary "$hostile/ccx-truncated.pcap"
has out "no end in the capture"
has err "truncated"

# Several files are one timeline: the ring buffer gives the calls of the
# whole capture, in every mode.
for mode in "--calls" "--calls --json" "--calls --csv" "--agents" "--queues" "--summary" "--summary --json"; do
  (cd "$hostile" && "$ctiscope" $mode ccx-base.pcap >"$tmp/whole" 2>&1)
  (cd "$hostile" && "$ctiscope" $mode ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/ring" 2>&1)
  if cmp -s "$tmp/whole" "$tmp/ring" && [ -s "$tmp/ring" ]; then
    ok "ring buffer $mode = the whole capture"
  else
    fail "ring buffer $mode differs from the whole capture"; diff "$tmp/whole" "$tmp/ring" | head
  fi
done
(cd "$hostile" && "$ctiscope" --calls --csv ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out "^16777507,ccx,127.0.0.1:42027,16777507,.*,ended,answered,"

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
keys = {"type","id","protocol","server","call_ids","merged_into","merged_from","state","outcome",
        "start","end","duration","parties","attached","variables","arrays","agents","queue","events"}
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert keys <= set(o), sorted(keys - set(o))
    for e in o["events"]:
        assert {"time","frame","event","message","this_dn","other_dn","cause","note"} <= set(e)
kinds = set()
for line in open(sys.argv[2]):
    kinds.add(json.loads(line)["type"])
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

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
