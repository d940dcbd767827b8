#!/bin/sh
# check_install.sh CMAKE BUILD_DIR SOURCE_DIR - what `cmake --install` does
# (README.md, "Install"; cmake/install_mode.cmake), without touching the
# machine's own folders:
#   1. as a user, no prefix: the CLI in ~/.local/bin, the plugin in the
#      personal plugin folder of the series it was built against
#      (~/.local/lib/wireshark/plugins/<x.y>/epan), ~ the HOME of the install;
#      exit 0; and tshark run by that user with that HOME (no
#      WIRESHARK_PLUGIN_DIR) loads it from there
#   2. as a user with --prefix: the CLI under the prefix, the plugin as in 1
#   3. a system install staged with DESTDIR: the CLI in <prefix>/bin, the
#      plugin in the folder tshark -G folders calls "Global Plugins", /epan
#   4. as root without DESTDIR (what sudo cmake --install does) the install
#      is a system one: asked of cmake/install_mode.cmake alone, so that
#      nothing is written to /usr
# Run as root (CI), "the user" is nobody; run as a user, it is that user and
# step 4 is left out.  Exit 77 (skipped) when nobody cannot read the build
# tree (a build under /root, say): then a user's install cannot be tried.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
cmake=${1:?usage: check_install.sh CMAKE BUILD_DIR SOURCE_DIR}
build=${2:?usage: check_install.sh CMAKE BUILD_DIR SOURCE_DIR}
src=${3:?usage: check_install.sh CMAKE BUILD_DIR SOURCE_DIR}
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
majmin=$("$TSHARK" --version 2>/dev/null | sed -n '1s/^TShark (Wireshark) \([0-9]*\.[0-9]*\).*/\1/p')
[ -n "$majmin" ] || ws_fail "cannot read the series from: $("$TSHARK" --version | head -n 1)"
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
user_home=$WS_TMP/home
personal=$user_home/.local/lib/wireshark/plugins/$majmin/epan

# The user's cmake --install.  As root: nobody, who must be able to read the
# build tree and write the install manifest cmake keeps in it.
manifest=$build/install_manifest.txt
if [ "$(id -u)" = 0 ]; then
  if ! runuser -u nobody -- test -r "$build/cmake_install.cmake"; then
    echo "SKIP: user nobody cannot read $build: a user's install cannot be tried here"
    exit 77
  fi
  [ -e "$manifest" ] || : >"$manifest"
  chown nobody "$manifest"
  trap 'chown 0 "$manifest" 2>/dev/null; rm -rf "$WS_TMP"' EXIT
fi
as_user() {
  $WS_AS env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$user_home" "$@"
}

# 1. a user, no prefix
as_user "$cmake" --install "$build" >"$WS_TMP/install.log" 2>&1 ||
  { cat "$WS_TMP/install.log" >&2; ws_fail "cmake --install as a user, no prefix, failed"; }
cat "$WS_TMP/install.log"
if [ "$prefix" = /usr/local ]; then
  cli=$user_home/.local/bin/ctiscope
  grep -q "installing for this user" "$WS_TMP/install.log" || ws_fail "the install does not say it is for this user"
else
  cli=$prefix/bin/ctiscope   # configured with a prefix of its own: kept
fi
[ -x "$cli" ] || ws_fail "cmake --install did not write $cli"
as_user "$cli" --version | grep -q '^ctiscope ' || ws_fail "$cli --version does not run"
[ -f "$personal/ccxcti.so" ] || ws_fail "cmake --install did not write $personal/ccxcti.so"
echo "ok: as a user, no prefix: $cli and $personal/ccxcti.so"
listed=$(cd "$WS_TMP/cap" && as_user "$TSHARK" -G plugins 2>&1)
printf '%s\n' "$listed" | grep "^ccxcti\.so" | grep -q "$personal" || {
  printf '%s\n' "$listed" >&2
  ws_fail "tshark $majmin (HOME=$user_home, no WIRESHARK_PLUGIN_DIR) does not list ccxcti.so from the personal folder"
}
printf '%s\n' "$listed" | grep "^ccxcti\.so"
echo "ok: tshark $majmin loads ccxcti.so from the personal plugin folder"

# 2. a user, --prefix
rm -rf "$user_home/.local"
as_user "$cmake" --install "$build" --prefix "$user_home/prefix" >"$WS_TMP/install.log" 2>&1 ||
  { cat "$WS_TMP/install.log" >&2; ws_fail "cmake --install --prefix as a user failed"; }
[ -x "$user_home/prefix/bin/ctiscope" ] || ws_fail "--prefix: no $user_home/prefix/bin/ctiscope"
[ -f "$personal/ccxcti.so" ] || ws_fail "--prefix: no $personal/ccxcti.so"
[ ! -e "$user_home/.local/bin" ] || ws_fail "--prefix: something went to ~/.local/bin"
echo "ok: as a user, --prefix: the CLI under the prefix, the plugin in the personal folder"

# 3. a system install, staged (DESTDIR: as a package is built)
global=$(cd "$WS_TMP/cap" && $WS_AS env -i PATH=/usr/bin:/bin HOME="$user_home" "$TSHARK" -G folders 2>/dev/null |
         sed -n 's/^Global Plugins:[[:space:]]*//p')
[ -n "$global" ] || ws_fail "tshark -G folders names no Global Plugins folder"
stage=$WS_TMP/stage
DESTDIR=$stage "$cmake" --install "$build" >"$WS_TMP/install.log" 2>&1 ||
  { cat "$WS_TMP/install.log" >&2; ws_fail "DESTDIR=... cmake --install failed"; }
cat "$WS_TMP/install.log"
[ -x "$stage$prefix/bin/ctiscope" ] || ws_fail "DESTDIR: no $stage$prefix/bin/ctiscope"
[ -f "$stage$global/epan/ccxcti.so" ] || ws_fail "DESTDIR: no $stage$global/epan/ccxcti.so (Wireshark's Global Plugins: $global)"
[ "$(find "$stage" -type f | wc -l)" = 2 ] || { find "$stage" -type f >&2; ws_fail "DESTDIR: other files than these two"; }
echo "ok: DESTDIR=$stage: $prefix/bin/ctiscope and $global/epan/ccxcti.so (tshark's Global Plugins folder)"

# 4. root without DESTDIR: a system install (sudo cmake --install)
if [ "$(id -u)" = 0 ]; then
  out=$(env -u DESTDIR HOME=/root "$cmake" -DCTISCOPE_DEFAULT_PREFIX=/usr/local -DCMAKE_INSTALL_PREFIX=/usr/local \
          -P "$src/cmake/install_mode.cmake" 2>&1)
  printf '%s\n' "$out"
  printf '%s\n' "$out" | grep -q "installing as root: a system install" || ws_fail "as root, not a system install"
  out=$(as_user "$cmake" -DCTISCOPE_DEFAULT_PREFIX=/usr/local -DCMAKE_INSTALL_PREFIX=/usr/local \
          -P "$src/cmake/install_mode.cmake" 2>&1)
  printf '%s\n' "$out" | grep -q "installing for this user" || { printf '%s\n' "$out" >&2; ws_fail "as nobody, not a user install"; }
  echo "ok: as root a system install, as a user a user one"
fi
