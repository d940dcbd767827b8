#!/bin/sh
# update-golden.sh BUILD_DIR - regenerate every golden file of the plugin
# tests (tests/plugin/golden/).  Run it only when an output change is
# intended, then read the diff (git diff tests/plugin/golden) line by line
# before committing it.  Needs tshark; as root, runs it as nobody (lib.sh).
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PLUGIN_DIR="$build/plugin-dir"
mkdir -p "$here/golden"
for cap in "$root"/captures/*.pcapng "$root"/captures/*.pcap "$here"/captures/*.pcapng \
           "$root"/tests/hostile/*.pcapng "$root"/tests/hostile/*.pcap; do
  [ -f "$cap" ] || continue
  base=$(basename "$cap"); base=${base%%.*}
  for mode in fields verbose ztree zflow; do
    "$here/golden.sh" "$mode" "$cap" "$here/golden/$base.$mode" --update
  done
done
