/* pipeline.c - the second thread (see pipeline.h).
 *
 * The reading thread appends items to a batch; a full batch goes through a
 * FIFO to the second thread, which consumes the items in order and gives
 * the emptied batch back.  An item is a small header and its payload,
 * padded to 8 bytes so the payload can be used in place (a decoded
 * message's fields are read where they lie in the batch, not copied out).
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <glib.h>

#include "cap_decode.h"
#include "ccx_decode.h"
#include "cf_engine.h"
#include "cf_map_cap.h"
#include "cf_map_ccx.h"

#define BATCH_BYTES (64u * 1024u)
#define BATCHES 32             /* in flight at most: memory is bounded */

enum {
    /* per-message output: the payload starts with the endpoints */
    ITEM_CCX,           /* CCX bytes; arg = version; decoded there */
    ITEM_CCX_DECODED,   /* a decoded CCX message */
    ITEM_CAP,           /* CAP/OCI document bytes */
    ITEM_CAP_DECODED,   /* a decoded CAP/OCI document (cap_pack) */
    ITEM_PROBLEM,       /* arg = severity, off = stream offset; text */
    /* call-flow engine: arg = engine session */
    ITEM_FLOW_SESSION,  /* arg = the id it must get; "server\0client\0" */
    ITEM_FLOW_CCX,      /* arg2 = from_client; a decoded CCX message */
    ITEM_FLOW_CAP,      /* arg2 = from_client; document bytes */
    ITEM_FLOW_CAP_DECODED, /* arg2 = from_client; a decoded document (cap_pack) */
    ITEM_FLOW_PROBLEM,  /* arg2 = error; text */
    ITEM_FLOW_GAP,      /* arg2 = from_client, off = missing bytes */
    ITEM_FLOW_END,      /* "how" */
};

typedef struct item {
    uint32_t kind;
    uint32_t len;              /* payload bytes (before padding) */
    uint32_t arg;
    uint32_t arg2;
    uint64_t frame;
    uint64_t off;
    int64_t ts_sec;
    int32_t ts_usec;
    int32_t pad;
    const char *protocol;      /* static strings */
} item;

/* Endpoints of a per-message item (the connection may be gone by the time
 * the item is printed, so they are copied). */
typedef struct endpoints {
    char src[64];
    char dst[64];
} endpoints;

#define PAD8(n) (((size_t)(n) + 7u) & ~(size_t)7u)

/* A batch of items.  Its buffer grows only for an item larger than the
 * room left (a message with hundreds of fields) and is kept for reuse. */
typedef struct batch {
    uint8_t *data;
    size_t len, cap;
} batch;

static batch *batch_new(size_t cap)
{
    batch *b = g_new(batch, 1);
    b->data = g_malloc(cap);
    b->len = 0;
    b->cap = cap;
    return b;
}

static void batch_free(batch *b)
{
    g_free(b->data);
    g_free(b);
}

/* A small FIFO of batches.  Plain pthread mutex and condition variable
 * (not GAsyncQueue: GLib's futex-based locks are invisible to
 * ThreadSanitizer, and this must be checkable with it).  A thread that
 * finds the FIFO empty spins a little before it sleeps: the other side
 * usually delivers within microseconds, and waking a sleeper costs a
 * system call on both sides, once per batch. */
typedef struct fifo {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    batch *slot[BATCHES + 1];
    unsigned head, n;
    unsigned sleepers;         /* threads in pthread_cond_wait */
    atomic_uint ready;         /* = n, readable without the lock (for spinning) */
} fifo;

#define SPIN_ROUNDS 20000      /* about 50-100 us */

static inline void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

static void fifo_init(fifo *f)
{
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    f->head = f->n = f->sleepers = 0;
    atomic_init(&f->ready, 0);
}

static void fifo_push(fifo *f, batch *b)
{
    pthread_mutex_lock(&f->mu);
    f->slot[(f->head + f->n++) % (BATCHES + 1)] = b;
    atomic_store_explicit(&f->ready, f->n, memory_order_release);
    if (f->sleepers)
        pthread_cond_signal(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

static batch *fifo_pop(fifo *f)
{
    for (int i = 0; i < SPIN_ROUNDS && !atomic_load_explicit(&f->ready, memory_order_acquire); i++)
        cpu_relax();
    pthread_mutex_lock(&f->mu);
    while (!f->n) {
        f->sleepers++;
        pthread_cond_wait(&f->cv, &f->mu);
        f->sleepers--;
    }
    batch *b = f->slot[f->head];
    f->head = (f->head + 1) % (BATCHES + 1);
    f->n--;
    atomic_store_explicit(&f->ready, f->n, memory_order_release);
    pthread_mutex_unlock(&f->mu);
    return b;
}

static void fifo_destroy(fifo *f)
{
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
}

struct cts_pipe {
    pthread_t thread;
    fifo full, free;           /* batches to consume / batches to refill */
    batch *cur;                /* the batch being filled */
    cts_pipe_counts counts;    /* written by the thread, read after join */
    uint32_t last_session;     /* flow: the engine session ids handed out */
    /* the thread's */
    cts_printer *pr;           /* per-message output, or NULL */
    cf_engine *engine;         /* call flows, or NULL */
    ccx_msg *cm;               /* per-message output: the message being printed */
    cap_msg dm;
    cf_input *wire;
    cf_cap_ctx *cap_flow;
    /* flow: the text of each message that gave the calls an event
     * (cts_pipe_flow_texts), printed by the text printer into tf */
    cts_flow_text_fn text_fn;
    void *text_ud;
    cts_printer *tpr;
    FILE *tf;
    char *tbuf;
    size_t tlen;
    ccx_msg *tcm;
    GPtrArray *sess_addr;      /* per session id: "server\0client\0" */
    /* the reading thread's: CAP documents it decodes itself (cap_here) */
    cap_msg rm;
    cts_pipe_counts r_counts;
    cts_cap_side cap_side;
};

static int end_marker;
#define END ((batch *)(void *)&end_marker)   /* sentinel */

/* ---- the reading thread's side ---- */

/* Room for an item with a payload of len bytes in the current batch; the
 * header is written, the payload is the caller's to fill. */
/* The padding after len payload bytes at p is zero: the last word is
 * cleared whole, before the payload is written over its start (a store of
 * 8 bytes, not a memset call of a variable size). */
static inline void zero_last_word(uint8_t *p, size_t len)
{
    if (len & 7) {
        uint64_t z = 0;
        memcpy(p + (len & ~(size_t)7), &z, 8);
    }
}

static uint8_t *item_begin(cts_pipe *p, uint32_t kind, size_t len, uint32_t arg, uint32_t arg2,
                           uint64_t frame, uint64_t off, int64_t ts_sec, int32_t ts_usec,
                           const char *protocol)
{
    size_t need = sizeof(item) + PAD8(len);
    if (G_UNLIKELY(p->cur->cap - p->cur->len < need)) {
        /* Items never move once written (a decoded message's fields point
         * into its own copy of the bytes): a full batch goes, and only an
         * empty one grows. */
        if (p->cur->len) {
            fifo_push(&p->full, p->cur);
            p->cur = fifo_pop(&p->free);
        }
        if (p->cur->cap < need) {
            p->cur->cap = need;
            p->cur->data = g_realloc(p->cur->data, need);
        }
    }
    batch *b = p->cur;
    size_t at = b->len;
    b->len = at + need;
    uint8_t *w = b->data + at;
    /* written in place, member by member: a header built on the stack and
     * copied is read back as wider loads than it was stored with, which
     * the store buffer cannot forward (a stall per message) */
    item *it = (item *)(void *)w;
    it->kind = kind;
    it->len = (uint32_t)len;
    it->arg = arg;
    it->arg2 = arg2;
    it->frame = frame;
    it->off = off;
    it->ts_sec = ts_sec;
    it->ts_usec = ts_usec;
    it->pad = 0;
    it->protocol = protocol;
    zero_last_word(w + sizeof(item), len);
    return w + sizeof(item);
}

/* The item whose payload item_begin returned (the last one) turned out to
 * need only len payload bytes. */
static void item_trim(cts_pipe *p, uint8_t *payload, size_t len)
{
    item *it = (item *)(void *)(payload - sizeof(item));
    it->len = (uint32_t)len;
    p->cur->len = (size_t)(payload - p->cur->data) + PAD8(len);
}

/* Take back the item whose payload item_begin returned (the last one). */
static void item_cancel(cts_pipe *p, uint8_t *payload)
{
    p->cur->len = (size_t)(payload - sizeof(item) - p->cur->data);
}

static void item_end(cts_pipe *p)
{
    if (p->cur->len >= BATCH_BYTES) {
        fifo_push(&p->full, p->cur);
        p->cur = fifo_pop(&p->free);   /* waits when the consumer is behind */
    }
}

static uint8_t *msg_item_begin(cts_pipe *p, uint32_t kind, const cts_item_ctx *ic, uint32_t arg,
                               size_t len)
{
    uint8_t *w = item_begin(p, kind, sizeof(endpoints) + len, arg, 0, ic->frame, ic->stream_off,
                            ic->ts_sec, ic->ts_usec, ic->protocol);
    endpoints *ep = (endpoints *)(void *)w;
    size_t ns = strnlen(ic->src, sizeof ep->src - 1), nd = strnlen(ic->dst, sizeof ep->dst - 1);
    memcpy(ep->src, ic->src, ns);
    ep->src[ns] = '\0';
    memcpy(ep->dst, ic->dst, nd);
    ep->dst[nd] = '\0';
    return w + sizeof(endpoints);
}

/* A decoded CCX message in the batch: its ccx_msg_head, the message bytes,
 * its fields, its diagnostics, each part padded to 8 bytes.  At most this
 * many bytes: */
static size_t decoded_size(const ccx_msg *m)
{
    unsigned nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    return PAD8(sizeof(ccx_msg_head)) + PAD8(m->len) + nf * sizeof(ccx_decoded_field) +
           m->n_diags * sizeof(ccx_diag);
}

/* Write m at w, every field.  Returns the bytes written. */
static size_t decoded_pack(uint8_t *w, const ccx_msg *m)
{
    uint8_t *start = w;
    unsigned nf = m->n_fields < CCX_MAX_FIELDS ? m->n_fields : CCX_MAX_FIELDS;
    memcpy(w, &m->head, sizeof m->head);
    w += PAD8(sizeof m->head);
    zero_last_word(w, m->len);
    memcpy(w, m->buf, m->len);
    w += PAD8(m->len);
    /* the fields go with their pointers moved to the copy of the bytes,
     * so the other thread reads them as they lie */
    const uint8_t *bytes = w - PAD8(m->len);
    for (unsigned i = 0; i < nf; i++) {
        const ccx_decoded_field *f = &m->fields[i];
        ccx_decoded_field *g = (ccx_decoded_field *)(void *)w;
        memcpy(g, f, sizeof *f);
        if (g->data)
            g->data = bytes + (f->data - m->buf);
        if (g->nv_name)
            g->nv_name = bytes + (f->nv_name - m->buf);
        if (g->nv_value)
            g->nv_value = bytes + (f->nv_value - m->buf);
        w += sizeof *f;
    }
    memcpy(w, m->diags, m->n_diags * sizeof(ccx_diag));
    w += m->n_diags * sizeof(ccx_diag);
    return (size_t)(w - start);
}

/* A decoded message for the call-flow engine: a flow_head, the message
 * bytes, its compact form (the fields the CCX adapter reads, 16 bytes
 * each), the text of the first error.  The hand-over's cost is in the
 * cache lines that cross from one core to the other (the reading thread
 * writes them, the engine's thread reads them, then they come back for the
 * next batch), so this is a fraction of the per-message form above, and
 * the engine's thread reads it where it lies. */
typedef struct flow_head {
    /* n_fields: the compact records that follow; n_diags: 1 when the text
     * of the first error follows, else 0 (ccx_decode_compact, which counts
     * no notes, writes 0) */
    ccx_msg_head msg;
    uint64_t hash;             /* of the bytes, taken here while they are in this core's cache */
} flow_head;

/* Compact fields room is made for before a message is decoded; a clean
 * message with more (none in the spec's tables comes near) takes the full
 * decoder's path. */
#define FLOW_ROOM 48u

/* The bytes of a message at w + sizeof(flow_head), padded. */
static uint8_t *flow_bytes(uint8_t *w, const uint8_t *msg, size_t len)
{
    uint8_t *bytes = w + sizeof(flow_head);
    zero_last_word(bytes, len);
    memcpy(bytes, msg, len);
    return bytes;
}

/* A message decoded by ccx_decode_some, at w.  Returns the bytes written. */
static size_t flow_pack(uint8_t *w, const ccx_msg *m, const ccx_field_filter *keep)
{
    uint8_t *bytes = flow_bytes(w, m->buf, m->len), *at = bytes + PAD8(m->len);
    unsigned n = ccx_compact(m, keep, (ccx_field_value *)(void *)at);
    at += n * sizeof(ccx_field_value);
    flow_head h = { m->head, cf_hash_padded(bytes, m->len) };
    h.msg.n_fields = n;
    h.msg.n_diags = 0;
    const char *et = ccx_first_error(m);
    if (et) {
        size_t tl = strnlen(et, CCX_DIAG_TEXT - 1);
        memcpy(at, et, tl);
        at[tl] = '\0';
        h.msg.n_diags = 1;
        at += tl + 1;
    }
    memcpy(w, &h, sizeof h);
    return (size_t)(at - w);
}

/* ---- the second thread's side ---- */

/* Make cm the message packed at payload: its fields stay in the batch
 * (decoded_pack pointed them at the copy of the bytes), the rest is
 * copied. */
static void decoded_view(uint8_t *payload, ccx_msg *cm)
{
    memcpy(&cm->head, payload, sizeof cm->head);
    const uint8_t *bytes = payload + PAD8(sizeof cm->head);
    ccx_decoded_field *fields = (ccx_decoded_field *)(void *)(bytes + PAD8(cm->len));
    unsigned nf = cm->n_fields < CCX_MAX_FIELDS ? cm->n_fields : CCX_MAX_FIELDS;
    cm->buf = bytes;
    cm->fields = fields;
    memcpy(cm->diags, fields + nf, cm->n_diags * sizeof(ccx_diag));
}

/* The message flow_pack wrote at payload, read where it lies. */
static void flow_view(const uint8_t *payload, cf_ccx_msg *cm)
{
    flow_head h;
    memcpy(&h, payload, sizeof h);
    const uint8_t *bytes = payload + sizeof h;
    const ccx_field_value *ff = (const ccx_field_value *)(const void *)(bytes + PAD8(h.msg.len));
    cm->def = h.msg.def;
    cm->type_id = h.msg.type_id;
    cm->len = h.msg.len;
    cm->buf = bytes;
    cm->hash = h.hash;
    cm->error = h.msg.max_sev_plus1 == CCX_SEV_ERROR + 1;
    cm->error_text = h.msg.n_diags ? (const char *)(ff + h.msg.n_fields) : NULL;
    cm->n_fields = h.msg.n_fields;
    cm->fields = ff;
}

/* ---- CAP documents, decoded on either side ----
 *
 * Decoding a CAP document (GMarkup and the tables) costs far more than
 * anything else done to it: left to the output thread it is the wall, and
 * the reading thread waits.  So the reading thread decodes a document
 * itself whenever the other thread is behind (a full batch is waiting for
 * it) and hands it over decoded; otherwise it hands the bytes over.  Each
 * thread has its own cap_msg.  The result is the same wherever a document
 * was decoded.
 */

/* What cap_pack writes before the bytes, the items, the arena and the
 * diagnostics (pointers into the arena and the bytes moved to the copies). */
typedef struct cap_head {
    cap_doc_proto proto;
    int root;
    unsigned n_items, items_dropped, n_diags, diags_dropped, max_sev_plus1;
    int xml_error;
    uint32_t xml_error_offset;
    unsigned xml_error_line, xml_error_column;
    const char *protocol, *version, *command_type;
    const cap_command *command;
    uint64_t len, arena_len;
    char xml_error_text[CAP_DIAG_TEXT];
} cap_head;

/* A document is decoded on the reading side only when it is small (its
 * packed form then is too: a batch that grew for a large item stays
 * grown). */
#define CAP_HERE_MAX_DOC 8192u
#define CAP_HERE_MAX_PACK (BATCH_BYTES / 4)

static size_t cap_packed_size(const cap_msg *m)
{
    size_t arena;
    cap_msg_arena(m, &arena);
    return sizeof(cap_head) + PAD8(m->len) + m->n_items * sizeof(cap_item) + PAD8(arena) +
           m->n_diags * sizeof(cap_diag);
}

/* p inside [from, from + n): the same place in to; otherwise p itself (a
 * static string, NULL). */
static inline const char *moved(const char *p, const char *from, size_t n, const char *to)
{
    return p && p >= from && p < from + n ? to + (p - from) : p;
}

static void cap_pack(uint8_t *w, const cap_msg *m)
{
    size_t an;
    const char *arena = cap_msg_arena(m, &an);
    cap_head *h = (cap_head *)(void *)w;
    uint8_t *bytes = w + sizeof *h;
    cap_item *items = (cap_item *)(void *)(bytes + PAD8(m->len));
    char *ar = (char *)(items + m->n_items);
    cap_diag *dg = (cap_diag *)(void *)(ar + PAD8(an));
    const char *buf = (const char *)m->buf;
#define MOVE(p) moved(moved((p), arena, an, ar), buf, m->len, (const char *)bytes)
    h->proto = m->proto;
    h->root = m->root;
    h->n_items = m->n_items;
    h->items_dropped = m->items_dropped;
    h->n_diags = m->n_diags;
    h->diags_dropped = m->diags_dropped;
    h->max_sev_plus1 = m->max_sev_plus1;
    h->xml_error = m->xml_error;
    h->xml_error_offset = m->xml_error_offset;
    h->xml_error_line = m->xml_error_line;
    h->xml_error_column = m->xml_error_column;
    h->protocol = MOVE(m->protocol);
    h->version = MOVE(m->version);
    h->command_type = MOVE(m->command_type);
    h->command = m->command;
    h->len = m->len;
    h->arena_len = an;
    memcpy(h->xml_error_text, m->xml_error_text, sizeof h->xml_error_text);
    zero_last_word(bytes, m->len);
    memcpy(bytes, m->buf, m->len);
    memcpy(items, m->items, m->n_items * sizeof *items);
    for (unsigned i = 0; i < m->n_items; i++) {
        items[i].name = MOVE(items[i].name);
        items[i].value = MOVE(items[i].value);
    }
    zero_last_word((uint8_t *)ar, an);
    memcpy(ar, arena, an);
    memcpy(dg, m->diags, m->n_diags * sizeof *dg);
#undef MOVE
}

/* The document cap_pack wrote at w, as a cap_msg v (its items and strings
 * read where they lie). */
static void cap_view(uint8_t *w, cap_msg *v)
{
    const cap_head *h = (const cap_head *)(void *)w;
    uint8_t *bytes = w + sizeof *h;
    cap_item *items = (cap_item *)(void *)(bytes + PAD8(h->len));
    const cap_diag *dg = (const cap_diag *)(const void *)((const char *)(items + h->n_items) +
                                                          PAD8(h->arena_len));
    v->proto = h->proto;
    v->protocol = h->protocol;
    v->version = h->version;
    v->command_type = h->command_type;
    v->command = h->command;
    v->root = h->root;
    v->items = items;
    v->n_items = h->n_items;
    v->items_dropped = h->items_dropped;
    v->n_diags = h->n_diags;
    v->diags_dropped = h->diags_dropped;
    v->max_sev_plus1 = h->max_sev_plus1;
    memcpy(v->diags, dg, h->n_diags * sizeof *dg);
    v->xml_error = h->xml_error;
    v->xml_error_offset = h->xml_error_offset;
    v->xml_error_line = h->xml_error_line;
    v->xml_error_column = h->xml_error_column;
    memcpy(v->xml_error_text, h->xml_error_text, sizeof v->xml_error_text);
    v->buf = bytes;
    v->len = (size_t)h->len;
}

/* Decode the document here (into p->rm, counted), or leave it to the other
 * thread (0)? */
static int cap_here(cts_pipe *p, const uint8_t *doc, size_t len)
{
    if (p->cap_side == CTS_CAP_THERE ||
        (p->cap_side == CTS_CAP_BY_LOAD &&
         (len > CAP_HERE_MAX_DOC || !atomic_load_explicit(&p->full.ready, memory_order_relaxed))))
        return 0;
    cap_decode(doc, len, &p->rm);
    if (cap_packed_size(&p->rm) > CAP_HERE_MAX_PACK)
        return 0;   /* decoded again there: rare (a small document of many items) */
    cts_count_cap(&p->r_counts, &p->rm);
    return 1;
}

static void emit_cap_wire(void *ud, cf_input *w)
{
    cf_engine_feed(ud, w);
}

/* The text output of a message that gave the calls an event, to
 * p->text_fn: what ctiscope prints for it without --calls (the date line
 * the printer writes when the day changes is left out: the call's header
 * has the date). */
static void text_out(cts_pipe *p, const item *it, const ccx_msg *m, const cap_msg *d,
                     uint64_t uses)
{
    const char *sc = it->arg < p->sess_addr->len ? g_ptr_array_index(p->sess_addr, it->arg) : NULL;
    const char *server = sc ? sc : "?", *client = sc ? sc + strlen(sc) + 1 : "?";
    cts_item_ctx ic = { .frame = it->frame, .ts_sec = it->ts_sec, .ts_usec = it->ts_usec,
                        .src = it->arg2 ? client : server, .dst = it->arg2 ? server : client,
                        .protocol = m ? "ccx" : d->proto == CAP_DOC_OCI ? "oci" : "cap" };
    p->tpr->files = cf_engine_files(p->engine);
    rewind(p->tf);
    if (m)
        cts_print_ccx(p->tpr, &ic, m);
    else
        cts_print_cap(p->tpr, &ic, d);
    cts_printer_flush(p->tpr);
    long n = ftell(p->tf);
    if (fflush(p->tf) != 0 || n <= 0 || !p->tbuf)
        return;
    const char *t = p->tbuf, *end = p->tbuf + n;
    if (end - t > 3 && !memcmp(t, "-- ", 3)) {   /* the date line */
        const char *nl = memchr(t, '\n', (size_t)(end - t));
        t = nl ? nl + 1 : end;
    }
    p->text_fn(p->text_ud, it->frame, t, (size_t)(end - t), (unsigned)uses);
}

void cts_pipe_flow_texts(cts_pipe *p, cts_flow_text_fn fn, void *ud)
{
    if (!p->engine || p->text_fn || !fn)
        return;
    p->tf = open_memstream(&p->tbuf, &p->tlen);
    if (!p->tf)
        return;
    p->tpr = cts_printer_new(p->tf, CTS_TEXT);
    p->tcm = g_new(ccx_msg, 1);
    p->sess_addr = g_ptr_array_new_with_free_func(g_free);
    p->text_ud = ud;
    p->text_fn = fn;
}

static void consume_flow(cts_pipe *p, const item *it, uint8_t *payload)
{
    int64_t ts = it->ts_sec * 1000000 + it->ts_usec;
    switch (it->kind) {
    case ITEM_FLOW_SESSION: {
        const char *server = (const char *)payload;
        const char *client = server + strlen(server) + 1;
        uint32_t id = cf_engine_session(p->engine, it->protocol, server, client, it->frame, ts);
        if (id != it->arg)
            g_error("ctiscope: call-flow session %u created as %u", it->arg, id);
        if (p->text_fn) {
            size_t ns = strlen(server) + 1, nc = strlen(client) + 1;
            char *sc = g_malloc(ns + nc);
            memcpy(sc, server, ns);
            memcpy(sc + ns, client, nc);
            if (p->sess_addr->len <= id)
                g_ptr_array_set_size(p->sess_addr, (guint)id + 1);
            g_free(g_ptr_array_index(p->sess_addr, id));
            g_ptr_array_index(p->sess_addr, id) = sc;
        }
        break;
    }
    case ITEM_FLOW_CCX: {
        cf_ccx_msg cm;
        flow_view(payload, &cm);
        cf_ccx_fill_picked(p->wire, &cm);
        p->wire->session = it->arg;
        p->wire->frame = it->frame;
        p->wire->ts = ts;
        p->wire->from_client = (int)it->arg2;
        uint64_t n0 = cf_engine_n_call_events(p->engine);
        cf_engine_feed(p->engine, p->wire);
        if (p->text_fn && cf_engine_n_call_events(p->engine) != n0) {
            flow_head h;
            memcpy(&h, payload, sizeof h);
            ccx_decode(cm.buf, cm.len, h.msg.version, p->tcm);
            text_out(p, it, p->tcm, NULL, cf_engine_n_call_events(p->engine) - n0);
        }
        break;
    }
    case ITEM_FLOW_CAP:
    case ITEM_FLOW_CAP_DECODED:
        if (it->kind == ITEM_FLOW_CAP_DECODED) {
            cap_view(payload, &p->dm);   /* counted by the reading thread */
        } else {
            cap_decode(payload, it->len, &p->dm);
            cts_count_cap(&p->counts, &p->dm);
        }
        cf_input_reset(p->wire);
        p->wire->session = it->arg;
        p->wire->frame = it->frame;
        p->wire->ts = ts;
        p->wire->from_client = (int)it->arg2;
        uint64_t n0 = cf_engine_n_call_events(p->engine);
        cf_cap_fill(p->cap_flow, &p->dm, p->wire, emit_cap_wire, p->engine);
        if (p->text_fn && cf_engine_n_call_events(p->engine) != n0)
            text_out(p, it, NULL, &p->dm, cf_engine_n_call_events(p->engine) - n0);
        break;
    case ITEM_FLOW_PROBLEM:
        cf_engine_problem(p->engine, it->arg, it->frame, ts, (int)it->arg2, it->off != 0,
                          (const char *)payload);
        break;
    case ITEM_FLOW_GAP:
        cf_engine_gap(p->engine, it->arg, it->frame, ts, it->off, (int)it->arg2);
        break;
    case ITEM_FLOW_END:
        cf_engine_session_end(p->engine, it->arg, (const char *)payload, it->frame, ts);
        cf_cap_session_end(p->cap_flow, it->arg);
        break;
    }
}

static void consume_print(cts_pipe *p, const item *it, uint8_t *payload)
{
    const endpoints *ep = (const endpoints *)(void *)payload;
    payload += sizeof *ep;
    uint32_t len = it->len - (uint32_t)sizeof *ep;
    cts_item_ctx ic = { it->frame, it->ts_sec, it->ts_usec, ep->src, ep->dst, it->protocol, it->off };
    switch (it->kind) {
    case ITEM_CCX:
        ccx_decode(payload, len, it->arg, p->cm);
        cts_count_ccx(&p->counts, p->cm->max_sev_plus1 > CCX_SEV_NOTE + 1);
        cts_print_ccx(p->pr, &ic, p->cm);
        break;
    case ITEM_CCX_DECODED:
        decoded_view(payload, p->cm);
        cts_print_ccx(p->pr, &ic, p->cm);   /* counted by the reading thread */
        break;
    case ITEM_CAP:
    case ITEM_CAP_DECODED:
        if (it->kind == ITEM_CAP_DECODED) {
            cap_view(payload, &p->dm);   /* counted by the reading thread */
        } else {
            cap_decode(payload, len, &p->dm);
            cts_count_cap(&p->counts, &p->dm);
        }
        if (p->dm.proto == CAP_DOC_OCI)
            ic.protocol = "oci";
        cts_print_cap(p->pr, &ic, &p->dm);
        break;
    case ITEM_PROBLEM:
        cts_print_problem(p->pr, &ic, (ccx_severity)it->arg, (const char *)payload);
        break;
    }
}

static void consume(cts_pipe *p, batch *b)
{
    size_t pos = 0;
    while (pos + sizeof(item) <= b->len) {
        item it;
        memcpy(&it, b->data + pos, sizeof it);
        uint8_t *payload = b->data + pos + sizeof it;
        pos += sizeof it + PAD8(it.len);
        /* The next item's first lines (a call-flow item is about 280
         * bytes), asked for while this one is processed: the other core
         * wrote them, so each is a miss in this core's cache, and asked
         * for one by one they would be waited for one by one. */
        __builtin_prefetch(b->data + pos);
        __builtin_prefetch(b->data + pos + 64);
        __builtin_prefetch(b->data + pos + 128);
        __builtin_prefetch(b->data + pos + 192);
        if (it.kind >= ITEM_FLOW_SESSION)
            consume_flow(p, &it, payload);
        else
            consume_print(p, &it, payload);
    }
}

static void *run(void *data)
{
    cts_pipe *p = data;
    for (;;) {
        batch *b = fifo_pop(&p->full);
        if (b == END)
            break;
        consume(p, b);
        b->len = 0;
        fifo_push(&p->free, b);
    }
    return NULL;
}

static cts_pipe *pipe_start(cts_printer *pr, cf_engine *engine)
{
    cts_pipe *p = g_new0(cts_pipe, 1);
    p->pr = pr;
    p->engine = engine;
    if (pr)
        p->cm = g_new(ccx_msg, 1);   /* call flows read CCX messages in the batch */
    cap_msg_init(&p->dm);
    cap_msg_init(&p->rm);
    if (engine) {
        p->wire = g_new(cf_input, 1);
        p->cap_flow = cf_cap_ctx_new();
    }
    fifo_init(&p->full);
    fifo_init(&p->free);
    for (int i = 0; i < BATCHES; i++)
        fifo_push(&p->free, batch_new(BATCH_BYTES + 8192));
    p->cur = fifo_pop(&p->free);
    if (pthread_create(&p->thread, NULL, run, p) != 0)
        g_error("ctiscope: cannot start the second thread");
    return p;
}

void cts_pipe_cap_side(cts_pipe *p, cts_cap_side side)
{
    p->cap_side = side;
}

cts_pipe *cts_pipe_new(cts_printer *pr)
{
    return pipe_start(pr, NULL);
}

cts_pipe *cts_pipe_new_flow(cf_engine *engine)
{
    return pipe_start(NULL, engine);
}

/* ---- per-message output ---- */

void cts_pipe_ccx(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *msg, size_t len,
                  unsigned version)
{
    memcpy(msg_item_begin(p, ITEM_CCX, ic, version, len), msg, len);
    item_end(p);
}

void cts_pipe_ccx_decoded(cts_pipe *p, const cts_item_ctx *ic, const ccx_msg *m)
{
    decoded_pack(msg_item_begin(p, ITEM_CCX_DECODED, ic, 0, decoded_size(m)), m);
    item_end(p);
}

void cts_pipe_cap(cts_pipe *p, const cts_item_ctx *ic, const uint8_t *doc, size_t len)
{
    if (cap_here(p, doc, len))
        cap_pack(msg_item_begin(p, ITEM_CAP_DECODED, ic, 0, cap_packed_size(&p->rm)), &p->rm);
    else
        memcpy(msg_item_begin(p, ITEM_CAP, ic, 0, len), doc, len);
    item_end(p);
}

void cts_pipe_problem(cts_pipe *p, const cts_item_ctx *ic, ccx_severity sev, const char *text)
{
    size_t n = strlen(text) + 1;
    memcpy(msg_item_begin(p, ITEM_PROBLEM, ic, (uint32_t)sev, n), text, n);
    item_end(p);
}

/* ---- call flows ---- */

static int64_t sec_of(int64_t ts)
{
    return ts >= 0 ? ts / 1000000 : -((-ts + 999999) / 1000000);
}

#define FLOW_TIME(ts) sec_of(ts), (int32_t)((ts) - sec_of(ts) * 1000000)

uint32_t cts_pipe_flow_session(cts_pipe *p, const char *protocol, const char *server,
                               const char *client, uint64_t frame, int64_t ts)
{
    size_t ns = strlen(server) + 1, nc = strlen(client) + 1;
    uint32_t id = ++p->last_session;
    uint8_t *w = item_begin(p, ITEM_FLOW_SESSION, ns + nc, id, 0, frame, 0, FLOW_TIME(ts),
                            protocol);
    memcpy(w, server, ns);
    memcpy(w + ns, client, nc);
    item_end(p);
    return id;
}

int cts_pipe_flow_ccx(cts_pipe *p, uint32_t session, int from_client, uint64_t frame, int64_t ts,
                      const uint8_t *msg, size_t len, unsigned version, const ccx_field_filter *keep,
                      ccx_msg *full)
{
    /* the common case, a whole message (as the framers give them) that
     * decodes clean: decoded into the batch beside its copy (read from
     * the caller's bytes, not the copy: loads of bytes just stored by the
     * copy wait for the store buffer) */
    if (len >= CCX_HEADER_LEN && len - CCX_HEADER_LEN == ccx_be32(msg)) {
        uint8_t *w = item_begin(p, ITEM_FLOW_CCX,
                                sizeof(flow_head) + PAD8(len) + FLOW_ROOM * sizeof(ccx_field_value),
                                session, (uint32_t)from_client, frame, 0, FLOW_TIME(ts), NULL);
        const uint8_t *bytes = flow_bytes(w, msg, len);
        flow_head *h = (flow_head *)(void *)w;   /* in place, as the item header */
        int n = ccx_decode_compact(msg, len, version, keep,
                                   (ccx_field_value *)(void *)(w + sizeof(flow_head) + PAD8(len)),
                                   FLOW_ROOM, &h->msg);
        if (n >= 0) {
            h->hash = cf_hash_padded(bytes, len);
            item_trim(p, w, sizeof *h + PAD8(len) + (size_t)n * sizeof(ccx_field_value));
            item_end(p);
            return 0;
        }
        item_cancel(p, w);
    }
    /* a problem (or a rare form): the full decoder says what */
    ccx_decode_some(msg, len, version, keep, full);
    unsigned nf = full->n_fields < CCX_MAX_FIELDS ? full->n_fields : CCX_MAX_FIELDS;
    uint8_t *w = item_begin(p, ITEM_FLOW_CCX,
                   sizeof(flow_head) + PAD8(full->len) + nf * sizeof(ccx_field_value) + CCX_DIAG_TEXT,
                   session, (uint32_t)from_client, frame, 0, FLOW_TIME(ts), NULL);
    item_trim(p, w, flow_pack(w, full, keep));
    item_end(p);
    return full->max_sev_plus1 > CCX_SEV_NOTE + 1;
}

void cts_pipe_flow_cap(cts_pipe *p, uint32_t session, int from_client, uint64_t frame,
                       int64_t ts, const uint8_t *doc, size_t len)
{
    if (cap_here(p, doc, len))
        cap_pack(item_begin(p, ITEM_FLOW_CAP_DECODED, cap_packed_size(&p->rm), session,
                            (uint32_t)from_client, frame, 0, FLOW_TIME(ts), NULL), &p->rm);
    else
        memcpy(item_begin(p, ITEM_FLOW_CAP, len, session, (uint32_t)from_client, frame, 0,
                          FLOW_TIME(ts), NULL), doc, len);
    item_end(p);
}

void cts_pipe_flow_problem(cts_pipe *p, uint32_t session, uint64_t frame, int64_t ts, int error,
                           int from_client, const char *text)
{
    size_t n = strlen(text) + 1;
    /* the sender in off, which a problem has no other use for */
    memcpy(item_begin(p, ITEM_FLOW_PROBLEM, n, session, (uint32_t)error, frame, from_client ? 1 : 0,
                      FLOW_TIME(ts), NULL), text, n);
    item_end(p);
}

void cts_pipe_flow_gap(cts_pipe *p, uint32_t session, uint64_t frame, int64_t ts,
                       uint64_t missing, int from_client)
{
    item_begin(p, ITEM_FLOW_GAP, 0, session, (uint32_t)from_client, frame, missing,
               FLOW_TIME(ts), NULL);
    item_end(p);
}

void cts_pipe_flow_end(cts_pipe *p, uint32_t session, const char *how, uint64_t frame, int64_t ts)
{
    size_t n = strlen(how) + 1;
    memcpy(item_begin(p, ITEM_FLOW_END, n, session, 0, frame, 0, FLOW_TIME(ts), NULL), how, n);
    item_end(p);
}

void cts_pipe_push(cts_pipe *p)
{
    if (p->cur->len) {
        fifo_push(&p->full, p->cur);
        p->cur = fifo_pop(&p->free);   /* waits when the consumer is behind */
    }
}

cts_pipe_counts cts_pipe_finish(cts_pipe *p)
{
    fifo_push(&p->full, p->cur);   /* possibly empty: harmless */
    fifo_push(&p->full, END);
    pthread_join(p->thread, NULL);
    cts_pipe_counts c = p->counts;
    cts_counts_add(&c, &p->r_counts);
    for (int i = 0; i < BATCHES; i++)
        batch_free(fifo_pop(&p->free));
    fifo_destroy(&p->full);
    fifo_destroy(&p->free);
    cf_cap_ctx_free(p->cap_flow);
    g_free(p->wire);
    cap_msg_free(&p->dm);
    cap_msg_free(&p->rm);
    g_free(p->cm);
    if (p->tpr) {
        cts_printer_free(p->tpr);
        fclose(p->tf);
        free(p->tbuf);
        g_free(p->tcm);
        g_ptr_array_free(p->sess_addr, TRUE);
    }
    g_free(p);
    return c;
}
