/* fuzz_framer.h - what the two framer targets share: the items a framer
 * hands out, recorded, and the feeding of one stream in chunks.
 *
 * Input of both targets: one control byte, then the bytes of one direction
 * of a TCP stream.  The stream is fed twice: as one chunk, and in chunks of
 * random sizes (1 to 1 + 8 * (control & 63) bytes, split points drawn from
 * the input), each run ending with a close.  With control bit 6 set, a
 * capture gap of 1 to 100 bytes is declared at a point drawn from the input,
 * at the same stream offset in both runs.  The targets then compare the two
 * runs (fuzz_ccx_framer.c, fuzz_cap_framer.c say what must be the same) and
 * check that each run accounts for every byte of the stream. */
#ifndef FUZZ_FRAMER_H
#define FUZZ_FRAMER_H

#include <glib.h>

#include "fuzz_common.h"

enum { IT_MESSAGE, IT_PARTIAL, IT_PROBLEM, IT_GAP };

typedef struct fz_item {
    int kind;              /* IT_* (IT_GAP: the harness's own record of a gap) */
    int sev;
    uint64_t off, len;
    char *text;            /* IT_PROBLEM */
    uint8_t *bytes;        /* IT_MESSAGE, IT_PARTIAL: a copy */
} fz_item;

typedef struct fz_items {
    GArray *a;             /* fz_item */
} fz_items;

static inline void fz_items_init(fz_items *l)
{
    l->a = g_array_new(FALSE, TRUE, sizeof(fz_item));
}

static inline void fz_items_free(fz_items *l)
{
    for (guint i = 0; i < l->a->len; i++) {
        g_free(g_array_index(l->a, fz_item, i).text);
        g_free(g_array_index(l->a, fz_item, i).bytes);
    }
    g_array_free(l->a, TRUE);
}

static inline fz_item *fz_item_at(const fz_items *l, guint i)
{
    return i < l->a->len ? &g_array_index(l->a, fz_item, i) : NULL;
}

static inline void fz_add(fz_items *l, int kind, int sev, uint64_t off, uint64_t len, const char *text,
                          const uint8_t *bytes)
{
    fz_item it = { kind, sev, off, len, text ? g_strdup(text) : NULL,
                   bytes ? g_memdup2(bytes, (gsize)len) : NULL };
    g_array_append_val(l->a, it);
}

/* Is item i a problem that only explains the next item, of kind kind at
 * the same bytes (a cut CCX message, a CAP document that did not end)? */
static inline int fz_explains_next(const fz_items *l, guint i, int kind)
{
    const fz_item *a = fz_item_at(l, i), *b = fz_item_at(l, i + 1);
    return a->kind == IT_PROBLEM && b && b->kind == kind && b->off == a->off && b->len == a->len;
}

/* How a stream is fed: callbacks of the framer under test. */
typedef struct fz_feeder {
    void (*feed)(void *fr, const uint8_t *p, size_t n);
    void (*gap)(void *fr, uint64_t missing);
    void (*close)(void *fr);
    void (*check)(void *fr);   /* after every call: the framer's memory bound */
} fz_feeder;

/* The stream of an input and where its gap goes. */
typedef struct fz_stream {
    const uint8_t *p;
    size_t n;
    unsigned max_chunk;
    size_t gap_at;          /* > n: none */
    uint64_t gap_len;
} fz_stream;

/* The framer targets take no options. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static inline void fz_stream_of(const uint8_t *data, size_t size, fz_stream *s)
{
    uint8_t ctl = size ? data[0] : 0;
    s->p = size ? data + 1 : data;
    s->n = size ? size - 1 : 0;
    s->max_chunk = 1 + 8u * (ctl & 63);
    s->gap_at = (size_t)-1;
    s->gap_len = 0;
    if (ctl & 64) {
        fz_rng r;
        fz_rng_seed(&r, data, size);
        s->gap_at = fz_rng_below(&r, (uint32_t)s->n + 1);
        s->gap_len = 1 + fz_rng_below(&r, 100);
    }
}

/* Feeds p[0, n) in one chunk (split 0) or in random chunks, the gap at its
 * place; l gets an IT_GAP item where the gap goes. */
static inline void fz_feed_stream(const fz_stream *s, int split, const fz_feeder *fd, void *fr, fz_items *l)
{
    fz_rng r;
    fz_rng_seed(&r, s->p, s->n);
    size_t pos = 0;
    while (pos < s->n || pos == s->gap_at) {
        if (pos == s->gap_at) {
            fd->gap(fr, s->gap_len);
            fd->check(fr);
            fz_add(l, IT_GAP, 0, s->gap_at, s->gap_len, NULL, NULL);
            if (pos == s->n)
                break;
        }
        size_t end = s->n;
        if (split)
            end = pos + 1 + fz_rng_below(&r, s->max_chunk);
        if (end > s->n)
            end = s->n;
        if (s->gap_at > pos && s->gap_at < end)
            end = s->gap_at;
        fd->feed(fr, s->p + pos, end - pos);
        fd->check(fr);
        pos = end;
    }
    fd->close(fr);
    fd->check(fr);
}

/* The stream offset of byte i of the input stream (the gap shifts the
 * bytes after it). */
static inline uint64_t fz_stream_off(const fz_stream *s, size_t i)
{
    return i >= s->gap_at && s->gap_at <= s->n ? i + s->gap_len : i;
}

#endif
