/* ccx_framer.c - CCX CTI message framing with resynchronisation. */
#include "ccx_framer.h"

#include <stdio.h>
#include <string.h>

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

static void problem(ccx_framer *f, ccx_severity sev, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void problem(ccx_framer *f, ccx_severity sev, uint64_t off, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    f->cb->on_problem(f->ctx, sev, off, text);
}

static void end_skip_run(ccx_framer *f, const char *why)
{
    if (f->skipped)
        problem(f, CCX_SEV_ERROR, f->skip_off,
                "%llu bytes at stream offset %llu are not CCX messages; skipped %s",
                (unsigned long long)f->skipped, (unsigned long long)f->skip_off, why);
    f->skipped = 0;
}

/* Frame as much of p[0..n) as possible; returns bytes consumed.  Bytes not
 * consumed are an incomplete message (or a header candidate) the caller
 * keeps for the next segment. */
static size_t frame(ccx_framer *f, const uint8_t *p, size_t n)
{
    size_t pos = 0;
    while (pos < n) {
        size_t avail = n - pos;
        if (f->resync) {
            /* Look for a header whose message tiles cleanly.  A candidate
             * whose message is not complete yet is kept and re-examined
             * when more bytes arrive. */
            while (avail >= CCX_HEADER_LEN) {
                const uint8_t *h = p + pos;
                if (ccx_header_plausible(h, 1)) {
                    uint64_t need = (uint64_t)CCX_HEADER_LEN + ccx_be32(h);
                    if (need > avail)
                        return pos;                 /* wait for the rest */
                    if (ccx_message_clean(h, (size_t)need))
                        break;
                }
                if (!f->skipped)
                    f->skip_off = f->off + pos;
                f->skipped++;
                pos++;
                avail--;
            }
            if (avail < CCX_HEADER_LEN)
                return pos;
            end_skip_run(f, "until the next plausible message header");
            f->resync = 0;
        }
        if (avail < CCX_HEADER_LEN)
            return pos;
        uint32_t body = ccx_be32(p + pos);
        if (body > CCX_MAX_BODY) {
            problem(f, CCX_SEV_ERROR, f->off + pos,
                    "BodyLength %u at stream offset %llu (MessageTypeID %u) exceeds the %u-byte "
                    "cap: not a message header; resynchronising",
                    body, (unsigned long long)(f->off + pos), ccx_be32(p + pos + 4), CCX_MAX_BODY);
            f->resync = 1;
            f->skip_off = f->off + pos;
            f->skipped = 1;
            pos++;
            continue;
        }
        size_t need = CCX_HEADER_LEN + (size_t)body;
        if (need > avail)
            return pos;
        f->cb->on_message(f->ctx, p + pos, need, f->off + pos);
        pos += need;
    }
    return pos;
}

static void consume(ccx_framer *f, size_t k)
{
    f->off += k;
}

void ccx_framer_feed(ccx_framer *f, const uint8_t *data, size_t len)
{
    if (!len)
        return;
    if (!f->buf || f->buf->len == 0) {
        /* Fast path: frame straight out of the segment. */
        size_t k = frame(f, data, len);
        consume(f, k);
        if (k < len) {
            if (!f->buf)
                f->buf = g_byte_array_sized_new(CCX_HEADER_LEN + 512);
            g_byte_array_append(f->buf, data + k, (guint)(len - k));
        }
        return;
    }
    /* Slow path: complete the buffered message first.  Append only what
     * it still needs, then go back to framing straight from the segment. */
    size_t used = 0;
    while (used < len && f->buf->len) {
        size_t want;
        if (f->resync) {
            want = len - used;
        } else if (f->buf->len < CCX_HEADER_LEN) {
            want = CCX_HEADER_LEN - f->buf->len;
        } else {
            uint32_t body = ccx_be32(f->buf->data);
            want = body > CCX_MAX_BODY ? 0 /* frame() flags it */
                                       : CCX_HEADER_LEN + (size_t)body - f->buf->len;
        }
        if (want > len - used)
            want = len - used;
        g_byte_array_append(f->buf, data + used, (guint)want);
        used += want;
        size_t k = frame(f, f->buf->data, f->buf->len);
        consume(f, k);
        g_byte_array_remove_range(f->buf, 0, (guint)k);
    }
    if (used < len)
        ccx_framer_feed(f, data + used, len - used); /* buffer empty: fast path */
}

void ccx_framer_gap(ccx_framer *f, uint64_t missing)
{
    size_t lost = f->buf ? f->buf->len : 0;
    if (lost)
        problem(f, CCX_SEV_ERROR, f->off,
                "capture gap: %llu bytes missing at stream offset %llu; the %zu bytes already "
                "received of the message they belong to are discarded; resynchronising",
                (unsigned long long)missing, (unsigned long long)(f->off + lost), lost);
    else
        problem(f, CCX_SEV_ERROR, f->off,
                "capture gap: %llu bytes missing at stream offset %llu; resynchronising",
                (unsigned long long)missing, (unsigned long long)f->off);
    end_skip_run(f, "before the gap");
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += lost + missing;
    f->resync = 1;
}

void ccx_framer_close(ccx_framer *f, const char *how)
{
    size_t left = f->buf ? f->buf->len : 0;
    if (f->resync) {
        if (!f->skipped)
            f->skip_off = f->off;
        f->skipped += left;
        end_skip_run(f, "(no message header found before the stream ended)");
    } else if (left) {
        if (left < CCX_HEADER_LEN)
            problem(f, CCX_SEV_ERROR, f->off,
                    "stream ended (%s) with %zu bytes of an incomplete message header at stream "
                    "offset %llu", how, left, (unsigned long long)f->off);
        else
            problem(f, CCX_SEV_ERROR, f->off,
                    "stream ended (%s) inside a message at stream offset %llu: %zu of %u bytes "
                    "(MessageTypeID %u)", how, (unsigned long long)f->off, left,
                    CCX_HEADER_LEN + ccx_be32(f->buf->data), ccx_be32(f->buf->data + 4));
    }
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += left;
    f->resync = 0;
}
