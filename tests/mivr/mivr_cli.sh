#!/bin/sh
# mivr_cli.sh CTISCOPE REPO - MIVR trace logs as input (issue 14): the
# chapter-11 trace decoded as the wire decoder decodes its bytes; every bad
# line reported with file and line; --year, --tz and their messages; logs
# found by their content, read beside captures; "source" in JSON; and the
# shipped logs (captures/logs/) giving the calls and messages of the
# captures of the same flows (same_calls.py).
set -u
ctiscope=$1 repo=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$repo/tests/cli/lib.sh"
cd "$here"

expect "--help" 0 "$ctiscope" --help
for opt in --year --tz --write-pcapng "MIVR log" "ctiscope --year 2026 --write-pcapng mivr.pcapng MIVR01.log"; do
  has out "$opt"
done

# Chapter 11's own low-level trace: its first MDATA row has 15 bytes where
# 16 are needed.  The reader says which row, and gives the 61 bytes on as
# they are; the wire decoder then reports the message cut short, as it
# does for those bytes in a capture.
expect "chapter 11 trace" 0 "$ctiscope" --year 2026 ch11-binary.log
has err "ch11-binary.log: its lines carry no year: 2026 taken from --year"
has err "ch11-binary.log:3: MDATA row 0000 has 15 bytes where a row before the last has 16"
has err "ch11-binary.log:1: MDATA has 53 bytes where MHDR's BodyLength says 54 (at the end of the file)"
has out "ch11-binary.log:1 14:43:59.435000 192.0.2.1:42027 → 192.0.2.2:40000 !! error: stream ended (end of capture) inside a message at stream offset 0: 61 of 62 bytes (MessageTypeID 23)"
has out "^-- 2026-11-20 (UTC) --"

# Time zones: EDT from the table (UTC-4); --tz overrides it.
expect "--tz +00:00" 0 "$ctiscope" -q --year 2026 --tz +00:00 ch11-binary.log
has out "ch11-binary.log:1 10:43:59.435000 "
expect "--tz PST" 0 "$ctiscope" -q --year 2026 --tz PST ch11-binary.log
has out "ch11-binary.log:1 18:43:59.435000 "
expect "--tz bogus" 2 "$ctiscope" --tz XYZ ch11-binary.log
has err "\-\-tz XYZ: not an abbreviation of the table"
expect "--year 99" 2 "$ctiscope" --year 99 ch11-binary.log
has err "\-\-year 99: a year from 1970 to 9999"
sed 's/ EDT / QQT /' ch11-binary.log > "$tmp/qqt.log"
expect "unknown zone" 0 "$ctiscope" -q --year 2026 "$tmp/qqt.log"
has err "qqt.log:1: time zone \"QQT\" is not in ctiscope's table: its times are read as UTC (--tz sets the offset)"
has out "qqt.log:1 10:43:59.435000 "

# No --year: the year of the file's modification time, said on stderr.
cp ch11-binary.log "$tmp/old.log"
touch -d 2024-12-01T00:00:00Z "$tmp/old.log"
expect "year from mtime" 0 "$ctiscope" -q "$tmp/old.log"
has err "old.log: its lines carry no year: 2024 taken from the file's modification time (--year sets it)"
has out "^-- 2024-11-20 (UTC) --"
# ... a line of a later month than the file's modification time is of the
# year before (a log written over the new year).
touch -d 2025-01-05T00:00:00Z "$tmp/old.log"
expect "year from mtime, new year" 0 "$ctiscope" -q "$tmp/old.log"
has err "old.log: its lines carry no year: 2025 taken from the file's modification time (2025-01; 2024 for lines of a later month) (--year sets it)"
has out "^-- 2024-11-20 (UTC) --"

# Found by content, whatever the name; beside a capture in one run (the
# capture's frames are named by file#frame, the log's by file:line).
cp ch11-binary.log "$tmp/trace.pcap"
expect "a log named .pcap" 0 "$ctiscope" -q --year 2026 "$tmp/trace.pcap"
has out "trace.pcap:1 14:43:59.435000 "
expect "log and capture" 0 "$ctiscope" -q --year 2026 ch11-binary.log "$repo/captures/ccx-hex-trace.pcapng"
has out "ch11-binary.log:1 14:43:59.435000 192.0.2.1:42027"
has out "ccx-hex-trace.pcapng#8 .* BEGIN_CALL_EVENT call=16777488"

# Two logs that overlap in time (the same flow in both forms): said, as
# for captures.
expect "overlapping logs" 0 "$ctiscope" -q --year 2026 "$repo/captures/logs/ccx-transferred.log" "$repo/captures/logs/ccx-transferred-text.log"
has err "ccx-transferred-text.log: the files overlap in time: its first packet (2026-11-22T02:08:26.409000Z) is older than the last one of .*ccx-transferred.log (2026-11-22T02:08:37.686000Z)"

# JSON: "source" (file and line) and "from" instead of frame and addresses.
expect "json" 0 "$ctiscope" --json --year 2026 ../../captures/logs/ccx-hex-trace.log
has out '^{"source":{"file":"../../captures/logs/ccx-hex-trace.log","line":2},"time":"2026-11-22T02:07:59.294000Z","from":"client","protocol":"ccx","stream_offset":0,"message":"OPEN_REQ"'
has out '"from":"server","protocol":"ccx","stream_offset":[0-9]*,"message":"BEGIN_CALL_EVENT"'

# High-level (text) traces: chapter 11's Example 1, its names mapped to the
# spec's (connectionCallID is CallID, ani2 is ANI), "null" absent
# (dialedNumber), reserved fields (monitorID ...) as the spec states them.
expect "chapter 11 text trace" 0 "$ctiscope" --year 2026 ch11-text.log
has out "ch11-text.log:1 14:43:59.435000 192.0.2.1:42027 → 192.0.2.2:40000 BEGIN_CALL_EVENT call=16777488 dev=9026"
has out '^    CallID: 16777488$'
has out '^    ANI: "2006"$'
has out '^    DNIS: "7000"$'
has out '^    CallType: 1 (CALLTYPE_CCX_IN)$'
count out "DialedNumber" 0
count out "CallVariable" 0
count err "ch11-text.log:[0-9]" 0
# Both forms of the same message (Examples 1 and 2, same time): one message,
# from the low-level trace's bytes (here with the byte the PDF lost).
expect "both forms" 0 "$ctiscope" -q --year 2026 ch11-both.log
count out "BEGIN_CALL_EVENT" 1
has out "ch11-both.log:12 14:43:59.435000 .* BEGIN_CALL_EVENT call=16777488 dev=9026"
has err "ch11-both.log:1: this high-level trace and the low-level trace of line 12 are the same message: read once, from the low-level trace's bytes"
# Bad high-level traces, each with its file and line.
expect "bad text traces" 0 "$ctiscope" -q --year 2026 bad-text.log
has out "bad-text.log:1 02:08:16.060000 192.0.2.2:40000 → 192.0.2.1:42027 OPEN_REQ invoke=1"
has out "bad-text.log:4 02:08:16.070000 192.0.2.1:42027 → 192.0.2.2:40000 OPEN_CONF invoke=1"
has out "bad-text.log:15 02:08:16.110000 unknown → unknown HEARTBEAT_CONF invoke=3"
has out "bad-text.log:18 02:08:16.120000 192.0.2.1:42027 → 192.0.2.2:40000 CALL_DEQUEUED_EVENT call=16777507 LCS_CONNECT"
has err 'bad-text.log:1: OPEN_REQ: field "fooBar" (value "7") is not in ctiscope.s table of trace names: left out'
has err 'bad-text.log:4: OPEN_CONF: field "ani2" (value "2005") is not a field of this message in the spec: left out'
has err "bad-text.log:9: high-level trace not read: type=NO_SUCH_EVENT is no message of the spec"
has err 'bad-text.log:12: a high-level trace without its closing "}" before the next ICD_CTI line: no message read'
has err 'bad-text.log:21: high-level trace not read: "many" is not a value name of InvokeID'

# Every bad line, with its file and line; what can be read is decoded.
expect "bad lines" 0 "$ctiscope" -q --year 2026 bad-lines.log
has err "bad-lines.log:6: a trace line (\"writing...\") without its MHDR line: no message read"
has err "bad-lines.log:7: MHDR (BodyLength 26) without MDATA before the next trace: the header alone is read"
has err "bad-lines.log:9: MDATA has 16 bytes where MHDR's BodyLength says 26 (before the next trace)"
has err "bad-lines.log:14: bad hex digit in MDATA row 0000, column 47: the rest of the row is not read"
has err "bad-lines.log:19: MDATA row 0020 follows row 0000: a row is missing or out of order"
has err "bad-lines.log:21: MDATA without MHDR before it: not read"
has err "bad-lines.log:23: MHDR's BodyLength 65536 is over 32768: no message read"
has err "bad-lines.log:24: MHDR without a trace line before it: its direction is unknown"
has err "bad-lines.log:31: the message of line 27 traced again (another processing stage): read once"
has err "bad-lines.log:35: MDATA has 16 bytes where MHDR's BodyLength says 26 (at the end of the file)"
has out "bad-lines.log:1 02:08:16.070000 192.0.2.1:42027 → 192.0.2.2:40000 OPEN_CONF invoke=1"
has out "bad-lines.log:24 02:08:16.140000 unknown → unknown OPEN_CONF invoke=6"
count out "OPEN_CONF invoke=7" 1
count err "SS_TEL" 0
expect "bad lines, calls" 0 "$ctiscope" --calls --year 2026 bad-lines.log
has err "bad-lines.log:24: the message's direction is unknown: it is left out of the call flows"

# A line longer than the cap inside a trace: read up to the cap, said.
{ head -3 bad-lines.log; printf '0010: 00 00 00 00 00 01 00 00 00 00 %5000s\n' x; } > "$tmp/long.log"
expect "long line" 0 "$ctiscope" -q --year 2026 "$tmp/long.log"
has err "long.log:4: line longer than 4096 characters: read up to there"
has out "long.log:1 .* OPEN_CONF invoke=1"

# Every output and filter applies to a log.
log=$repo/captures/logs/ccx-transferred.log
expect "--calls --csv --call" 0 "$ctiscope" --calls --csv --year 2026 --call 16777535 "$log"
count out "^16777535,ccx,192.0.2.1:42027," 1
count out "^16777507," 0
expect "--summary" 0 "$ctiscope" --summary --year 2026 "$log"
has out "ccx-transferred.log:16 call 16777507: no end in the capture: first .*ccx-transferred.log:16, last .*ccx-transferred.log:42 (EventHeld at 2006, CALL_HELD_EVENT)"
expect "--agents" 0 "$ctiscope" --agents --year 2026 "$log"
has out "agt2007"

# --write-pcapng: the log as a capture, which ctiscope itself reads back
# to the same messages (tshark with the plugin: tests/plugin/check_mivr_pcapng.sh).
log=$repo/captures/logs/ccx-transferred.log
expect "--write-pcapng" 0 "$ctiscope" --year 2026 --write-pcapng "$tmp/t.pcapng" "$log"
has err "t.pcapng: 31 messages in [0-9]* frames written"
"$ctiscope" -q --year 2026 "$log" 2>/dev/null | sed 's/^[^ ]* //' > "$tmp/from-log"
"$ctiscope" -q "$tmp/t.pcapng" | sed 's/^[^ ]* //' > "$tmp/from-pcapng"
if cmp -s "$tmp/from-log" "$tmp/from-pcapng"; then ok "the written capture decodes as the log"; else fail "the written capture decodes otherwise"; diff "$tmp/from-log" "$tmp/from-pcapng" | head; fi
# -w while decoding a log writes the same frames (one writer, comments and all)
expect "-w a log" 0 "$ctiscope" -q --year 2026 -w "$tmp/w.pcapng" "$log"
if cmp -s "$tmp/t.pcapng" "$tmp/w.pcapng"; then ok "-w of a log = --write-pcapng, byte for byte"; else fail "-w of a log differs from --write-pcapng"; fi
echo keep >"$tmp/keep.pcapng"
expect "-w --call on a log" 2 "$ctiscope" -q --year 2026 --call 16777535 -w "$tmp/keep.pcapng" "$log"
has err "a MIVR log's frames are made while it is read: write them all (-w alone), then filter that file"
if [ "$(cat "$tmp/keep.pcapng")" = keep ]; then ok "a usage error leaves -w's file as it was"; else fail "a usage error changed -w's file"; fi
expect "-w and --write-pcapng" 2 "$ctiscope" -w "$tmp/w2.pcapng" --write-pcapng "$tmp/x2.pcapng" "$log"
has err "^ctiscope: -w and --write-pcapng: "
expect "--write-pcapng a capture" 2 "$ctiscope" --write-pcapng "$tmp/x.pcapng" "$repo/captures/ccx-hex-trace.pcapng"
has err "ccx-hex-trace.pcapng: not a MIVR log: --write-pcapng reads MIVR logs only"
expect "--write-pcapng --json" 2 "$ctiscope" --json --write-pcapng "$tmp/x.pcapng" "$log"
has err "\-\-write-pcapng writes a capture: it takes no output option"
expect "--write-pcapng unwritable" 1 "$ctiscope" --year 2026 --write-pcapng /nonexistent/x.pcapng "$log"
has err "/nonexistent/x.pcapng: No such file or directory"
expect "--write-pcapng unknown direction" 0 "$ctiscope" --year 2026 --write-pcapng "$tmp/b.pcapng" bad-lines.log
has err "bad-lines.log:24: the message's direction is unknown: it is not written"

# The shipped logs and the captures of the same flows.
for f in queued-answered transferred conferenced outbound hex-trace; do
  for form in "" -text; do
    log=captures/logs/ccx-$f$form.log
    if ! command -v python3 >/dev/null 2>&1; then
      echo "# skipped: $log against its capture (same_calls.py needs python3)"
    elif python3 "$here/same_calls.py" "$ctiscope" "$repo/$log" \
         "$repo/captures/ccx-$f.pcapng" "--calls --json" "--json" > "$tmp/same" 2>&1; then
      ok "$log: the calls and messages of captures/ccx-$f.pcapng"
    else
      fail "$log differs from captures/ccx-$f.pcapng"; sed 's/^/    /' "$tmp/same"
    fi
    "$ctiscope" -q --year 2026 "$repo/$log" >/dev/null 2>"$tmp/err"
    count err "$log:[0-9]" 0
  done
done

echo "# $passes passed, $fails failed"
[ "$fails" = 0 ]
