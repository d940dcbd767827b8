/* ccx_framer.h - cut one direction of a TCP stream into CCX CTI messages.
 *
 * Shared by both front ends: the CLI feeds it from its TCP reassembler, the
 * Wireshark plugin from its dissector (segment by segment, on the first
 * pass), so the two agree on where every message starts and ends, on which
 * bytes are not messages, and on the words used to say so.
 *
 * Two layers:
 *  - ccx_frame_next(), stateless: given the undecided bytes of a stream,
 *    where does the next item end, and what is it (a message, a message cut
 *    short, bytes that are not messages, or "need more bytes")?
 *  - ccx_framer, stateful: keeps the undecided bytes between segments,
 *    calls ccx_frame_next() and hands out messages and problems (with their
 *    text) through callbacks, as soon as each is decided.
 *
 * Rules (README.md, "How CCX and CAP traffic is found"):
 *  - a message is an 8-byte header plus BodyLength bytes; a BodyLength over
 *    CCX_MAX_BODY is not a header: the bytes from there are not messages,
 *    and framing resynchronises on the next plausible header (a type the
 *    spec defines whose fixed and floating parts tile its body exactly);
 *  - a whole message that does not tile cleanly (an unknown type, a broken
 *    floating part), and is not followed by a clean message, is cut where
 *    a clean message begins inside it, if one does and is whole in the
 *    bytes at hand: a lost byte or a wrong BodyLength then costs one
 *    message, not the rest of the stream (chapter 11's hex trace lost a
 *    byte).  Only the bytes at hand count, so no message waits for later
 *    segments to be decided;
 *  - bytes that are not messages are reported as soon as they are known to
 *    be, with their count and stream offset, never dropped silently;
 *  - a capture gap drops a partial message (reported) and resynchronises;
 *    a stream that ends inside a message says so.
 *
 * Zero-copy when a segment holds whole messages; only bytes still undecided
 * at the end of a segment are copied, into one buffer reused for the life
 * of the stream.
 */
#ifndef CCX_FRAMER_H
#define CCX_FRAMER_H

#include <glib.h>
#include <stdint.h>
#include "ccx_decode.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the stateless core ---- */

typedef enum ccx_frame_kind {
    CCX_FRAME_NEED,      /* p[0, n) decides nothing yet: len = bytes wanted */
    CCX_FRAME_MESSAGE,   /* p[0, len) is a message */
    CCX_FRAME_CUT,       /* p[0, len) is a message cut short by a clean
                            message header at len (inside its BodyLength) */
    CCX_FRAME_SKIP,      /* p[0, len) are not messages */
} ccx_frame_kind;

typedef struct ccx_frame {
    ccx_frame_kind kind;
    uint32_t len;
    int header_at;       /* SKIP: a plausible header was found at len (1), or
                            the bytes ran out first (0) */
} ccx_frame;

/* The next item of a stream whose undecided bytes are p[0, n).  *resync:
 * in (and out) whether p[0] is inside a run of bytes that are not
 * messages.  at_end: no more bytes will follow p[0, n) (a gap or the end
 * of the stream), so a run of bytes that are not messages is decided to
 * its end. */
ccx_frame ccx_frame_next(const uint8_t *p, size_t n, int *resync, int at_end);

/* Port-less detection (the heuristic both front ends use): do the first
 * bytes of a direction, p[0, n), start with a whole message of a type the
 * spec defines that tiles its body exactly?  CCX_LOOKS_MORE: not decidable
 * in n bytes (wait for more, up to 8 + CCX_MAX_BODY). */
enum { CCX_LOOKS_NO = 0, CCX_LOOKS_YES = 1, CCX_LOOKS_MORE = -1 };
int ccx_looks_like(const uint8_t *p, size_t n);

/* The session's protocol version, from an OPEN_REQ (VersionNumber): it
 * decides the version-gated fixed fields of the messages after it.
 * Returns the version, or 0 when msg is not a whole OPEN_REQ. */
unsigned ccx_open_req_version(const uint8_t *msg, size_t len);

/* ---- the stateful framer ---- */

typedef struct ccx_framer_cb {
    /* A message (len bytes, at stream offset off): whole, or cut short
     * (then len < 8 + BodyLength, and on_problem has said why). */
    void (*on_message)(void *ctx, const uint8_t *msg, size_t len, uint64_t off);
    /* Something in the stream that is not a message: the bytes
     * [off, off + len) (len 0 when it concerns no bytes, such as missing
     * ones) and what is wrong with them. */
    void (*on_problem)(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text);
} ccx_framer_cb;

typedef struct ccx_framer {
    const ccx_framer_cb *cb;
    void *ctx;
    GByteArray *buf;      /* undecided bytes kept between segments */
    uint64_t off;         /* stream offset of the first undecided byte */
    int resync;           /* inside a run of bytes that are not messages */
    uint64_t run_off;     /* where that run began */
    int run_why;          /* why it began (ccx_framer.c) */
    uint32_t run_body, run_type;   /* the header with the impossible BodyLength */
} ccx_framer;

void ccx_framer_init(ccx_framer *f, const ccx_framer_cb *cb, void *ctx);
void ccx_framer_feed(ccx_framer *f, const uint8_t *data, size_t len);
/* missing bytes will never arrive: what is undecided is decided without
 * them (a partial message is reported and dropped), then framing
 * resynchronises after them. */
void ccx_framer_gap(ccx_framer *f, uint64_t missing);
/* The stream ends (how: "FIN", "RST", "end of capture", ...): what is
 * undecided is decided and reported. */
void ccx_framer_close(ccx_framer *f, const char *how);
void ccx_framer_free(ccx_framer *f);

#ifdef __cplusplus
}
#endif
#endif
