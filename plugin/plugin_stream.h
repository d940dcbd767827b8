/* plugin_stream.h - the plugin's side of the decoder's framers: how both
 * dissectors (ccxcti, bwcap) cut TCP streams into messages the way the CLI
 * does, byte for byte and frame for frame.
 *
 * Why the plugin does not use tcp_dissect_pdus or ask TCP to desegment:
 * Wireshark calls a dissector on the later passes only for the frames that
 * completed one of its PDUs, so a message the stream never completes (a
 * capture cut short, a reset connection) and the bytes that are not
 * messages would have no frame to be told in, and the framing decisions
 * (resynchronisation, cut messages, the heuristic) would be the plugin's
 * own rather than the decoder's.  Instead, on the first pass, each
 * direction's payload goes, segment by segment as TCP delivers it in
 * order, into the decoder's own stateful framer (ccx_framer, cap_framer),
 * and every message and problem it hands out is recorded against the frame
 * being dissected: the frame whose bytes decided it, which is where the CLI
 * reports it too.  A message whose bytes came in several frames is kept
 * (copied once) and shown as a reassembled message there; the frames that
 * carried its other bytes say where it was completed.  Every later pass
 * shows what was recorded.
 *
 * Out-of-order segments are TCP's business (tcp.reassemble_out_of_order:
 * with it on, TCP hands over the bytes in order in the frame that fills the
 * hole, as the CLI's reassembler does); a jump in the sequence numbers is a
 * capture gap for the framer.  A stream that ends inside a message is told
 * once the first pass is over (ps_close_all; shown on the next pass: tshark
 * -2, or the GUI after loading), in the last frame that carried its bytes,
 * with how the connection ended (FIN, RST, a new connection on the same
 * ports, or the end of the capture) as TCP's analysis learnt it on the
 * first pass.
 */
#ifndef CCXCTI_PLUGIN_STREAM_H
#define CCXCTI_PLUGIN_STREAM_H

#include <epan/packet.h>
#include <epan/expert.h>
#include <epan/dissectors/packet-tcp.h>

typedef enum ps_kind {
    PS_MESSAGE,   /* a message (or CAP document), whole or as far as it goes */
    PS_PROBLEM,   /* something in the stream that is not a message */
    PS_PART,      /* bytes of a message completed in another frame */
} ps_kind;

typedef struct ps_item {
    guint8 kind;          /* ps_kind */
    guint8 sev;           /* PS_PROBLEM: ccx_severity (cap_severity ranks alike) */
    guint8 call;          /* which call of the dissector in its frame shows it */
    guint8 dir;           /* direction (plugin_seg_dir of its bytes' sender) */
    guint8 partial;       /* PS_MESSAGE: what there is of a document that did not end */
    guint8 in_gap;        /* PS_PROBLEM: said by the framer about a capture gap (the call
                             flows are told of the gap itself: gap_seen) */
    guint32 tvb_off;      /* its bytes in that call's tvb (copy == NULL) */
    guint32 len;          /* its bytes: in the tvb, or in copy; a problem: those in this frame */
    const guint8 *copy;   /* PS_MESSAGE whose bytes came in several frames */
    guint64 stream_off;   /* where it starts in its direction's stream */
    guint64 stream_len;   /* how many bytes of the stream it covers */
    const char *text;     /* PS_PROBLEM: the decoder's words */
    guint32 frame;        /* PS_PART: the frame that completes the message;
                             PS_MESSAGE with copy: the frame of its first bytes */
    guint32 n_frames;     /* PS_MESSAGE with copy: the frames its bytes came in */
    gpointer user;        /* the dissector's first-pass state for it */
    int post_proto;       /* a problem the postdissector found: of this protocol */
} ps_item;

typedef struct ps_stream ps_stream;

/* The framer behind a stream (the decoder's ccx_framer or cap_framer). */
typedef struct ps_framer_ops {
    gpointer (*new_framer)(gpointer stream_ctx);   /* calls ps_emit_* back */
    void (*feed)(gpointer fr, const guint8 *data, size_t len);
    void (*gap)(gpointer fr, guint64 missing);
    void (*close)(gpointer fr, const char *how);
    guint64 (*undecided)(gconstpointer fr);   /* stream offset of its first undecided byte */
    void (*free_framer)(gpointer fr);
    /* First pass, optional: the direction misses bytes (a capture gap, or
     * what the snaplen cut off), told before the framer is. */
    void (*gap_seen)(ps_stream *st, packet_info *pinfo, int dir, guint64 missing);
    /* Optional: an item the framer handed out as ps_close_all closed it
     * (after the first pass): a message (what there is of it: partial) with
     * its bytes, or a problem (bytes NULL), and the last frame of the
     * direction, where the item is shown, with its time. */
    void (*late_item)(ps_stream *st, const ps_item *it, const guint8 *bytes, size_t len, guint32 frame,
                      const nstime_t *ts);
} ps_framer_ops;

/* The stream state of this frame's conversation for protocol proto
 * (created on first use, for the life of the capture file). */
ps_stream *ps_stream_get(packet_info *pinfo, int proto, const ps_framer_ops *ops);
/* The owner's state hung on the stream (the dissector's session data). */
gpointer *ps_stream_owner(ps_stream *st);
/* The call flows' state hung on the stream (plugin_calls.c: its session). */
gpointer *ps_stream_calls(ps_stream *st);
/* The protocol the stream was made for. */
int ps_stream_proto(const ps_stream *st);

/* Port-less detection, first pass: adds this segment to its direction's
 * probe and says what cti_detect says of what the direction sent so far.
 * Returns CTI_DETECT_*; once a direction said CCX or CAP (or NO) the answer
 * stays. */
int ps_probe(ps_stream *st, tvbuff_t *tvb, packet_info *pinfo, const struct tcpinfo *ti);

/* The items to show in this call of the dissector for this frame: on the
 * first pass, the segment is fed to the framer first (after the probes,
 * when the heuristic has just decided), and a stream that is over is
 * closed in the last frame of its direction on the next pass.  Returns the
 * number of items, *items their array. */
guint ps_frame_items(ps_stream *st, tvbuff_t *tvb, packet_info *pinfo, const struct tcpinfo *ti,
                     ps_item ***items);

/* The tvb that holds an item's bytes: tvb itself (a subset), or a new tvb
 * over the reassembled copy, added to the frame's data sources. */
tvbuff_t *ps_item_tvb(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, const char *what);

/* Under a message's protocol item: where it is in its stream (hf_offset,
 * FT_UINT64) and, for a message whose bytes came in several frames, the
 * first of them (hf_first, FT_FRAMENUM). */
void ps_add_message_facts(proto_tree *pt, tvbuff_t *tvb, const ps_item *it, int hf_offset, int hf_first);

/* Shows a PS_PART or PS_PROBLEM item as a protocol item of proto: the
 * bytes, a label in the Info column, and for a problem the decoder's text
 * as an expert item of the severity's field (ei[sev]). */
void ps_show_part(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto,
                  int hf_part, int hf_offset, gint ett, gboolean first_in_frame, const char *what);
void ps_show_problem(const ps_item *it, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto,
                     int hf_bytes, int hf_offset, gint ett, expert_field *ei[3], gboolean first_in_frame);

/* Framer callbacks (ctx: the stream_ctx handed to new_framer). */
void ps_emit_message(gpointer ctx, const guint8 *bytes, size_t len, guint64 off);
void ps_emit_partial(gpointer ctx, const guint8 *bytes, size_t len, guint64 off);
void ps_emit_problem(gpointer ctx, int sev, guint64 off, guint64 len, const char *text);

/* After the first pass (Wireshark's post-sequential cleanup, which
 * plugin_calls.c runs): every stream's framers are told that it is over,
 * with how the connection ended as TCP learnt it, and what they say about
 * it goes to the last frame of its direction (late_item sees it).  Streams
 * not closed this way (a capture in progress) are closed on the next pass,
 * in that frame. */
void ps_close_all(void);

/* Retransmissions that differ.  Wireshark's TCP does not hand a
 * retransmitted segment to the dissectors (tcp.no_subdissector_on_error),
 * so each protocol has a postdissector: on the first pass, a segment of a
 * conversation whose framers run, that the dissector did not get, and that
 * carries bytes its direction already received, is checked against them
 * (decoder/tcp/tcp_history.h, as the CLI's reassembler checks it); when
 * they differ, that is a stream problem of the frame, in the CLI's words.
 * ps_post_wanted_hfids: the TCP fields the postdissector reads
 * (set_postdissector_wanted_hfids takes the array).  ps_post_items: the
 * problems to show in this frame (shown with ps_show_problem). */
GArray *ps_post_wanted_hfids(void);
guint ps_post_items(int proto, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, ps_item ***items);

/* The cleanup of the framers at the end of a file: called from the
 * dissectors' registration. */
void ps_register(void);

#endif
