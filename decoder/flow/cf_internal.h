/* cf_internal.h - INTERNAL to decoder/flow: what the files of the call-flow
 * engine share.  Not installed and not an API: code outside decoder/flow
 * uses cf_engine.h, never this header (the outputs in decoder/flow_out
 * included).
 *
 * The engine is one file per concern, listed at the top of cf_engine.c.
 * This header holds what several of them need: the engine's struct, the
 * hash-table keys, the small helpers of the per-message path, and the
 * functions one file calls in another.
 *
 * Naming: a function or table defined in one file and used from another
 * has external linkage and the cf_ prefix (it is a symbol of the static
 * library).  Small helpers (those every message goes through) are static
 * inline here and keep their short names: each file gets them inlined, as
 * when they were static in one file.
 */
#ifndef CF_INTERNAL_H
#define CF_INTERNAL_H

#include "cf_engine.h"

#include "small_mem.h"
#include "cts_frames.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib.h>

/* ------------------------------------------------------------------ */
/* Keys: (protocol, server, string) -> object                          */
/* ------------------------------------------------------------------ */

typedef struct cf_key {
    const char *proto;
    uint32_t server;
    uint32_t len;
    guint hash;
    void *val;
    const char *str;
    char buf[];
} cf_key;

/* Keys are call ids, extensions and agent ids: a few bytes, hashed for
 * every event.  8 bytes at a time, then the tail. */
static inline guint hash_str(const char *proto, uint32_t server, const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)(uintptr_t)proto ^ ((uint64_t)server << 32) ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t x;
        memcpy(&x, s, 8);
        h = (h ^ x) * 0xC2B2AE3D27D4EB4Full;
        h ^= h >> 29;
    }
    /* the last 0-7 bytes in two overlapping reads (or three bytes for a
     * tail under 4): the length is in h already */
    uint64_t t = 0;
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        t = (uint64_t)a << 32 | b;
    } else if (n) {
        t = (uint64_t)(uint8_t)s[0] << 16 | (uint64_t)(uint8_t)s[n / 2] << 8 | (uint8_t)s[n - 1];
    }
    h = (h ^ t) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31;
    return (guint)h;
}

static inline guint key_hash(gconstpointer k)
{
    return ((const cf_key *)k)->hash;
}

static inline gboolean key_eq(gconstpointer a, gconstpointer b)
{
    const cf_key *x = a, *y = b;
    return x->proto == y->proto && x->server == y->server && x->len == y->len &&
           cts_short_eq(x->str, y->str, x->len);
}

static inline void key_probe(cf_key *k, const char *proto, uint32_t server, const char *s, size_t n)
{
    k->proto = proto;
    k->server = server;
    k->len = (uint32_t)n;
    k->str = s;
    k->hash = hash_str(proto, server, s, n);
    k->val = NULL;
}

static inline cf_key *key_new(const char *proto, uint32_t server, const char *s, size_t n, void *val)
{
    cf_key *k = g_malloc(sizeof *k + n + 1);
    memcpy(k->buf, s, n);
    k->buf[n] = '\0';
    key_probe(k, proto, server, k->buf, n);
    k->val = val;
    return k;
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */
/* ------------------------------------------------------------------ */

typedef struct clist {
    cf_call *head, *tail;
    size_t n;
} clist;

enum { L_NONE, L_OPEN, L_ENDED };

struct cf_engine {
    cf_options opt;
    cf_filter filter;
    cf_call_cb on_call;
    void *ctx;
    GPtrArray *servers;          /* char * */
    GHashTable *sessions;        /* id -> cf_session *: the live ones (an ended
                                    session leaves once no live call names it) */
    cf_session *last_sess;       /* the session the last lookup found */
    uint32_t n_sessions;         /* sessions ever opened: ids are 1..n_sessions */
    GHashTable *calls;           /* cf_key -> cf_call (key->val) */
    cf_key *last_key;            /* the key the last lookup found (consecutive
                                    messages are mostly of one call) */
    GHashTable *agents;          /* cf_key -> cf_agent */
    GHashTable *agent_ext;       /* cf_key (extension) -> cf_agent */
    GHashTable *queues;          /* cf_key -> cf_queue */
    clist open, ended;
    cf_call *spare;              /* recycled calls (linked by next) */
    unsigned n_spare;
    uint64_t seq;
    int64_t now, first_ts, last_ts;
    int have_ts;
    uint64_t n_msgs, n_events, n_dups;
    uint64_t n_call_events;      /* events added to calls (cf_add_event) */
    uint64_t outcomes[CF_OUT_COUNT];
    GArray *notes[CF_NOTE_COUNT];
    uint64_t note_total[CF_NOTE_COUNT];
    int notes_sorted;
    GPtrArray *emitted;          /* keep_emitted */
    GPtrArray *agent_list, *queue_list;   /* sorted views, built on demand */
    int64_t from, to;            /* resolved time filter */
    int filter_resolved;
};

/* ------------------------------------------------------------------ */
/* Per-message helpers                                                 */
/* ------------------------------------------------------------------ */

/* Every input moves the engine's clock (the latest time seen) and the
 * capture's first and last times. */
static inline void see_time(cf_engine *e, int64_t ts)
{
    if (!e->have_ts) {
        e->have_ts = 1;
        e->first_ts = e->last_ts = e->now = ts;
        return;
    }
    if (ts > e->now)
        e->now = ts;
    if (ts > e->last_ts)
        e->last_ts = ts;
    if (ts < e->first_ts)
        e->first_ts = ts;
}

/* "1.234 s": seconds, rounded to the millisecond (cf_secs_text).  Returns b. */
static inline const char *fmt_secs(char *b, size_t n, int64_t us)
{
    char t[CF_SECS_TEXT];
    snprintf(b, n, "%s s", cf_secs_text(t, sizeof t, us));
    return b;
}

/* No facts yet: numbers absent, strings NULL. */
static inline void cf_note_facts_init(cf_note_facts *f)
{
    memset(f, 0, sizeof *f);
    f->code = f->code2 = f->duration = f->queue_wait = f->missing_bytes = f->messages = CF_NO_VALUE;
}

/* The session of an id (NULL when unknown or gone); the last one found is
 * tried first (consecutive messages are mostly of one connection). */
static inline cf_session *sess(cf_engine *e, uint32_t id)
{
    if (e->last_sess && e->last_sess->id == id)
        return e->last_sess;
    cf_session *s = g_hash_table_lookup(e->sessions, GUINT_TO_POINTER(id));
    if (s)
        e->last_sess = s;
    return s;
}

/* The call of an id; the last key found is tried first (consecutive
 * messages are mostly of one call). */
static inline cf_call *call_lookup(cf_engine *e, const char *proto, uint32_t server, cf_str id)
{
    cf_key *l = e->last_key;
    if (l && l->proto == proto && l->server == server && l->len == id.n &&
        cts_short_eq(l->str, id.p, id.n))
        return l->val;
    cf_key k;
    key_probe(&k, proto, server, id.p, id.n);
    cf_key *f = g_hash_table_lookup(e->calls, &k);
    e->last_key = f;
    return f ? f->val : NULL;
}

/* Copies of one event on several sessions: is this (hash, time, session)
 * a copy of one the ring holds (from another session, within the window)?
 * If not, it is added to the ring. */
static inline int seen_dup(cf_seen *ring, unsigned *next, uint64_t *bits, uint64_t hash,
                           int64_t ts, uint32_t session, int64_t window)
{
    uint64_t bit = 1ull << (session % 64);
    /* A hash whose bit was never set has no copy in the ring: most events
     * are seen once, and this spares them the scan. */
    uint64_t hbit = 1ull << (hash % 64);
    if (!(*bits & hbit)) {
        *bits |= hbit;
        cf_seen *s = &ring[*next];
        s->hash = hash;
        s->ts = ts;
        s->sessions = bit;
        *next = (*next + 1) % CF_SEEN_RING;
        return 0;
    }
    /* oldest first: from next to the end, then from the start */
    for (unsigned pass = 0, k = *next, stop = CF_SEEN_RING; pass < 2;
         pass++, stop = *next, k = 0) {
        for (; k < stop; k++) {
            cf_seen *s = &ring[k];
            if (s->hash == hash && s->sessions && !(s->sessions & bit) && s->ts - ts <= window &&
                ts - s->ts <= window) {
                s->sessions |= bit;
                return 1;
            }
        }
    }
    cf_seen *s = &ring[*next];
    s->hash = hash;
    s->ts = ts;
    s->sessions = bit;
    *next = (*next + 1) % CF_SEEN_RING;
    return 0;
}

static inline int str_eq(const char *z, cf_str s)
{
    return z && strlen(z) == s.n && cts_short_eq(z, s.p, s.n);
}

/* ------------------------------------------------------------------ */
/* Defined in one file, called from another                           */
/* ------------------------------------------------------------------ */

/* A frame as the notes name it: "#12", or "ring-2.pcap#12" when several
 * files are read (a buffer of the enclosing full expression's block). */
#define CF_FRAME(e, f) \
    cts_frame_label((e)->opt.files, (f), (char[CTS_FRAME_LABEL_MAX]){ 0 }, CTS_FRAME_LABEL_MAX)

/* cf_engine.c: a note (the --summary triage list): its text and its facts
 * (f: copied; NULL: none); at most max_notes of a kind are kept, all are
 * counted. */
void G_GNUC_PRINTF(7, 8) cf_note_add(cf_engine *e, cf_note_kind k, uint64_t frame, int64_t ts,
                                     uint32_t session, const cf_note_facts *f, const char *fmt, ...);

/* cf_aggregate.c: a call leaves the engine: replayed, filtered, counted,
 * handed to the output, recycled. */
void cf_emit(cf_engine *e, cf_call *c);

/* cf_calls.c: what a call event does to the call(s) it names. */
void cf_call_event(cf_engine *e, cf_session *s, const cf_input *w);
/* cf_calls.c: record one event on one call (its parties are registered). */
cf_event *cf_add_event(cf_engine *e, cf_call *c, const cf_input *w, uint8_t merge_role,
                       const char *note_text);
/* cf_calls.c: take the call off its live list. */
void cf_list_unlink(cf_engine *e, cf_call *c);
/* cf_calls.c: drop the call's ids from the call table. */
void cf_call_unmap(cf_engine *e, cf_call *c);
/* cf_calls.c: an emitted call: kept (keep_emitted), spared for reuse, or
 * destroyed. */
void cf_call_recycle(cf_engine *e, cf_call *c);
void cf_call_destroy(cf_call *c);

/* cf_sessions.c: a live call names the session (first time): it stays
 * until that call leaves the engine (cf_session_unref). */
void cf_session_ref(cf_engine *e, uint32_t id);
void cf_session_unref(cf_engine *e, uint32_t id);
/* cf_sessions.c: pin a session for good (an event names it where its call's
 * session list is full). */
void cf_session_pin(cf_engine *e, uint32_t id);
/* cf_sessions.c: "client -> server" of a session, in b. */
const char *cf_sess_name(const cf_engine *e, uint32_t id, char *b, size_t n);
/* cf_sessions.c: what every message tells its session (open, close,
 * requests, errors, heartbeats, status events). */
void cf_session_event(cf_engine *e, cf_session *s, const cf_input *w);

/* cf_agents.c: an agent state event (CF_F_AGENT). */
void cf_agent_event(cf_engine *e, cf_session *s, const cf_input *w);

/* cf_replay.c: replay the call's events: party states, durations, outcome,
 * agents. */
void cf_replay(cf_engine *e, cf_call *c);

/* cf_filter.c: does the call pass the filter (ids, DN, agent, time)? */
int cf_call_selected(cf_engine *e, const cf_call *c);

#endif
