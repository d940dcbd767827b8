/* ccx_framer.c - CCX CTI message framing with resynchronisation (see
 * ccx_framer.h).  Every text about the stream itself (bytes that are not
 * messages, cut messages, gaps, streams that end inside a message) is
 * written here and nowhere else: both front ends print it as it is. */
#include "ccx_framer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- the stateless core ---- */

/* The largest MessageTypeID the spec defines. */
static uint32_t max_type_id(void)
{
    static uint32_t max;
    static gsize once;
    if (g_once_init_enter(&once)) {
        for (size_t i = 0; i < ccx_n_messages; i++)
            if (ccx_messages[i].id > max)
                max = ccx_messages[i].id;
        g_once_init_leave(&once, 1);
    }
    return max;
}

/* Can the n < 8 bytes at p begin a plausible header?  The BodyLength
 * (at most CCX_MAX_BODY) and the MessageTypeID (at most the largest the
 * spec defines) are big-endian, so their leading bytes tell early: the
 * tail of a segment in a run of bytes that are not messages is mostly
 * ruled out without waiting for the next segment. */
static int header_prefix_possible(const uint8_t *p, size_t n)
{
    uint8_t h[CCX_HEADER_LEN] = { 0 };   /* the unknown bytes as small as can be */
    memcpy(h, p, n);
    return ccx_be32(h) <= CCX_MAX_BODY && ccx_be32(h + 4) <= max_type_id();
}

/* Does a clean message start at p[0, n)?  1 yes, 0 no, -1 not decidable
 * in n bytes (*need: the bytes that would decide). */
static int clean_start(const uint8_t *p, size_t n, size_t *need)
{
    if (n < CCX_HEADER_LEN) {
        if (!header_prefix_possible(p, n))
            return 0;
        *need = CCX_HEADER_LEN;
        return -1;
    }
    if (!ccx_header_plausible(p, 1))
        return 0;
    size_t whole = CCX_HEADER_LEN + (size_t)ccx_be32(p);
    if (n < whole) {
        *need = whole;
        return -1;
    }
    return ccx_message_clean(p, whole);
}

/* In a run of bytes that are not messages, from p[from]: the first clean
 * message start ends the run. */
static ccx_frame scan_run(const uint8_t *p, size_t n, size_t from, int *resync, int at_end)
{
    ccx_frame v = { CCX_FRAME_SKIP, 0, 0 };
    for (size_t k = from; k < n; k++) {
        size_t need = 0;
        int r = clean_start(p + k, n - k, &need);
        if (r > 0) {
            *resync = 0;
            v.len = (uint32_t)k;
            v.header_at = 1;
            return v;
        }
        if (r < 0 && !at_end) {
            if (k == 0) {
                v.kind = CCX_FRAME_NEED;
                v.len = (uint32_t)need;
            } else {
                v.len = (uint32_t)k;   /* decided so far; the rest waits */
            }
            return v;
        }
    }
    if (n == 0) {
        v.kind = CCX_FRAME_NEED;
        v.len = CCX_HEADER_LEN;
        return v;
    }
    v.len = (uint32_t)n;
    return v;
}

ccx_frame ccx_frame_next(const uint8_t *p, size_t n, int *resync, int at_end)
{
    ccx_frame v = { CCX_FRAME_NEED, CCX_HEADER_LEN, 0 };
    if (*resync)
        return scan_run(p, n, 0, resync, at_end);
    if (n < CCX_HEADER_LEN)
        return v;
    uint32_t body = ccx_be32(p);
    if (body > CCX_MAX_BODY) {
        /* not a header: a run of bytes that are not messages begins */
        *resync = 1;
        return scan_run(p, n, 1, resync, at_end);
    }
    size_t whole = CCX_HEADER_LEN + (size_t)body;
    if (n < whole) {
        v.len = (uint32_t)whole;
        return v;
    }
    v.kind = CCX_FRAME_MESSAGE;
    v.len = (uint32_t)whole;
    if (ccx_message_clean(p, whole))
        return v;
    /* Not clean (an unknown type, a floating part that does not tile).  A
     * clean message right after it says its BodyLength was right: keep it
     * whole.  Otherwise a clean message that starts inside it and is whole
     * in the bytes at hand is a better start (a lost byte, a wrong
     * BodyLength): cut it there.  Only what is at hand counts, so that a
     * message is never held back for bytes that may come much later. */
    size_t need = 0;
    if (clean_start(p + whole, n - whole, &need) > 0)
        return v;
    /* Of the clean starts inside, the first that the bytes after it do not
     * contradict (another clean message, or nothing yet) wins: a repeating
     * pattern can hold a clean-looking message a few bytes early. */
    size_t first = 0;
    for (size_t k = 1; k < whole; k++) {
        if (clean_start(p + k, n - k, &need) <= 0)
            continue;
        size_t next = k + CCX_HEADER_LEN + ccx_be32(p + k);
        if (next >= n || clean_start(p + next, n - next, &need) != 0) {
            first = k;
            break;
        }
        if (!first)
            first = k;
    }
    if (first) {
        v.kind = CCX_FRAME_CUT;
        v.len = (uint32_t)first;
    }
    return v;
}

int ccx_looks_like(const uint8_t *p, size_t n)
{
    size_t need = 0;
    int r = clean_start(p, n, &need);
    return r > 0 ? CCX_LOOKS_YES : r == 0 ? CCX_LOOKS_NO : CCX_LOOKS_MORE;
}

unsigned ccx_open_req_version(const uint8_t *msg, size_t len)
{
    static const ccx_msg_def *open_req;
    static gsize once;
    if (g_once_init_enter(&once)) {
        open_req = ccx_msg_by_name("OPEN_REQ");
        g_once_init_leave(&once, 1);
    }
    /* VersionNumber: OPEN_REQ's second fixed field (InvokeID, VersionNumber) */
    if (!open_req || len < CCX_HEADER_LEN + 8 || ccx_be32(msg + 4) != open_req->id ||
        ccx_be32(msg) < 8)
        return 0;
    return ccx_be32(msg + CCX_HEADER_LEN + 4);
}

/* ---- the stateful framer ---- */

/* Why the current run of bytes that are not messages began. */
enum { RUN_NONE, RUN_BAD_LENGTH, RUN_AFTER_GAP, RUN_GOES_ON };

void ccx_framer_init(ccx_framer *f, const ccx_framer_cb *cb, void *ctx)
{
    memset(f, 0, sizeof *f);
    f->cb = cb;
    f->ctx = ctx;
}

void ccx_framer_free(ccx_framer *f)
{
    if (f->buf)
        g_byte_array_unref(f->buf);
    f->buf = NULL;
}

static const char *bytes(uint64_t n)
{
    return n == 1 ? "byte" : "bytes";
}

/* "1 byte ... is not a CCX message", "2 bytes ... are not CCX messages" */
static const char *are_not(uint64_t n)
{
    return n == 1 ? "is not a CCX message" : "are not CCX messages";
}

static void problem(ccx_framer *f, ccx_severity sev, uint64_t off, uint64_t len, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

static void problem(ccx_framer *f, ccx_severity sev, uint64_t off, uint64_t len, const char *fmt, ...)
{
    char text[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    f->cb->on_problem(f->ctx, sev, off, len, text);
}

/* n bytes at stream offset off are not messages; header_at: the run ends
 * at a plausible header right after them. */
static void report_skip(ccx_framer *f, uint64_t off, uint64_t n, int header_at)
{
    char end[96];
    if (header_at)
        snprintf(end, sizeof end, "the next plausible message header is at stream offset %llu",
                 (unsigned long long)(off + n));
    else
        snprintf(end, sizeof end, "no plausible message header yet, the run goes on");
    switch (f->run_why) {
    case RUN_BAD_LENGTH:
        problem(f, CCX_SEV_ERROR, off, n,
                "%llu %s at stream offset %llu %s: BodyLength %u "
                "(MessageTypeID %u) is over the %u-byte cap, not a message header; %s",
                (unsigned long long)n, bytes(n), (unsigned long long)off, are_not(n), f->run_body, f->run_type,
                CCX_MAX_BODY, end);
        break;
    case RUN_AFTER_GAP:
        problem(f, CCX_SEV_ERROR, off, n,
                "%llu %s at stream offset %llu %s (resynchronising after "
                "the capture gap); %s", (unsigned long long)n, bytes(n), (unsigned long long)off,
                are_not(n), end);
        break;
    default:
        problem(f, CCX_SEV_ERROR, off, n,
                "%llu %s at stream offset %llu %s either (the run began "
                "at stream offset %llu); %s", (unsigned long long)n, bytes(n), (unsigned long long)off, are_not(n),
                (unsigned long long)f->run_off, end);
        break;
    }
    f->run_why = header_at ? RUN_NONE : RUN_GOES_ON;
}

/* Decide what can be decided in p[0, n) (p[0] at f->off); returns the
 * bytes decided.  at_end: nothing follows them. */
static size_t frame(ccx_framer *f, const uint8_t *p, size_t n, int at_end)
{
    size_t pos = 0;
    while (pos < n) {
        int was_resync = f->resync;
        uint64_t off = f->off + pos;
        ccx_frame v = ccx_frame_next(p + pos, n - pos, &f->resync, at_end);
        switch (v.kind) {
        case CCX_FRAME_NEED:
            return pos;
        case CCX_FRAME_MESSAGE:
            f->cb->on_message(f->ctx, p + pos, v.len, off);
            break;
        case CCX_FRAME_CUT:
            problem(f, CCX_SEV_ERROR, off, v.len,
                    "the message at stream offset %llu (MessageTypeID %u) is cut at stream "
                    "offset %llu, where a clean message header begins inside its BodyLength "
                    "of %u: decoded as %u of its %u bytes",
                    (unsigned long long)off, ccx_be32(p + pos + 4),
                    (unsigned long long)(off + v.len), ccx_be32(p + pos), v.len,
                    CCX_HEADER_LEN + ccx_be32(p + pos));
            f->cb->on_message(f->ctx, p + pos, v.len, off);
            break;
        case CCX_FRAME_SKIP:
            if (v.len == 0) {   /* the run ended where the bytes before left off */
                f->run_why = RUN_NONE;
                continue;
            }
            if (!was_resync) {
                /* a header with an impossible BodyLength starts the run */
                f->run_why = RUN_BAD_LENGTH;
                f->run_off = off;
                f->run_body = ccx_be32(p + pos);
                f->run_type = ccx_be32(p + pos + 4);
            } else if (f->run_why == RUN_NONE) {
                f->run_why = RUN_GOES_ON;
                f->run_off = off;
            }
            report_skip(f, off, v.len, v.header_at);
            break;
        }
        pos += v.len;
    }
    return pos;
}

static void consume(ccx_framer *f, size_t k)
{
    f->off += k;
    if (f->buf && f->buf->len)
        g_byte_array_remove_range(f->buf, 0, (guint)k);
}

void ccx_framer_feed(ccx_framer *f, const uint8_t *data, size_t len)
{
    if (!len)
        return;
    if (f->buf && f->buf->len) {
        /* Bytes wait from an earlier segment: the segment joins them, so
         * that a decision sees every byte that has come (the plugin feeds
         * the same segments: it decides the same). */
        g_byte_array_append(f->buf, data, (guint)len);
        consume(f, frame(f, f->buf->data, f->buf->len, 0));
        return;
    }
    /* Straight out of the segment; keep what is undecided. */
    size_t k = frame(f, data, len, 0);
    f->off += k;
    if (k < len) {
        if (!f->buf)
            f->buf = g_byte_array_sized_new(CCX_HEADER_LEN + 512);
        g_byte_array_append(f->buf, data + k, (guint)(len - k));
    }
}

/* Decide everything undecided, nothing following; returns the bytes that
 * stay undecided (a message or header not whole). */
static size_t settle(ccx_framer *f)
{
    if (!f->buf || !f->buf->len)
        return 0;
    consume(f, frame(f, f->buf->data, f->buf->len, 1));
    return f->buf->len;
}

void ccx_framer_gap(ccx_framer *f, uint64_t missing)
{
    size_t lost = settle(f);
    if (lost)
        problem(f, CCX_SEV_ERROR, f->off, lost,
                "capture gap: %llu %s missing at stream offset %llu; the %zu %s already "
                "received of the message %s belong%s to %s discarded; resynchronising",
                (unsigned long long)missing, bytes(missing), (unsigned long long)(f->off + lost),
                lost, bytes(lost), missing == 1 ? "it" : "they", missing == 1 ? "s" : "",
                lost == 1 ? "is" : "are");
    else
        problem(f, CCX_SEV_ERROR, f->off, 0,
                "capture gap: %llu %s missing at stream offset %llu; resynchronising",
                (unsigned long long)missing, bytes(missing), (unsigned long long)f->off);
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += lost + missing;
    f->resync = 1;
    f->run_why = RUN_AFTER_GAP;
    f->run_off = f->off;
}

void ccx_framer_close(ccx_framer *f, const char *how)
{
    size_t left = settle(f);
    if (left && left < CCX_HEADER_LEN)
        problem(f, CCX_SEV_ERROR, f->off, left,
                "stream ended (%s) with %zu %s of an incomplete message header at stream "
                "offset %llu", how, left, bytes(left), (unsigned long long)f->off);
    else if (left)
        problem(f, CCX_SEV_ERROR, f->off, left,
                "stream ended (%s) inside a message at stream offset %llu: %zu of %u bytes "
                "(MessageTypeID %u)", how, (unsigned long long)f->off, left,
                CCX_HEADER_LEN + ccx_be32(f->buf->data), ccx_be32(f->buf->data + 4));
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += left;
    f->resync = 0;
    f->run_why = RUN_NONE;
}
