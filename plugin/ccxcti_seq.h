/* ccxcti_seq.h - the sequence-analysis (flow graph) API.
 *
 * libwireshark exports register_seq_analysis() and its helpers, but
 * Debian's libwireshark-dev (12, 13 and 14 alike) does not ship
 * epan/sequence_analysis.h.  When the header is there (Wireshark's own
 * CMake package, other distros) it is used; otherwise the declarations
 * below stand in for it.  The items are always allocated by the library
 * (sequence_analysis_create_sai_with_addresses), so only the offsets of the
 * members the plugin writes matter: they have not moved since Wireshark 2.6,
 * except that 4.2 made the gboolean members C99 bools (one byte each), which
 * moves `display` and `line_style`.  The trailing members that later series
 * added (info_type, info_ptr, ...) are never touched and left out.
 */
#ifndef CCXCTI_SEQ_H
#define CCXCTI_SEQ_H

#include <epan/packet.h>
#include <epan/tap.h>

#if defined(__has_include)
#  if __has_include(<epan/sequence_analysis.h>)
#    include <epan/sequence_analysis.h>
#    define CCXCTI_HAVE_SEQ_HEADER 1
#  endif
#endif

#ifndef CCXCTI_HAVE_SEQ_HEADER
#include "ws_compat.h"
#define MAX_NUM_NODES 40

#if CCXCTI_WS_AT_LEAST(4, 2)
typedef bool seq_bool;
#else
typedef gboolean seq_bool;
#endif

typedef struct _seq_analysis_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;       /* above the arrow; freed by the library */
    gchar *time_str;
    gchar *comment;           /* right of the graph; freed by the library */
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    seq_bool has_color_filter;
    seq_bool display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
} seq_analysis_item_t;

typedef struct _seq_analysis_info {
    const char *name;
    seq_bool any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
    guint32 num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags,
                                         tap_packet_cb tap_func);
WS_DLL_PUBLIC seq_analysis_item_t *sequence_analysis_create_sai_with_addresses(packet_info *pinfo,
                                                                               seq_analysis_info_t *sainfo);
WS_DLL_PUBLIC void sequence_analysis_use_color_filter(packet_info *pinfo, seq_analysis_item_t *sai);
#endif

#endif
