/* tcp_reasm.c - TCP stream reassembly.
 *
 * Each direction ("half") maps 32-bit sequence numbers to 64-bit stream
 * offsets relative to the first byte (isn).  next_off is the first offset
 * not yet delivered or declared missing.  A segment is placed by its signed
 * 32-bit distance from next_off, so wraparound is free and offsets never
 * wrap.
 *
 *   in order       delivered straight from the packet buffer (no copy)
 *   ahead          copied into the out-of-order list (sorted, disjoint)
 *   behind         retransmission: compared with the delivery history,
 *                  then dropped
 *
 * A hole is given up (on_gap) when the out-of-order bytes exceed the limit,
 * when bytes beyond it arrive after the peer ACKed past it, when the peer
 * ACKs beyond it (it got the bytes, the capture did not; after a short
 * grace), or when the flow ends.  Bytes the snaplen cut off become
 * gap entries in the same list, so they are reported at their place in the
 * stream.
 */
#include "tcp_reasm.h"
#include "tcp_history.h"

#include <glib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define TOMB_SLOTS 1024        /* recently closed tuples remembered */
#define WS_CLOSED_KEEP 4096    /* closed tuples whose tcp.stream is kept */
#define WS_FORGOT_BITS (1u << 19)   /* a 64 KiB filter of the ones forgotten */
#define ACK_GRACE  8           /* segments of a flow before an ACKed hole is given up */

typedef struct ooo_seg {
    struct ooo_seg *prev, *next;
    uint64_t start, end;       /* stream offsets [start, end) */
    cts_pktinfo pi;            /* the frame that carried it */
    int is_gap;                /* snaplen-cut bytes: no data, report a gap */
    uint8_t data[];            /* end - start bytes unless is_gap */
} ooo_seg;

typedef struct half {
    int init;                  /* isn known */
    int fin_seen, done;        /* done: delivered up to the FIN */
    int have_peer_ack;
    uint32_t isn;              /* sequence number of stream offset 0 */
    uint32_t peer_ack;         /* highest ACK the other side sent for us */
    uint64_t next_off;
    uint64_t fin_off;          /* stream offset the FIN occupies */
    ooo_seg *head, *tail;
    size_t ooo_bytes;          /* data bytes in the list (gaps excluded) */
    size_t ooo_count;          /* entries in the list */
    cts_hist hist;             /* the last bytes delivered (stream offsets up to next_off) */
    uint64_t ack_wait;         /* flow's nseg when a hole was first seen ACKed past */
    uint64_t gap_start, gap_end;   /* the last hole given up, [start, end) */
} half;

/* Canonical tuple: endpoint 0 is the lower (address, port). */
typedef struct flow_key {
    uint8_t addr[2][16];
    uint16_t port[2];
    uint8_t family;
    uint8_t pad[3];            /* zeroed: the key is hashed and compared as bytes */
} flow_key;

/* Wireshark's TCP conversation of a tuple in the file being read: its
 * tcp.stream, and the first sequence number seen each way (its base_seq,
 * by which a new SYN tells a reused port). */
typedef struct ws_conv {
    flow_key key;
    int64_t stream;
    uint32_t base[2];          /* indexed by key endpoint (the sender) */
    uint8_t base_set[2];
    uint64_t closed;           /* the stamp of its flow's close; 0: open */
} ws_conv;

/* A closed tuple, in the order of the closes. */
typedef struct ws_closed {
    flow_key key;
    uint64_t stamp;
} ws_closed;

typedef struct flow {
    cts_flow pub;              /* first: cts_flow * <-> flow * */
    flow_key key;
    ws_conv *ws;               /* its conversation in file ws_file (a cache) */
    uint64_t ws_file;
    int side0_is_lo;           /* side 0 is key endpoint 0 */
    half h[2];                 /* indexed by direction (sending side) */
    struct flow *lru_prev, *lru_next;
    int64_t last_sec;
    uint64_t nseg;             /* segments seen, counts the ACK grace */
} flow;

typedef struct tomb {
    flow_key key;
    int valid;
    int have_end[2];           /* indexed by key endpoint */
    uint32_t end_seq[2];       /* first sequence number after the stream (and FIN) */
} tomb;

struct cts_reasm {
    cts_reasm_callbacks cb;
    struct flow *last;         /* the flow of the previous segment (cache) */
    void *ctx;
    cts_reasm_limits lim;
    GHashTable *flows;         /* flow_key * -> flow * (key inside the flow) */
    flow *lru_head, *lru_tail; /* least recently active first */
    uint64_t next_index;
    tomb tombs[TOMB_SLOTS];
    /* Wireshark's tcp.stream numbering, file by file (cts_reasm_new_file) */
    GHashTable *ws;            /* flow_key * -> ws_conv * (key inside) */
    int64_t ws_next;           /* the next tcp.stream of this file */
    uint64_t ws_file;          /* files begun (a flow's cache is of this one) */
    int64_t ws_last;           /* the tcp.stream of the last segment */
    /* Memory stays flat in connections: a closed tuple's conversation is
     * kept for the next WS_CLOSED_KEEP closes (its late ACKs and
     * retransmissions, a reuse of its ports), then forgotten. */
    ws_closed *ws_ring;        /* WS_CLOSED_KEEP, oldest at ws_ring_at */
    unsigned ws_ring_at, ws_ring_n;
    uint64_t ws_stamp;
    uint8_t *ws_forgot;        /* bit per key hash of a tuple forgotten in this file */
};

static const cts_pktinfo no_pktinfo;

/* --- sequence arithmetic ------------------------------------------------ */

static int64_t seq_diff(uint32_t a, uint32_t b) /* a - b, in [-2^31, 2^31) */
{
    uint32_t d = a - b;
    return d < 0x80000000u ? (int64_t)d : (int64_t)d - ((int64_t)1 << 32);
}

static int64_t seq_to_off(const half *h, uint32_t seq)
{
    uint32_t next_seq = h->isn + (uint32_t)h->next_off;
    return (int64_t)h->next_off + seq_diff(seq, next_seq);
}

/* --- keys, table, LRU --------------------------------------------------- */

static guint key_hash(gconstpointer k)
{
    /* Word at a time (the key is 40 bytes, zero padded): this runs for
     * every segment. */
    const unsigned char *b = k;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof(flow_key) / 4; i++) {
        uint32_t w;
        memcpy(&w, b + 4 * i, 4);   /* a load (a copy of the whole key was a rep movs) */
        h ^= w;
        h *= 0x9e3779b1u;
        h ^= h >> 15;
    }
    return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b) { return memcmp(a, b, sizeof(flow_key)) == 0; }

static int endpoint_cmp(const cts_addr *a, uint16_t pa, const cts_addr *b, uint16_t pb)
{
    /* memcmp order, in two big-endian words (no call per packet) */
    for (int i = 0; i < 16; i += 8) {
        uint64_t x, y;
        memcpy(&x, a->bytes + i, 8);
        memcpy(&y, b->bytes + i, 8);
        if (x != y)
            return GUINT64_FROM_BE(x) < GUINT64_FROM_BE(y) ? -1 : 1;
    }
    return pa < pb ? -1 : pa > pb;
}

/* Returns 1 if the packet's source is key endpoint 0. */
static int make_key(const cts_packet *p, flow_key *k)
{
    memset(k, 0, sizeof *k);
    k->family = p->src.family;
    int src_lo = endpoint_cmp(&p->src, p->sport, &p->dst, p->dport) <= 0;
    const cts_addr *lo = src_lo ? &p->src : &p->dst, *hi = src_lo ? &p->dst : &p->src;
    memcpy(k->addr[0], lo->bytes, 16);
    memcpy(k->addr[1], hi->bytes, 16);
    k->port[0] = src_lo ? p->sport : p->dport;
    k->port[1] = src_lo ? p->dport : p->sport;
    return src_lo;
}

static int dir_of(const flow *f, int src_is_lo) { return src_is_lo == f->side0_is_lo ? 0 : 1; }

static void lru_unlink(cts_reasm *r, flow *f)
{
    if (f->lru_prev)
        f->lru_prev->lru_next = f->lru_next;
    else
        r->lru_head = f->lru_next;
    if (f->lru_next)
        f->lru_next->lru_prev = f->lru_prev;
    else
        r->lru_tail = f->lru_prev;
    f->lru_prev = f->lru_next = NULL;
}

static void lru_append(cts_reasm *r, flow *f)
{
    f->lru_prev = r->lru_tail;
    f->lru_next = NULL;
    if (r->lru_tail)
        r->lru_tail->lru_next = f;
    else
        r->lru_head = f;
    r->lru_tail = f;
}

static tomb *tomb_slot(cts_reasm *r, const flow_key *k) { return &r->tombs[key_hash(k) & (TOMB_SLOTS - 1)]; }

/* --- callbacks ---------------------------------------------------------- */

const char *cts_flow_str(const cts_flow *f, int dir, char *buf, size_t n)
{
    char a[CTS_ADDR_STRLEN], b[CTS_ADDR_STRLEN];
    int s = dir ? 1 : 0;
    cts_addr_str(&f->addr[s], f->port[s], a, sizeof a);
    cts_addr_str(&f->addr[!s], f->port[!s], b, sizeof b);
    snprintf(buf, n, "%s -> %s", a, b);
    return buf;
}

#if defined(__GNUC__) || defined(__clang__)
__attribute__((format(printf, 5, 6)))
#endif
static void diag(cts_reasm *r, flow *f, int d, const cts_pktinfo *pi, const char *fmt, ...)
{
    if (!r->cb.on_diag)
        return;
    char who[2 * CTS_ADDR_STRLEN + 8], msg[512];
    cts_flow_str(&f->pub, d, who, sizeof who);
    /* named as Wireshark names it in the file of the frame (a connection
     * with no packet in that file: by its addresses alone) */
    int n = f->pub.stream >= 0 ? snprintf(msg, sizeof msg, "tcp.stream %" PRId64 " %s: ", f->pub.stream, who)
                               : snprintf(msg, sizeof msg, "%s: ", who);
    if (n < 0 || (size_t)n >= sizeof msg)
        n = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
    va_end(ap);
    r->cb.on_diag(r->ctx, pi, msg);
}

/* A retransmission that differs from what was delivered: the upper
 * layer's stream problem, or a notice when it takes none. */
static void conflict(cts_reasm *r, flow *f, int d, uint64_t off, uint64_t len, uint64_t first,
                     const cts_pktinfo *pi)
{
    if (f->pub.ignored)
        return;
    if (r->cb.on_conflict) {
        r->cb.on_conflict(r->ctx, &f->pub, d, off, len, first, pi);
        return;
    }
    char text[256];
    cts_retrans_text(text, sizeof text, off, len, first);
    diag(r, f, d, pi, "%s", text);
}

/* --- delivery ----------------------------------------------------------- */

static void deliver(cts_reasm *r, flow *f, int d, const uint8_t *data, size_t len, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    if (!f->pub.ignored) {
        cts_hist_push(&h->hist, data, len);
        if (r->cb.on_data)
            r->cb.on_data(r->ctx, &f->pub, d, data, len, pi);
    }
    h->next_off += len;
}

static void gap(cts_reasm *r, flow *f, int d, uint64_t missing, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    if (!f->pub.ignored && r->cb.on_gap)
        r->cb.on_gap(r->ctx, &f->pub, d, h->next_off, missing, pi);
    h->gap_start = h->next_off;
    h->gap_end = h->next_off + missing;
    h->next_off += missing;
    cts_hist_restart(&h->hist, h->next_off); /* the history is contiguous up to next_off */
}

static void seg_unlink(half *h, ooo_seg *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        h->head = s->next;
    if (s->next)
        s->next->prev = s->prev;
    else
        h->tail = s->prev;
    h->ooo_count--;
    if (!s->is_gap)
        h->ooo_bytes -= (size_t)(s->end - s->start);
}

static void ooo_clear(half *h)
{
    for (ooo_seg *s = h->head, *n; s; s = n) {
        n = s->next;
        g_free(s);
    }
    h->head = h->tail = NULL;
    h->ooo_bytes = 0;
    h->ooo_count = 0;
}

static void check_done(half *h)
{
    if (h->fin_seen && h->next_off >= h->fin_off) {
        h->done = 1;
        ooo_clear(h); /* nothing can follow the FIN */
    }
}

/* Delivers what the out-of-order list holds at next_off.  It is delivered
 * in the frame that made it deliverable (pi: the segment that filled the
 * hole, or the one that gave it up), as Wireshark does with
 * tcp.reassemble_out_of_order: what it completes belongs to that frame. */
static void drain(cts_reasm *r, flow *f, int d, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    ooo_seg *s;
    while ((s = h->head) && s->start <= h->next_off) {
        seg_unlink(h, s);
        if (s->end > h->next_off) {
            if (s->is_gap)
                gap(r, f, d, s->end - h->next_off, pi);
            else
                deliver(r, f, d, s->data + (h->next_off - s->start), (size_t)(s->end - h->next_off), pi);
        }
        g_free(s);
    }
    check_done(h);
}

/* Gives up on [next_off, upto) and delivers what follows. */
static void skip_to(cts_reasm *r, flow *f, int d, uint64_t upto, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    if (upto > h->next_off)
        gap(r, f, d, upto - h->next_off, pi);
    drain(r, f, d, pi);
}

/* --- out-of-order list -------------------------------------------------- */

static ooo_seg *seg_new(uint64_t s, uint64_t e, const uint8_t *data, const cts_pktinfo *pi)
{
    ooo_seg *n = g_malloc(sizeof *n + (data ? (size_t)(e - s) : 0));
    n->prev = n->next = NULL;
    n->start = s;
    n->end = e;
    n->pi = *pi;
    n->is_gap = data == NULL;
    if (data)
        memcpy(n->data, data, (size_t)(e - s));
    return n;
}

/* Links n before `before` (NULL: at the tail). */
static void seg_link(half *h, ooo_seg *n, ooo_seg *before)
{
    n->next = before;
    n->prev = before ? before->prev : h->tail;
    if (n->prev)
        n->prev->next = n;
    else
        h->head = n;
    if (before)
        before->prev = n;
    else
        h->tail = n;
    h->ooo_count++;
    if (!n->is_gap)
        h->ooo_bytes += (size_t)(n->end - n->start);
}

/* Real bytes for [s, e) arrived: gap entries there are no longer gaps. */
static void carve_gaps(half *h, uint64_t s, uint64_t e)
{
    for (ooo_seg *g = h->head, *n; g && g->start < e; g = n) {
        n = g->next;
        if (!g->is_gap || g->end <= s)
            continue;
        if (g->start >= s && g->end <= e) {
            seg_unlink(h, g);
            g_free(g);
        } else if (g->start < s && g->end > e) { /* split in two */
            ooo_seg *right = seg_new(e, g->end, NULL, &g->pi);
            g->end = s;
            seg_link(h, right, n);
        } else if (g->start < s) {
            g->end = s;
        } else {
            g->start = e;
        }
    }
}

/* Adds [s, e) (data, or a gap entry when data is NULL) where the list has
 * nothing yet; where it has data, compares. */
static void ooo_insert(cts_reasm *r, flow *f, int d, uint64_t s, uint64_t e, const uint8_t *data,
                       const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    if (data)
        carve_gaps(h, s, e);
    if (!h->tail || s >= h->tail->end) { /* the usual case: beyond everything */
        seg_link(h, seg_new(s, e, data, pi), NULL);
        return;
    }
    uint64_t cur = s;
    ooo_seg *it;
    for (it = h->head; it && cur < e; it = it->next) {
        if (it->end <= cur)
            continue;
        if (it->start >= e)
            break;
        if (it->start > cur)
            seg_link(h, seg_new(cur, it->start, data ? data + (cur - s) : NULL, pi), it);
        uint64_t os = it->start > cur ? it->start : cur, oe = it->end < e ? it->end : e;
        if (data && !it->is_gap && memcmp(it->data + (os - it->start), data + (os - s), (size_t)(oe - os)) != 0)
            diag(r, f, d, pi,
                 "overlapping out-of-order segments differ at stream offsets %" PRIu64 "-%" PRIu64
                 " (frame %" PRIu64 " vs frame %" PRIu64 "); keeping the first",
                 os, oe, it->pi.frame, pi->frame);
        cur = it->end;
    }
    if (cur < e)
        seg_link(h, seg_new(cur, e, data ? data + (cur - s) : NULL, pi), it);
}

/* In-order bytes [s, e) about to be delivered also cover buffered data:
 * say so if the two copies differ (the in-order copy is delivered). */
static void ooo_compare(cts_reasm *r, flow *f, int d, uint64_t s, uint64_t e, const uint8_t *data,
                        const cts_pktinfo *pi)
{
    for (const ooo_seg *it = f->h[d].head; it && it->start < e; it = it->next) {
        if (it->is_gap || it->end <= s)
            continue;
        uint64_t os = it->start > s ? it->start : s, oe = it->end < e ? it->end : e;
        if (memcmp(it->data + (os - it->start), data + (os - s), (size_t)(oe - os)) != 0)
            diag(r, f, d, pi,
                 "segment differs from buffered out-of-order data at stream offsets %" PRIu64 "-%" PRIu64
                 " (frame %" PRIu64 " vs frame %" PRIu64 "); delivering this one",
                 os, oe, it->pi.frame, pi->frame);
    }
}

/* The peer ACKed beyond next_off while later bytes wait: the capture lost
 * what lies between.  The verdict waits ACK_GRACE segments of the flow,
 * because in merged or skewed captures an ACK can precede the data it
 * acknowledges by a few frames. */
static void ack_gap(cts_reasm *r, flow *f, int d, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    for (;;) {
        uint64_t hole_end;
        int64_t acked = 0;
        int hole = h->init && h->have_peer_ack && !h->done &&
                   (acked = seq_to_off(h, h->peer_ack)) > (int64_t)h->next_off;
        if (hole && h->head)
            hole_end = h->head->start;
        else if (hole && h->fin_seen)
            hole_end = h->fin_off;
        else
            hole = 0; /* nothing waits: the bytes may still show up */
        if (!hole) {
            h->ack_wait = 0;
            return;
        }
        if (!h->ack_wait) {
            h->ack_wait = f->nseg;
            return;
        }
        if (f->nseg - h->ack_wait < ACK_GRACE)
            return;
        uint64_t upto = (uint64_t)acked < hole_end ? (uint64_t)acked : hole_end;
        diag(r, f, d, pi, "%" PRIu64 " bytes at stream offset %" PRIu64 " were ACKed by the peer but not captured",
             upto - h->next_off, h->next_off);
        skip_to(r, f, d, upto, pi);
    }
}

static void enforce_limit(cts_reasm *r, flow *f, int d, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    while (h->head && (h->ooo_bytes > r->lim.max_ooo_bytes || h->ooo_count > r->lim.max_ooo_segments)) {
        if (h->ooo_bytes > r->lim.max_ooo_bytes)
            diag(r, f, d, pi,
                 "out-of-order data (%zu bytes) exceeds the limit of %zu bytes: giving up on %" PRIu64
                 " missing bytes at stream offset %" PRIu64,
                 h->ooo_bytes, r->lim.max_ooo_bytes, h->head->start - h->next_off, h->next_off);
        else
            diag(r, f, d, pi,
                 "out-of-order data (%zu pieces) exceeds the limit of %zu pieces: giving up on %" PRIu64
                 " missing bytes at stream offset %" PRIu64,
                 h->ooo_count, r->lim.max_ooo_segments, h->head->start - h->next_off, h->next_off);
        skip_to(r, f, d, h->head->start, pi);
    }
}

/* End of a direction: everything buffered is delivered, holes reported;
 * bytes up to a seen FIN, or ACKed by the peer, are reported missing. */
static void finish_half(cts_reasm *r, flow *f, int d, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    if (!h->init || h->done)
        return;
    while (h->head && !h->done)
        skip_to(r, f, d, h->head->start, pi);
    if (h->done)
        return;
    uint64_t end = h->next_off;
    if (h->fin_seen) {
        end = h->fin_off;
    } else if (h->have_peer_ack) {
        int64_t acked = seq_to_off(h, h->peer_ack);
        if (acked > (int64_t)end)
            end = (uint64_t)acked;
    }
    if (end > h->next_off)
        gap(r, f, d, end - h->next_off, pi);
    check_done(h);
}

/* The flow's conversation is closed: stamped, and remembered among the
 * last WS_CLOSED_KEEP closes; the oldest one's conversation is forgotten
 * unless its tuple was open or closed again since (the stamp tells). */
static void ws_closed_push(cts_reasm *r, const flow *f)
{
    ws_conv *w = f->ws && f->ws_file == r->ws_file ? f->ws : g_hash_table_lookup(r->ws, &f->key);
    if (!w)
        return;
    w->closed = ++r->ws_stamp;
    if (r->ws_ring_n == WS_CLOSED_KEEP) {
        ws_closed *o = &r->ws_ring[r->ws_ring_at];
        ws_conv *x = g_hash_table_lookup(r->ws, &o->key);
        if (x && x->closed == o->stamp) {
            guint b = key_hash(&o->key) & (WS_FORGOT_BITS - 1);
            r->ws_forgot[b / 8] |= (uint8_t)(1u << (b % 8));
            g_hash_table_remove(r->ws, &o->key);
        }
        r->ws_ring_at = (r->ws_ring_at + 1) % WS_CLOSED_KEEP;
        r->ws_ring_n--;
    }
    ws_closed *n = &r->ws_ring[(r->ws_ring_at + r->ws_ring_n++) % WS_CLOSED_KEEP];
    n->key = f->key;
    n->stamp = w->closed;
}

/* --- flow life ---------------------------------------------------------- */

static void close_flow(cts_reasm *r, flow *f, const char *how, const cts_pktinfo *pi, int deliver_rest)
{
    if (!pi)
        pi = &no_pktinfo;
    if (deliver_rest) {
        finish_half(r, f, 0, pi);
        finish_half(r, f, 1, pi);
    }
    if (r->cb.on_close)
        r->cb.on_close(r->ctx, &f->pub, how, pi);

    /* Remember where the streams ended, so stray retransmissions after
     * the close do not start a phantom flow. */
    tomb *t = tomb_slot(r, &f->key);
    t->key = f->key;
    t->valid = 1;
    for (int d = 0; d < 2; d++) {
        const half *h = &f->h[d];
        int ep = (d == 0) == f->side0_is_lo ? 0 : 1;
        t->have_end[ep] = h->init;
        t->end_seq[ep] = h->isn + (uint32_t)h->next_off + (h->fin_seen ? 1u : 0u);
    }

    ws_closed_push(r, f);
    g_hash_table_remove(r->flows, &f->key);
    if (r->last == f)
        r->last = NULL;
    lru_unlink(r, f);
    for (int d = 0; d < 2; d++) {
        ooo_clear(&f->h[d]);
        cts_hist_free(&f->h[d].hist);
    }
    g_free(f);
}

static flow *new_flow(cts_reasm *r, const flow_key *k, int src_is_lo, const cts_packet *p, const cts_pktinfo *pi)
{
    if ((size_t)g_hash_table_size(r->flows) >= r->lim.max_flows && r->lru_head)
        close_flow(r, r->lru_head, "flow table full", pi, 1);
    flow *f = g_new0(flow, 1);
    f->key = *k;
    /* A SYN+ACK goes to the client: side 0 is its destination. */
    int side0_is_src = (p->flags & (CTS_TCP_SYN | CTS_TCP_ACK)) != (CTS_TCP_SYN | CTS_TCP_ACK);
    f->side0_is_lo = side0_is_src ? src_is_lo : !src_is_lo;
    f->pub.addr[0] = side0_is_src ? p->src : p->dst;
    f->pub.addr[1] = side0_is_src ? p->dst : p->src;
    f->pub.port[0] = side0_is_src ? p->sport : p->dport;
    f->pub.port[1] = side0_is_src ? p->dport : p->sport;
    f->pub.index = ++r->next_index;
    f->pub.stream = -1;
    f->pub.saw_syn = (p->flags & CTS_TCP_SYN) != 0;
    cts_hist_init(&f->h[0].hist, r->lim.history_bytes);
    cts_hist_init(&f->h[1].hist, r->lim.history_bytes);
    g_hash_table_insert(r->flows, &f->key, f);
    lru_append(r, f);
    return f;
}

/* Wireshark's conversation of segment p (k, src_is_lo: its key), as its
 * TCP dissector finds it: the tuple's conversation in this file, a new one
 * (the next tcp.stream) for a tuple not seen in this file yet, and for a
 * SYN without ACK whose sequence number is not the first one seen that way
 * (a reused port).  f: the segment's flow, if any (its cached
 * conversation saves the lookup). */
static ws_conv *ws_track(cts_reasm *r, const flow_key *k, int src_is_lo, const cts_packet *p, flow *f,
                         const cts_pktinfo *pi)
{
    ws_conv *w = f && f->ws_file == r->ws_file && f->ws ? f->ws : g_hash_table_lookup(r->ws, k);
    if (!w) {
        w = g_new0(ws_conv, 1);
        w->key = *k;
        w->stream = r->ws_next++;
        g_hash_table_insert(r->ws, &w->key, w);
        guint b = key_hash(k) & (WS_FORGOT_BITS - 1);
        if ((r->ws_forgot[b / 8] & (1u << (b % 8))) && (p->flags & (CTS_TCP_SYN | CTS_TCP_ACK)) != CTS_TCP_SYN &&
            r->cb.on_diag) {
            /* not a new connection (no bare SYN) on a tuple that may have
             * been forgotten: Wireshark may still know its conversation */
            cts_flow t = { .addr = { p->src, p->dst }, .port = { p->sport, p->dport } };
            char who[2 * CTS_ADDR_STRLEN + 8], msg[512];
            snprintf(msg, sizeof msg,
                     "tcp.stream %" PRId64 " %s: a segment without SYN on a connection this address "
                     "pair may have had over %u connection closes ago, whose tcp.stream is forgotten "
                     "(memory): Wireshark may number this connection and the later ones otherwise",
                     w->stream, cts_flow_str(&t, 0, who, sizeof who), WS_CLOSED_KEEP);
            r->cb.on_diag(r->ctx, pi, msg);
        }
    }
    int e = src_is_lo ? 0 : 1;
    if ((p->flags & (CTS_TCP_SYN | CTS_TCP_ACK)) == CTS_TCP_SYN && w->base_set[e] && p->seq != w->base[e]) {
        w->stream = r->ws_next++;   /* "TCP port numbers reused" */
        w->base_set[0] = w->base_set[1] = 0;
    }
    if (!w->base_set[e]) {
        w->base[e] = (p->flags & CTS_TCP_SYN) ? p->seq : p->seq - 1;
        w->base_set[e] = 1;
    }
    r->ws_last = w->stream;
    return w;
}

/* A non-SYN segment for a tuple closed recently that brings nothing beyond
 * where that stream ended: a late retransmission, drop it. */
static int is_stale(cts_reasm *r, const flow_key *k, int src_is_lo, const cts_packet *p)
{
    tomb *t = tomb_slot(r, k);
    if (!t->valid || memcmp(&t->key, k, sizeof *k) != 0)
        return 0;
    int ep = src_is_lo ? 0 : 1;
    if (!t->have_end[ep])
        return 0;
    uint32_t end = p->seq + p->payload_len + p->missing_tail;
    return seq_diff(end, t->end_seq[ep]) <= 0;
}

static void expire_idle(cts_reasm *r, const cts_pktinfo *pi)
{
    if (r->lim.idle_timeout <= 0)
        return;
    while (r->lru_head && pi->ts_sec - r->lru_head->last_sec > r->lim.idle_timeout)
        close_flow(r, r->lru_head, "idle", pi, 1);
}

/* --- segment processing ------------------------------------------------- */

static void handle_data(cts_reasm *r, flow *f, int d, const cts_packet *p, const cts_pktinfo *pi)
{
    half *h = &f->h[d];
    const uint8_t *data = p->payload;
    uint32_t len = p->payload_len;
    uint64_t miss = p->missing_tail;
    int fin = (p->flags & CTS_TCP_FIN) != 0;
    if (!data) { /* no bytes to go with the length: all missing */
        miss += len;
        len = 0;
    }
    if (!len && !miss && !fin)
        return; /* pure ACK, window update, empty keep-alive */

    uint32_t seq = p->seq + ((p->flags & CTS_TCP_SYN) ? 1u : 0u); /* the SYN takes one number */
    if (!h->init) {
        /* Mid-stream start: the first byte seen is offset 0, except a
         * 1-byte keep-alive the peer already ACKed past. */
        h->init = 1;
        h->isn = seq;
        if (len == 1 && !fin && !miss && h->have_peer_ack && h->peer_ack == seq + 1) {
            h->isn = seq + 1;
            return;
        }
    }

    int64_t start = seq_to_off(h, seq);
    int64_t end = start + len;
    int64_t wire_end = end + (int64_t)miss;

    if (h->done) {
        int keepalive = len == 1 && !miss && start == (int64_t)h->fin_off; /* at the FIN's number */
        if (wire_end > (int64_t)h->fin_off && !keepalive)
            diag(r, f, d, pi, "%" PRId64 " bytes after the FIN at stream offset %" PRIu64 " ignored",
                 wire_end - (int64_t)(start > (int64_t)h->fin_off ? start : (int64_t)h->fin_off), h->fin_off);
        return;
    }
    if (fin) {
        if (!h->fin_seen && wire_end >= (int64_t)h->next_off) {
            h->fin_seen = 1;
            h->fin_off = (uint64_t)wire_end;
        } else if (!h->fin_seen) {
            diag(r, f, d, pi, "FIN at stream offset %" PRId64 " is before the %" PRIu64 " bytes already delivered; ignored",
                 wire_end, h->next_off);
        } else if ((uint64_t)wire_end != h->fin_off) {
            diag(r, f, d, pi, "FIN at stream offset %" PRId64 " differs from the earlier FIN at %" PRIu64, wire_end,
                 h->fin_off);
        }
    }
    if (h->fin_seen && wire_end > (int64_t)h->fin_off) {
        diag(r, f, d, pi, "%" PRId64 " bytes beyond the FIN at stream offset %" PRIu64 " ignored",
             wire_end - (start > (int64_t)h->fin_off ? start : (int64_t)h->fin_off), h->fin_off);
        wire_end = (int64_t)h->fin_off;
        if (end > wire_end)
            end = wire_end;
        if (start > end)
            start = end;
    }

    if (f->pub.ignored) { /* keep the sequence state only */
        ooo_clear(h);
        if (wire_end > (int64_t)h->next_off)
            h->next_off = (uint64_t)wire_end;
        if (h->fin_seen)
            h->next_off = h->fin_off;
        check_done(h);
        return;
    }

    /* What the peer had ACKed before this segment came (see below). */
    int64_t acked_before = h->have_peer_ack ? seq_to_off(h, h->peer_ack) : -1;
    int64_t next = (int64_t)h->next_off;
    if (start < next && end > start) {
        /* Retransmission or overlap (tcp_history.h: a keep-alive is not
         * checked) */
        int64_t ce = end < next ? end : next;
        int64_t o = cts_hist_diff(&h->hist, start, data, len);
        /* bytes of a hole already given up (a merged capture whose ACK
         * came before them, say) come too late to be delivered */
        int64_t ls = start > (int64_t)h->gap_start ? start : (int64_t)h->gap_start;
        int64_t le = ce < (int64_t)h->gap_end ? ce : (int64_t)h->gap_end;
        if (le > ls)
            diag(r, f, d, pi,
                 "%" PRId64 " bytes at stream offset %" PRId64 " arrived after the gap there was "
                 "reported; ignored", le - ls, ls);
        if (o >= 0)
            conflict(r, f, d, (uint64_t)start, (uint64_t)(ce - start), (uint64_t)o, pi);
    }

    /* Captured part [cs, end), snaplen-cut part [gs, wire_end). */
    int64_t cs = start > next ? start : next;
    int64_t gs = end > next ? end : next;
    if (end > cs) {
        if (cs == next) {
            if (h->head && (int64_t)h->head->start < end)
                ooo_compare(r, f, d, (uint64_t)cs, (uint64_t)end, data + (cs - start), pi);
            deliver(r, f, d, data + (cs - start), (size_t)(end - cs), pi); /* fast path */
        } else
            ooo_insert(r, f, d, (uint64_t)cs, (uint64_t)end, data + (cs - start), pi);
    }
    if (wire_end > gs)
        ooo_insert(r, f, d, (uint64_t)gs, (uint64_t)wire_end, NULL, pi);
    drain(r, f, d, pi);
    /* Bytes beyond a hole the peer had already ACKed past: the capture lost
     * what the peer received, and it will not come (the "ACKed unseen
     * segment" Wireshark flags).  Given up now, in this frame, where
     * Wireshark (without out-of-order reassembly) hands the later bytes to
     * the dissector; an ACK that comes only after the later bytes still
     * waits (ack_gap), as a reordered capture may yet fill the hole. */
    if (h->head && cs > next && acked_before > (int64_t)h->next_off) {
        uint64_t upto = (uint64_t)acked_before < h->head->start ? (uint64_t)acked_before : h->head->start;
        diag(r, f, d, pi, "%" PRIu64 " bytes at stream offset %" PRIu64 " were ACKed by the peer but not captured",
             upto - h->next_off, h->next_off);
        skip_to(r, f, d, upto, pi);
    }
    enforce_limit(r, f, d, pi);
}

/* Remembers the highest ACK for half h (sent by its peer). */
static void note_ack(half *h, uint32_t ack)
{
    if (!h->have_peer_ack || seq_diff(ack, h->peer_ack) > 0) {
        h->peer_ack = ack;
        h->have_peer_ack = 1;
    }
}

void cts_reasm_segment(cts_reasm *r, const cts_packet *p, const cts_pktinfo *pi)
{
    if (!pi)
        pi = &no_pktinfo;
    expire_idle(r, pi);

    flow_key k;
    int src_is_lo = make_key(p, &k);
    /* Consecutive segments mostly belong to the same flow. */
    flow *f = r->last && memcmp(&r->last->key, &k, sizeof k) == 0
                  ? r->last : g_hash_table_lookup(r->flows, &k);
    int syn = (p->flags & CTS_TCP_SYN) != 0;
    ws_conv *w = ws_track(r, &k, src_is_lo, p, f, pi);

    if (f && syn) {
        const half *h = &f->h[dir_of(f, src_is_lo)];
        if (h->init && h->isn != p->seq + 1) { /* not a retransmitted SYN: a new connection */
            close_flow(r, f, "port reused", pi, 1);
            f = NULL;
        }
    }
    if (!f) {
        if (!syn) {
            /* Only a SYN or bytes start a flow: a lone ACK, FIN or RST
             * has nothing to deliver. */
            if ((!p->payload_len && !p->missing_tail) || (p->flags & CTS_TCP_RST))
                return;
            if (is_stale(r, &k, src_is_lo, p))
                return;
        }
        tomb *t = tomb_slot(r, &k);
        if (t->valid && memcmp(&t->key, &k, sizeof k) == 0)
            t->valid = 0;
        f = new_flow(r, &k, src_is_lo, p, pi);
        w->closed = 0;   /* open again */
    }

    r->last = f;
    f->ws = w;
    f->ws_file = r->ws_file;
    f->pub.stream = w->stream;
    f->last_sec = pi->ts_sec;
    f->nseg++;
    if (r->lru_tail != f) {
        lru_unlink(r, f);
        lru_append(r, f);
    }

    int d = dir_of(f, src_is_lo);
    if (syn) {
        half *h = &f->h[d];
        if (!h->init) {
            h->init = 1;
            h->isn = p->seq + 1;
        }
        half *o = &f->h[!d];
        if ((p->flags & CTS_TCP_ACK) && !o->init) { /* SYN+ACK: the client's first byte */
            o->init = 1;
            o->isn = p->ack;
        }
    }
    if (p->flags & CTS_TCP_RST) {
        if (p->flags & CTS_TCP_ACK) /* may reveal bytes the capture lost */
            note_ack(&f->h[!d], p->ack);
        close_flow(r, f, "RST", pi, 1);
        return;
    }
    handle_data(r, f, d, p, pi);
    if (p->flags & CTS_TCP_ACK)
        note_ack(&f->h[!d], p->ack);
    for (int hd = 0; hd < 2; hd++) {
        if (f->h[hd].head || f->h[hd].fin_seen)
            ack_gap(r, f, hd, pi);
        else
            f->h[hd].ack_wait = 0;   /* nothing waits: no hole (the common case) */
    }
    if (f->h[0].done && f->h[1].done)
        close_flow(r, f, "FIN", pi, 0);
}

/* --- lifetime ----------------------------------------------------------- */

void cts_reasm_limits_default(cts_reasm_limits *lim)
{
    lim->max_ooo_bytes = CTS_REASM_DEFAULT_MAX_OOO;
    lim->max_ooo_segments = CTS_REASM_DEFAULT_MAX_OOO_SEGMENTS;
    lim->max_flows = CTS_REASM_DEFAULT_MAX_FLOWS;
    lim->history_bytes = CTS_REASM_DEFAULT_HISTORY;
    lim->idle_timeout = 0;
}

cts_reasm *cts_reasm_new(const cts_reasm_callbacks *cb, void *ctx, const cts_reasm_limits *lim)
{
    cts_reasm *r = g_new0(cts_reasm, 1);
    if (cb)
        r->cb = *cb;
    r->ctx = ctx;
    cts_reasm_limits_default(&r->lim);
    if (lim) {
        r->lim = *lim;
        if (!r->lim.max_ooo_bytes)
            r->lim.max_ooo_bytes = CTS_REASM_DEFAULT_MAX_OOO;
        if (!r->lim.max_ooo_segments)
            r->lim.max_ooo_segments = CTS_REASM_DEFAULT_MAX_OOO_SEGMENTS;
        if (!r->lim.max_flows)
            r->lim.max_flows = CTS_REASM_DEFAULT_MAX_FLOWS;
    }
    r->flows = g_hash_table_new(key_hash, key_equal);
    r->ws = g_hash_table_new_full(key_hash, key_equal, NULL, g_free);
    r->ws_ring = g_new(ws_closed, WS_CLOSED_KEEP);
    r->ws_forgot = g_malloc0(WS_FORGOT_BITS / 8);
    r->ws_last = -1;
    return r;
}

void cts_reasm_new_file(cts_reasm *r)
{
    g_hash_table_remove_all(r->ws);
    r->ws_ring_at = r->ws_ring_n = 0;
    memset(r->ws_forgot, 0, WS_FORGOT_BITS / 8);
    r->ws_next = 0;
    r->ws_file++;
    r->ws_last = -1;
    for (flow *f = r->lru_head; f; f = f->lru_next) {
        f->ws = NULL;
        f->pub.stream = -1;
    }
}

int64_t cts_reasm_last_stream(const cts_reasm *r) { return r->ws_last; }

void cts_reasm_flush(cts_reasm *r, const cts_pktinfo *last)
{
    while (r->lru_head)
        close_flow(r, r->lru_head, "end of capture", last, 1);
}

void cts_reasm_free(cts_reasm *r)
{
    if (!r)
        return;
    while (r->lru_head)
        close_flow(r, r->lru_head, "discarded", NULL, 0);
    g_hash_table_destroy(r->flows);
    g_hash_table_destroy(r->ws);
    g_free(r->ws_ring);
    g_free(r->ws_forgot);
    g_free(r);
}

size_t cts_reasm_flow_count(const cts_reasm *r) { return g_hash_table_size(r->flows); }
size_t cts_reasm_conv_count(const cts_reasm *r) { return g_hash_table_size(r->ws); }
