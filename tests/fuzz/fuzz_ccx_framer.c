/* fuzz_ccx_framer - one direction of a CCX stream, cut into messages in
 * one chunk and in random chunks (input and feeding: fuzz_framer.h).
 *
 * Checks, on each run:
 *   - every byte is accounted for, in order: the messages, the runs of
 *     bytes that are not messages, the bytes of a message a gap or the end
 *     of the stream cut short, and the missing bytes of a gap tile the
 *     stream exactly (a problem that only explains the message after it,
 *     a cut one, covers nothing of its own);
 *   - the framer never holds more than a header and the largest body
 *     (CCX_HEADER_LEN + CCX_MAX_BODY bytes) undecided.
 * Between the runs: the same messages and problems, in the same words, up
 * to the first message that does not decode clean.  From there the
 * framer decides with the bytes at hand (README.md, "How CCX and CAP
 * traffic is found": a message that is not clean is cut where a clean one
 * starts inside it, when one is whole in the bytes at hand), so a chunk
 * boundary may legitimately change what follows.  A run of bytes that are
 * not messages is told in pieces as the chunks come: runs that touch are
 * joined before comparing, and compared by their bytes, not their words.
 */
#include "fuzz_framer.h"

#include "ccx_framer.h"

static fz_items *cur;

static void on_message(void *ctx, const uint8_t *msg, size_t len, uint64_t off)
{
    (void)ctx;
    fz_add(cur, IT_MESSAGE, 0, off, len, NULL, msg);
}

static void on_problem(void *ctx, ccx_severity sev, uint64_t off, uint64_t len, const char *text)
{
    (void)ctx;
    fz_add(cur, IT_PROBLEM, (int)sev, off, len, text, NULL);
}

static const ccx_framer_cb cb = { on_message, on_problem };

static void feed(void *fr, const uint8_t *p, size_t n) { ccx_framer_feed(fr, p, n); }
static void gap(void *fr, uint64_t missing) { ccx_framer_gap(fr, missing); }
static void close_(void *fr) { ccx_framer_close(fr, "end of capture"); }

static void check(void *fr)
{
    const ccx_framer *f = fr;
    FZ_CHECK(!f->buf || f->buf->len <= CCX_HEADER_LEN + CCX_MAX_BODY, "%u bytes held undecided",
             f->buf->len);
}

static const fz_feeder feeder = { feed, gap, close_, check };

static int explains_next(const fz_items *l, guint i)
{
    return fz_explains_next(l, i, IT_MESSAGE);
}

static int is_run(const fz_item *it)
{
    return it->kind == IT_PROBLEM && it->len && !g_str_has_prefix(it->text, "capture gap") &&
           !g_str_has_prefix(it->text, "stream ended");
}

static void check_tiles(const fz_items *l, uint64_t total)
{
    uint64_t at = 0;
    for (guint i = 0; i < l->a->len; i++) {
        const fz_item *it = fz_item_at(l, i);
        if ((it->kind == IT_PROBLEM && (!it->len || explains_next(l, i))))
            continue;
        FZ_CHECK(it->off == at, "item %u (%s) at stream offset %llu, expected %llu", i,
                 it->text ? it->text : "message", (unsigned long long)it->off, (unsigned long long)at);
        at += it->len;
    }
    FZ_CHECK(at == total, "items cover %llu of %llu bytes", (unsigned long long)at,
             (unsigned long long)total);
}

/* Runs of bytes that are not messages, touching, joined into one. */
static void join_runs(fz_items *l)
{
    guint w = 0;
    for (guint i = 0; i < l->a->len; i++) {
        fz_item *it = fz_item_at(l, i);
        fz_item *prev = w ? fz_item_at(l, w - 1) : NULL;
        if (prev && is_run(prev) && is_run(it) && prev->off + prev->len == it->off) {
            prev->len += it->len;
            g_free(it->text);
            continue;
        }
        g_array_index(l->a, fz_item, w++) = *it;
    }
    g_array_set_size(l->a, w);
}

static int clean(const fz_item *it)
{
    return it->kind != IT_MESSAGE || ccx_message_clean(it->bytes, it->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_stream s;
    fz_stream_of(data, size, &s);
    uint64_t total = s.n + s.gap_len * (s.gap_at <= s.n);
    fz_items runs[2];
    for (int split = 0; split < 2; split++) {
        fz_items_init(&runs[split]);
        cur = &runs[split];
        ccx_framer f;
        ccx_framer_init(&f, &cb, NULL);
        fz_feed_stream(&s, split, &feeder, &f, cur);
        ccx_framer_free(&f);
        check_tiles(cur, total);
        join_runs(cur);
    }
    for (guint i = 0;; i++) {
        const fz_item *a = fz_item_at(&runs[0], i), *b = fz_item_at(&runs[1], i);
        if (!a || !b) {
            FZ_CHECK(!a && !b, "one chunk: %u items, in chunks: %u", runs[0].a->len, runs[1].a->len);
            break;
        }
        if (!clean(a) || !clean(b) || (a->kind == IT_PROBLEM && explains_next(&runs[0], i)) ||
            (b->kind == IT_PROBLEM && explains_next(&runs[1], i)))
            break;   /* from here the bytes at hand decide */
        FZ_CHECK(a->kind == b->kind && a->off == b->off && a->len == b->len,
                 "item %u: one chunk %d at %llu+%llu, in chunks %d at %llu+%llu", i, a->kind,
                 (unsigned long long)a->off, (unsigned long long)a->len, b->kind,
                 (unsigned long long)b->off, (unsigned long long)b->len);
        if (a->kind == IT_MESSAGE)
            FZ_CHECK(!memcmp(a->bytes, b->bytes, (size_t)a->len), "message %u: other bytes", i);
        if (a->kind == IT_PROBLEM && !is_run(a))
            FZ_CHECK(a->sev == b->sev && !strcmp(a->text, b->text), "problem %u: \"%s\" / \"%s\"", i,
                     a->text, b->text);
    }
    fz_items_free(&runs[0]);
    fz_items_free(&runs[1]);
    return 0;
}
