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

# --- build what we run (incremental: does nothing when up to date)
if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "record.sh: configuring $build"
  cmake -S "$root" -B "$build" >/dev/null
fi
cmake --build "$build" --target ctiscope-replay ctiscope -j2 >/dev/null ||
  die "build failed (cmake --build $build --target ctiscope-replay ctiscope)"
replay=$build/captures/ctiscope-replay
ctiscope=$build/decoder/cli/ctiscope
[ -x "$replay" ] || die "$replay was not built"
[ -x "$ctiscope" ] || die "$ctiscope was not built"

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

start_dumpcap() { # start_dumpcap OUT ERR
  dumpcap -q -i lo -f "tcp port $port" -w "$1" 2>"$2" &
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

failed=0
for flow in "${flows[@]}"; do
  name=$(basename "$flow" .flow)
  out=$here/$name.pcapng
  rec=$tmp/$name.pcapng
  want=$(expected_messages "$flow")
  want_diags=$(sed -n 's/^#[[:space:]]*expect-diagnostics:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$flow" | head -n 1)
  want_diags=${want_diags:-0}

  start_dumpcap "$rec" "$tmp/$name.dumpcap.err"
  if ! "$replay" --port "$port" "$flow"; then
    stop_dumpcap || true
    echo "record.sh: $name: ctiscope-replay failed" >&2
    failed=1
    continue
  fi
  stop_dumpcap

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
