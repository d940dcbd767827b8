/* plugin_calls.h - the call-flow engine inside the plugin: the calls of a
 * capture rebuilt as ctiscope --calls rebuilds them, for what Wireshark
 * shows of calls: the call ladder (a sequence analysis whose nodes are the
 * parties' DNs), the call list (-z ccxcti,calls, -z bwcap,calls), the VoIP
 * Calls dialog and the call-family filter fields.
 *
 * The mapping from wire messages to calls is not restated here: the
 * plugin links the engine and the adapters of decoder/flow (cf_ccx_fill,
 * cf_cap_fill) and the ladder's words of decoder/flow_out.  One engine per
 * capture file, both protocols in it (as the CLI runs one), fed on the
 * first pass, in frame order, with what plugin_stream hands each frame,
 * exactly as the CLI feeds it: every message (as the dissector decoded
 * it), the stream problems and the capture gaps, each with its session
 * (the TCP connection, its endpoints named as the CLI names them, the
 * server side decided as the CLI decides it), whether the client sent it,
 * the frame and its time.  When the first pass is over, the streams are
 * closed (ps_close_all: what a stream that ends inside a document still
 * holds is fed too, as the CLI feeds it at the connection's end), then the
 * engine is finished.
 *
 * A call is complete only when the engine has seen the whole capture: the
 * engine is finished once Wireshark has read the file (its post-sequential
 * cleanup, which runs after tshark -2's first pass and after the GUI has
 * loaded a file), and only then does anything come from it.  Single-pass
 * tshark never gets there; neither does a capture in progress (until it
 * stops).  What the CLI does at a connection's end makes notes for
 * --summary only, which the plugin does not show: connection ends are not
 * fed.
 */
#ifndef CCXCTI_PLUGIN_CALLS_H
#define CCXCTI_PLUGIN_CALLS_H

#include <epan/packet.h>
#include <epan/tap.h>

#include "ccx_decode.h"
#include "cap_decode.h"
#include "plugin_stream.h"

/* From a dissector's handoff: its protocol, the engine's name for it
 * ("ccx", "cap": the protocol of calls and sessions), its ui name ("CCX
 * CTI") and its handle (the server side is the one whose TCP port is the
 * dissector's).  The first call also registers the engine's life: made
 * when a file is opened, finished after its first pass, freed when it is
 * closed. */
void pc_register_protocol(int proto, const char *protocol, const char *ui_name, dissector_handle_t handle);

/* ---- the first pass: what the CLI hands the engine ---- */

/* Every frame of a stream, first pass, before its items: the session
 * learns its endpoints and, from the ports, its server side. */
void pc_touch(ps_stream *st, packet_info *pinfo);
/* A message of the stream (dir: plugin_seg_dir of its sender) in that
 * frame, at that time.  Also for what the framers hand out when the
 * streams are closed after the first pass (ps_framer_ops.late_item). */
void pc_feed_ccx(ps_stream *st, guint32 frame, const nstime_t *ts, int dir, const ccx_msg *m);
void pc_feed_cap(ps_stream *st, guint32 frame, const nstime_t *ts, int dir, const cap_msg *m);
/* A stream problem (those the framer says about a gap are left out: the
 * gap itself is told, as the CLI does). */
void pc_problem(ps_stream *st, guint32 frame, const nstime_t *ts, const ps_item *it);
/* A capture gap (ps_framer_ops.gap_seen). */
void pc_gap_seen(ps_stream *st, packet_info *pinfo, int dir, guint64 missing);

/* ---- after the first pass ---- */

/* Has the engine seen the whole capture (the calls are known)? */
gboolean pc_ready(void);

/* The ids of call families (every id of every call merged with the call),
 * collected for one message: each id once. */
typedef struct pc_family_set pc_family_set;
pc_family_set *pc_family_new(wmem_allocator_t *pool);
/* Adds the family of the call with this id (the engine's call id: CCX
 * "16777535", CAP "user/callId") that the message of this stream, in this
 * frame, belongs to.  Returns FALSE when no call has that id. */
gboolean pc_family_add(pc_family_set *set, ps_stream *st, guint32 frame, const char *id);
/* Adds the families of the calls that got an event from this message: the
 * events of the stream's session in this frame whose wire message is msg
 * (CCX: its name; CAP: its commandType, which begins the event's label).
 * A message may name no call (a CAP sessionUpdate of a conference) and
 * still be one's event. */
gboolean pc_family_add_events(pc_family_set *set, ps_stream *st, guint32 frame, const char *msg);
guint pc_family_ids(const pc_family_set *set, const char *const **ids);

/* Visited passes, once per frame of the stream's protocol: queues the
 * frame's call events on calls_tap (the call ladder, the call list) and
 * on the "voip" tap (the VoIP Calls dialog). */
void pc_tap_frame(ps_stream *st, packet_info *pinfo, int calls_tap);

/* The sequence analysis of the calls tap: one arrow per call event, from
 * DN to DN. */
tap_packet_status pc_seq_packet(void *seq_info, packet_info *pinfo, epan_dissect_t *edt, const void *data,
                                tap_flags_t flags);

/* -z <cli>: the protocol's calls, one CSV row each, as ctiscope --calls
 * --csv writes them (from tap listener registration). */
void pc_register_call_list(const char *cli, const char *protocol, const char *calls_tap);

#endif
