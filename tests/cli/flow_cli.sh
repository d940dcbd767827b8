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
(cd "$hostile" && "$ctiscope" --calls --json ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out '"end_frame":9,"end_file":"ccx-ring-2.pcap"'
has out '"first_frame":8,"first_file":"ccx-ring-1.pcap","last_frame":11,"last_file":"ccx-ring-2.pcap"'
has out '{"time":"2026-11-22T02:11:11.279948Z","frame":3,"file":"ccx-ring-2.pcap","event":"EventRinging"'
(cd "$hostile" && "$ctiscope" --summary ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>&1)
has out "^  ccx-ring-2.pcap#18 127.0.0.1:50952 -> 127.0.0.1:42027: closed: CLOSE request ccx-ring-2.pcap#15, confirmation ccx-ring-2.pcap#16; connection end ccx-ring-2.pcap#18 (FIN)"

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
