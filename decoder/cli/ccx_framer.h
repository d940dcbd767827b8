/* ccx_framer.h - cut one direction of a TCP stream into CCX CTI messages.
 *
 * Messages are 8-byte header + BodyLength bytes.  The framer hands out
 * whole messages; bytes that cannot be framed (a header whose BodyLength is
 * beyond CCX_MAX_BODY, the rest of a message cut by a capture gap, bytes
 * left when the connection closes) are reported, never dropped silently,
 * and the framer resynchronises on the next plausible header: a known
 * message type whose body length fits, and whose fixed and floating parts
 * tile the body exactly.
 *
 * Zero-copy when a segment holds whole messages; only a message split over
 * segments is copied, into one buffer reused for the life of the stream.
 */
#ifndef CCX_FRAMER_H
#define CCX_FRAMER_H

#include <glib.h>
#include <stdint.h>
#include "ccx_decode.h"

typedef struct ccx_framer_cb {
    /* A whole message (len = 8 + BodyLength) at stream offset off. */
    void (*on_message)(void *ctx, const uint8_t *msg, size_t len, uint64_t off);
    /* Something in the stream that is not a message. */
    void (*on_problem)(void *ctx, ccx_severity sev, uint64_t off, const char *text);
} ccx_framer_cb;

typedef struct ccx_framer {
    const ccx_framer_cb *cb;
    void *ctx;
    GByteArray *buf;      /* bytes of a message split over segments */
    uint64_t off;         /* stream offset of the next byte to frame (buf[0] when buffered) */
    int resync;           /* looking for a plausible header */
    uint64_t skipped;     /* bytes skipped in the current resync run */
    uint64_t skip_off;    /* where that run started */
} ccx_framer;

void ccx_framer_init(ccx_framer *f, const ccx_framer_cb *cb, void *ctx);
void ccx_framer_feed(ccx_framer *f, const uint8_t *data, size_t len);
/* missing bytes will never arrive: drop any partial message, resynchronise. */
void ccx_framer_gap(ccx_framer *f, uint64_t missing);
/* The stream ends (how: "FIN", "RST", "end of capture"): report leftovers. */
void ccx_framer_close(ccx_framer *f, const char *how);
void ccx_framer_free(ccx_framer *f);

#endif
