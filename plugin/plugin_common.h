/* plugin_common.h - what the two dissectors of the plugin (ccxcti, bwcap)
 * do the same way: the direction of a segment, the Info column of a frame
 * with several messages, a flow-graph item. */
#ifndef CCXCTI_PLUGIN_COMMON_H
#define CCXCTI_PLUGIN_COMMON_H

#include <epan/packet.h>
#include <epan/srt_table.h>
#include <epan/stats_tree.h>
#include <epan/tap.h>

/* Direction of this segment within its conversation: 0 from the lower
 * address (and port), 1 from the higher. */
int plugin_seg_dir(packet_info *pinfo);

/* Info column: the first message of a frame replaces TCP's text, later
 * ones follow after " | ". */
void plugin_set_info(packet_info *pinfo, gboolean first, const char *label);

/* One flow-graph arrow for this frame: label above it, comment (taken
 * over, g_malloc'd) right of the graph. */
tap_packet_status plugin_seq_item(void *seq_info, packet_info *pinfo, const char *label,
                                  char *comment);

/* ---- requests and their responses: the response-time statistics ----
 * Both dissectors' tap data begin with a plugin_req, which the shared
 * statistics below read: the SRT table (-z <proto>,srt; Statistics ›
 * Service Response Time), one row per request type with count, min, max
 * and average time to the response, and the requests stats tree
 * (-z <proto>.requests,tree), one node per request type with how many
 * were answered, failed or got no response in the capture. */
typedef enum plugin_req_kind { PLUGIN_REQ_NONE, PLUGIN_REQ_REQUEST, PLUGIN_REQ_RESPONSE } plugin_req_kind;

typedef struct plugin_req {
    guint8 kind;          /* plugin_req_kind */
    gint8 answered;       /* a request: 1 answered, 0 no response in the capture,
                             -1 not known yet (the first pass) */
    gboolean failed;      /* a request: its response says it failed; a response: it says so */
    int row;              /* the request type: its row (the dissector's numbering) */
    const char *type;     /* its name */
    nstime_t req_time;    /* a response: when its request was sent */
} plugin_req;

/* An SRT table named name with a row for each non-NULL names[i], i < n
 * (filter: the field whose value is a row's index, or NULL). */
void plugin_srt_table(GArray *srt_array, const char *name, const char *filter, const char *const *names, int n);
/* The SRT tap callback: a response adds its time to its request's row. */
tap_packet_status plugin_srt_packet(void *pss, packet_info *pinfo, epan_dissect_t *edt, const void *data,
                                    tap_flags_t flags);
/* The requests stats tree's callbacks. */
void plugin_req_stats_init(stats_tree *st);
tap_packet_status plugin_req_stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt,
                                          const void *data, tap_flags_t flags);

#endif
