/* plugin_common.c - see plugin_common.h. */
#include <wireshark.h>
#include <epan/packet.h>
#include <epan/tap.h>

#include "ccxcti_seq.h"
#include "plugin_common.h"

int plugin_seg_dir(packet_info *pinfo)
{
    int c = cmp_address(&pinfo->src, &pinfo->dst);
    return c < 0 || (c == 0 && pinfo->srcport < pinfo->destport) ? 0 : 1;
}

void plugin_set_info(packet_info *pinfo, gboolean first, const char *label)
{
    if (first) {
        col_clear(pinfo->cinfo, COL_INFO);
        col_add_str(pinfo->cinfo, COL_INFO, label);
    } else {
        col_append_sep_str(pinfo->cinfo, COL_INFO, " | ", label);
    }
    col_set_fence(pinfo->cinfo, COL_INFO);
}

tap_packet_status plugin_seq_item(void *seq_info, packet_info *pinfo, const char *label,
                                  char *comment)
{
    seq_analysis_info_t *sainfo = seq_info;
    seq_analysis_item_t *sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);
    if (!sai) {
        g_free(comment);
        return TAP_PACKET_DONT_REDRAW;
    }
    sai->frame_number = pinfo->num;
    sequence_analysis_use_color_filter(pinfo, sai);
    sai->port_src = (guint16)pinfo->srcport;
    sai->port_dst = (guint16)pinfo->destport;
    /* tshark's text graph cuts the label short: the comment column repeats
     * it whole, as SIP does with its request line. */
    sai->frame_label = g_strdup(label);
    sai->comment = comment;
    sai->line_style = 1;
    sai->conv_num = 0;
    sai->display = TRUE;
    g_queue_push_tail(sainfo->items, sai);
    return TAP_PACKET_REDRAW;
}
