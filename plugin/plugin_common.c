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

/* ---- requests and their responses ---- */

void plugin_srt_table(GArray *srt_array, const char *name, const char *filter, const char *const *names, int n)
{
    srt_stat_table *t = init_srt_table(name, NULL, srt_array, n, "Request", filter, NULL);
    for (int i = 0; i < n; i++)
        if (names[i])
            init_srt_table_row(t, i, names[i]);
}

tap_packet_status plugin_srt_packet(void *pss, packet_info *pinfo, epan_dissect_t *edt _U_, const void *data,
                                    tap_flags_t flags _U_)
{
    const srt_data_t *sd = pss;
    const plugin_req *r = data;
    if (r->kind != PLUGIN_REQ_RESPONSE || !sd->srt_array->len)
        return TAP_PACKET_DONT_REDRAW;
    srt_stat_table *t = g_array_index(sd->srt_array, srt_stat_table *, 0);
    if (r->row < 0 || r->row >= t->num_procs || !t->procedures[r->row].procedure)
        return TAP_PACKET_DONT_REDRAW;
    add_srt_table_data(t, r->row, &r->req_time, pinfo);
    return TAP_PACKET_REDRAW;
}

static const char st_req_root[] = "Requests by type";
static const char st_req_answered[] = "answered";
static const char st_req_failed[] = "failed";
static const char st_req_unanswered[] = "no response in the capture";
static const char st_req_unknown[] = "not known yet (needs two passes: tshark -2)";
static int st_req_node = -1;

void plugin_req_stats_init(stats_tree *st)
{
    st_req_node = stats_tree_create_node(st, st_req_root, 0, STAT_DT_INT, TRUE);
}

/* Each request counts under its type when it is seen, with what became of
 * it: answered (and of those, failed), or no response in the capture. */
tap_packet_status plugin_req_stats_packet(stats_tree *st, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                          const void *data, tap_flags_t flags _U_)
{
    const plugin_req *r = data;
    if (r->kind != PLUGIN_REQ_REQUEST)
        return TAP_PACKET_DONT_REDRAW;
    tick_stat_node(st, st_req_root, 0, TRUE);
    int type = tick_stat_node(st, r->type, st_req_node, TRUE);
    if (r->answered > 0) {
        int a = tick_stat_node(st, st_req_answered, type, TRUE);
        if (r->failed)
            tick_stat_node(st, st_req_failed, a, FALSE);
    } else {
        tick_stat_node(st, r->answered == 0 ? st_req_unanswered : st_req_unknown, type, FALSE);
    }
    return TAP_PACKET_REDRAW;
}
