#!/usr/bin/env bash
# run.sh FUZZ_BUILD [TARGET...] - fuzz the targets (all seven by default),
# each for FUZZ_SECONDS (default 1800: the long run of README.md here; CI
# runs 60) from its committed corpus, its regression inputs and its
# dictionary.  FUZZ_BUILD is a build configured with
#   CC=clang cmake -S . -B FUZZ_BUILD -DCMAKE_BUILD_TYPE=Debug \
#     -DCTISCOPE_FUZZ=ON -DCTISCOPE_SANITIZE=address,undefined -DCTISCOPE_PLUGIN=OFF
# Environment: FUZZ_SECONDS; FUZZ_JOBS, targets run at once (default 1);
# FUZZ_OUT, where each target's log, new inputs and failing inputs go
# (default a new folder under /tmp, kept).  Each target runs under nice,
# fails above its RSS cap (rss_caps: 128 MB but where README.md says why a
# target needs more), on one allocation above 64 MB, and on any crash,
# sanitizer report, leak, check of its own or input slower than 10 s.  The committed corpus is only read.  Exit status 0 when
# every target ran its time clean; the failing inputs are then in
# FUZZ_OUT/<target>/artifacts/, to be kept in regress/<target>/ once fixed.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fuzz=$(cd "${1:?usage: run.sh FUZZ_BUILD [TARGET...]}" && pwd)
shift
targets=${*:-ccx_decode cap_decode ccx_framer cap_framer tcp_reasm pcap flow}
seconds=${FUZZ_SECONDS:-1800}
jobs=${FUZZ_JOBS:-1}
out=${FUZZ_OUT:-$(mktemp -d /tmp/ctiscope-fuzz.XXXXXX)}
mkdir -p "$out"

# ASan's quarantine keeps freed blocks to catch late uses; its default of
# 256 MB alone is four times the cap (README.md: "Memory").
export ASAN_OPTIONS=quarantine_size_mb=4:detect_leaks=1:${ASAN_OPTIONS:-}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}

rss_cap() { # the RSS cap of a target in MB: rss_caps, else 128
  awk -v t="$1" '$1 == t { print $2; f = 1 } END { if (!f) print 128 }' "$here/rss_caps"
}

dict_of() {
  case $1 in
    ccx_*|tcp_reasm) cat "$here/dict/ccx.dict" ;;
    cap_*) cat "$here/dict/cap.dict" ;;
    *) cat "$here/dict/ccx.dict" "$here/dict/cap.dict" ;;
  esac
}

run_one() {
  local t=$1 w=$out/$1 rss
  rss=$(rss_cap "$t")
  rm -rf "$w"
  mkdir -p "$w/new" "$w/artifacts"
  dict_of "$t" > "$w/dict"
  local dirs=("$w/new" "$here/corpus/$t")
  [ -d "$here/regress/$t" ] && dirs+=("$here/regress/$t")
  nice -n 10 "$fuzz/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb="$rss" \
    -malloc_limit_mb=64 -timeout=10 -dict="$w/dict" -artifact_prefix="$w/artifacts/" \
    -print_final_stats=1 "${dirs[@]}" > "$w/log" 2>&1
  echo $? > "$w/rc"
}

pids=()
for t in $targets; do
  [ -x "$fuzz/tests/fuzz/fuzz_$t" ] || { echo "run.sh: no $fuzz/tests/fuzz/fuzz_$t (build it first)" >&2; exit 2; }
  run_one "$t" &
  pids+=($!)
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
done
wait

bad=0
printf '%-11s %8s %12s %6s %7s %8s  %s\n' target seconds executions cov feat "peak MB" result
for t in $targets; do
  w=$out/$t
  log=$w/log
  rc=$(cat "$w/rc" 2>/dev/null || echo 1)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  peak=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  result=clean
  if [ "$rc" != 0 ]; then
    result="FAILED (exit $rc): $(ls "$w/artifacts" | tr '\n' ' ')"
    bad=1
  fi
  printf '%-11s %8s %12s %6s %7s %8s  %s\n' "$t" "${secs:--}" "${runs:--}" "${cov:--}" "${ft:--}" \
    "${peak:--}" "$result"
done
if [ "$bad" != 0 ]; then
  for t in $targets; do
    [ "$(cat "$out/$t/rc" 2>/dev/null)" = 0 ] && continue
    echo "== $t: the end of $out/$t/log =="
    grep -v -E '^#[0-9]+ +(NEW|REDUCE|pulse)' "$out/$t/log" | tail -40
  done
fi
echo "run.sh: logs, new inputs and failing inputs in $out"
exit "$bad"
