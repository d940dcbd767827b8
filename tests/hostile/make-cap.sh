#!/usr/bin/env bash
# make-cap.sh - re-record the BroadWorks CAP hostile captures (maintainer
# tool; the captures are committed and the tests only read them).  Needs: a
# build (cmake -B build), dumpcap and tshark (package tshark), perl, root or
# CAP_NET_RAW on lo.  Port 2208 (the Open Client Server's CAP-C / OCI-P port)
# must be free while it runs.
#
#   cap-malformed   the 8 not well-formed XML samples of the spec, each
#                   followed by the same document made well-formed
#   cap-truncated   a document cut by the client's connection reset (RST)
#   cap-garbage     text, binary bytes, a stray end tag, a lone XML
#                   declaration and whitespace between documents
#   cap-oci         BroadWorks OCI documents (protocol="OCI") between CAP ones
# The flows are flows/cap-*.flow, their documents flows/cap/ (cap/common:
# the registration every flow starts with).
#
# The CLI does not decode CAP yet, so the check is tshark's: exactly one TCP
# connection (nothing else used the port) and, per direction, as many
# payload bytes as the flow sends.  When another connection or a
# retransmitted segment was captured, the flow is recorded again (4 tries).
# After re-recording, regenerate the golden files on purpose
# (tests/golden/update.sh build) and read the diff.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build}
replay=$build/captures/ctiscope-replay
[ -x "$replay" ] || { echo "make-cap.sh: build first (cmake -S $root -B $build && cmake --build $build)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "make-cap.sh: dumpcap not found (apt-get install tshark)" >&2; exit 1; }
command -v tshark >/dev/null || { echo "make-cap.sh: tshark not found (apt-get install tshark)" >&2; exit 1; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

# Bytes the flow sends: "CLIENT SERVER" (FILE, TEXT and HEX lines).
flow_bytes() {
  local flow=$1 line c=0 s=0 n rest
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line#"${line%%[![:space:]]*}"}
    line=${line%"${line##*[![:space:]]}"}
    [[ $line =~ ^([CS])\+?(/[0-9]+)?(FILE|TEXT|HEX):?(.*)$ ]] || continue
    rest=${BASH_REMATCH[4]}
    case ${BASH_REMATCH[3]} in
      FILE) rest=${rest#"${rest%%[![:space:]]*}"}; n=$(wc -c <"$here/flows/$rest") ;;
      TEXT) rest=${rest# }; n=$(printf '%b' "$rest" | wc -c) ;;
      HEX) rest=${rest//[[:space:]:]/}; n=$(( ${#rest} / 2 )) ;;
    esac
    if [ "${BASH_REMATCH[1]}" = C ]; then c=$((c + n)); else s=$((s + n)); fi
  done <"$here/flows/$flow.flow"
  echo "$c $s"
}

record() { # record FLOW PORT OUT FORMAT
  local flow=$1 port=$2 out=$3 fmt=$4 try conns bad got want
  want=$(flow_bytes "$flow")
  for try in 1 2 3 4; do
    dumpcap -q -i lo -f "tcp port $port" $fmt -w "$tmp/rec" 2>"$tmp/dumpcap.err" &
    pid=$!
    sleep 1.5   # dumpcap needs a moment before it captures
    "$replay" --port "$port" "$here/flows/$flow.flow"
    sleep 0.5
    kill -INT $pid
    wait $pid || true
    pid=
    # Nothing else may have used the port meanwhile: exactly one connection.
    conns=$(tshark -r "$tmp/rec" -T fields -e tcp.stream 2>/dev/null | sort -u | grep -c . || true)
    bad=$(tshark -r "$tmp/rec" -Y 'tcp.analysis.retransmission || tcp.analysis.out_of_order ||
          tcp.analysis.lost_segment' 2>/dev/null | grep -c . || true)
    [ "$conns" = 1 ] && [ "$bad" = 0 ] && break
    echo "make-cap.sh: $flow: $conns connections, $bad retransmitted segments; recording again" >&2
    sleep 2
  done
  if [ "$conns" != 1 ]; then
    echo "make-cap.sh: $flow: $conns connections recorded, expected 1 (something else used port $port?)" >&2
    exit 1
  fi
  got=$(tshark -r "$tmp/rec" -q -z follow,tcp,raw,0 2>/dev/null |
        perl -ne 'next unless /^(\t?)([0-9a-f]+)\s*$/; $n[$1 ? 1 : 0] += length($2) / 2;
                  END { printf "%d %d\n", $n[0], $n[1] }')
  if [ "$got" != "$want" ]; then
    echo "make-cap.sh: $flow: payload bytes (client server) $got, the flow sends $want" >&2
    exit 1
  fi
  cp "$tmp/rec" "$out"
  chmod 644 "$out"
  echo "recorded $out"
}

record cap-malformed 2208 "$here/cap-malformed.pcapng" -n
record cap-truncated 2208 "$here/cap-truncated.pcapng" -n
record cap-garbage   2208 "$here/cap-garbage.pcapng" -n
record cap-oci       2208 "$here/cap-oci.pcapng" -n
echo "done; now: tests/golden/update.sh $build && git diff tests/golden"
