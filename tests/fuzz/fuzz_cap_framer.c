/* fuzz_cap_framer - one direction of a BroadWorks CAP stream, cut into
 * documents in one chunk and in random chunks (input and feeding:
 * fuzz_framer.h).
 *
 * Checks, on each run:
 *   - every byte is accounted for, in order: documents (whole, or what
 *     there is of one that did not end), bytes that are not documents, and
 *     the missing bytes of a gap; only whitespace between documents may go
 *     unmentioned (README.md says it is skipped);
 *   - the framer never holds more than its size cap undecided.
 * Between the runs: the same documents, whole and partial, and the same
 * problems in the same words; bytes between documents that are not
 * documents are told in pieces as the chunks come, so those are compared
 * by which bytes they cover.  A third run, in chunks with the size cap
 * lowered to 512 bytes, checks the accounting where documents outgrow the
 * cap (where the bytes at hand decide how much is dropped at a time).
 */
#include "fuzz_framer.h"

#include "cap_framer.h"

static fz_items *cur;

static void on_document(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    (void)ctx;
    fz_add(cur, IT_MESSAGE, 0, off, len, NULL, doc);
}

static void on_partial(void *ctx, const uint8_t *doc, size_t len, uint64_t off)
{
    (void)ctx;
    fz_add(cur, IT_PARTIAL, 0, off, len, NULL, doc);
}

static void on_problem(void *ctx, cap_severity sev, uint64_t off, uint64_t len, const char *text)
{
    (void)ctx;
    fz_add(cur, IT_PROBLEM, (int)sev, off, len, text, NULL);
}

static const cap_framer_cb cb = { on_document, on_problem, on_partial };

static void feed(void *fr, const uint8_t *p, size_t n) { cap_framer_feed(fr, p, n); }
static void gap(void *fr, uint64_t missing) { cap_framer_gap(fr, missing); }
static void close_(void *fr) { cap_framer_close(fr, "end of capture"); }

static void check(void *fr)
{
    const cap_framer *f = fr;
    FZ_CHECK(!f->buf || f->buf->len <= f->max_doc, "%u bytes held undecided (cap %zu)", f->buf->len,
             f->max_doc);
}

static const fz_feeder feeder = { feed, gap, close_, check };

static int explains_next(const fz_items *l, guint i)
{
    return fz_explains_next(l, i, IT_PARTIAL);
}

/* Bytes between documents that are not documents (a problem about bytes
 * that explains no partial document). */
static int is_junk(const fz_items *l, guint i)
{
    const fz_item *it = fz_item_at(l, i);
    return it->kind == IT_PROBLEM && it->len && !explains_next(l, i);
}

static int ws(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Byte i of the stream as the input has it, or -1 for a missing one. */
static int stream_byte(const fz_stream *s, uint64_t off)
{
    if (s->gap_at <= s->n && off >= s->gap_at) {
        if (off < s->gap_at + s->gap_len)
            return -1;
        off -= s->gap_len;
    }
    return off < s->n ? s->p[off] : -1;
}

/* Every byte accounted for; junk[] (total bytes) gets 1 for each byte told
 * as not a document. */
static void check_tiles(const fz_items *l, const fz_stream *s, uint64_t total, uint8_t *junk)
{
    uint64_t at = 0;
    for (guint i = 0; i < l->a->len; i++) {
        const fz_item *it = fz_item_at(l, i);
        if (it->kind == IT_PROBLEM && (!it->len || explains_next(l, i)))
            continue;
        FZ_CHECK(it->off >= at, "item %u at stream offset %llu overlaps the one before (to %llu)", i,
                 (unsigned long long)it->off, (unsigned long long)at);
        for (uint64_t o = at; o < it->off; o++)
            FZ_CHECK(stream_byte(s, o) >= 0 && ws((uint8_t)stream_byte(s, o)),
                     "byte at stream offset %llu not accounted for", (unsigned long long)o);
        if (junk && is_junk(l, i))
            memset(junk + it->off, 1, (size_t)it->len);
        at = it->off + it->len;
    }
    FZ_CHECK(at <= total, "items go to %llu of %llu bytes", (unsigned long long)at, (unsigned long long)total);
    for (uint64_t o = at; o < total; o++)
        FZ_CHECK(stream_byte(s, o) >= 0 && ws((uint8_t)stream_byte(s, o)),
                 "byte at stream offset %llu (at the end) not accounted for", (unsigned long long)o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fz_stream s;
    fz_stream_of(data, size, &s);
    uint64_t total = s.n + s.gap_len * (s.gap_at <= s.n);
    fz_items runs[3];
    uint8_t *junk[2];
    for (int run = 0; run < 3; run++) {
        fz_items_init(&runs[run]);
        cur = &runs[run];
        cap_framer f;
        cap_framer_init(&f, &cb, NULL);
        if (run == 2)
            f.max_doc = 512;
        fz_feed_stream(&s, run > 0, &feeder, &f, cur);
        cap_framer_free(&f);
        if (run < 2) {
            junk[run] = g_malloc0(total ? (gsize)total : 1);
            check_tiles(cur, &s, total, junk[run]);
        } else {
            check_tiles(cur, &s, total, NULL);
        }
    }
    /* the same bytes told as not documents (whitespace aside) */
    for (uint64_t o = 0; o < total; o++) {
        int c = stream_byte(&s, o);
        if (c >= 0 && !ws((uint8_t)c))
            FZ_CHECK(junk[0][o] == junk[1][o], "byte at stream offset %llu: junk in %s only",
                     (unsigned long long)o, junk[0][o] ? "one chunk" : "chunks");
    }
    /* the same items, junk aside */
    guint i = 0, k = 0;
    for (;;) {
        while (i < runs[0].a->len && is_junk(&runs[0], i))
            i++;
        while (k < runs[1].a->len && is_junk(&runs[1], k))
            k++;
        const fz_item *a = fz_item_at(&runs[0], i), *b = fz_item_at(&runs[1], k);
        if (!a || !b) {
            FZ_CHECK(!a && !b, "an item in %s only", a ? "one chunk" : "chunks");
            break;
        }
        FZ_CHECK(a->kind == b->kind && a->off == b->off && a->len == b->len,
                 "one chunk %d at %llu+%llu, in chunks %d at %llu+%llu", a->kind,
                 (unsigned long long)a->off, (unsigned long long)a->len, b->kind,
                 (unsigned long long)b->off, (unsigned long long)b->len);
        if (a->kind == IT_PROBLEM)
            FZ_CHECK(a->sev == b->sev && !strcmp(a->text, b->text), "\"%s\" / \"%s\"", a->text, b->text);
        else if (a->bytes)
            FZ_CHECK(!memcmp(a->bytes, b->bytes, (size_t)a->len), "document at %llu: other bytes",
                     (unsigned long long)a->off);
        i++, k++;
    }
    for (int run = 0; run < 3; run++)
        fz_items_free(&runs[run]);
    g_free(junk[0]);
    g_free(junk[1]);
    return 0;
}
