/* plugin.c - the entry points Wireshark looks for in an epan plugin
 * (wsutil/plugins.c): plugin_version, plugin_want_major/minor and
 * plugin_register, and from 4.2 on plugin_describe (what the plugin
 * registers: here dissectors and tap listeners).  A major.minor mismatch
 * makes Wireshark skip the plugin with only a log message, so they come
 * from the ws_version.h compiled against. */
#define WS_BUILD_DLL
#include <wireshark.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "ws_compat.h"
#ifdef CCXCTI_HAVE_PLUGIN_DESCRIBE
#include <wsutil/plugins.h>
#endif

#ifndef CCXCTI_VERSION
#define CCXCTI_VERSION "0.0.0"
#endif

void proto_register_ccxcti(void);
void proto_reg_handoff_ccxcti(void);
void ccxcti_register_tap_listeners(void);
void proto_register_bwcap(void);
void proto_reg_handoff_bwcap(void);
void bwcap_register_tap_listeners(void);

WS_DLL_PUBLIC_DEF const gchar plugin_version[] = CCXCTI_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

#ifdef CCXCTI_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);

uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif

/* One plugin, two dissectors: ccxcti (Cisco Unified CCX CTI) and bwcap
 * (BroadWorks CAP). */
void plugin_register(void)
{
    static proto_plugin plug_ccx, plug_cap;
    static tap_plugin tap_ccx, tap_cap;

    plug_ccx.register_protoinfo = proto_register_ccxcti;
    plug_ccx.register_handoff = proto_reg_handoff_ccxcti;
    proto_register_plugin(&plug_ccx);
    plug_cap.register_protoinfo = proto_register_bwcap;
    plug_cap.register_handoff = proto_reg_handoff_bwcap;
    proto_register_plugin(&plug_cap);

    /* stats_tree registration must wait until taps are set up. */
    tap_ccx.register_tap_listener = ccxcti_register_tap_listeners;
    tap_register_plugin(&tap_ccx);
    tap_cap.register_tap_listener = bwcap_register_tap_listeners;
    tap_register_plugin(&tap_cap);
}
