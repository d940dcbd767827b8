#!/bin/sh
# update-golden.sh BUILD_DIR - regenerate every golden file of the plugin
# tests (tests/plugin/golden/<capture>.plugin).  Run it only when an output
# change is intended, then read the diff (git diff tests/plugin/golden) line
# by line before committing it.  It refuses to write a golden file for a
# capture on which tshark and ctiscope disagree.  Needs tshark and python3;
# as root, runs tshark as nobody (lib.sh).
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PLUGIN_DIR="$build/plugin-dir"
mkdir -p "$here/golden"
fields=$(mktemp)
trap 'rm -f "$fields"' EXIT
"$here/write_fields.sh" "$fields" >/dev/null
for cap in "$root"/captures/*.pcapng "$root"/captures/*.pcap "$here"/captures/*.pcapng \
           "$root"/tests/hostile/*.pcapng "$root"/tests/hostile/*.pcap; do
  [ -f "$cap" ] || continue
  base=$(basename "$cap"); base=${base%%.*}
  case $base in
    cap-*) proto=bwcap names=$build/tests/plugin/cap_filter_names ;;
    *) proto=ccxcti names=$build/tests/plugin/ccx_filter_names ;;
  esac
  # the options tests/plugin/CMakeLists.txt gives each capture's test:
  # out-of-order reassembly on but for the *gap* captures; SMPP's heuristic
  # off for the *heur* ones
  case $base in
    *gap*) export TSHARK_OPTS= ;;
    *heur*) export TSHARK_OPTS="-o tcp.reassemble_out_of_order:TRUE --disable-heuristic smpp_tcp" ;;
    *) export TSHARK_OPTS="-o tcp.reassemble_out_of_order:TRUE" ;;
  esac
  "$here/check_capture.sh" "$proto" "$cap" "$here/golden/$base.plugin" "$build/decoder/cli/ctiscope" \
    "$names" "$fields" --update
done
