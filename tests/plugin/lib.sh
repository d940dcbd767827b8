# lib.sh - sourced by the plugin tests: run the real tshark with the plugin
# of the build tree, the same way on a developer's machine and in CI.
#
#   ws_setup PLUGIN_DIR CAPTURE...   copy the plugin folder and the captures
#                                    into a fresh folder under /tmp
#   ws_tshark ARGS...                run tshark there (captures by basename)
#
# Why the copy: tshark ignores WIRESHARK_PLUGIN_DIR (and every plugin
# folder) when it runs as root, so as root the tests run it as "nobody",
# and nobody may not be able to traverse the build tree (/work, /root, a
# home folder).  /tmp is used explicitly rather than $TMPDIR, which may be
# private to the user.
#
# The environment is emptied (env -i) so that no preference, profile or
# locale of the machine changes the output: HOME is a fresh empty folder,
# TZ=UTC fixes the times printed by -V, LC_ALL=C.UTF-8 keeps "→" intact.

ws_fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ws_setup() {
  WS_PLUGINS=$1
  shift
  [ -d "$WS_PLUGINS" ] || ws_fail "plugin folder $WS_PLUGINS not found (build the ccxcti target first)"
  WS_TMP=$(mktemp -d /tmp/ccxcti-test.XXXXXX) || ws_fail "mktemp"
  trap 'rm -rf "$WS_TMP"' EXIT
  chmod 755 "$WS_TMP"
  mkdir -p "$WS_TMP/home" "$WS_TMP/cap"
  cp -R "$WS_PLUGINS" "$WS_TMP/plugins"
  for c in "$@"; do
    cp "$c" "$WS_TMP/cap/" || ws_fail "cannot copy $c"
  done
  chmod -R a+rX "$WS_TMP"
  if [ "$(id -u)" = 0 ]; then
    command -v runuser >/dev/null || ws_fail "running as root needs runuser (util-linux) to run tshark as nobody"
    chown nobody "$WS_TMP/home"
    WS_AS="runuser -u nobody --"
  else
    WS_AS=
  fi
  : "${TSHARK:=tshark}"
  command -v "$TSHARK" >/dev/null || ws_fail "tshark not found ($TSHARK)"
}

# WS_ENV: more NAME=VALUE words for tshark's environment (the fuzz script's
# WIRESHARK_ABORT_ON_DISSECTOR_BUG=1 ...); unset for the tests.
ws_tshark() {
  (cd "$WS_TMP/cap" && $WS_AS env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$WS_TMP/home" \
     TZ=UTC LC_ALL=C.UTF-8 WIRESHARK_PLUGIN_DIR="$WS_TMP/plugins" ${WS_ENV:-} "$TSHARK" "$@")
}
