/* cap_framer.c - CAP document framing with resynchronisation. */
#include "cap_framer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define ROOT_OPEN   "<BroadsoftDocument"
#define ROOT_CLOSE  "</BroadsoftDocument"
#define DECL_OPEN   "<?xml"
#define ROOT_OPEN_LEN  (sizeof ROOT_OPEN - 1)   /* 18 */
#define ROOT_CLOSE_LEN (sizeof ROOT_CLOSE - 1)  /* 19 */
#define DECL_OPEN_LEN  (sizeof DECL_OPEN - 1)   /* 5 */

enum { MARK_NONE = 0, MARK_DECL = 1, MARK_ROOT = 2, MARK_MORE = -1 };

static inline int is_ws(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Does p (a '<') start "<?xml" + blank or "<BroadsoftDocument" + blank, '>'
 * or '/'?  MARK_MORE when n bytes cannot tell yet. */
static int start_marker(const uint8_t *p, size_t n)
{
    if (n >= 2 && p[1] == '?') {
        size_t k = n < DECL_OPEN_LEN ? n : DECL_OPEN_LEN;
        if (memcmp(p, DECL_OPEN, k))
            return MARK_NONE;
        if (n <= DECL_OPEN_LEN)
            return MARK_MORE;
        return is_ws(p[DECL_OPEN_LEN]) ? MARK_DECL : MARK_NONE;
    }
    size_t k = n < ROOT_OPEN_LEN ? n : ROOT_OPEN_LEN;
    if (memcmp(p, ROOT_OPEN, k))
        return MARK_NONE;
    if (n <= ROOT_OPEN_LEN)
        return MARK_MORE;
    uint8_t c = p[ROOT_OPEN_LEN];
    return is_ws(c) || c == '>' || c == '/' ? MARK_ROOT : MARK_NONE;
}

static void problem(cap_framer *f, cap_severity sev, uint64_t off, uint64_t len, const char *fmt, ...)
    G_GNUC_PRINTF(5, 6);

static void problem(cap_framer *f, cap_severity sev, uint64_t off, uint64_t len, const char *fmt, ...)
{
    char text[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    f->cb->on_problem(f->ctx, sev, off, len, text);
}

/* Bytes between documents that are not whitespace: the n bytes from the
 * first to the last of them at stream offset off (whitespace inside
 * counts), reported as soon as they are known not to start a document.
 * next: where a document starts right after them, or -1. */
static void report_junk(cap_framer *f, uint64_t off, uint64_t n, int64_t next, const char *why)
{
    char end[96];
    if (next >= 0)
        snprintf(end, sizeof end, "the next document starts at stream offset %lld", (long long)next);
    else
        snprintf(end, sizeof end, "%s", why);
    problem(f, CAP_SEV_ERROR, off, n, "%llu %s at stream offset %llu %s; %s",
            (unsigned long long)n, n == 1 ? "byte" : "bytes", (unsigned long long)off,
            n == 1 ? "is not part of a CAP document" : "are not CAP documents", end);
}

/* The span of p[0, n) without the whitespace around it: [*a, *z). */
static int trim(const uint8_t *p, size_t n, size_t *a, size_t *z)
{
    size_t i = 0, j = n;
    while (i < j && is_ws(p[i]))
        i++;
    while (j > i && is_ws(p[j - 1]))
        j--;
    *a = i;
    *z = j;
    return j > i;
}

static void partial(cap_framer *f, const uint8_t *p, size_t n, uint64_t off)
{
    if (f->cb->on_partial && n)
        f->cb->on_partial(f->ctx, p, n, off);
}

void cap_framer_init(cap_framer *f, const cap_framer_cb *cb, void *ctx)
{
    memset(f, 0, sizeof *f);
    f->cb = cb;
    f->ctx = ctx;
    f->max_doc = CAP_MAX_DOCUMENT;
}

void cap_framer_free(cap_framer *f)
{
    if (f->buf)
        g_byte_array_unref(f->buf);
    f->buf = NULL;
}

/* Search doc[0, n) (the current document) for its end, from f->scan.
 * 1: ends at *end (one past '>'); -1: another document starts at *end
 * before this one ends; 0: not yet (f->scan says where to go on). */
static int find_end(cap_framer *f, const uint8_t *doc, size_t n, size_t *end)
{
    size_t q = f->scan;
    while (q < n) {
        const uint8_t *lt = memchr(doc + q, '<', n - q);
        if (!lt) {
            f->scan = n;
            return 0;
        }
        q = (size_t)(lt - doc);
        size_t rem = n - q;
        if (rem < 2) {
            f->scan = q;
            return 0;
        }
        if (doc[q + 1] == '/') {
            size_t k = rem < ROOT_CLOSE_LEN ? rem : ROOT_CLOSE_LEN;
            if (memcmp(doc + q, ROOT_CLOSE, k)) {
                q++;
                continue;
            }
            if (rem < ROOT_CLOSE_LEN) {
                f->scan = q;
                return 0;
            }
            size_t r = q + ROOT_CLOSE_LEN;
            while (r < n && is_ws(doc[r]))
                r++;
            if (r == n) {
                f->scan = q;
                return 0;
            }
            if (doc[r] == '>') {
                *end = r + 1;
                return 1;
            }
            q++;   /* "</BroadsoftDocumentX": not the end */
            continue;
        }
        int mk = start_marker(doc + q, rem);
        if (mk == MARK_MORE) {
            f->scan = q;
            return 0;
        }
        if (mk == MARK_ROOT && !f->root_seen) {
            f->root_seen = 1;   /* the root after this document's declaration */
        } else if (mk != MARK_NONE) {
            *end = q;
            return -1;
        }
        q++;
    }
    f->scan = n;
    return 0;
}

/* Frame p[0, n) (p[0] at stream offset base); returns the bytes consumed.
 * What is not consumed (a document not yet ended, or a '<' that may start
 * one) is kept by the caller for the next segment. */
static size_t frame(cap_framer *f, const uint8_t *p, size_t n, uint64_t base)
{
    size_t pos = 0;
    while (pos < n) {
        if (!f->in_doc) {
            size_t q = pos;
            int mk = MARK_NONE;
            while (q < n) {
                if (p[q] == '<' && (mk = start_marker(p + q, n - q)) != MARK_NONE)
                    break;
                q++;
            }
            size_t a, z;
            if (trim(p + pos, q - pos, &a, &z))
                report_junk(f, base + pos + a, z - a, mk == MARK_DECL || mk == MARK_ROOT ?
                            (int64_t)(base + q) : -1, "no document start yet");
            pos = q;
            if (q == n || mk == MARK_MORE)
                return pos;
            f->in_doc = 1;
            f->root_seen = mk == MARK_ROOT;
            f->scan = 1;
        }
        size_t avail = n - pos, end = 0;
        int r = find_end(f, p + pos, avail, &end);
        if (r == 1 && end > f->max_doc) {
            problem(f, CAP_SEV_ERROR, base + pos, end,
                    "document at stream offset %llu is %zu bytes, over the %zu-byte size cap: "
                    "not decoded as a whole document", (unsigned long long)(base + pos), end,
                    f->max_doc);
            partial(f, p + pos, end, base + pos);
            pos += end;
            f->in_doc = 0;
            continue;
        }
        if (r == 1) {
            f->documents++;
            f->cb->on_document(f->ctx, p + pos, end, base + pos);
            pos += end;
            f->in_doc = 0;
            continue;
        }
        if (r < 0) {
            problem(f, CAP_SEV_ERROR, base + pos, end,
                    "document at stream offset %llu has no </BroadsoftDocument> before the "
                    "next document at stream offset %llu: %zu bytes not decoded as a whole "
                    "document", (unsigned long long)(base + pos),
                    (unsigned long long)(base + pos + end), end);
            partial(f, p + pos, end, base + pos);
            pos += end;
            f->in_doc = 0;
            continue;
        }
        if (avail > f->max_doc) {
            /* Drop what was searched; an undecided '<' at f->scan is looked
             * at again as a possible document start. */
            size_t drop = f->scan > 0 ? f->scan : 1;
            problem(f, CAP_SEV_ERROR, base + pos, drop,
                    "document at stream offset %llu has no </BroadsoftDocument> within the "
                    "%zu-byte size cap: %zu bytes discarded; resynchronising on the next "
                    "<?xml or <BroadsoftDocument", (unsigned long long)(base + pos),
                    f->max_doc, drop);
            partial(f, p + pos, drop, base + pos);
            pos += drop;
            f->in_doc = 0;
            continue;
        }
        return pos;   /* wait for the rest */
    }
    return pos;
}

void cap_framer_feed(cap_framer *f, const uint8_t *data, size_t len)
{
    if (!len)
        return;
    if (!f->buf || f->buf->len == 0) {
        /* Fast path: frame straight out of the segment. */
        size_t k = frame(f, data, len, f->off);
        f->off += k;
        if (k < len) {
            if (!f->buf)
                f->buf = g_byte_array_sized_new(4096);
            g_byte_array_append(f->buf, data + k, (guint)(len - k));
        }
        return;
    }
    /* Slow path: a document (or a possible start) is buffered.  Append the
     * segment and frame the buffer; keep what is left. */
    g_byte_array_append(f->buf, data, (guint)len);
    size_t k = frame(f, f->buf->data, f->buf->len, f->off);
    f->off += k;
    g_byte_array_remove_range(f->buf, 0, (guint)k);
}

void cap_framer_gap(cap_framer *f, uint64_t missing)
{
    size_t held = f->buf ? f->buf->len : 0;
    if (f->in_doc) {
        problem(f, CAP_SEV_ERROR, f->off, held,
                "capture gap: %llu %s missing at stream offset %llu, inside the document "
                "at stream offset %llu: its %zu bytes received are not decoded as a whole "
                "document; resynchronising", (unsigned long long)missing,
                missing == 1 ? "byte" : "bytes", (unsigned long long)(f->off + held),
                (unsigned long long)f->off, held);
        if (held)
            partial(f, f->buf->data, held, f->off);
    } else {
        size_t a, z;   /* an undecided '<...' */
        if (held && trim(f->buf->data, held, &a, &z))
            report_junk(f, f->off + a, z - a, -1, "no document start before the capture gap");
        problem(f, CAP_SEV_ERROR, f->off + held, 0,
                "capture gap: %llu %s missing at stream offset %llu; resynchronising",
                (unsigned long long)missing, missing == 1 ? "byte" : "bytes",
                (unsigned long long)(f->off + held));
    }
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += held + missing;
    f->in_doc = 0;
}

void cap_framer_close(cap_framer *f, const char *how)
{
    size_t held = f->buf ? f->buf->len : 0;
    if (f->in_doc) {
        problem(f, CAP_SEV_ERROR, f->off, held,
                "stream ended (%s) inside the document at stream offset %llu: %zu bytes "
                "without </BroadsoftDocument>", how, (unsigned long long)f->off, held);
        if (held)
            partial(f, f->buf->data, held, f->off);
    } else {
        size_t a, z;
        if (held && trim(f->buf->data, held, &a, &z))
            report_junk(f, f->off + a, z - a, -1, "no document followed before the stream ended");
    }
    if (f->buf)
        g_byte_array_set_size(f->buf, 0);
    f->off += held;
    f->in_doc = 0;
}

cap_find_result cap_find_document(const uint8_t *p, size_t n, size_t *start, size_t *end)
{
    size_t q = 0;
    int mk = MARK_NONE;
    for (; q < n; q++)
        if (p[q] == '<' && (mk = start_marker(p + q, n - q)) != MARK_NONE)
            break;
    *start = q;
    *end = q;
    if (q == n)
        return CAP_FIND_NONE;
    if (mk == MARK_MORE)
        return CAP_FIND_MORE;
    cap_framer f;   /* only root_seen and scan are used */
    memset(&f, 0, sizeof f);
    f.root_seen = mk == MARK_ROOT;
    f.scan = 1;
    size_t e = 0;
    int r = find_end(&f, p + q, n - q, &e);
    if (r == 0)
        return CAP_FIND_MORE;
    *end = q + e;
    return r > 0 ? CAP_FIND_WHOLE : CAP_FIND_CUT;
}

int cap_looks_like(const uint8_t *p, size_t n)
{
    /* what a longer prefix might still decide is MORE, below the window */
    int more = n < CAP_LOOKS_WINDOW ? CAP_LOOKS_MORE : CAP_LOOKS_NO;
    size_t i = 0;
    if (n > CAP_LOOKS_WINDOW)
        n = CAP_LOOKS_WINDOW;
    static const uint8_t bom[3] = { 0xEF, 0xBB, 0xBF };
    if (n && p[0] == bom[0]) {
        if (memcmp(p, bom, n < 3 ? n : 3))
            return CAP_LOOKS_NO;
        if (n < 3)
            return more;
        i = 3;
    }
    while (i < n && is_ws(p[i]))
        i++;
    if (i == n)
        return more;
    if (p[i] != '<')
        return CAP_LOOKS_NO;
    int mk = start_marker(p + i, n - i);
    if (mk == MARK_MORE)
        return more;
    if (mk == MARK_DECL) {
        size_t k = i + DECL_OPEN_LEN;
        while (k + 1 < n && !(p[k] == '?' && p[k + 1] == '>'))
            k++;
        if (k + 1 >= n)
            return more;
        i = k + 2;
        while (i < n && is_ws(p[i]))
            i++;
        if (i == n)
            return more;
        mk = start_marker(p + i, n - i);
        if (mk == MARK_MORE)
            return more;
    }
    if (mk != MARK_ROOT)
        return CAP_LOOKS_NO;
    /* the start tag, whole */
    size_t a = i + ROOT_OPEN_LEN, tag_end = 0;
    char quote = 0;
    for (size_t k = a; k < n; k++) {
        if (quote) {
            if (p[k] == (uint8_t)quote)
                quote = 0;
        } else if (p[k] == '"' || p[k] == '\'') {
            quote = (char)p[k];
        } else if (p[k] == '>') {
            tag_end = k;
            break;
        }
    }
    if (!tag_end)
        return more;
    /* protocol = "CAP" | "OCI" */
    for (size_t k = a; k + 8 <= tag_end; k++) {
        if (!is_ws(p[k - 1]) || memcmp(p + k, "protocol", 8))
            continue;
        size_t v = k + 8;
        while (v < tag_end && is_ws(p[v]))
            v++;
        if (v >= tag_end || p[v] != '=')
            return CAP_LOOKS_NO;
        v++;
        while (v < tag_end && is_ws(p[v]))
            v++;
        if (v + 5 > tag_end || (p[v] != '"' && p[v] != '\'') || p[v + 4] != p[v])
            return CAP_LOOKS_NO;
        if (!memcmp(p + v + 1, "CAP", 3))
            return CAP_LOOKS_CAP;
        if (!memcmp(p + v + 1, "OCI", 3))
            return CAP_LOOKS_OCI;
        return CAP_LOOKS_NO;
    }
    return CAP_LOOKS_NO;
}
