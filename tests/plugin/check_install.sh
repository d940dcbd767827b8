#!/bin/sh
# check_install.sh CMAKE BUILD_DIR - `cmake --install` puts ccxcti.so in the
# personal plugin folder of the Wireshark series it was built against,
# $HOME/.local/lib/wireshark/plugins/<major>.<minor>/epan with the HOME of
# the install (not of the configure), and tshark started with that HOME and
# no WIRESHARK_PLUGIN_DIR loads it from there.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
cmake=${1:?usage: check_install.sh CMAKE BUILD_DIR}
build=${2:?usage: check_install.sh CMAKE BUILD_DIR}
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
majmin=$("$TSHARK" --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[ -n "$majmin" ] || ws_fail "cannot read the series from: $("$TSHARK" --version | head -n 1)"
HOME="$WS_TMP/home" "$cmake" --install "$build" --prefix "$WS_TMP/prefix" >"$WS_TMP/install.log" 2>&1 ||
  { cat "$WS_TMP/install.log" >&2; ws_fail "cmake --install failed"; }
want="$WS_TMP/home/.local/lib/wireshark/plugins/$majmin/epan/ccxcti.so"
[ -f "$want" ] || { cat "$WS_TMP/install.log" >&2; ws_fail "cmake --install did not write $want"; }
echo "ok: cmake --install wrote $want"
chmod -R a+rX "$WS_TMP"
[ "$(id -u)" = 0 ] && chown -R nobody "$WS_TMP/home"
listed=$(cd "$WS_TMP/cap" && $WS_AS env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WS_TMP/home" \
           "$TSHARK" -G plugins 2>&1)
printf '%s\n' "$listed" | grep "^ccxcti\.so" | grep -q "$WS_TMP/home/.local/lib/wireshark/plugins/$majmin/epan" || {
  printf '%s\n' "$listed" >&2
  ws_fail "tshark $majmin (HOME=$WS_TMP/home, no WIRESHARK_PLUGIN_DIR) does not list ccxcti.so from the personal folder"
}
printf '%s\n' "$listed" | grep "^ccxcti\.so"
echo "ok: tshark $majmin loads ccxcti.so from the personal plugin folder"
