#!/usr/bin/env bash
# run.sh SERIES - build ctiscope and run its whole test suite (README's test
# command) against another Wireshark series, with that Debian release's own
# packages, in a debootstrap chroot.
#
#   SERIES  4.4  Debian trixie (tshark / libwireshark-dev 4.4)
#           4.6  Debian forky  (tshark / libwireshark-dev 4.6)
#           all  4.4 then 4.6 (both run; fails if either fails)
#
# Root only (debootstrap, chroot, mount).  The chroots are cached under
# /var/tmp/ctiscope-wireshark/<suite> (CTISCOPE_WS_CACHE overrides), so a
# second run skips debootstrap and apt; rm -rf that folder to start over.
# The project's current working tree (tracked and untracked files that are
# not ignored, so uncommitted changes count) is copied into a fresh folder
# inside the chroot each run, and built from scratch there.
#
# Phases, each printed with its time: debootstrap and apt (first run only),
# copy, build and tests (README's test command, split at its "&& ctest"),
# check (tshark -G plugins lists ccxcti.so, run as a new user would), clang
# (the tree builds warning-free with clang too, as .ci/run checks on the
# host).  A failing tests, check or clang phase does not stop the next one;
# the script exits 1 at the end, naming the series and the failed phases.
#
# Every mount (/proc, /tmp, /dev/shm) is made in a private mount and PID
# namespace (unshare) that dies with the run: nothing stays mounted after
# an error, Ctrl-C or kill.  README.md in this folder has the timings.
#
# The single-quoted scripts below are expanded inside the chroot, on purpose.
# shellcheck disable=SC2016
set -euo pipefail

MIRROR=http://deb.debian.org/debian
CACHE=${CTISCOPE_WS_CACHE:-/var/tmp/ctiscope-wireshark}
PACKAGES="ca-certificates cmake make gcc clang pkg-config libglib2.0-dev libpcap-dev zlib1g-dev libzstd-dev tshark libwireshark-dev python3"
APT_OPTS=(-o Acquire::Check-Valid-Until=false -o Acquire::Languages=none -y --no-install-recommends)
# README.md, "Run the tests", split at its && into the two timed phases
# (the same commands, stopping at the first failure, as the && chain does).
BUILD_CMD='cmake -S . -B build && cmake --build build -j2'
TEST_CMD='ctest --test-dir build --output-on-failure'
README_CMD="$BUILD_CMD && $TEST_CMD"
# Inside the chroot: where the working tree is copied, and a clean environment.
SRC=/root/ctiscope
CENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
      HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive)

usage() {
  echo "usage: $0 4.4|4.6|all   (build and run the tests against Wireshark 4.4 = Debian trixie, 4.6 = Debian forky)" >&2
  exit 2
}

[ $# -eq 1 ] || usage
if [ "$(id -u)" != 0 ]; then
  echo "$0: must run as root (it uses debootstrap, chroot and mount): sudo $0 $1" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$here/../.." && pwd)
if [ ! -f "$REPO/CMakeLists.txt" ] || [ ! -f "$REPO/tests/plugin/lib.sh" ]; then
  echo "$0: $REPO does not look like the ctiscope tree" >&2
  exit 2
fi

if [ "$1" = all ]; then
  start=$SECONDS
  rc=0
  results=()
  series_pid=
  # Background + wait, so that a SIGTERM to this script reaches the series.
  # shellcheck disable=SC2317  # called by the traps
  stop_series() {
    if [ -n "$series_pid" ]; then
      kill -TERM "$series_pid" 2>/dev/null || true
      wait "$series_pid" || true
    fi
    exit "$1"
  }
  trap 'stop_series 143' TERM HUP
  trap 'stop_series 130' INT
  for s in 4.4 4.6; do
    bash "$0" "$s" &
    series_pid=$!
    if wait "$series_pid"; then
      results+=("Wireshark $s: passed")
    else
      results+=("Wireshark $s: FAILED")
      rc=1
    fi
  done
  echo "== run.sh all: $((SECONDS - start)) s in all"
  printf '== %s\n' "${results[@]}"
  exit "$rc"
fi

case $1 in
  4.4) SUITE=trixie; DBS_SCRIPT= ;;
  # bookworm's debootstrap has no forky script; sid's bootstraps it.
  4.6) SUITE=forky;  DBS_SCRIPT=/usr/share/debootstrap/scripts/sid ;;
  *) usage ;;
esac
SERIES=$1
ROOT=$CACHE/$SUITE
TAG="[wireshark $SERIES / $SUITE]"
PHASE=setup
PHASE_START=$SECONDS
RUN_START=$SECONDS

say() { printf '%s %s\n' "$TAG" "$*"; }
fail() {
  printf '%s FAILED: Wireshark %s (%s), phase "%s", after %d s: %s\n' \
    "$TAG" "$SERIES" "$SUITE" "$PHASE" $((SECONDS - PHASE_START)) "$*" >&2
  exit 1
}
phase() { PHASE=$1; PHASE_START=$SECONDS; say "== $PHASE: $2"; }
phase_done() { say "== $PHASE: done in $((SECONDS - PHASE_START)) s"; }

# Mount points at or below $1 in this (the host's) mount namespace, deepest
# first.  Normally none: every mount of this script is in a private namespace.
mounts_under() {
  awk -v r="$1" '{ m = $5; gsub(/\\040/, " ", m); if (m == r || index(m, r "/") == 1) print m }' \
    /proc/self/mountinfo | sort -r
}

# Remove a chroot, never through a mount point (a bind-mounted /dev or host
# folder would be emptied too).
remove_root() {
  local m
  while read -r m; do
    if [ -n "$m" ]; then umount -l "$m" || true; fi
  done < <(mounts_under "$ROOT")
  [ -z "$(mounts_under "$ROOT")" ] || fail "$ROOT still has mounts; not removing it"
  rm -rf --one-file-system "$ROOT"
}

# Run a command in a private mount + PID namespace.  --kill-child: when
# unshare dies, the namespace's first process is killed, which kills every
# process in the namespace, which drops its mounts.  Run in the background
# and waited for, so that the traps below run at once and stop it (unshare
# --fork blocks SIGINT and SIGTERM: cleanup sends it SIGKILL).
CHILD=
in_ns() {
  unshare --mount --propagation private --pid --fork --kill-child --mount-proc "$@" 8>&- 9>&- &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=
  return "$rc"
}

# The same, chrooted into $ROOT with /proc, a fresh /tmp (1777: the plugin
# tests copy the plugin there for "nobody") and /dev/shm mounted.
in_chroot() {
  in_ns bash -c '
    set -e
    root=$1; shift
    mount -t proc proc "$root/proc"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
    mkdir -p "$root/dev/shm"
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
    exec chroot "$root" "$@"' in_chroot "$ROOT" "${CENV[@]}" "$@"
}

# The traps write to fd 8, the script's own stderr: a signal may arrive while
# a command's output is redirected to a log.
exec 8>&2
cleanup() {
  local rc=$? m
  trap - EXIT INT TERM HUP
  if [ -n "$CHILD" ]; then
    echo "$TAG stopping the $PHASE phase (killing its namespace)" >&8
    kill -KILL "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
  fi
  # Belt and braces: nothing of ours is mounted in the host namespace, but
  # if anything is (a run of an older script, a hand mount), unmount it.
  while read -r m; do
    [ -n "$m" ] || continue
    echo "$TAG unmounting $m" >&8
    umount -l "$m" || echo "$TAG WARNING: could not unmount $m" >&8
  done < <(mounts_under "$ROOT")
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "$TAG interrupted in phase $PHASE" >&8; exit 130' INT
trap 'echo "$TAG terminated in phase $PHASE" >&8; exit 143' TERM HUP

say "building ctiscope from $REPO against Wireshark $SERIES (Debian $SUITE), chroot $ROOT"

# ---------------------------------------------------------------- host tools
# Installed with apt-get when missing (a bare machine with only bash and apt).
host_pkgs=()
command -v debootstrap >/dev/null || host_pkgs+=(debootstrap debian-archive-keyring gpgv wget ca-certificates)
command -v mount >/dev/null || host_pkgs+=(mount)
if ! command -v unshare >/dev/null || ! command -v flock >/dev/null; then host_pkgs+=(util-linux); fi
if [ ${#host_pkgs[@]} != 0 ]; then
  phase host-apt "installing ${host_pkgs[*]} on the host"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update </dev/null || fail "apt-get update on the host failed"
  apt-get install -y --no-install-recommends "${host_pkgs[@]}" </dev/null ||
    fail "apt-get install ${host_pkgs[*]} on the host failed"
  phase_done
fi
PHASE=setup
for tool in debootstrap unshare flock chroot mount tar awk; do
  command -v "$tool" >/dev/null || fail "$tool not found on the host"
done
if [ -n "$DBS_SCRIPT" ] && [ ! -f "$DBS_SCRIPT" ]; then
  fail "debootstrap script $DBS_SCRIPT not found"
fi

# ---------------------------------------------------------------- lock
mkdir -p "$CACHE"
exec 9>"$CACHE/$SUITE.lock"
flock -n 9 || fail "another run.sh is using $ROOT (lock $CACHE/$SUITE.lock held); wait for it to end"

# ---------------------------------------------------------------- chroot
# The stamp, written only once apt has installed exactly $PACKAGES.  No
# stamp (or another package list: PACKAGES changed) = a half-made or
# outdated chroot: removed and made again from scratch.
APT_STAMP=$ROOT/.ctiscope-apt-ok
want_stamp="$SUITE: $PACKAGES"
if [ -f "$APT_STAMP" ] && [ "$(cat "$APT_STAMP")" = "$want_stamp" ]; then
  say "cached chroot $ROOT: skipping debootstrap and apt"
else
  if [ -e "$ROOT" ]; then
    say "removing the unfinished or outdated chroot $ROOT"
    remove_root
  fi
  phase debootstrap "debootstrap --variant=minbase $SUITE $ROOT $MIRROR $DBS_SCRIPT"
  log=$CACHE/$SUITE.debootstrap.log
  # shellcheck disable=SC2086  # DBS_SCRIPT is empty or one path
  if ! in_ns debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" $DBS_SCRIPT >"$log" 2>&1 </dev/null; then
    tail -n 30 "$log" >&2
    fail "debootstrap failed (log: $log)"
  fi
  phase_done

  phase apt "apt-get install $PACKAGES"
  log=$CACHE/$SUITE.apt.log
  printf 'deb %s %s main\n' "$MIRROR" "$SUITE" >"$ROOT/etc/apt/sources.list"
  cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # A throwaway chroot: no services started by postinst, no fsync per file.
  printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
  chmod 755 "$ROOT/usr/sbin/policy-rc.d"
  echo force-unsafe-io >"$ROOT/etc/dpkg/dpkg.cfg.d/ctiscope-unsafe-io"
  # shellcheck disable=SC2086  # PACKAGES is a word list
  if ! in_chroot sh -c 'apt-get "$@" update && apt-get "$@" install '"$PACKAGES" \
       apt "${APT_OPTS[@]}" >"$log" 2>&1 </dev/null; then
    tail -n 30 "$log" >&2
    fail "apt-get in the chroot failed (log: $log)"
  fi
  in_chroot apt-get clean >>"$log" 2>&1 </dev/null || true
  echo "$want_stamp" >"$APT_STAMP"
  phase_done
fi

# ---------------------------------------------------------------- copy
phase copy "the working tree of $REPO into $SUITE:$SRC"
rm -rf --one-file-system "${ROOT:?}$SRC"
mkdir -p "$ROOT$SRC"
if git -C "$REPO" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked and untracked-but-not-ignored files, as they are on disk (a
  # tracked file deleted in the work tree is skipped).
  (cd "$REPO" && git ls-files -z -co --exclude-standard |
     while IFS= read -r -d '' f; do
       if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
     done | tar --null -T - -cf -) | tar -xf - -C "$ROOT$SRC" ||
    fail "copying the working tree failed"
else
  say "no git (or not a git work tree): copying everything but .git and build*/"
  tar -C "$REPO" --exclude=./.git --exclude='./build*' -cf - . | tar -xf - -C "$ROOT$SRC" ||
    fail "copying the working tree failed"
fi
say "copied $(find "$ROOT$SRC" -type f | wc -l) files"
phase_done

# ---------------------------------------------------------------- versions
tshark_version=$(in_chroot tshark --version </dev/null 2>/dev/null | head -n 1) || true
say "tshark --version | head -1: $tshark_version"
say "libwireshark-dev: $(in_chroot dpkg-query -W -f '${Version}' libwireshark-dev </dev/null 2>&1)"
say "gcc: $(in_chroot gcc -dumpfullversion </dev/null 2>&1), clang: $(in_chroot clang -dumpversion </dev/null 2>&1), cmake: $(in_chroot cmake --version </dev/null 2>&1 | head -n 1)"
grep -qxF "$README_CMD" "$REPO/README.md" ||
  say "WARNING: README.md no longer has the line '$README_CMD'; update TEST_CMD/BUILD_CMD in $0"

# ---------------------------------------------------------------- build
phase build "(cd $SRC && $BUILD_CMD)"
in_chroot bash -c "cd $SRC && $BUILD_CMD" </dev/null || fail "the build failed (see above)"
phase_done

# From here on a failing phase does not stop the next ones (each tells
# something of its own); the script exits non-zero at the end, naming them.
FAILED=()
phase_failed() {
  FAILED+=("$PHASE ($1, after $((SECONDS - PHASE_START)) s)")
  say "== $PHASE: FAILED in $((SECONDS - PHASE_START)) s: $1"
}

# ---------------------------------------------------------------- tests
phase tests "(cd $SRC && $TEST_CMD)"
rc=0
in_chroot bash -c "cd $SRC && $TEST_CMD" </dev/null || rc=$?
if [ "$rc" = 0 ]; then phase_done; else phase_failed "ctest exit $rc; the failed tests are listed above"; fi

# ---------------------------------------------------------------- check
# As a new user would: tshark (as nobody: as root it ignores plugin folders)
# with WIRESHARK_PLUGIN_DIR on a copy of the build's plugin folder under /tmp.
phase check "tshark -G plugins lists ccxcti.so (as nobody, WIRESHARK_PLUGIN_DIR=<copy of build/plugin-dir>)"
rc=0
check_out=$(in_chroot bash -c '
  set -e
  d=$(mktemp -d /tmp/ccxcti-check.XXXXXX)
  cp -R "$1/build/plugin-dir" "$d/plugins"
  mkdir "$d/home"
  chmod -R a+rX "$d"
  chown nobody "$d/home"
  cd "$d"
  runuser -u nobody -- env -i PATH=/usr/bin:/bin HOME="$d/home" \
    WIRESHARK_PLUGIN_DIR="$d/plugins" tshark -G plugins' check "$SRC" </dev/null 2>&1) || rc=$?
if [ "$rc" != 0 ]; then
  printf '%s\n' "$check_out" >&2
  phase_failed "tshark -G plugins did not run (exit $rc)"
elif ! line=$(printf '%s\n' "$check_out" | grep '^ccxcti\.so[[:space:]]'); then
  printf '%s\n' "$check_out" >&2
  phase_failed "tshark -G plugins does not list ccxcti.so"
else
  say "tshark -G plugins: $(printf '%s' "$line" | tr -s '\t ' ' ')"
  phase_done
fi

# ---------------------------------------------------------------- clang
# As .ci/run does on the host: the tree builds warning-free with clang too.
CLANG_CMD='CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug >/dev/null && cmake --build build-clang -j2 >/dev/null'
phase clang "(cd $SRC && $CLANG_CMD)"
rc=0
in_chroot bash -c "cd $SRC && $CLANG_CMD" </dev/null || rc=$?
if [ "$rc" = 0 ]; then phase_done; else phase_failed "the clang build failed (exit $rc; errors above)"; fi

# ---------------------------------------------------------------- result
if [ ${#FAILED[@]} != 0 ]; then
  printf '%s FAILED: Wireshark %s (%s), %d s in all, failed phase(s): %s [%s]\n' \
    "$TAG" "$SERIES" "$SUITE" $((SECONDS - RUN_START)) "$(IFS=';'; printf '%s' "${FAILED[*]}")" "$tshark_version" >&2
  exit 1
fi
say "PASSED: build, whole test suite, plugin check and clang build in $((SECONDS - RUN_START)) s [$tshark_version]"
