#!/usr/bin/env bash
# record.sh [FLOW...] - re-record tests/plugin/captures/<flow>.pcapng from
# tests/plugin/flows/<flow>.flow (maintainer tool: the captures are
# committed, the tests only read them); with no argument, every flow.  Same
# recipe as captures/record.sh: dumpcap on lo while
# build/captures/ctiscope-replay plays the flow over real TCP.
#
# A flow may say, in a comment line:
#   # port: N          the server port (default $PORT, else 42028: off the
#                      CCX port on purpose, so the plugin finds the
#                      ccx-* sessions with its heuristic)
#   # expect: clean    (default) the capture must decode without an error or
#                      warning: ccx-* flows checked with ctiscope, cap-*
#                      flows with cap_reference (the shared CAP decoder)
#   # expect: problems / nothing   not checked (hostile flows, non-CAP)
# generated/oversized.xml, for cap-plugin-oversized.flow, is made here
# (300000 bytes: a datagram start tag and 'A's).
# Needs a build, dumpcap, and root or CAP_NET_RAW.  Afterwards regenerate
# the goldens on purpose: tests/plugin/update-golden.sh build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build}
replay=$build/captures/ctiscope-replay
ctiscope=$build/decoder/cli/ctiscope
capref=$build/tests/plugin/cap_reference
[ -x "$replay" ] && [ -x "$ctiscope" ] || { echo "record.sh: build first (cmake --build $build)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "record.sh: dumpcap not found" >&2; exit 1; }
tmp=$(mktemp -d /tmp/ccxcti-record.XXXXXX)
chmod 755 "$tmp"
pid=
trap '[ -n "$pid" ] && kill -INT $pid 2>/dev/null; rm -rf "$tmp"' EXIT

# The flows play from a copy, next to the generated files and the spec's
# samples they name (../../spec/cap_samples/).
mkdir -p "$tmp/tests/plugin" "$tmp/tests/spec"
cp -R "$here/flows" "$tmp/tests/plugin/flows"
cp -R "$root/tests/spec/cap_samples" "$tmp/tests/spec/cap_samples"
mkdir -p "$tmp/tests/plugin/flows/generated"
{
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<BroadsoftDocument protocol="CAP" version="17.0">\n'
  printf '  <command commandType="datagram">\n    <commandData>\n      <payload payloadType="text/plain">'
} >"$tmp/tests/plugin/flows/generated/oversized.xml"
n=$((300000 - $(wc -c <"$tmp/tests/plugin/flows/generated/oversized.xml")))
head -c "$n" /dev/zero | tr '\0' 'A' >>"$tmp/tests/plugin/flows/generated/oversized.xml"

if [ $# -gt 0 ]; then
  flows=()
  for f in "$@"; do flows+=("$tmp/tests/plugin/flows/$(basename "$f" .flow).flow"); done
else
  flows=("$tmp"/tests/plugin/flows/*.flow)
fi
for flow in "${flows[@]}"; do
  [ -f "$flow" ] || { echo "record.sh: no flow $flow" >&2; exit 1; }
  name=$(basename "$flow" .flow)
  port=$(sed -n 's/^# port: *\([0-9][0-9]*\).*/\1/p' "$flow" | head -n 1)
  port=${port:-${PORT:-42028}}
  expect=$(sed -n 's/^# expect: *\([a-z]*\).*/\1/p' "$flow" | head -n 1)
  expect=${expect:-clean}
  for attempt in 1 2 3 4 5; do
    rm -f "$tmp/rec.pcapng"
    dumpcap -q -i lo -f "tcp port $port" -w "$tmp/rec.pcapng" 2>"$tmp/err" &
    pid=$!
    for _ in $(seq 1 100); do
      [ -s "$tmp/rec.pcapng" ] && grep -q "Capturing on" "$tmp/err" && break
      sleep 0.1
    done
    sleep 0.5
    "$replay" --port "$port" "$flow"
    sleep 0.5
    kill -INT $pid; wait $pid || true; pid=
    # Another recording on the same port (a colleague's replay) would slip
    # into this one: keep only a capture of exactly one TCP connection.
    streams=$(tshark -r "$tmp/rec.pcapng" -T fields -e tcp.stream 2>/dev/null | sort -u | wc -l)
    [ "$streams" = 1 ] && break
    echo "record.sh: $name: $streams TCP connections captured on port $port; again" >&2
    sleep 2
  done
  [ "$streams" = 1 ] || { echo "record.sh: $name: port $port is busy; not kept" >&2; exit 1; }
  if [ "$expect" = clean ]; then
    case $name in
      cap-*)
        [ -x "$capref" ] || { echo "record.sh: $capref not built" >&2; exit 1; }
        if "$capref" "$tmp/rec.pcapng" | grep -E '"sev":"(error|warning)"'; then
          echo "record.sh: $name does not decode cleanly; not kept" >&2
          exit 1
        fi ;;
      *)
        if "$ctiscope" "$tmp/rec.pcapng" | grep -q '^ *!'; then
          "$ctiscope" "$tmp/rec.pcapng" | grep '^ *!' >&2
          echo "record.sh: $name does not decode cleanly; not kept" >&2
          exit 1
        fi ;;
    esac
  fi
  cp "$tmp/rec.pcapng" "$here/captures/$name.pcapng"
  echo "recorded $here/captures/$name.pcapng (port $port, $(tshark -r "$tmp/rec.pcapng" 2>/dev/null | wc -l) frames)"
done
