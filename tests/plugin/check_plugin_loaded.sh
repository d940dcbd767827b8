#!/bin/sh
# check_plugin_loaded.sh - tshark lists the ccxcti plugin and its two
# protocols, ccxcti (CCX CTI) and bwcap (BroadWorks CAP).
# Wireshark skips a plugin built for another major.minor with no more than
# a log line, so this test says loudly what it looked for.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
ws_setup "${PLUGIN_DIR:?PLUGIN_DIR not set}"
plugins=$(ws_tshark -G plugins 2>&1)
if ! printf '%s\n' "$plugins" | grep -q '^ccxcti\.so[[:space:]]'; then
  echo "$plugins" >&2
  so=$(find "$WS_TMP/plugins" -name 'ccxcti.so' | head -n 1)
  ws_fail "tshark -G plugins does not list ccxcti.so (plugin file: ${so:-none} under $WS_PLUGINS; tshark: $($TSHARK --version 2>/dev/null | head -n 1)). The plugin folder must be <dir>/<major>.<minor>/epan/ for this tshark's version, and tshark ignores plugins when run as root."
fi
printf '%s\n' "$plugins" | grep '^ccxcti\.so'
ws_tshark -G protocols 2>/dev/null | grep -q "$(printf 'Cisco Unified CCX CTI\tCCX CTI\tccxcti')" ||
  ws_fail "tshark -G protocols does not list 'Cisco Unified CCX CTI / CCX CTI / ccxcti'"
ws_tshark -G dissector-tables 2>/dev/null >/dev/null
ws_tshark -G heuristic-decodes 2>/dev/null | grep -q "$(printf '^tcp\tccxcti\tT')" ||
  ws_fail "the heuristic dissector ccxcti is not registered (enabled) on tcp"
ws_tshark -G decodes 2>/dev/null | grep -q "$(printf '^tcp.port\t42027\tccxcti')" ||
  ws_fail "ccxcti is not registered on tcp.port 42027"
echo "ok: ccxcti plugin loaded, protocol, tcp.port 42027 and heuristic registered"
# The second dissector of the same plugin: BroadWorks CAP.
ws_tshark -G protocols 2>/dev/null | grep -q "$(printf 'BroadWorks CAP\tCAP\tbwcap')" ||
  ws_fail "tshark -G protocols does not list 'BroadWorks CAP / CAP / bwcap'"
ws_tshark -G heuristic-decodes 2>/dev/null | grep -q "$(printf '^tcp\tbwcap\tT')" ||
  ws_fail "the heuristic dissector bwcap is not registered (enabled) on tcp"
for port in 2206 2208 2212; do
  ws_tshark -G decodes 2>/dev/null | grep -q "$(printf '^tcp.port\t%s\tbwcap' $port)" ||
    ws_fail "bwcap is not registered on tcp.port $port"
done
echo "ok: bwcap in the same plugin: protocol, tcp.port 2206, 2208, 2212 and heuristic registered"
