#!/bin/sh
# cli_behaviour.sh CTISCOPE CAPTURES_DIR HOSTILE_DIR
# The command-line contract: help, usage errors, exit statuses, stdin,
# errors on stderr naming file and frame, several files as one capture,
# --port and --no-heuristic, --json being one valid JSON object per line.
set -u
ctiscope=$1 captures=$2 hostile=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

cap=$captures/ccx-queued-answered.pcapng
[ -f "$cap" ] || cap=$hostile/ccx-garbage.pcapng

expect "--help" 0 "$ctiscope" --help
for opt in --brief --json --port --no-heuristic --show-reserved --ascii --stats --version "Exit status"; do
  has out "$opt"
done
expect "no file" 2 "$ctiscope"
has err "no capture file given"
expect "bad option" 2 "$ctiscope" --bogus "$cap"
has err "Try 'ctiscope --help'"
expect "bad port" 2 "$ctiscope" --port 70000 "$cap"
has err "not a TCP port"
expect "--brief with --json" 2 "$ctiscope" --brief --json "$cap"
expect "missing file" 1 "$ctiscope" "$tmp/nope.pcap"
has err "nope.pcap"
empty out
echo "not a capture" >"$tmp/text.pcap"
expect "not a capture file" 1 "$ctiscope" "$tmp/text.pcap"
has err "text.pcap"

# A missing file among good ones: the good ones are still decoded, exit 1.
expect "missing file among good ones" 1 "$ctiscope" -q "$tmp/nope.pcap" "$cap"
has out "OPEN_REQ"

# stdin gives the same output as the file.
"$ctiscope" "$cap" >"$tmp/a" 2>&1
"$ctiscope" - <"$cap" >"$tmp/b" 2>&1
if cmp -s "$tmp/a" "$tmp/b"; then ok "stdin = file"; else fail "stdin differs from file"; fi

# The truncated file: messages before the cut decoded, the cut on stderr, exit 1.
expect "truncated capture" 1 "$ctiscope" -q "$hostile/ccx-truncated.pcap"
has err "ccx-truncated.pcap"
has err "truncated"
has out "CALL_DELIVERED_EVENT"

# A gap: reported with its size, later messages decoded.
expect "gap" 0 "$ctiscope" -q "$hostile/ccx-gap.pcap"
has out "capture gap: [0-9]* bytes missing"
has out "CLOSE_CONF"

# Out of order and retransmitted segments: every message, no error item.
expect "reordered" 0 "$ctiscope" -q "$hostile/ccx-reordered.pcap"
has out "CALL_DELIVERED_EVENT call=16777507"
if grep -q '!!' "$tmp/out"; then fail "reordered: unexpected stream error"; else ok "reordered: no stream error"; fi
# A retransmission with other bytes: a stream problem of its frame (the
# first copy decoded), in text, JSON and the summary; nothing on stderr.
expect "retransmitted" 0 "$ctiscope" -q "$hostile/ccx-retransmit.pcap"
has out "CALL_DELIVERED_EVENT call=16777507"
has out "#19 .* !! warning: retransmitted bytes differ from those already received: 86 bytes at stream offset 200 came again, the first difference at stream offset 285; the first copy is decoded"
empty err
expect "retransmitted, JSON" 0 "$ctiscope" --json "$hostile/ccx-retransmit.pcap"
has out '"frame":19,.*"stream_offset":200,"message":null,.*"severity":"warning",.*"text":"retransmitted bytes differ'
expect "retransmitted, summary" 0 "$ctiscope" --summary "$hostile/ccx-retransmit.pcap"
has out "#19 .*: #19: retransmitted bytes differ"

# Timestamps out of range (a pcapng whose clock says year 5e12, found by
# fuzz_pcap): each frame says so on stderr, and is shown at the last time
# RFC 3339 can write, never a wrapped-around one.
bad_time=$hostile/../fuzz/regress/pcap/timestamp-past-9999.pcapng
expect "timestamps past year 9999 (the file is cut short too)" 1 "$ctiscope" --json "$bad_time"
has err "frame 4: timestamp 179531329606061305 s 900000 us is out of range (1970 to 9999, microseconds 0-999999): taken as 9999-12-31T23:59:59.900000Z"
has out '"time":"9999-12-31T23:59:59'
expect "timestamps past year 9999, call flows" 1 "$ctiscope" --summary "$bad_time"
has out "9999-12-31 23:59:59"

# Heuristic: CCX on port 42999 found; not with --no-heuristic; or with --port.
expect "other port, heuristic" 0 "$ctiscope" -q "$hostile/ccx-other-port.pcapng"
has out "AGENT_STATE_EVENT agt2006 (2006) AGENT_STATE_READY"
expect "other port, --no-heuristic" 0 "$ctiscope" -q --no-heuristic "$hostile/ccx-other-port.pcapng"
empty out
expect "other port, --port" 0 "$ctiscope" -q --no-heuristic --port 42999 "$hostile/ccx-other-port.pcapng"
has out "AGENT_STATE_EVENT"
expect "text on port 8080 is not CCX" 0 "$ctiscope" "$hostile/not-ccx.pcapng"
empty out

# JSON: one object per line, each parses (python3 if present, else a shape check).
expect "json" 0 "$ctiscope" --json "$hostile/ccx-bad-fields.pcapng"
if command -v python3 >/dev/null 2>&1; then
  if python3 -c '
import json, sys
n = 0
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert set(["frame", "time", "src", "dst", "protocol", "message", "fields", "diagnostics"]) <= set(o), line
    n += 1
assert n > 0
' "$tmp/out"; then ok "every JSON line parses"; else fail "JSON does not parse"; fi
else
  if grep -qv '^{.*}$' "$tmp/out"; then fail "JSON lines shape"; else ok "JSON lines shape"; fi
fi

# Several files are one capture: a ring buffer split inside a message that
# travels in three segments decodes exactly as the whole capture.
(cd "$hostile" && "$ctiscope" ccx-base.pcap >"$tmp/whole" 2>&1)
(cd "$hostile" && "$ctiscope" ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/ring" 2>&1)
if cmp -s "$tmp/whole" "$tmp/ring" && grep -q CALL_DELIVERED_EVENT "$tmp/ring"; then
  ok "ring buffer in two files = the whole capture"
else
  fail "ring buffer in two files differs from the whole capture"; diff "$tmp/whole" "$tmp/ring" | head
fi

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
