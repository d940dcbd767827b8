#!/bin/sh
# live_io.sh CTISCOPE CAPTURES_DIR HOSTILE_DIR
# Issue 18, the input and output habits of tcpdump and tshark users:
# per-message filters (--call, --dn, --agent, --type).
set -u
LC_ALL=C.UTF-8; export LC_ALL   # the arrows of the examples (ASCII under C: tested below)
ctiscope=$1 captures=$2 hostile=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"
here=$(dirname "$0")
qa=$captures/ccx-queued-answered.pcapng
cc=$captures/cap-callcenter.pcapng

# ---- per-message filters ----
expect "--list-types" 0 "$ctiscope" --list-types
has out "^CALL_DELIVERED_EVENT$"
has out "^callUpdate$"
expect "--call per message" 0 "$ctiscope" -q --call 16777508 "$qa"
count out "^#" 1
has out "^#29 .*CALL_DELIVERED_EVENT call=16777507 secondary=16777508"
expect "--type glob AND --dn" 0 "$ctiscope" -q --type 'CALL_*ED_EVENT' --dn 2006 "$qa"
count out "^#" 3
has out "^#29 .*CALL_DELIVERED_EVENT"
has out "^#31 .*CALL_ESTABLISHED_EVENT"
has out "^#41 .*CALL_CONNECTION_CLEARED_EVENT call=16777507 dev=2006"
expect "--type repeated: any of them" 0 "$ctiscope" -q --type OPEN_REQ --type OPEN_CONF "$qa"
count out "^#" 2
expect "--call AND --type" 0 "$ctiscope" -q --call 16777507 --type BEGIN_CALL_EVENT "$qa"
count out "^#" 1
has out "^#8 .*BEGIN_CALL_EVENT call=16777507"
expect "--agent per message (CCX)" 0 "$ctiscope" -q --agent agt2006 "$qa"
has out "AGENT_STATE_EVENT agt2006"
expect "--agent and --type (CAP)" 0 "$ctiscope" -q --agent agentid@broadsoft.com --type 'callAction*' "$cc"
count out "^#" 6
count out "callActionResponse" 3
expect "--call a CAP callId per message" 0 "$ctiscope" -q --call localHost220338:0 --type callAction "$cc"
count out "^#" 3
# text mode: only the selected messages' blocks
expect "--dn in text mode" 0 "$ctiscope" --dn 2006 --type CALL_ESTABLISHED_EVENT "$qa"
count out "^#" 1
has out "AnsweringDeviceID: \"2006\""
# JSON: exactly the messages whose call-id fields name the call (checked
# against the unfiltered JSON)
"$ctiscope" --json "$qa" >"$tmp/all.json"
expect "--call in JSON" 0 "$ctiscope" --json --call 16777507 "$qa"
if python3 "$here/select_check.py" call 16777507 "$tmp/all.json" "$tmp/out"; then
  ok "--json --call: exactly the messages with a call id 16777507"
else
  fail "--json --call selects other messages than the call-id fields say"
fi
expect "--dn in JSON" 0 "$ctiscope" --json --dn 2005 "$qa"
if python3 "$here/select_check.py" dn 2005 "$tmp/all.json" "$tmp/out"; then
  ok "--json --dn: exactly the messages with a device 2005"
else
  fail "--json --dn selects other messages than the device fields say"
fi
# usage errors
expect "--type unknown" 2 "$ctiscope" -q --type NO_SUCH_EVENT "$qa"
has err "--type NO_SUCH_EVENT: no CCX message type or CAP commandType"
empty out
expect "--type with --calls" 2 "$ctiscope" --calls --type BEGIN_CALL_EVENT "$qa"
has err "--type is for the per-message output"
expect "--from without a flow mode" 2 "$ctiscope" --from 02:08:00 "$qa"
has err "need --calls"

# ---- compressed captures (tests/compressed: gzip -9n and zstd -19 of shipped ones) ----
z=$(dirname "$0")/../compressed
same() {   # same NAME ARGS... -- REFERENCE ARGS...: outputs (stdout+stderr, exit) equal
  name=$1; shift
  a= b=; while [ "$1" != -- ]; do a="$a $1"; shift; done; shift
  # run from each file's folder with the same base name so the outputs match
  (eval "\"$ctiscope\" $a") >"$tmp/za" 2>&1; echo "exit $?" >>"$tmp/za"
  (eval "\"$ctiscope\" $*") >"$tmp/zb" 2>&1; echo "exit $?" >>"$tmp/zb"
  if cmp -s "$tmp/za" "$tmp/zb"; then ok "$name"; else fail "$name"; diff "$tmp/za" "$tmp/zb" | head -10; fi
}
cp "$z/ccx-queued-answered.pcapng.gz" "$tmp/qa.pcapng"     # named as if not compressed
cp "$qa" "$tmp/qa-plain.pcapng"
for m in "" -q --json --calls --summary; do
  same "gzip, by its magic, not its name ($m)" $m "$tmp/qa.pcapng" -- $m "$tmp/qa-plain.pcapng"
done
cp "$z/cap-callcenter.pcapng.zst" "$tmp/cc.pcapng"
cp "$cc" "$tmp/cc-plain.pcapng"
for m in "" --json --calls --summary; do
  same "zstd ($m)" $m "$tmp/cc.pcapng" -- $m "$tmp/cc-plain.pcapng"
done
same "gzip on stdin" -q - "<$z/ccx-queued-answered.pcapng.gz" -- -q - "<$qa"
same "zstd on stdin" --json - "<$z/cap-callcenter.pcapng.zst" -- --json - "<$cc"
same "gzip of two members (concatenated .gz)" --calls --json "$z/ccx-transferred-two-members.pcapng.gz" \
  -- --calls --json "$captures/ccx-transferred.pcapng"
cp "$z/ccx-ring-1.pcap.gz" "$tmp/ccx-ring-1.pcap"; cp "$z/ccx-ring-2.pcap.zst" "$tmp/ccx-ring-2.pcap"
mkdir "$tmp/plain"; cp "$hostile/ccx-ring-1.pcap" "$hostile/ccx-ring-2.pcap" "$tmp/plain/"
(cd "$tmp" && "$ctiscope" --calls ccx-ring-2.pcap ccx-ring-1.pcap) >"$tmp/ra" 2>&1
(cd "$tmp/plain" && "$ctiscope" --calls ccx-ring-2.pcap ccx-ring-1.pcap) >"$tmp/rb" 2>&1
if cmp -s "$tmp/ra" "$tmp/rb"; then ok "a ring of a gzip and a zstd file = the plain ring"; else fail "compressed ring differs"; fi
# cut short: what was there is decoded, the cut said with the decompressor's words, exit 1
expect "gzip cut short" 1 "$ctiscope" -q "$z/ccx-queued-answered-cut.pcapng.gz"
has err "ccx-queued-answered-cut.pcapng.gz: file truncated after frame 30: gzip: the compressed data is cut short"
has out "^#29 .*CALL_DELIVERED_EVENT"
expect "gzip corrupt" 1 "$ctiscope" -q "$z/ccx-queued-answered-corrupt.pcapng.gz"
has err "ccx-queued-answered-corrupt.pcapng.gz: file truncated after frame 15: gzip: incorrect data check"
has out "^#14 .*CALL_ESTABLISHED_EVENT"
printf 'not a capture\n' | gzip >"$tmp/text.gz"
expect "gzip of no capture" 1 "$ctiscope" "$tmp/text.gz"
has err "text.gz (gzip-compressed): unknown file format"

# ---- -w OUT.pcapng ----
# the messages without frame names and times, sorted: in a file written with a
# filter, a message behind the bytes of one left out comes when that gap is
# known, maybe after a message of the other direction
strip() { grep -v -e '^-- ' -e ' !! ' "$1" | sed -E 's/^[^ ]*#[0-9]+ [0-9:.]+ //' | sort; }
expect "-w every frame" 0 "$ctiscope" -w "$tmp/all.pcapng" "$qa"
"$ctiscope" --stats "$qa" >/dev/null 2>"$tmp/s1"; "$ctiscope" --stats "$tmp/all.pcapng" >/dev/null 2>"$tmp/s2"
if cmp -s "$tmp/s1" "$tmp/s2"; then ok "-w: every frame written (--stats the same)"; else fail "-w: --stats differ"; cat "$tmp/s1" "$tmp/s2"; fi
same "-w: the written file decodes as the capture" -q "$tmp/all.pcapng" -- -q "$qa"
expect "-w from a pcap, a gzip and a zstd ring" 0 "$ctiscope" -q -w "$tmp/ring.pcapng" "$tmp/ccx-ring-1.pcap" "$tmp/ccx-ring-2.pcap"
strip "$tmp/out" >"$tmp/r1"
"$ctiscope" -q "$tmp/ring.pcapng" >"$tmp/out"; strip "$tmp/out" >"$tmp/r2"
if [ -s "$tmp/r1" ] && cmp -s "$tmp/r1" "$tmp/r2"; then ok "-w: two compressed ring files written as one decode the same"; else fail "-w ring differs"; diff "$tmp/r1" "$tmp/r2" | head; fi
expect "-w with --type" 0 "$ctiscope" -q --type AGENT_STATE_EVENT -w "$tmp/agents.pcapng" "$captures/ccx-transferred.pcapng"
strip "$tmp/out" >"$tmp/t1"
"$ctiscope" -q --type AGENT_STATE_EVENT "$tmp/agents.pcapng" >"$tmp/out" 2>"$tmp/err"; strip "$tmp/out" >"$tmp/t2"
if [ -s "$tmp/t1" ] && cmp -s "$tmp/t1" "$tmp/t2"; then ok "-w --type: the written file has exactly the selected messages"; else fail "-w --type: other messages"; diff "$tmp/t1" "$tmp/t2" | head; fi
"$ctiscope" --stats "$tmp/agents.pcapng" >/dev/null 2>"$tmp/err"
has err "ctiscope: 1[0-9] frames"
expect "-w with --call from a CAP capture" 0 "$ctiscope" -q --call localHost220338:0 -w "$tmp/cap1.pcapng" "$cc"
strip "$tmp/out" >"$tmp/c1"
"$ctiscope" -q --call localHost220338:0 "$tmp/cap1.pcapng" >"$tmp/out" 2>/dev/null; strip "$tmp/out" >"$tmp/c2"
if [ -s "$tmp/c1" ] && cmp -s "$tmp/c1" "$tmp/c2"; then ok "-w --call (CAP): the selected documents round-trip"; else fail "-w --call (CAP) differs"; diff "$tmp/c1" "$tmp/c2" | head; fi
expect "-w -" 2 "$ctiscope" -w - "$qa"
has err "give a file name"
expect "-w with a filter and stdin" 2 "$ctiscope" -w "$tmp/x.pcapng" --type OPEN_REQ - <"$qa"
has err "stdin cannot be read twice"
expect "-w without a filter and stdin" 0 "$ctiscope" -q -w "$tmp/stdin.pcapng" - <"$qa"
same "-w from stdin" -q "$tmp/stdin.pcapng" -- -q "$qa"
if [ -w /dev/full ]; then
  expect "-w onto a full disk" 1 "$ctiscope" -q -w /dev/full "$captures/ccx-transferred.pcapng"
  count err "No space left on device" 1
  has out "END_CALL_EVENT"   # the decoding goes on
fi
expect "-w into a missing folder" 1 "$ctiscope" -w "$tmp/no/such/dir.pcapng" "$qa"
has err "ctiscope: -w $tmp/no/such/dir.pcapng: No such file or directory"

# ---- -i (the capture itself: live_lo.py, as root) ----
expect "-i with a file" 2 "$ctiscope" -i lo "$qa"
has err "give no capture file with it"
expect "-f without -i" 2 "$ctiscope" -f "tcp port 42027" "$qa"
has err "-f is the capture filter of -i"
expect "-w with a filter, live" 2 "$ctiscope" -i lo -w "$tmp/x.pcapng" --call 1
has err "a live capture cannot be read twice"
if [ "$(id -u)" = 0 ]; then   # (without root every -i stops at the permission)
  expect "-i no such interface" 1 "$ctiscope" -i no-such-if0
  has err "ctiscope: -i no-such-if0: no such interface"
  expect "-i with a bad filter" 1 "$ctiscope" -i lo -f "tcp and"
  has err "capture filter \"tcp and\""
  if command -v runuser >/dev/null; then   # not allowed: the capability is named
    d=$(mktemp -d /tmp/ctiscope-perm.XXXXXX); cp "$ctiscope" "$d/ctiscope"; chmod -R a+rX "$d"
    expect "-i as nobody" 1 runuser -u nobody -- "$d/ctiscope" -i lo
    has err "not allowed to capture"
    has err "needs the CAP_NET_RAW capability"
    rm -rf "$d"
  fi
else
  echo "# skipped the -i checks that need root (not root)"
fi

# ---- terminal manners ----
# Output to a pipe is written message by message: a live feed read through a
# pipe shows each message once its frame is in, not when 64 KiB are ready.
for mode in -q --json ""; do
  if python3 "$here/live_flush.py" "$ctiscope" "$qa" OPEN_CONF $mode >"$tmp/flush" 2>&1; then
    ok "stdout a pipe ($mode): OPEN_CONF printed before the input ends"
  else
    fail "stdout a pipe ($mode): $(cat "$tmp/flush")"
  fi
done
# A locale that is not UTF-8 draws in ASCII; a UTF-8 one with the arrows.
LC_ALL=C "$ctiscope" --calls "$qa" >"$tmp/c" 2>&1
if LC_ALL=C grep -q '[^ -~]' "$tmp/c"; then fail "LC_ALL=C --calls has non-ASCII bytes"; else ok "LC_ALL=C --calls is ASCII"; fi
LC_ALL=C "$ctiscope" -q "$qa" >"$tmp/c" 2>&1
if LC_ALL=C grep -q '[^ -~]' "$tmp/c"; then fail "LC_ALL=C -q has non-ASCII bytes"; else ok "LC_ALL=C -q is ASCII"; fi
grep -q "127.0.0.1:36538 -> 127.0.0.1:42027 OPEN_REQ" "$tmp/c" && ok "LC_ALL=C: ->" || fail "LC_ALL=C: no ->"
LC_ALL=C.UTF-8 "$ctiscope" -q "$qa" >"$tmp/c" 2>&1
grep -q "127.0.0.1:36538 → 127.0.0.1:42027 OPEN_REQ" "$tmp/c" && ok "C.UTF-8: the arrow" || fail "C.UTF-8: no arrow"

# Ladders fit --width or the terminal, nothing cut; colours as grep's.
for c in "$qa" "$cc" "$captures/ccx-conferenced.pcapng"; do
  for how in "80" "100 pty"; do
    if python3 "$here/ladder_fit.py" "$ctiscope" "$c" $how >"$tmp/fit" 2>&1; then ok "$(cat "$tmp/fit")"
    else fail "ladder fit $how $(basename "$c"): $(cat "$tmp/fit")"; fi
  done
done
"$ctiscope" --calls "$cc" >"$tmp/out"
if grep -q "…" "$tmp/out"; then fail "a ladder cuts a name"; else ok "no name cut"; fi
has out "^  party            sales@broadsoft    3015554000$"
has out "^                         .com$"
expect "--color=always into a pipe" 0 "$ctiscope" -q --color=always "$hostile/ccx-bad-fields.pcapng"
has out "$(printf '\033')\[1mOPEN_REQ$(printf '\033')\[m"
has out "$(printf '\033')\[1;31m \[1 error"
expect "--color=always --calls" 0 "$ctiscope" --calls --color=always "$qa"
has out "$(printf '\033')\[32mEventEstablished$(printf '\033')\[m"
has out "$(printf '\033')\[31mEventReleased"
expect "--color=auto into a pipe" 0 "$ctiscope" -q --color=auto "$hostile/ccx-bad-fields.pcapng"
if grep -q "$(printf '\033')" "$tmp/out"; then fail "--color=auto coloured a pipe"; else ok "--color=auto: no colour into a pipe"; fi
expect "--color=never" 0 "$ctiscope" --calls --color=never "$qa"
if grep -q "$(printf '\033')" "$tmp/out"; then fail "--color=never coloured"; else ok "--color=never: no colour"; fi
expect "--color=sometimes" 2 "$ctiscope" --color=sometimes "$qa"
has err "auto, always or never"
expect "--width 10" 2 "$ctiscope" --calls --width 10 "$qa"
has err "40 to 10000 columns"

echo "# $passes passed, $fails failed"
[ "$fails" = 0 ]
