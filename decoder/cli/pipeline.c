/* pipeline.c - the decode-and-print thread (see pipeline.h). */
#include "pipeline.h"

#include <pthread.h>
#include <string.h>
#include <glib.h>

#include "cap_decode.h"
#include "ccx_decode.h"

#define BATCH_BYTES (256u * 1024u)
#define BATCHES 8             /* in flight at most: memory is bounded */

enum { ITEM_CCX, ITEM_CAP, ITEM_PROBLEM, ITEM_CCX_DECODED };

/* A CCX message decoded by the reading thread: its bytes, then the head of
 * the ccx_msg, its fields and its diagnostics.  Decoding there and
 * formatting here splits the work across the two cores more evenly. */
typedef struct decoded_head {
    uint32_t body_len, type_id, len, fixed_end;
    unsigned version, n_fields, n_diags, diags_dropped, max_sev_plus1;
    const ccx_msg_def *def;
    const uint8_t *orig;       /* where the bytes were when decoded */
} decoded_head;

/* One item in a batch, followed by len payload bytes, padded to 8. */
typedef struct item {
    uint32_t kind;
    uint32_t len;
    uint32_t arg;              /* CCX: version; PROBLEM: severity */
    uint32_t pad;
    uint64_t frame;
    uint64_t off;              /* PROBLEM: stream offset */
    int64_t ts_sec;
    int32_t ts_usec;
    const char *protocol;      /* static strings */
    char src[64];
    char dst[64];
} item;

/* A small FIFO of batches.  Plain pthread mutex and condition variable
 * (not GAsyncQueue: GLib's futex-based locks are invisible to
 * ThreadSanitizer, and this must be checkable with it). */
typedef struct fifo {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    GByteArray *slot[BATCHES + 1];
    unsigned head, n;
} fifo;

static void fifo_init(fifo *f)
{
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    f->head = f->n = 0;
}

static void fifo_push(fifo *f, GByteArray *b)
{
    pthread_mutex_lock(&f->mu);
    f->slot[(f->head + f->n++) % (BATCHES + 1)] = b;
    pthread_cond_signal(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static GByteArray *fifo_pop(fifo *f)
{
    pthread_mutex_lock(&f->mu);
    while (!f->n)
        pthread_cond_wait(&f->cv, &f->mu);
    GByteArray *b = f->slot[f->head];
    f->head = (f->head + 1) % (BATCHES + 1);
    f->n--;
    pthread_mutex_unlock(&f->mu);
    return b;
}

static void fifo_destroy(fifo *f)
{
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
}

struct cts_pipe {
    cts_printer *pr;
    pthread_t thread;
    fifo full, free;           /* batches to print / batches to refill */
    GByteArray *cur;           /* the batch being filled */
    cts_pipe_counts counts;    /* written by the thread, read after join */
};

static int end_marker;
#define END ((GByteArray *)(void *)&end_marker)   /* sentinel */

static void consume(cts_pipe *p, GByteArray *b, ccx_msg *cm, cap_msg *dm)
{
    size_t pos = 0;
    while (pos + sizeof(item) <= b->len) {
        item it;
        memcpy(&it, b->data + pos, sizeof it);
        const uint8_t *payload = b->data + pos + sizeof it;
        pos += sizeof it + ((it.len + 7u) & ~7u);
        cts_item_ctx ic = { it.frame, it.ts_sec, it.ts_usec, it.src, it.dst, it.protocol };
        switch (it.kind) {
        case ITEM_CCX:
            ccx_decode(payload, it.len, it.arg, cm);
            p->counts.ccx_msgs++;
            if (cm->max_sev_plus1 > CCX_SEV_NOTE + 1)
                p->counts.with_diags++;
            cts_print_ccx(p->pr, &ic, cm);
            break;
        case ITEM_CAP:
            cap_decode(payload, it.len, dm);
            p->counts.cap_docs++;
            if (dm->max_sev_plus1 > CAP_SEV_NOTE + 1)
                p->counts.with_diags++;
            if (dm->proto == CAP_DOC_OCI)
                ic.protocol = "oci";
            cts_print_cap(p->pr, &ic, dm);
            break;
        case ITEM_CCX_DECODED: {
            decoded_head h;
            memcpy(&h, payload, sizeof h);
            const uint8_t *bytes = payload + sizeof h;
            const uint8_t *rest = bytes + ((h.len + 7u) & ~7u);
            cm->body_len = h.body_len;
            cm->type_id = h.type_id;
            cm->def = h.def;
            cm->buf = bytes;
            cm->len = h.len;
            cm->fixed_end = h.fixed_end;
            cm->version = h.version;
            cm->n_fields = h.n_fields;
            cm->n_diags = h.n_diags;
            cm->diags_dropped = h.diags_dropped;
            cm->max_sev_plus1 = h.max_sev_plus1;
            unsigned nf = h.n_fields < CCX_MAX_FIELDS ? h.n_fields : CCX_MAX_FIELDS;
            memcpy(cm->fields, rest, nf * sizeof(ccx_dfield));
            memcpy(cm->diags, rest + nf * sizeof(ccx_dfield), h.n_diags * sizeof(ccx_diag));
            /* the fields point into the bytes: move them to the copy */
            for (unsigned i = 0; i < nf; i++) {
                ccx_dfield *f = &cm->fields[i];
                if (f->data)
                    f->data = bytes + (f->data - h.orig);
                if (f->nv_name)
                    f->nv_name = bytes + (f->nv_name - h.orig);
                if (f->nv_value)
                    f->nv_value = bytes + (f->nv_value - h.orig);
            }
            cts_print_ccx(p->pr, &ic, cm);   /* counted by the reading thread */
            break;
        }
        default:
            cts_print_problem(p->pr, &ic, (ccx_severity)it.arg, it.off, (const char *)payload);
            break;
        }
    }
}

static void *run(void *data)
{
    cts_pipe *p = data;
    ccx_msg *cm = g_new(ccx_msg, 1);
    cap_msg dm;
    cap_msg_init(&dm);
    for (;;) {
        GByteArray *b = fifo_pop(&p->full);
        if (b == END)
            break;
        consume(p, b, cm, &dm);
        g_byte_array_set_size(b, 0);
        fifo_push(&p->free, b);
    }
    cap_msg_free(&dm);
    g_free(cm);
    return NULL;
}

cts_pipe *cts_pipe_new(cts_printer *pr)
{
    cts_pipe *p = g_new0(cts_pipe, 1);
    p->pr = pr;
    fifo_init(&p->full);
    fifo_init(&p->free);
    for (int i = 0; i < BATCHES; i++)
        fifo_push(&p->free, g_byte_array_sized_new(BATCH_BYTES + 4096));
    p->cur = fifo_pop(&p->free);
    if (pthread_create(&p->thread, NULL, run, p) != 0)
        g_error("ctiscope: cannot start the output thread");
    return p;
}

static void push(cts_pipe *p, uint32_t kind, const cts_item_ctx *ic, uint32_t arg, uint64_t off,
                 const void *payload, size_t len)
{
    item it;
    memset(&it, 0, sizeof it);
    it.kind = kind;
    it.len = (uint32_t)len;
    it.arg = arg;
    it.frame = ic->frame;
    it.off = off;
    it.ts_sec = ic->ts_sec;
    it.ts_usec = ic->ts_usec;
    it.protocol = ic->protocol;
    g_strlcpy(it.src, ic->src, sizeof it.src);
    g_strlcpy(it.dst, ic->dst, sizeof it.dst);
    static const uint8_t zeros[8];
    g_byte_array_append(p->cur, (const guint8 *)&it, sizeof it);
    g_byte_array_append(p->cur, payload, (guint)len);
    g_byte_array_append(p->cur, zeros, (guint)(((len + 7u) & ~7u) - len));
    if (p->cur->len >= BATCH_BYTES) {
        fifo_push(&p->full, p->cur);
        p->cur = fifo_pop(&p->free);   /* waits when the printer is behind */
    }
}

void cts_pipe_ccx(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *msg, size_t len,
                  unsigned version)
{
    push(p, ITEM_CCX, ic, version, 0, msg, len);
}

void cts_pipe_ccx_decoded(cts_pipe *p, const cts_item_ctx *ic, const ccx_msg *m)
{
    decoded_head h = { m->body_len, m->type_id, m->len, m->fixed_end, m->version, m->n_fields,
                       m->n_diags, m->diags_dropped, m->max_sev_plus1, m->def, m->buf };
    unsigned nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    size_t padded = (m->len + 7u) & ~7u;
    size_t total = sizeof h + padded + nf * sizeof(ccx_dfield) + m->n_diags * sizeof(ccx_diag);
    /* the item header, then the payload assembled in place */
    item it;
    memset(&it, 0, sizeof it);
    it.kind = ITEM_CCX_DECODED;
    it.len = (uint32_t)total;
    it.frame = ic->frame;
    it.ts_sec = ic->ts_sec;
    it.ts_usec = ic->ts_usec;
    it.protocol = ic->protocol;
    g_strlcpy(it.src, ic->src, sizeof it.src);
    g_strlcpy(it.dst, ic->dst, sizeof it.dst);
    guint at = p->cur->len;
    g_byte_array_set_size(p->cur, (guint)(at + sizeof it + ((total + 7u) & ~7u)));
    uint8_t *w = p->cur->data + at;
    memcpy(w, &it, sizeof it);
    w += sizeof it;
    memcpy(w, &h, sizeof h);
    w += sizeof h;
    memcpy(w, m->buf, m->len);
    memset(w + m->len, 0, padded - m->len);
    w += padded;
    memcpy(w, m->fields, nf * sizeof(ccx_dfield));
    w += nf * sizeof(ccx_dfield);
    memcpy(w, m->diags, m->n_diags * sizeof(ccx_diag));
    if (p->cur->len >= BATCH_BYTES) {
        fifo_push(&p->full, p->cur);
        p->cur = fifo_pop(&p->free);
    }
}

void cts_pipe_cap(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *doc, size_t len)
{
    push(p, ITEM_CAP, ic, 0, 0, doc, len);
}

void cts_pipe_problem(cts_pipe *p, const cts_item_ctx *ic, ccx_severity sev, uint64_t off,
                      const char *text)
{
    push(p, ITEM_PROBLEM, ic, (uint32_t)sev, off, text, strlen(text) + 1);
}

cts_pipe_counts cts_pipe_finish(cts_pipe *p)
{
    fifo_push(&p->full, p->cur);   /* possibly empty: harmless */
    fifo_push(&p->full, END);
    pthread_join(p->thread, NULL);
    cts_pipe_counts c = p->counts;
    for (int i = 0; i < BATCHES; i++)
        g_byte_array_unref(fifo_pop(&p->free));
    fifo_destroy(&p->full);
    fifo_destroy(&p->free);
    g_free(p);
    return c;
}
