/* ws_compat.h - what differs between the Wireshark series the plugin is
 * built against, in one place.  The plugin's sources use the names below;
 * everything else they use is the same in 4.0, 4.4 and 4.6 (the series
 * tests/wireshark-versions/run.sh builds and tests).  Keyed on the
 * ws_version.h of the libwireshark compiled against, as out-of-tree
 * plugins do; 4.2 takes the 4.4 side (the bool API arrived with it) but is
 * not tested here.
 */
#ifndef CCXCTI_WS_COMPAT_H
#define CCXCTI_WS_COMPAT_H

#include <wireshark.h>
#include <epan/packet.h>

#define CCXCTI_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

#if CCXCTI_WS_AT_LEAST(4, 2)
/* 4.2 moved the epan API from gboolean to C99 bool: preferences hold a
 * bool, heuristic dissectors return one; format_text() takes char. */
typedef bool ws_pref_bool;
typedef bool ws_heur_result;
#define ws_format_text(pool, s, n) format_text((pool), (const char *)(s), (n))
/* plugin_describe() says what a plugin registers (4.2 and later). */
#define CCXCTI_HAVE_PLUGIN_DESCRIBE 1
/* A field_info holds its value by pointer since 4.2. */
#define ws_finfo_uint(fi) fvalue_get_uinteger((fi)->value)
#else
#define ws_finfo_uint(fi) fvalue_get_uinteger(&(fi)->value)
typedef gboolean ws_pref_bool;
typedef gboolean ws_heur_result;
#define ws_format_text(pool, s, n) format_text((pool), (const guchar *)(s), (n))
/* 4.2 renamed the tvb accessors (the g-prefixed ones are deprecated since). */
#define tvb_get_uint8 tvb_get_guint8
#endif

#if CCXCTI_WS_AT_LEAST(4, 6)
/* A -z statistic's init callback says whether it worked (4.6). */
typedef bool ws_stat_init_result;
#define WS_STAT_INIT_RETURN(ok) return (ok)
#else
typedef void ws_stat_init_result;
#define WS_STAT_INIT_RETURN(ok) return
#endif

#endif
