#!/usr/bin/env bash
# run.sh [BUILD_DIR] [MESSAGES...] - the ctiscope benchmark.
# Environment: MODES (default "floor json brief text calls-csv"), REPEAT (5).
#
# For each size (default 1000000 and 4000000 messages) it generates a capture
# of CCX call flows (bench_gen), then times, in one run: the bare libpcap
# read loop (the floor), and ctiscope in each output mode, output to
# /dev/null.  It prints messages/s, the ratio to the floor and the peak RSS.
# Every command runs REPEAT times (default 5) and the best time is kept: the
# first read of a capture pays for the disk, later ones find it in the page
# cache, and comparing a cold floor with a warm decoder would flatter the
# decoder.  Each mode's ratio is to the best floor seen so far for that
# size, the floor being timed again after each mode.  Peak RSS is the
# largest seen.
# Targets (issue 2): --json within 10x the floor, peak RSS under 64 MB and
# the same for 1M and 4M messages.  Issue 5: --calls --csv (the call-flow
# engine and a CDR row per call) within 5x the floor, peak RSS flat.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 4000000)
b=$build/tests/bench
ctiscope=$build/decoder/cli/ctiscope
tmp=${TMPDIR:-/tmp}/ctiscope-bench
mkdir -p "$tmp"
printf '%-10s %-14s %9s %12s %8s %10s\n' messages mode seconds msgs/s x-floor peak-RSS
# Best of REPEAT runs of cmd: "seconds peak-RSS-KiB".
best_of() {
  local secs= rss=0 s1 r1
  for _ in $(seq "${REPEAT:-5}"); do
    read -r s1 r1 < <("$b/bench_run" /dev/null "$@" 2>&1 >/dev/null | tail -1)
    if [ -z "$secs" ] || awk -v a="$s1" -v b="$secs" 'BEGIN { exit !(a < b) }'; then secs=$s1; fi
    [ "$r1" -gt "$rss" ] && rss=$r1
  done
  echo "$secs $rss"
}

for n in "${sizes[@]}"; do
  cap=$tmp/bench-$n.pcap
  [ -f "$cap" ] || "$b/bench_gen" "$cap" "$n" 2>/dev/null
  for mode in ${MODES:-floor json brief text calls-csv}; do
    case $mode in
      floor) cmd=("$b/bench_floor" "$cap") ;;
      json)  cmd=("$ctiscope" --json "$cap") ;;
      brief) cmd=("$ctiscope" --brief "$cap") ;;
      text)  cmd=("$ctiscope" "$cap") ;;
      calls-csv) cmd=("$ctiscope" --calls --csv "$cap") ;;
    esac
    read -r secs rss < <(best_of "${cmd[@]}")
    # The floor is timed again right after each mode: a shared machine
    # drifts by 10-30% over minutes, and a ratio to a floor taken earlier
    # would carry that drift.
    if [ "$mode" = floor ]; then
      floor=$secs
    else
      read -r f2 _ < <(best_of "$b/bench_floor" "$cap")
      floor=$(awk -v a="$floor" -v b="$f2" 'BEGIN { print (a < b) ? a : b }')
    fi
    awk -v n="$n" -v m="$mode" -v s="$secs" -v f="$floor" -v r="$rss" \
      'BEGIN { printf "%-10d %-14s %9.3f %12.0f %7.1fx %7.1f MB\n", n, m, s, n / s, s / f, r / 1024 }'
  done
done
