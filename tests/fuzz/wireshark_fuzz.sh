#!/usr/bin/env bash
# wireshark_fuzz.sh PLUGIN_DIR [COUNT] - Wireshark's own fuzz procedure
# (its tools/fuzz-test.sh) with the plugin: COUNT times (default 200, CI's
# bound; WS_FUZZ_COUNT=5000 or a COUNT argument for a longer run), take the
# next shipped capture (captures/, tests/hostile/, tests/plugin/captures/),
# let editcap -E 0.02 change each byte of its frames with probability 2%,
# and dissect the result with tshark -nVxr and the plugin, as Wireshark's
# fuzz bot does (every other run with TCP's out-of-order reassembly on,
# which the plugin tests use).  It stops at the first crash (a signal),
# non-zero exit status, "Dissector bug" or "too many items" (tshark runs
# with WIRESHARK_ABORT_ON_DISSECTOR_BUG and WIRESHARK_ABORT_ON_TOO_MANY_ITEMS
# set, so those abort too), and keeps the mutated capture, its seed and
# tshark's stderr in WS_FUZZ_OUT (default a new folder under /tmp).
#
# PLUGIN_DIR is a build's plugin folder (BUILD/plugin-dir).  tshark runs
# from a copy under /tmp, as "nobody" when run as root (tests/plugin/lib.sh
# says why).  WS_FUZZ_SEED fixes editcap's seeds (seed + run number), so a
# run can be repeated; it is printed at the start.  Needs tshark and
# editcap (package tshark).  Exit status 0 when every file was dissected
# clean.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/tests/plugin/lib.sh"
plugins=${1:?usage: wireshark_fuzz.sh PLUGIN_DIR [COUNT]}
count=${2:-${WS_FUZZ_COUNT:-200}}
seed=${WS_FUZZ_SEED:-$(date +%s)}
out=${WS_FUZZ_OUT:-$(mktemp -d /tmp/ctiscope-wsfuzz.XXXXXX)}
command -v editcap >/dev/null || ws_fail "editcap not found (apt-get install tshark)"
shopt -s nullglob
caps=("$root"/captures/*.pcap* "$root"/tests/hostile/*.pcap* "$root"/tests/plugin/captures/*.pcap*)
[ ${#caps[@]} -gt 0 ] || ws_fail "no captures found under $root"
ws_setup "$plugins" "${caps[@]}"
mkdir -p "$out"
export WS_ENV="WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 WIRESHARK_ABORT_ON_TOO_MANY_ITEMS=1"
echo "wireshark_fuzz.sh: $count files from ${#caps[@]} captures, seed $seed, $("$TSHARK" --version 2>/dev/null | head -1)"
start=$SECONDS
for ((i = 0; i < count; i++)); do
  cap=$(basename "${caps[i % ${#caps[@]}]}")
  s=$((seed + i))
  opts=()
  [ $((i % 2)) = 1 ] && opts=(-o tcp.reassemble_out_of_order:TRUE)
  rm -f "$WS_TMP/cap/fuzzed.pcapng"
  editcap -E 0.02 --seed "$s" "$WS_TMP/cap/$cap" "$WS_TMP/cap/fuzzed.pcapng" >/dev/null 2>&1 ||
    ws_fail "editcap -E 0.02 --seed $s $cap failed"
  chmod a+r "$WS_TMP/cap/fuzzed.pcapng"
  ws_tshark -nVxr fuzzed.pcapng "${opts[@]}" >/dev/null 2>"$out/stderr"
  rc=$?
  bad=
  if [ "$rc" -gt 128 ]; then
    bad="crashed (signal $((rc - 128)))"
  elif [ "$rc" != 0 ]; then
    bad="exit status $rc"
  elif grep -qiE 'dissector bug|too many items' "$out/stderr"; then
    bad="$(grep -iE -m1 'dissector bug|too many items' "$out/stderr")"
  fi
  if [ -n "$bad" ]; then
    keep="$out/fuzzed-$cap-seed$s.pcapng"
    cp "$WS_TMP/cap/fuzzed.pcapng" "$keep"
    echo "FAIL: run $i: tshark -nVxr ${opts[*]} on $cap changed by editcap -E 0.02 --seed $s: $bad" >&2
    echo "  the file: $keep; tshark's stderr: $out/stderr" >&2
    head -20 "$out/stderr" | sed 's/^/  | /' >&2
    exit 1
  fi
done
echo "wireshark_fuzz.sh: $count files dissected clean in $((SECONDS - start)) s (seeds $seed to $((seed + count - 1)))"
rm -f "$out/stderr"
rmdir "$out" 2>/dev/null || true
