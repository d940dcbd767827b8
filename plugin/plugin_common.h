/* plugin_common.h - what the two dissectors of the plugin (ccxcti, bwcap)
 * do the same way: the direction of a segment, the Info column of a frame
 * with several messages, a flow-graph item. */
#ifndef CCXCTI_PLUGIN_COMMON_H
#define CCXCTI_PLUGIN_COMMON_H

#include <epan/packet.h>
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

#endif
