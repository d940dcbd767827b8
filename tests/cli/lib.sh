# lib.sh - the small TAP-like harness of the command-line tests (sourced).
# Needs $tmp (a scratch folder) set by the caller; counts into $passes/$fails.
fails=0 passes=0

ok()   { passes=$((passes + 1)); echo "ok - $1"; }
fail() { fails=$((fails + 1)); echo "not ok - $1"; }
# expect NAME STATUS CMD...: run, keep stdout/stderr in $tmp/out, $tmp/err
expect() {
  name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else fail "$name: exit $got, want $want"; sed 's/^/    /' "$tmp/err"; fi
}
has()   { if grep -q -- "$2" "$tmp/$1"; then ok "$1 has: $2"; else fail "$1 lacks: $2"; sed 's/^/    /' "$tmp/$1" | head -20; fi; }
empty() { if [ ! -s "$tmp/$1" ]; then ok "$1 is empty"; else fail "$1 is not empty"; head -5 "$tmp/$1"; fi; }
count() { n=$(grep -c -- "$2" "$tmp/$1"); if [ "$n" = "$3" ]; then ok "$1: $3 x $2"; else fail "$1: $n x $2, want $3"; fi; }
