#!/usr/bin/env bash
# make.sh - re-record the hostile captures (maintainer tool; the captures are
# committed and the tests only read them).  Needs: a build (cmake -B build),
# dumpcap (package tshark/wireshark-common), root or CAP_NET_RAW on lo, python3.
#
#   ccx-bad-fields   every decoder diagnostic, each followed by a valid message
#   ccx-garbage      non-CCX bytes between messages, a 2 GB BodyLength
#   ccx-cut          the connection reset in the middle of a message
#   ccx-other-port   CCX on port 42999, found by the heuristic
#   ccx-html         DNs, an agent and named variables holding markup, quotes,
#                    &, U+2028/9 and invalid UTF-8: the HTML report's escaping
#   not-ccx          HTTP-looking text on port 8080: must not be claimed
#   ccx-gap          ccx-base with the middle segment of a split message lost
#   ccx-reordered    ccx-base with two data segments swapped (out of order)
#   ccx-retransmit   ccx-base with a segment sent twice, once with other bytes
#                    (make_streams.py: ccx- and cap-retransmit-differs, more cases)
#   ccx-truncated    ccx-base cut in the middle of a frame record
#   ccx-base         the undamaged original of the four above
#   ccx-ring-1, -2   ccx-base split in two files inside the split message,
#                    as a ring buffer would: read together they must decode
#                    exactly as ccx-base
# The BroadWorks CAP hostile captures (cap-*.pcapng) are recorded by
# make-cap.sh.  The captures whose TCP needs more control than a replay
# gives (reordered, reused ports, a stream ending inside a message, the
# heuristic on split first messages, ...: *.pcap below) are synthesised
# by make_streams.py, which says what each holds.
# After re-recording, regenerate the golden files on purpose
# (tests/golden/update.sh build) and read the diff.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build}
replay=$build/captures/ctiscope-replay
[ -x "$replay" ] || { echo "make.sh: build first (cmake -S $root -B $build && cmake --build $build)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "make.sh: dumpcap not found (apt-get install tshark)" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

record() { # record FLOW PORT OUT FORMAT
  local flow=$1 port=$2 out=$3 fmt=$4
  dumpcap -q -i lo -f "tcp port $port" $fmt -w "$tmp/rec" 2>"$tmp/dumpcap.err" &
  pid=$!
  sleep 1.5   # dumpcap needs a moment before it captures
  "$replay" --port "$port" "$here/flows/$flow.flow"
  sleep 0.5
  kill -INT $pid
  wait $pid || true
  pid=
  # Nothing else may have used the port meanwhile: exactly one connection.
  local conns
  conns=$("$build/decoder/cli/ctiscope" --no-heuristic --port "$port" --json "$tmp/rec" 2>/dev/null |
          grep -o '"src":"[^"]*","dst":"[^"]*"' | tr -d '"' | awk -F'[,:]' '{ a = $2 ":" $3; b = $5 ":" $6; print (a < b) ? a " " b : b " " a }' | sort -u | wc -l)
  if [ "$port" != 8080 ] && [ "$conns" != 1 ]; then
    echo "make.sh: $flow: $conns connections recorded, expected 1 (something else used port $port?)" >&2
    exit 1
  fi
  cp "$tmp/rec" "$out"
  echo "recorded $out"
}

# ONLY=ccx-html: re-record that capture alone (the others stay as they are)
if [ "${ONLY:-}" = ccx-html ]; then
  record ccx-html 42027 "$here/ccx-html.pcapng" -n
  echo "done; now: tests/golden/update.sh $build && git diff tests/golden"
  exit 0
fi
record ccx-html       42027 "$here/ccx-html.pcapng" -n
record ccx-bad-fields 42027 "$here/ccx-bad-fields.pcapng" -n
record ccx-garbage    42027 "$here/ccx-garbage.pcapng" -n
record ccx-cut        42027 "$here/ccx-cut.pcapng" -n
record ccx-other-port 42999 "$here/ccx-other-port.pcapng" -n
record not-ccx        8080  "$here/not-ccx.pcapng" -n
record ccx-base       42027 "$tmp/base.pcap" -P

edit=$here/pcap_edit.py
# data frames of ccx-base: d1 OPEN_REQ, d2 OPEN_CONF, d3 BEGIN_CALL_EVENT,
# d4-d6 CALL_DELIVERED_EVENT in three segments, d7 CALL_ESTABLISHED_EVENT ...
python3 "$edit" "$tmp/base.pcap" "$here/ccx-gap.pcap" drop d5
python3 "$edit" "$tmp/base.pcap" "$here/ccx-reordered.pcap" swap d4
python3 "$edit" "$tmp/base.pcap" "$tmp/dup1.pcap" dup d3
python3 "$edit" "$tmp/dup1.pcap" "$here/ccx-retransmit.pcap" dup d8 FLIP
python3 "$edit" "$tmp/base.pcap" "$here/ccx-truncated.pcap" cut d7 40
python3 "$edit" "$tmp/base.pcap" "$here/ccx-ring-1.pcap" head d5
python3 "$edit" "$tmp/base.pcap" "$here/ccx-ring-2.pcap" tail d5
cp "$tmp/base.pcap" "$here/ccx-base.pcap"
python3 "$here/make_streams.py" "$here"   # reads ccx-base.pcap
echo "done; now: tests/golden/update.sh $build && git diff tests/golden"
