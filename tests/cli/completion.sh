#!/bin/bash
# completion.sh CTISCOPE COMPLETION_SCRIPT
# The bash completion offers ctiscope's options (from its --help), the names
# of --type (from --list-types), --color's values, and captures.
set -u
ctiscope=$1 script=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
shopt -s extglob
. "$script"
complete_words() {   # the words offered for the command line "$@" (last word completed)
  COMP_WORDS=("$ctiscope" "$@")
  COMP_CWORD=$#
  COMP_LINE="$ctiscope $*"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _ctiscope
  printf '%s\n' "${COMPREPLY[@]}" >"$tmp/out"
}
complete_words --ty
has out "^--type$"
complete_words --wi
has out "^--width$"
complete_words --li
has out "^--list-types$"
complete_words --type CALL_DEL
has out "^CALL_DELIVERED_EVENT$"
count out "" 1
complete_words --type call
has out "^callUpdate$"
complete_words --color a
has out "^auto$"
has out "^always$"
if [ -e /sys/class/net/lo ]; then   # (a chroot may have no /sys)
  complete_words -i l
  has out "^lo$"
fi
touch "$tmp/x.pcapng.gz" "$tmp/y.txt"
complete_words "$tmp/"
has out "x.pcapng.gz"
if grep -q "y.txt" "$tmp/out"; then fail "a .txt file offered as a capture"; else ok "no .txt offered"; fi
# every option of --help is offered
n_help=$(COLUMNS=10000 "$ctiscope" --help | grep -c '^  \(-[A-Za-z], \)\{0,1\}--')
complete_words --
n_offered=$(grep -c '^--' "$tmp/out")
if [ "$n_offered" -ge "$n_help" ] && [ "$n_help" -ge 20 ]; then ok "-- offers the $n_help options of --help"
else fail "-- offers $n_offered options, --help has $n_help"; fi
echo "# $passes passed, $fails failed"
[ "$fails" = 0 ]
