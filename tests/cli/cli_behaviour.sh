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
for opt in --brief --json --port --cap-port --no-heuristic --no-ccx-heuristic --no-cap-heuristic --show-reserved --ascii --stats --version "Exit status"; do
  has out "$opt"
done
expect "no file" 2 "$ctiscope"
has err "no capture file given"
expect "bad option" 2 "$ctiscope" --bogus "$cap"
has err "Try 'ctiscope --help'"
expect "bad port" 2 "$ctiscope" --port 70000 "$cap"
has err "not a TCP port"
expect "--brief with --json" 2 "$ctiscope" --brief --json "$cap"

# An option that takes no value given one (GLib would ignore the value and
# turn the option on): a usage error naming the argument, nothing decoded.
for arg in --json=0 --brief=no --no-heuristic=1 --stats= --calls=false; do
  expect "$arg" 2 "$ctiscope" "$arg" "$cap"
  has err "$arg: ${arg%%=*} takes no value"
  empty out
done
# ... but the value of an option that takes one may look like that.
expect "--call with a value that looks like an option" 0 "$ctiscope" --calls --call --json=0 "$cap"
has out "^No calls."
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
expect "retransmitted" 0 "$ctiscope" -q "$hostile/ccx-retransmit.pcap"
has out "CALL_DELIVERED_EVENT call=16777507"
has err "frame"

# Heuristic: CCX on port 42999 found; not with --no-heuristic; or with --port.
expect "other port, heuristic" 0 "$ctiscope" -q "$hostile/ccx-other-port.pcapng"
has out "AGENT_STATE_EVENT agt2006 (2006) AGENT_STATE_READY"
expect "other port, --no-heuristic" 0 "$ctiscope" -q --no-heuristic "$hostile/ccx-other-port.pcapng"
empty out
expect "other port, --port" 0 "$ctiscope" -q --no-heuristic --port 42999 "$hostile/ccx-other-port.pcapng"
has out "AGENT_STATE_EVENT"
expect "text on port 8080 is not CCX" 0 "$ctiscope" "$hostile/not-ccx.pcapng"
empty out
expect "other port, --no-cap-heuristic" 0 "$ctiscope" -q --no-cap-heuristic "$hostile/ccx-other-port.pcapng"
has out "AGENT_STATE_EVENT agt2006 (2006) AGENT_STATE_READY"
expect "other port, --no-ccx-heuristic" 0 "$ctiscope" -q --no-ccx-heuristic "$hostile/ccx-other-port.pcapng"
empty out
# The same for CAP (port 8012): --no-heuristic is both protocols.
expect "CAP on another port, heuristic" 0 "$ctiscope" -q "$hostile/cap-heur-split.pcap"
has out "infoResponse version=17.0"
expect "CAP on another port, --no-heuristic" 0 "$ctiscope" -q --no-heuristic "$hostile/cap-heur-split.pcap"
empty out
expect "CAP on another port, --no-cap-heuristic" 0 "$ctiscope" -q --no-cap-heuristic "$hostile/cap-heur-split.pcap"
empty out
expect "CAP on another port, --no-ccx-heuristic" 0 "$ctiscope" -q --no-ccx-heuristic "$hostile/cap-heur-split.pcap"
has out "infoResponse version=17.0"
expect "CAP on another port, --cap-port" 0 "$ctiscope" -q --no-heuristic --cap-port 8012 "$hostile/cap-heur-split.pcap"
has out "infoResponse version=17.0"
# --help says what --no-heuristic covers
expect "--help" 0 "$ctiscope" --help
has out "no-heuristic .*neither protocol"

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

# CAP: an element the DTDs declare EMPTY, there with nothing in it, is true
# in JSON (a flag); an empty element that holds text in the DTDs stays "".
if [ -f "$captures/cap-attendant.pcapng" ]; then
  expect "CAP flags" 0 "$ctiscope" --json "$captures/cap-attendant.pcapng" "$captures/cap-callcenter.pcapng"
  count out '"initialUpdate":true' 4
  count out '"initialUpdate":""' 0
  has out '"capVersionRequest":true'
  has out '"remoteName":""'
fi

# Several files are one capture: a ring buffer split inside a message that
# travels in three segments decodes as the whole capture, every frame named
# by its file and its number in that file (as Wireshark numbers it when
# that file is opened): ring_frames.py names them back as one file's, and
# that is the output on the whole capture (but for the column widths).
n1=$("$ctiscope" --stats "$hostile/ccx-ring-1.pcap" 2>&1 >/dev/null | sed -n 's/^ctiscope: \([0-9]*\) frames.*/\1/p')
if command -v python3 >/dev/null 2>&1; then
  for mode in "" --brief --json; do
    (cd "$hostile" && "$ctiscope" $mode ccx-base.pcap 2>&1) | tr -s ' ' >"$tmp/whole"
    (cd "$hostile" && "$ctiscope" $mode ccx-ring-1.pcap ccx-ring-2.pcap 2>&1) |
      python3 "$(dirname "$0")/ring_frames.py" "$n1" ccx-ring-1.pcap ccx-ring-2.pcap | tr -s ' ' >"$tmp/ring"
    if cmp -s "$tmp/whole" "$tmp/ring" && grep -q CALL_DELIVERED_EVENT "$tmp/ring"; then
      ok "ring buffer in two files $mode = the whole capture, frames renamed"
    else
      fail "ring buffer in two files $mode differs from the whole capture"; diff "$tmp/whole" "$tmp/ring" | head
    fi
  done
fi
# Each frame: its file and its own number; JSON "file" beside "frame"; one
# file alone: numbers only.
(cd "$hostile" && "$ctiscope" -q ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>"$tmp/err")
has out "^ccx-ring-1.pcap#8 .* BEGIN_CALL_EVENT call=16777507"
has out "^ccx-ring-2.pcap#3 .* CALL_DELIVERED_EVENT call=16777507"
count out "^#" 0
empty err
(cd "$hostile" && "$ctiscope" --json ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/out" 2>"$tmp/err")
has out '^{"frame":3,"file":"ccx-ring-2.pcap","time":"2026-11-22T02:11:11.279948Z".*"message":"CALL_DELIVERED_EVENT"'
count out '"file":' 12
(cd "$hostile" && "$ctiscope" --json ccx-ring-2.pcap >"$tmp/out" 2>"$tmp/err")
count out '"file":' 0
# A file named twice is one file among others: the second is another file.
# Its frames are named the same, and the files overlap in time: said.
(cd "$hostile" && "$ctiscope" -q ccx-ring-1.pcap ccx-ring-1.pcap >"$tmp/out" 2>"$tmp/err")
has err "ccx-ring-1.pcap: the files overlap in time: its first packet (2026-11-22T02:11:11.208554Z) is older than the last one of ccx-ring-1.pcap"

# Ring files given in the wrong order are read in the order of their first
# packets, and that is said: the same messages as in the right order.
(cd "$hostile" && "$ctiscope" -q ccx-ring-2.pcap ccx-ring-1.pcap >"$tmp/out" 2>"$tmp/err")
has err "^ctiscope: the files are not in the order of their first packets; read in that order: ccx-ring-1.pcap (2026-11-22T02:11:11.208554Z), ccx-ring-2.pcap (2026-11-22T02:11:11.269758Z)$"
count err . 1
(cd "$hostile" && "$ctiscope" -q ccx-ring-1.pcap ccx-ring-2.pcap >"$tmp/right" 2>&1)
if cmp -s "$tmp/out" "$tmp/right"; then ok "ring files in the wrong order: read as in the right one"; else fail "ring files in the wrong order differ"; diff "$tmp/right" "$tmp/out" | head; fi
# Files that overlap in time (ccx-ring-2 is a piece of ccx-base): said.
(cd "$hostile" && "$ctiscope" -q ccx-base.pcap ccx-ring-2.pcap >"$tmp/out" 2>"$tmp/err")
has err "^ctiscope: ccx-ring-2.pcap: the files overlap in time: its first packet (2026-11-22T02:11:11.269758Z) is older than the last one of ccx-base.pcap (2026-11-22T02:11:11.412209Z); connections and calls that run through both may be wrong$"
# stdin among files: kept open from the look at its first packet, read in its turn
(cd "$hostile" && "$ctiscope" -q - ccx-ring-1.pcap <ccx-ring-2.pcap >"$tmp/out" 2>"$tmp/err")
has out "^<stdin>#3 .* CALL_DELIVERED_EVENT call=16777507"
has err "read in that order: ccx-ring-1.pcap (.*), <stdin> ("
# "--" ends the options (GLib leaves it when what follows starts with "-")
expect "-- before the files" 0 "$ctiscope" -q -- "$cap"
has out "OPEN_REQ"

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
