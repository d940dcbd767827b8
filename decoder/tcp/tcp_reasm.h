/* tcp_reasm.h - TCP stream reassembly, per flow and per direction.
 *
 * Feed every parsed TCP segment (cts_packet) in capture order; the
 * reassembler hands the upper layer each direction's bytes in stream order,
 * exactly once, and says where bytes are missing and why flows end.
 *
 * A hole in a direction is given up (on_gap, then the data after it) when
 *   - the out-of-order bytes (or pieces) buffered behind it pass the limit,
 *   - bytes beyond it arrive after the peer had ACKed past its start,
 *   - the peer has ACKed beyond it and 8 more segments of the flow went by
 *     without it (an ACK can precede its data in a merged capture),
 *   - the flow ends (RST, end of capture, idle, eviction, port reuse);
 *     bytes ACKed by the peer or before a seen FIN but never captured are
 *     reported then too.
 * Payload cut by the snaplen (cts_packet.missing_tail) is a gap at its
 * place in the stream.  Only a SYN or a segment with payload creates a
 * flow; closed flows are freed at once (a small table of recently closed
 * tuples drops their late retransmissions).
 *
 * Callbacks run synchronously inside cts_reasm_segment / cts_reasm_flush /
 * cts_reasm_free and must not call back into the same cts_reasm.
 */
#ifndef CTS_TCP_REASM_H
#define CTS_TCP_REASM_H

#include <stddef.h>
#include <stdint.h>

#include "packet.h"
#include "tcp_history.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One TCP connection as seen in the capture.  Side 0 is the SYN sender when
 * the handshake was seen (or the receiver of the first SYN+ACK seen),
 * otherwise the sender of the first segment that created the flow.
 * Direction d (in callbacks) is the data sent by side d. */
typedef struct cts_flow {
    cts_addr addr[2];   /* addr[0]/port[0] = side 0 */
    uint16_t port[2];
    uint64_t index;     /* 1, 2, 3 ... in order of creation */
    int64_t stream;     /* Wireshark's tcp.stream of this connection in the
                           file being read (cts_reasm_new_file); -1 when none
                           of its segments is in that file */
    int saw_syn;        /* 1 if side 0 is known to be the client (SYN seen) */
    void *user;         /* upper layer's; free it in on_close */
    int ignored;        /* upper layer sets it: no more on_data / on_gap for
                           this flow (on_close still comes) */
} cts_flow;

typedef struct cts_reasm_callbacks {
    /* The next in-order bytes of direction dir (their stream offset is the
     * sum of the lengths delivered and declared missing before them).  pi
     * is the frame that made them deliverable: the one that carried them,
     * or for data that waited out of order the one that filled (or gave
     * up) the hole before it, as Wireshark's out-of-order reassembly
     * attributes them. */
    void (*on_data)(void *ctx, cts_flow *f, int dir, const uint8_t *data, size_t len, const cts_pktinfo *pi);
    /* `missing` bytes at stream_offset of direction dir will never arrive;
     * delivery continues after them.  pi is the frame that made it certain. */
    void (*on_gap)(void *ctx, cts_flow *f, int dir, uint64_t stream_offset, uint64_t missing,
                   const cts_pktinfo *pi);
    /* The flow ends; how is "FIN", "RST", "end of capture", "idle",
     * "flow table full", "port reused" (a new SYN on an open tuple) or
     * "discarded" (cts_reasm_free without a flush).  f is freed after this
     * returns; free f->user here. */
    void (*on_close)(void *ctx, cts_flow *f, const char *how, const cts_pktinfo *pi);
    /* Reassembly notices (buffer limit exceeded, data after FIN,
     * overlapping out-of-order segments that differ...).  msg names the
     * flow (its Wireshark tcp.stream, "tcp.stream 0 ") and direction
     * ("10.0.0.1:40000 -> 10.0.0.2:42027: "); pi may be NULL only for
     * notices not tied to a frame. */
    void (*on_diag)(void *ctx, const cts_pktinfo *pi, const char *msg);
    /* A retransmitted segment whose bytes differ from those already
     * delivered (tcp_history.h): len bytes at stream_offset of direction
     * dir came again, the first difference at first_diff; the copy
     * delivered stays.  pi is the retransmission's frame.  When NULL, the
     * same is said through on_diag (cts_retrans_text's words). */
    void (*on_conflict)(void *ctx, cts_flow *f, int dir, uint64_t stream_offset, uint64_t len,
                        uint64_t first_diff, const cts_pktinfo *pi);
} cts_reasm_callbacks;

typedef struct cts_reasm_limits {
    size_t max_ooo_bytes;   /* buffered out-of-order bytes per direction
                               before the oldest hole is declared a gap;
                               default 4 MiB */
    size_t max_ooo_segments;/* separate pieces buffered per direction
                               (bounds the bookkeeping when segments are
                               tiny); default 16384 */
    size_t max_flows;       /* open flows; the least recently active is
                               closed ("flow table full") to make room;
                               default 65536 */
    size_t history_bytes;   /* delivered bytes kept per direction to check
                               retransmissions for different content;
                               default 64 KiB (CTS_HIST_DEFAULT), 0 = no
                               check.  Grows from 4 KiB only as a flow
                               delivers data. */
    int64_t idle_timeout;   /* seconds without a segment before a flow is
                               closed ("idle"); default 0 = never */
} cts_reasm_limits;

#define CTS_REASM_DEFAULT_MAX_OOO   (4u << 20)
#define CTS_REASM_DEFAULT_MAX_OOO_SEGMENTS 16384u
#define CTS_REASM_DEFAULT_MAX_FLOWS 65536u
#define CTS_REASM_DEFAULT_HISTORY   CTS_HIST_DEFAULT

typedef struct cts_reasm cts_reasm;

/* Fills *lim with the defaults. */
void cts_reasm_limits_default(cts_reasm_limits *lim);

/* cb is copied; any callback may be NULL.  lim NULL = defaults; a zero
 * max_ooo_bytes, max_ooo_segments or max_flows also means the default. */
cts_reasm *cts_reasm_new(const cts_reasm_callbacks *cb, void *ctx, const cts_reasm_limits *lim);

/* One TCP segment.  p->payload must stay valid only during the call: the
 * in-order path delivers straight from it, out-of-order data is copied. */
void cts_reasm_segment(cts_reasm *r, const cts_packet *p, const cts_pktinfo *pi);

/* End of all input: every flow delivers its buffered data (gaps reported
 * before it) and is closed with "end of capture".  last may be NULL. */
void cts_reasm_flush(cts_reasm *r, const cts_pktinfo *last);

/* Frees everything.  Flows still open get on_close "discarded" (no data is
 * delivered) so the upper layer can free f->user.  NULL is a no-op. */
void cts_reasm_free(cts_reasm *r);

/* Several files read as one capture: the next segments are of a new file.
 * Flows go on across it (a ring buffer); Wireshark's tcp.stream numbers,
 * which a file has of its own, start again at 0.  Wireshark numbers a
 * file's TCP conversations 0, 1, 2 ... in the order their first segment
 * appears (either way, SYN or not: a lone ACK too), and begins a new one
 * where a SYN without ACK carries another sequence number than the first
 * segment that way did (a reused port).  Reassembly notices name a flow by
 * its tcp.stream in the file of the frame they name. */
void cts_reasm_new_file(cts_reasm *r);

/* The tcp.stream of the last segment given to cts_reasm_segment (-1
 * before the first), as Wireshark numbers it in its file. */
int64_t cts_reasm_last_stream(const cts_reasm *r);

/* Open flows right now. */
size_t cts_reasm_flow_count(const cts_reasm *r);
/* Tuples whose tcp.stream is kept (tests): the open ones, a closed one
 * until 4,096 closes later (then forgotten: memory stays flat), and tuples
 * seen without a connection (a lone ACK). */
size_t cts_reasm_conv_count(const cts_reasm *r);

/* "10.0.0.1:1234 -> 10.0.0.2:42027" for direction dir of f. */
const char *cts_flow_str(const cts_flow *f, int dir, char *buf, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* CTS_TCP_REASM_H */
