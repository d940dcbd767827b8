#!/usr/bin/env bash
# record.sh - re-record tests/plugin/captures/<flow>.pcapng from
# tests/plugin/flows/<flow>.flow (maintainer tool: the captures are
# committed, the tests only read them).  Same recipe as captures/record.sh:
# dumpcap on lo while build/captures/ctiscope-replay plays the flow over
# real TCP.  PORT (default 42028: off the CCX port on purpose, so the
# plugin finds these sessions with its heuristic) must be free.
# Needs a build, dumpcap, and root or CAP_NET_RAW.  Afterwards regenerate
# the goldens on purpose: tests/plugin/update-golden.sh build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${BUILD:-$root/build}
port=${PORT:-42028}
replay=$build/captures/ctiscope-replay
ctiscope=$build/decoder/cli/ctiscope
[ -x "$replay" ] && [ -x "$ctiscope" ] || { echo "record.sh: build first (cmake --build $build)" >&2; exit 1; }
command -v dumpcap >/dev/null || { echo "record.sh: dumpcap not found" >&2; exit 1; }
tmp=$(mktemp -d /tmp/ccxcti-record.XXXXXX)
chmod 755 "$tmp"
pid=
trap '[ -n "$pid" ] && kill -INT $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for flow in "$here"/flows/*.flow; do
  name=$(basename "$flow" .flow)
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
  # The flow must decode cleanly (by the heuristic: port $port is not CCX's).
  if "$ctiscope" "$tmp/rec.pcapng" | grep -q '^ *!'; then
    "$ctiscope" "$tmp/rec.pcapng" | grep '^ *!' >&2
    echo "record.sh: $name does not decode cleanly; not kept" >&2
    exit 1
  fi
  cp "$tmp/rec.pcapng" "$here/captures/$name.pcapng"
  echo "recorded $here/captures/$name.pcapng ($("$ctiscope" --brief "$tmp/rec.pcapng" | grep -c '^#') messages)"
done
