#!/usr/bin/env bash
# run.sh [BUILD_DIR] - the ctiscope benchmark: what users run, on captures
# made for it (bench_gen), every output mode against the bare libpcap floor,
# and tshark with and without the plugin.  See tests/bench/README.md.
#
# Environment (all optional):
#   CAPTURES  which captures (default: ccx ccx-packed cap churn churn4 ring;
#             empty: none, only tshark; also log: ccx's messages as a MIVR
#             log, timed against the floor of the ccx capture)
#   MODES     which modes (default: all nine; see below)
#   REPEAT    pairs per mode (default 9; churn and ring take REPEAT_BIG, 3;
#             churn4, there for its peak RSS, REPEAT_HUGE, 1)
#   SCALE     multiplies every capture's size (default 1)
#   CTISCOPE  the program to time (default BUILD_DIR/decoder/cli/ctiscope;
#             another build's, to compare two builds on the same captures)
#   TSHARK    0 skips the tshark comparison (default 1 when tshark and the
#             plugin are there)
#
# Each timed run is paired with a floor run (bench_floor: pcap_next_ex over
# every frame) just before it, on the same capture: the pair saw the same
# machine, so the pair's ratio is what drifts least on a shared machine.
# Printed per capture and mode: the median ratio, its spread (lowest and
# highest pair), the median seconds, and the peak RSS (the largest run).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
b=$build/tests/bench
ctiscope=${CTISCOPE:-$build/decoder/cli/ctiscope}
tmp=${TMPDIR:-/tmp}/ctiscope-bench
mkdir -p "$tmp"
scale=${SCALE:-1}
repeat=${REPEAT:-9}
all_modes="brief text json calls calls-csv calls-json summary agents queues"

# name -> bench_gen arguments (sizes scaled)
size() { awk -v a="$1" -v s="$scale" 'BEGIN { printf "%d", a * s }'; }
gen() {   # gen NAME FILE
  case $1 in
    ccx) "$b/bench_gen" "$2" ccx "$(size 1000000)" ;;
    ccx-packed) "$b/bench_gen" "$2" ccx-packed "$(size 1000000)" ;;
    cap) "$b/bench_gen" "$2" cap "$(size 400)" "$here/../../captures" ;;
    churn) "$b/bench_gen" "$2" churn "$(size 50000)" "$here/../../captures" ;;
    churn4) "$b/bench_gen" "$2" churn "$(size 200000)" "$here/../../captures" ;;
    ccx-t) "$b/bench_gen" "$2" ccx "$(size 100000)" ;;
    log) "$b/bench_gen" "$2" ccx "$(size 1000000)" ;;
    cap-t) "$b/bench_gen" "$2" cap "$(size 50)" "$here/../../captures" ;;
  esac
}
# The files of a capture (a ring is several).
files() {
  local f=$tmp/$1-x$scale.pcap
  [ "$1" = log ] && f=$tmp/$1-x$scale.log   # bench_gen writes a MIVR log
  if [ "$1" = ring ]; then
    [ -f "$tmp/ring-x$scale-09.pcap" ] || { files cap >/dev/null; "$b/bench_gen" split "$tmp/cap-x$scale.pcap" 10 "$tmp/ring-x$scale" >&2; }
    ls "$tmp"/ring-x"$scale"-*.pcap
    return
  fi
  [ -f "$f" ] || gen "$1" "$f" >&2
  echo "$f"
}
# One timed run: "wall rss-KiB cpu".
run1() { "$b/bench_run" /dev/null "$@" 2>&1 >/dev/null | tail -1; }
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minmax() { tr ' ' '\n' | grep . | sort -g | awk 'NR == 1 { a = $1 } { z = $1 } END { printf "%.2f-%.2f", a, z }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", (b > 0 ? a / b : 0) }'; }

echo "# $(uname -m), $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg); $ctiscope"
printf '%-11s %-11s %8s %13s %9s %9s\n' capture mode x-floor spread seconds peak-RSS
for cap in ${CAPTURES-ccx ccx-packed cap churn churn4 ring}; do
  mapfile -t fs < <(files "$cap")
  ffs=("${fs[@]}") lopt=()   # the floor's files; a log's floor: the capture of the same messages
  [ "$cap" = log ] && { mapfile -t ffs < <(files ccx); lopt=(--year 2023); }
  n=$repeat
  case $cap in churn|ring) n=${REPEAT_BIG:-3} ;; churn4) n=${REPEAT_HUGE:-1} ;; esac
  for f in "${ffs[@]}"; do run1 "$b/bench_floor" "$f" >/dev/null; done   # into the page cache
  cat "${fs[@]}" >/dev/null
  for mode in ${MODES:-$all_modes}; do
    case $mode in
      brief) opt=(--brief) ;;
      text) opt=() ;;
      json) opt=(--json) ;;
      calls) opt=(--calls) ;;
      calls-csv) opt=(--calls --csv) ;;
      calls-json) opt=(--calls --json) ;;
      summary) opt=(--summary) ;;
      agents) opt=(--agents) ;;
      queues) opt=(--queues) ;;
      *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    ratios= secs= rss=0
    for _ in $(seq "$n"); do
      fl=0
      for f in "${ffs[@]}"; do         # the floor of every file, in turn
        read -r w _ _ < <(run1 "$b/bench_floor" "$f")
        fl=$(awk -v a="$fl" -v b="$w" 'BEGIN { print a + b }')
      done
      read -r w r _ < <(run1 "$ctiscope" "${lopt[@]}" "${opt[@]}" "${fs[@]}")
      ratios="$ratios $(ratio "$w" "$fl")"
      secs="$secs $w"
      [ "$r" -gt "$rss" ] && rss=$r
    done
    printf '%-11s %-11s %7.2fx %13s %9.3f %6.1f MB\n' "$cap" "$mode" "$(echo $ratios | median)" \
      "$(echo $ratios | minmax)" "$(echo $secs | median)" "$(awk -v r="$rss" 'BEGIN { print r / 1024 }')"
  done
done

# ---- tshark: with the plugin (as the plugin tests run it), and without it ----
plugin_dir=$build/plugin-dir   # the build tree's plugin folder (plugin/CMakeLists.txt)
if [ "${TSHARK:-1}" = 1 ] && command -v tshark >/dev/null && [ -d "$plugin_dir" ]; then
  ws=$(mktemp -d /tmp/ctiscope-bench-ws.XXXXXX)
  trap 'rm -rf "$ws"' EXIT
  mkdir -p "$ws/home" "$ws/none" "$ws/cap"
  cp -R "$plugin_dir" "$ws/plugins"
  as=()
  if [ "$(id -u)" = 0 ]; then chown nobody "$ws/home"; as=(runuser -u nobody --); fi
  ws_tshark() {   # ws_tshark PLUGIN_DIR ARGS...
    local pd=$1; shift
    "$b/bench_run" /dev/null "${as[@]}" env -i PATH=/usr/bin:/bin HOME="$ws/home" TZ=UTC LC_ALL=C.UTF-8 \
      WIRESHARK_PLUGIN_DIR="$pd" tshark "$@" 2>&1 >/dev/null | tail -1
  }
  tn=${TSHARK_REPEAT:-3}
  echo
  echo "# tshark $(tshark --version 2>/dev/null | head -1 | awk '{ print $2, $3 }'), $tn rounds; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# a round: ctiscope --json, tshark with the plugin, tshark without it (the ports forced to data)"
  printf '%-6s %-10s %9s %9s %9s %12s %12s %12s
' capture tshark plugin-s no-plug-s json-s "plug/no(cpu)" "x-json wall" "x-json cpu"
  for cap in ccx-t cap-t; do
    f=$(files "$cap")
    cp "$f" "$ws/cap/"
    chmod -R a+rX "$ws"
    c=$ws/cap/$(basename "$f")
    case $cap in
      ccx-t) data=(-d tcp.port==42027,data) ;;
      cap-t) data=(-d tcp.port==2206,data -d tcp.port==2208,data -d tcp.port==2212,data) ;;
    esac
    for what in json fields V; do
      case $what in
        json) args=(-T json) ;;
        fields) args=(-T fields -e frame.number -e _ws.col.Info) ;;
        V) args=(-V) ;;
      esac
      pw= nw= jw_= pn= pnc= xw= xc=
      # the plugin must be there: a -T fields run names its messages
      if [ "$what" = fields ]; then
        proto=ccxcti; [ "$cap" = cap-t ] && proto=bwcap
        k=$("${as[@]}" env -i PATH=/usr/bin:/bin HOME="$ws/home" WIRESHARK_PLUGIN_DIR="$ws/plugins" \
            tshark -r "$c" -Y "$proto" -T fields -e frame.number 2>/dev/null | wc -l)
        [ "$k" -gt 0 ] || { echo "tshark did not load the plugin from $ws/plugins" >&2; exit 1; }
      fi
      for _ in $(seq "$tn"); do
        read -r jw _ jc < <(run1 "$ctiscope" --json "$c")
        read -r w _ cpu < <(ws_tshark "$ws/plugins" -r "$c" "${args[@]}")
        read -r w0 _ cpu0 < <(ws_tshark "$ws/none" -r "$c" "${data[@]}" "${args[@]}")
        pw="$pw $w"; nw="$nw $w0"; jw_="$jw_ $jw"
        pn="$pn $(ratio "$w" "$w0")"; pnc="$pnc $(ratio "$cpu" "$cpu0")"
        xw="$xw $(ratio "$w" "$jw")"; xc="$xc $(ratio "$cpu" "$jc")"
      done
      printf '%-6s %-10s %9.2f %9.2f %9.3f %5.2f (%.2f) %11.1fx %11.1fx\n' "$cap" "${args[*]:0:2}" \
        "$(echo $pw | median)" "$(echo $nw | median)" "$(echo $jw_ | median)" "$(echo $pn | median)" \
        "$(echo $pnc | median)" "$(echo $xw | median)" "$(echo $xc | median)"
    done
  done
fi
