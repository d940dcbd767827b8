#!/usr/bin/env bash
# record.sh - (re)record the sample captures captures/*.pcapng from the flow
# scripts captures/flows/*.flow, over real TCP on the loopback interface.
#
#   captures/record.sh                  every flow in captures/flows/
#   captures/record.sh ccx-outbound ... only these flows (name or path)
#
# For each flow: dumpcap starts capturing on lo (filter "tcp port $PORT"),
# build/captures/ctiscope-replay plays the flow (a listening "server" and a
# client on 127.0.0.1:$PORT), dumpcap is stopped with SIGINT, and the capture
# is checked with ctiscope: as many decoded messages as the flow has message
# lines, no diagnostics, no stream problems.  Only a capture that passes
# replaces captures/<flow>.pcapng.
#
# Needs: cmake and a C compiler (it builds ctiscope-replay and ctiscope when
# they are missing or out of date), dumpcap (Debian: apt-get install
# wireshark-common, or tshark), and the right to capture on lo: run it as
# root, or give dumpcap CAP_NET_RAW (and CAP_NET_ADMIN), e.g. Debian's
# "dpkg-reconfigure wireshark-common" plus membership of group wireshark.
# Nothing else may use TCP port $PORT (default 42027) while it runs.
#
# Environment: BUILD (build directory, default <repo>/build), PORT (default
# 42027: the CCX port ctiscope always decodes).
#
# A flow may say how many diagnostic lines ("    ! ..." in ctiscope's text
# output) its spec example forces, with a line "# expect-diagnostics: N";
# without one it must decode with none.
#
# Comment lines of a flow may also set (first occurrence wins):
#   # port: N       the TCP port of the server side (default $PORT); the
#                   BroadWorks CAP flows use 2208 (CAP-C clients to the Open
#                   Client Server) or 2212 (CCC2)
#   # verify: cap   check the capture without ctiscope (which does not decode
#                   BroadWorks CAP yet): exactly one TCP connection, its
#                   server on the flow's port; no retransmitted, lost or
#                   out-of-order segment; and per direction, the TCP payload
#                   is as long as the bytes the flow sends and holds as many
#                   "</BroadsoftDocument>" end tags as they do (the documents
#                   of the CFILE/SFILE files, CTEXT/STEXT and CHEX/SHEX
#                   lines).  Needs tshark and perl.  (Default: verify: ccx,
#                   the ctiscope check above.)  When another program's
#                   connection on the port was captured too, or a segment
#                   was retransmitted, the flow is recorded again (CAP_TRIES
#                   attempts in all, default 4).
# ctiscope is built only when a flow to record needs it.
#
# Re-recording changes every timestamp and the client's port, so the golden
# files of these captures must then be regenerated on purpose and reviewed:
#   tests/golden/update.sh build && git diff tests/golden
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
build=${BUILD:-$root/build}
port=${PORT:-42027}

die() { echo "record.sh: $*" >&2; exit 1; }

command -v dumpcap >/dev/null 2>&1 ||
  die "dumpcap not found (Debian: apt-get install wireshark-common, or tshark)"
command -v cmake >/dev/null 2>&1 || die "cmake not found"

# --- which flows
flows=()
if [ $# -eq 0 ]; then
  for f in "$here"/flows/*.flow; do
    [ -f "$f" ] && flows+=("$f")
  done
else
  for a in "$@"; do
    case $a in
      */*) f=$a ;;
      *) f=$here/flows/${a%.flow}.flow ;;
    esac
    [ -f "$f" ] || die "no flow file $f"
    flows+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
  done
fi
[ ${#flows[@]} -gt 0 ] || die "no flows in $here/flows"

# "# key: value" in a flow's comment lines (the first one), or $3.
flow_setting() { # flow_setting FLOW KEY DEFAULT
  local v
  v=$(sed -n "s/^#[[:space:]]*$2:[[:space:]]*\([^[:space:]]*\).*/\1/p" "$1" | head -n 1)
  echo "${v:-$3}"
}
need_ctiscope=0 need_tshark=0
for flow in "${flows[@]}"; do
  case $(flow_setting "$flow" verify ccx) in
    ccx) need_ctiscope=1 ;;
    cap) need_tshark=1 ;;
    *) die "$(basename "$flow"): unknown '# verify:' mode (ccx or cap)" ;;
  esac
  fport=$(flow_setting "$flow" port "$port")
  [[ $fport =~ ^[0-9]+$ ]] && [ "$fport" -ge 1 ] && [ "$fport" -le 65535 ] ||
    die "$(basename "$flow"): bad '# port:' $fport"
done
if [ $need_tshark = 1 ]; then
  command -v tshark >/dev/null 2>&1 || die "tshark not found (needed by '# verify: cap')"
  command -v perl >/dev/null 2>&1 || die "perl not found (needed by '# verify: cap')"
fi

# --- build what we run (incremental: does nothing when up to date)
if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "record.sh: configuring $build"
  cmake -S "$root" -B "$build" >/dev/null
fi
targets=(ctiscope-replay)
[ $need_ctiscope = 1 ] && targets+=(ctiscope)
cmake --build "$build" --target "${targets[@]}" -j2 >/dev/null ||
  die "build failed (cmake --build $build --target ${targets[*]})"
replay=$build/captures/ctiscope-replay
ctiscope=$build/decoder/cli/ctiscope
[ -x "$replay" ] || die "$replay was not built"
[ $need_ctiscope = 0 ] || [ -x "$ctiscope" ] || die "$ctiscope was not built"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ctiscope-record.XXXXXX")
chmod 755 "$tmp"   # dumpcap may run as another user (setcap, group wireshark)
dumpcap_pid=
cleanup() {
  if [ -n "$dumpcap_pid" ]; then
    kill -INT "$dumpcap_pid" 2>/dev/null || true
    wait "$dumpcap_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Messages a flow sends: one per C:/S: line (+ and /N variants included),
# and for a CHEX/SHEX line, one per whole message its bytes hold (walked by
# the 8-byte header: BodyLength, MessageTypeID).
expected_messages() {
  local flow=$1 n=0 line kind hex len off body
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#"${line%%[![:space:]]*}"}
    [[ $line =~ ^[CS]\+?(/[0-9]+)?(HEX)?[:[:space:]] ]] || continue
    kind=${BASH_REMATCH[2]}
    if [ -z "$kind" ]; then
      n=$((n + 1))
      continue
    fi
    hex=${line#*HEX}
    hex=${hex#:}
    hex=${hex//[[:space:]:]/}
    len=$(( ${#hex} / 2 ))
    off=0
    while [ $off -lt $len ]; do
      [ $((len - off)) -ge 8 ] ||
        die "$(basename "$flow"): a HEX line ends inside a message header; cannot count its messages"
      body=$((16#${hex:$((off * 2)):8}))
      off=$((off + 8 + body))
      n=$((n + 1))
    done
    [ $off -eq $len ] ||
      die "$(basename "$flow"): a HEX line ends inside a message body; cannot count its messages"
  done <"$flow"
  echo "$n"
}

start_dumpcap() { # start_dumpcap OUT ERR PORT
  dumpcap -q -i lo -f "tcp port $3" -w "$1" 2>"$2" &
  dumpcap_pid=$!
  # Wait until dumpcap really captures: it has opened lo (says so on
  # stderr) and written the file's header blocks.
  local i
  for i in $(seq 1 100); do
    if ! kill -0 "$dumpcap_pid" 2>/dev/null; then
      wait "$dumpcap_pid" || true
      dumpcap_pid=
      cat "$2" >&2
      die "dumpcap exited (capturing on lo needs root or CAP_NET_RAW)"
    fi
    if [ -s "$1" ] && grep -q "Capturing on" "$2"; then
      sleep 0.5   # margin: the capture filter is in place before we send
      return 0
    fi
    sleep 0.1
  done
  die "dumpcap did not start capturing within 10 s (see $2)"
}

stop_dumpcap() {
  sleep 0.3   # let the last FIN/ACK reach the capture
  kill -INT "$dumpcap_pid"
  local rc=0
  wait "$dumpcap_pid" || rc=$?
  dumpcap_pid=
  [ $rc -eq 0 ] || die "dumpcap exited with status $rc"
}

# --- verify: cap
# The number of "</BroadsoftDocument>" end tags (blanks allowed before '>')
# and the byte count of stdin: "TAGS BYTES".
count_cap() {
  perl -0777 -ne 'my $n = () = /<\/BroadsoftDocument\s*>/g; print $n, " ", length($_), "\n"; $done = 1;
                  END { print "0 0\n" unless $done }'
}

# What a flow sends, per side, as ctiscope-replay plays it:
# "C_TAGS C_BYTES S_TAGS S_BYTES".
cap_expected() {
  local flow=$1 dir line side kind rest nt nb ct=0 cb=0 st=0 sb=0
  dir=$(dirname "$flow")
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}   # ctiscope-replay strips each line
    if ! [[ $line =~ ^([CS])\+?(/[0-9]+)?(FILE|TEXT|HEX):?(.*)$ ]]; then
      [[ $line =~ ^[CS]\+?(/[0-9]+)?[:[:space:]] ]] &&
        die "$(basename "$flow"): a CCX message line in a '# verify: cap' flow: $line"
      continue
    fi
    side=${BASH_REMATCH[1]} kind=${BASH_REMATCH[3]} rest=${BASH_REMATCH[4]}
    case $kind in
      FILE)
        rest=${rest#"${rest%%[![:space:]]*}"}
        [ -f "$dir/$rest" ] || die "$(basename "$flow"): no file $dir/$rest"
        read -r nt nb < <(count_cap <"$dir/$rest") ;;
      TEXT)
        rest=${rest# }
        read -r nt nb < <(printf '%b' "$rest" | count_cap) ;;
      HEX)
        rest=${rest//[[:space:]:]/}
        read -r nt nb < <(printf '%s' "$rest" | perl -ne 'print pack("H*", $_)' | count_cap) ;;
    esac
    if [ "$side" = C ]; then
      ct=$((ct + nt)) cb=$((cb + nb))
    else
      st=$((st + nt)) sb=$((sb + nb))
    fi
  done <"$flow"
  echo "$ct $cb $st $sb"
}

# The capture's TCP payload, per direction (tshark's "follow": node 0 is the
# client, whose SYN opens the capture): "C_TAGS C_BYTES S_TAGS S_BYTES NODE1".
cap_captured() {
  tshark -r "$1" -q -z follow,tcp,raw,0 2>/dev/null | perl -ne '
    if (/^Node 1: (\S+)/) { $node1 = $1; next }
    next unless /^(\t?)([0-9a-f]+)\s*$/;
    if ($1) { $s .= pack("H*", $2) } else { $c .= pack("H*", $2) }
    END {
      my $nc = () = $c =~ /<\/BroadsoftDocument\s*>/g;
      my $ns = () = $s =~ /<\/BroadsoftDocument\s*>/g;
      printf "%d %d %d %d %s\n", $nc, length($c), $ns, length($s), $node1 // "?";
    }'
}

# verify_cap CAPTURE PORT "C_TAGS C_BYTES S_TAGS S_BYTES" (cap_expected):
# appends to problems, sets frames, streams, transient (1: a problem that
# recording again may not have: another connection, a retransmission), got
# and gotdetail.
verify_cap() {
  local rec=$1 fport=$2 bad want_ct want_cb want_st want_sb ct cb st sb node1
  read -r want_ct want_cb want_st want_sb <<<"$3"
  frames=$(tshark -r "$rec" -T fields -e frame.number 2>/dev/null | wc -l)
  streams=$(tshark -r "$rec" -T fields -e tcp.stream 2>/dev/null | sort -u | grep -c . || true)
  transient=0
  [ "$streams" = 1 ] || {
    transient=1
    problems+=("$streams TCP connections recorded, expected 1 (something else used port $fport?)")
  }
  bad=$(tshark -r "$rec" -Y 'tcp.analysis.retransmission || tcp.analysis.lost_segment ||
        tcp.analysis.out_of_order || tcp.analysis.ack_lost_segment' 2>/dev/null | grep -c . || true)
  [ "$bad" = 0 ] || { transient=1; problems+=("$bad frames retransmitted, lost or out of order"); }
  read -r ct cb st sb node1 < <(cap_captured "$rec")
  [ "${node1##*:}" = "$fport" ] || problems+=("the server side is $node1, not port $fport")
  [ "$ct $st" = "$want_ct $want_st" ] ||
    problems+=("$ct client and $st server documents captured, the flow sends $want_ct and $want_st")
  [ "$cb $sb" = "$want_cb $want_sb" ] ||
    problems+=("$cb client and $sb server payload bytes captured, the flow sends $want_cb and $want_sb")
  got=$((ct + st))
  gotdetail="$ct from the client, $st from the server"
}

failed=0
for flow in "${flows[@]}"; do
  name=$(basename "$flow" .flow)
  out=$here/$name.pcapng
  rec=$tmp/$name.pcapng
  mode=$(flow_setting "$flow" verify ccx)
  fport=$(flow_setting "$flow" port "$port")
  if [ "$mode" = cap ]; then
    want=$(cap_expected "$flow")
  else
    want=$(expected_messages "$flow")
    want_diags=$(sed -n 's/^#[[:space:]]*expect-diagnostics:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$flow" | head -n 1)
    want_diags=${want_diags:-0}
  fi

  start_dumpcap "$rec" "$tmp/$name.dumpcap.err" "$fport"
  if ! "$replay" --port "$fport" "$flow"; then
    stop_dumpcap || true
    echo "record.sh: $name: ctiscope-replay failed" >&2
    failed=1
    continue
  fi
  stop_dumpcap

  if [ "$mode" = cap ]; then
    problems=()
    verify_cap "$rec" "$fport" "$want"
    # Another program's connection on the same port was captured too, or
    # the kernel retransmitted a segment (a tail loss probe, when the peer
    # delays its ACK of a split document): record again, up to CAP_TRIES
    # times in all.
    tries=1
    while [ ${#problems[@]} -gt 0 ] && [ $transient = 1 ] && [ $tries -lt "${CAP_TRIES:-4}" ]; do
      tries=$((tries + 1))
      echo "record.sh: $name: ${problems[0]}; recording again ($tries)" >&2
      sleep 2
      rm -f "$rec"
      start_dumpcap "$rec" "$tmp/$name.dumpcap.err" "$fport"
      "$replay" --port "$fport" "$flow" || { stop_dumpcap || true; die "$name: ctiscope-replay failed"; }
      stop_dumpcap
      problems=()
      verify_cap "$rec" "$fport" "$want"
    done
    if [ ${#problems[@]} -gt 0 ]; then
      echo "record.sh: $name: FAILED, $out left as it was:" >&2
      printf '  %s\n' "${problems[@]}" >&2
      failed=1
      continue
    fi
    chmod 644 "$rec"
    mv -f "$rec" "$out"
    echo "recorded $out: $frames frames, $got documents ($gotdetail), port $fport"
    continue
  fi

  # --- verify
  problems=()
  brief=$("$ctiscope" --brief --stats "$rec" 2>"$tmp/$name.stats") ||
    problems+=("ctiscope --brief exited with status $?")
  stats=$(grep '^ctiscope: ' "$tmp/$name.stats" || true)
  got=$(grep -c '^#' <<<"$brief" || true)
  frames=$(sed -n 's/^ctiscope: \([0-9]*\) frames.*/\1/p' <<<"$stats")
  [ "$got" = "$want" ] ||
    problems+=("$got messages decoded, the flow sends $want")
  if grep -q '!!' <<<"$brief"; then
    problems+=("stream problems: $(grep '!!' <<<"$brief" | head -n 3 | tr '\n' ' ')")
  fi
  if [ "$want_diags" = 0 ] && grep -Eq '\[[0-9]+ (error|warning)' <<<"$brief"; then
    problems+=("$(grep -Ec '\[[0-9]+ (error|warning)' <<<"$brief") messages with errors or warnings")
  fi
  text=$("$ctiscope" "$rec" 2>&1) || problems+=("ctiscope (text) exited with status $?")
  diags=$(grep -c '^    !' <<<"$text" || true)
  [ "$diags" = "$want_diags" ] ||
    problems+=("$diags diagnostic lines in the text output, expected $want_diags: $(grep '^    !' <<<"$text" | head -n 3 | tr '\n' ' ')")
  if ! grep -q ' 0 stream problems, 0 malformed frames' <<<"$stats"; then
    problems+=("$stats")
  fi

  if [ ${#problems[@]} -gt 0 ]; then
    echo "record.sh: $name: FAILED, $out left as it was:" >&2
    printf '  %s\n' "${problems[@]}" >&2
    failed=1
    continue
  fi
  chmod 644 "$rec"
  mv -f "$rec" "$out"
  echo "recorded $out: $frames frames, $got messages"
done

[ $failed -eq 0 ] || die "some captures failed (see above)"
echo "done.  The golden files must now be regenerated on purpose and reviewed:"
echo "  $root/tests/golden/update.sh $build && git -C $root diff tests/golden"
