/* cf_calls.c - calls in the live phase: what one wire event does to the
 * call, or the two calls, it names.
 *
 * A call is found by (protocol, server, call id), or made; a copy of an
 * event already seen on another session is dropped; the event is filed in
 * time order with its parties (by DN); attached data is applied; renames,
 * secondary ids and merges (transfer, conference) are recorded; the end is
 * noticed.  Each event gets a short note of what changed, for the ladder.
 * Calls wait on the live lists, least recently touched first, until
 * check_emit (cf_engine.c) hands them to cf_emit, which replays them and
 * gives their buffers back here (cf_call_recycle).
 *
 * A call's strings live in its arena, freed or reset with the call.
 */
#include "cf_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Arena: a call's strings, freed with the call                        */
/* ------------------------------------------------------------------ */

struct cf_arena_chunk {
    cf_arena_chunk *next;
    size_t used, size;
    char data[];
};

static void *arena_alloc(cf_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    cf_arena_chunk *c = a->head;
    if (!c || c->used + n > c->size) {
        size_t sz = c ? c->size * 2 : 1024;
        while (sz < n)
            sz *= 2;
        if (sz > 65536 && n <= 65536)
            sz = 65536;
        cf_arena_chunk *k = g_malloc(sizeof *k + sz);
        k->size = sz;
        k->used = 0;
        k->next = c;
        a->head = k;
        a->total += sz;
        c = k;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

static const char *arena_str(cf_arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Keep the oldest (first) chunk, free the rest. */
static void arena_reset(cf_arena *a)
{
    cf_arena_chunk *c = a->head, *keep = NULL;
    while (c) {
        cf_arena_chunk *n = c->next;
        if (!n) {
            keep = c;
        } else {
            a->total -= c->size;
            g_free(c);
        }
        c = n;
    }
    if (keep)
        keep->used = 0;
    a->head = keep;
}

static void arena_free(cf_arena *a)
{
    cf_arena_chunk *c = a->head;
    while (c) {
        cf_arena_chunk *n = c->next;
        g_free(c);
        c = n;
    }
    a->head = NULL;
    a->total = 0;
}

/* ---- live lists ---- */

void cf_list_unlink(cf_engine *e, cf_call *c)
{
    clist *l = c->list == L_OPEN ? &e->open : c->list == L_ENDED ? &e->ended : NULL;
    if (!l)
        return;
    if (c->prev)
        c->prev->next = c->next;
    else
        l->head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    else
        l->tail = c->prev;
    c->prev = c->next = NULL;
    c->list = L_NONE;
    l->n--;
}

static void list_push(cf_engine *e, cf_call *c, int which)
{
    clist *l = which == L_OPEN ? &e->open : &e->ended;
    c->prev = l->tail;
    c->next = NULL;
    if (l->tail)
        l->tail->next = c;
    else
        l->head = c;
    l->tail = c;
    c->list = which;
    l->n++;
}

static void touch(cf_engine *e, cf_call *c)
{
    c->t_touch = e->now;
    int which = c->end != CF_END_NONE ? L_ENDED : L_OPEN;
    if (c->list == which && c->next == NULL)
        return;
    cf_list_unlink(e, c);
    list_push(e, c, which);
}

size_t cf_engine_live_calls(const cf_engine *e)
{
    return e->open.n + e->ended.n;
}

/* The events of every call in memory: keep one in 80 bytes. */
_Static_assert(sizeof(cf_event) <= 80, "cf_event grew: check its members' order");

/* ---- calls ---- */

void cf_call_destroy(cf_call *c)
{
    for (unsigned i = 0; i < c->n_keys; i++)
        g_free(c->keys[i]);
    g_free(c->ev);
    g_free(c->party);
    g_free(c->kv);
    arena_free(&c->arena);
    g_free(c);
}

static cf_call *call_alloc(cf_engine *e)
{
    cf_call *c = e->spare;
    if (c) {
        e->spare = c->next;
        e->n_spare--;
        /* keep the buffers and the first arena chunk */
        cf_event *ev = c->ev; uint32_t cap_ev = c->cap_ev;
        cf_party *pa = c->party; uint32_t cap_pa = c->cap_party;
        cf_kv_ent *kv = c->kv; uint32_t cap_kv = c->cap_kv;
        cf_arena ar = c->arena;
        arena_reset(&ar);
        memset(c, 0, sizeof *c);
        c->ev = ev; c->cap_ev = cap_ev;
        c->party = pa; c->cap_party = cap_pa;
        c->kv = kv; c->cap_kv = cap_kv;
        c->arena = ar;
    } else {
        c = g_new0(cf_call, 1);
    }
    c->seq = ++e->seq;
    c->call_type = c->end_cause = c->release_cause = CF_NO_VALUE;
    c->caller = c->answerer = c->released_by = -1;
    return c;
}

void cf_call_recycle(cf_engine *e, cf_call *c)
{
    for (unsigned i = 0; i < c->n_keys; i++)
        g_free(c->keys[i]);
    c->n_keys = 0;
    for (unsigned i = 0; i < c->n_sessions; i++)
        cf_session_unref(e, c->sessions[i]);
    if (e->opt.keep_emitted) {
        g_ptr_array_add(e->emitted, c);
        return;
    }
    if (e->n_spare >= 64 || c->cap_ev > 4096) {
        c->n_keys = 0;
        cf_call_destroy(c);
        return;
    }
    c->next = e->spare;
    e->spare = c;
    e->n_spare++;
}

/* Map id to c (a rename, or a new call). */
static void call_map(cf_engine *e, cf_call *c, cf_str id)
{
    if (c->n_keys >= CF_MAX_IDS)
        return;
    cf_key probe;
    key_probe(&probe, c->protocol, c->server, id.p, id.n);
    cf_key *old = g_hash_table_lookup(e->calls, &probe);
    if (old) {
        if (old->val == c)
            return;
        cf_call *o = old->val;
        old->val = NULL;   /* the other call loses this id */
        if (e->last_key == old)
            e->last_key = NULL;
        g_hash_table_remove(e->calls, old);
        for (unsigned i = 0; i < o->n_keys; i++)
            if (o->keys[i] == old) {
                g_free(old);
                o->keys[i] = o->keys[--o->n_keys];
                break;
            }
    }
    cf_key *k = key_new(c->protocol, c->server, id.p, id.n, c);
    c->keys[c->n_keys++] = k;
    g_hash_table_add(e->calls, k);
}

void cf_call_unmap(cf_engine *e, cf_call *c)
{
    for (unsigned i = 0; i < c->n_keys; i++) {
        cf_key *k = c->keys[i];
        if (e->last_key == k)
            e->last_key = NULL;
        cf_key *f = g_hash_table_lookup(e->calls, k);
        if (f == k)
            g_hash_table_remove(e->calls, k);
    }
}

/* An event's list of parties (a merge's survivors), copied into the call's arena. */
static void event_set_list(cf_call *c, cf_event *v, const int16_t *lst, unsigned nl)
{
    if (!nl)
        return;
    int16_t *l = arena_alloc(&c->arena, nl * sizeof *l);
    memcpy(l, lst, nl * sizeof *l);
    v->list = l;
    v->n_list = (uint8_t)nl;
}

static void add_id(cf_call *c, const char **arr, unsigned *n, unsigned max, cf_str id)
{
    for (unsigned i = 0; i < *n; i++)
        if (str_eq(arr[i], id))
            return;
    if (*n < max)
        arr[(*n)++] = arena_str(&c->arena, id.p, id.n);
}

static cf_call *call_new(cf_engine *e, const char *proto, uint32_t server, cf_str id)
{
    cf_call *c = call_alloc(e);
    c->protocol = proto;
    c->server = server;
    c->ids[c->n_ids++] = arena_str(&c->arena, id.p, id.n);
    call_map(e, c, id);
    c->t_touch = e->now;
    list_push(e, c, L_OPEN);
    return c;
}

/* The call names the session: it stays in memory while the call is live
 * (pinned for good when the call's list is full). */
static void note_session(cf_engine *e, cf_call *c, uint32_t s)
{
    for (unsigned i = 0; i < c->n_sessions; i++)
        if (c->sessions[i] == s)
            return;
    if (c->n_sessions < CF_MAX_SESSIONS) {
        c->sessions[c->n_sessions++] = s;
        cf_session_ref(e, s);
    } else {
        cf_session_pin(e, s);
    }
}

static int dev_rank(uint8_t d)
{
    return d == CF_DEV_UNKNOWN ? 0 : d == CF_DEV_STATION ? 1 : 2;
}

static int party_get(cf_call *c, cf_str dn, uint8_t dev, int create)
{
    if (!dn.n)
        return -1;
    for (uint32_t i = 0; i < c->n_party; i++) {
        cf_party *p = &c->party[i];
        if (p->dn_len == dn.n && cts_short_eq(p->dn, dn.p, dn.n)) {
            if (dev_rank(dev) > dev_rank(p->dev))
                p->dev = dev;
            return (int)i;
        }
    }
    if (!create || c->n_party >= 512)
        return -1;
    if (c->n_party == c->cap_party) {
        c->cap_party = c->cap_party ? c->cap_party * 2 : 8;
        c->party = g_renew(cf_party, c->party, c->cap_party);
    }
    cf_party *p = &c->party[c->n_party];
    cts_zero(p, sizeof *p);
    p->dn = arena_str(&c->arena, dn.p, dn.n);
    p->dn_len = dn.n;
    p->dev = dev;
    return (int)c->n_party++;
}

/* Insert an event in time order (after every event of the same time). */
static cf_event *event_insert(cf_call *c, int64_t ts)
{
    if (c->n_ev == c->cap_ev) {
        c->cap_ev = c->cap_ev ? c->cap_ev * 2 : 32;
        c->ev = g_renew(cf_event, c->ev, c->cap_ev);
    }
    uint32_t pos = c->n_ev;
    while (pos > 0 && c->ev[pos - 1].ts > ts)
        pos--;
    if (pos < c->n_ev)
        memmove(&c->ev[pos + 1], &c->ev[pos], (c->n_ev - pos) * sizeof(cf_event));
    c->n_ev++;
    cf_event *v = &c->ev[pos];
    memset(v, 0, sizeof *v);
    return v;
}

/* A small text builder for notes.  An engine whose output never shows
 * events (no_event_notes) builds none: off makes every append a no-op. */
typedef struct nbuf {
    char b[480];
    size_t n;
    int off;
} nbuf;

static void nb_init(nbuf *nb, const cf_engine *e)
{
    nb->n = 0;
    nb->b[0] = '\0';
    nb->off = e->opt.no_event_notes;
}

static void G_GNUC_PRINTF(2, 3) nb_add(nbuf *nb, const char *fmt, ...)
{
    if (nb->off || nb->n >= sizeof nb->b - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(nb->b + nb->n, sizeof nb->b - nb->n, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    nb->n += (size_t)k;
    if (nb->n >= sizeof nb->b - 1) {
        nb->n = sizeof nb->b - 1;
        memcpy(nb->b + sizeof nb->b - 4, "...", 4);
    }
}

/* Append n bytes (no printf: notes are built for most events). */
static void nb_put(nbuf *nb, const char *p, size_t n)
{
    if (nb->off)
        return;
    size_t room = sizeof nb->b - 1 - nb->n;
    if (n > room) {
        n = room;
        if (room >= 3) {
            memcpy(nb->b + nb->n, p, n - 3);
            memcpy(nb->b + nb->n + n - 3, "...", 3);
            nb->n += n;
            nb->b[nb->n] = '\0';
            return;
        }
    }
    memcpy(nb->b + nb->n, p, n);
    nb->n += n;
    nb->b[nb->n] = '\0';
}

static void nb_str(nbuf *nb, const char *z)
{
    if (!nb->off)
        nb_put(nb, z, strlen(z));
}

static void nb_sep(nbuf *nb)
{
    if (nb->n)
        nb_put(nb, "; ", 2);
}

static void kv_key_text(const cf_kv *k, char *b, size_t n)
{
    if (k->kind == CF_KV_ARRAY)
        snprintf(b, n, "%.*s[%d]", (int)k->key.n, k->key.p, (int)k->index);
    else
        snprintf(b, n, "%.*s", (int)k->key.n, k->key.p);
}

/* Attached data: a value replaces the old one; an empty value only records
 * that the item exists (CCX: "a null string signifies no value ... it will
 * not cause any change"). */
static void apply_data(cf_call *c, const cf_input *w, uint64_t frame, nbuf *nb)
{
    if (w->call_type != CF_NO_VALUE && w->call_type != c->call_type) {
        c->call_type = w->call_type;
        c->call_type_name = w->call_type_name;
        nb_sep(nb);
        if (w->call_type_name) {
            nb_str(nb, "CallType=");
            nb_str(nb, w->call_type_name);
        } else {
            nb_add(nb, "CallType=%lld", (long long)w->call_type);
        }
    }
    for (unsigned i = 0; i < w->n_kv; i++) {
        const cf_kv *k = &w->kv[i];
        cf_kv_ent *ent = NULL;
        for (uint32_t j = 0; j < c->n_kv; j++) {
            cf_kv_ent *x = &c->kv[j];
            if (x->kind == k->kind && x->index == k->index && x->key_len == k->key.n &&
                cts_short_eq(x->key, k->key.p, k->key.n)) {
                ent = x;
                break;
            }
        }
        if (ent && (!k->value.n ||
                    (ent->value_len == k->value.n && cts_short_eq(ent->value, k->value.p, k->value.n))))
            continue;
        if (!ent) {
            if (c->n_kv >= 4096)
                continue;
            if (c->n_kv == c->cap_kv) {
                c->cap_kv = c->cap_kv ? c->cap_kv * 2 : 16;
                c->kv = g_renew(cf_kv_ent, c->kv, c->cap_kv);
            }
            ent = &c->kv[c->n_kv++];
            ent->kind = k->kind;
            ent->index = k->index;
            ent->key = arena_str(&c->arena, k->key.p, k->key.n);
            ent->key_len = k->key.n;
        }
        ent->value = arena_str(&c->arena, k->value.p, k->value.n);
        ent->value_len = k->value.n;
        ent->frame = frame;
        nb_sep(nb);
        if (k->kind == CF_KV_ARRAY) {
            char kt[96];
            kv_key_text(k, kt, sizeof kt);
            nb_str(nb, kt);
        } else {
            nb_put(nb, k->key.p, k->key.n);
        }
        nb_put(nb, "=", 1);
        nb_put(nb, k->value.p, k->value.n > 60 ? 60 : k->value.n);
    }
    if (w->kv_dropped) {
        nb_sep(nb);
        nb_add(nb, "%u more items not kept", w->kv_dropped);
    }
}

static void call_end(cf_engine *e, cf_call *c, cf_endkind kind, const cf_input *w)
{
    if (c->end != CF_END_NONE)
        return;
    c->end = kind;
    c->t_end = w->ts;
    c->f_end = w->frame;
    c->end_msg = w->msg_name;
    if (kind != CF_END_MERGED) {
        c->end_cause = w->cause;
        c->end_cause_name = w->cause_name;
        c->end_cause_field = w->cause_field;
    }
    (void)e;
}

/* Record one event on one call. */
cf_event *cf_add_event(cf_engine *e, cf_call *c, const cf_input *w, uint8_t merge_role,
                       const char *note_text)
{
    cf_event *v = event_insert(c, w->ts);
    e->n_call_events++;
    v->ts = w->ts;
    v->frame = w->frame;
    v->msg = w->msg_name;
    v->cause = w->cause;
    v->cause_name = w->cause_name;
    v->cause_field = w->cause_field;
    v->session = w->session;
    v->type = (uint16_t)w->type;
    v->flags = w->flags;
    v->merge_role = merge_role;
    /* parties may be created below: take indexes, not pointers */
    int tp = party_get(c, w->this_dn, w->this_dev, 1);
    int op = party_get(c, w->other_dn, w->other_dev, 1);
    /* the event pointer may move when parties grow? no: parties are another array */
    v->this_p = (int16_t)tp;
    v->other_p = (int16_t)(op == tp ? -1 : op);
    if (note_text && *note_text)
        v->note = arena_str(&c->arena, note_text, strlen(note_text));   /* short */
    note_session(e, c, w->session);
    touch(e, c);
    return v;
}

/* The call id of a merge's parties, when they all agree (else empty). */
static cf_str parties_call(const cf_input *w)
{
    cf_str r = { NULL, 0 };
    for (unsigned i = 0; i < w->n_parties; i++) {
        cf_str id = w->parties[i].call_id;
        if (!id.n)
            continue;
        if (!r.n)
            r = id;
        else if (r.n != id.n || !cts_short_eq(r.p, id.p, id.n))
            return (cf_str){ NULL, 0 };
    }
    return r;
}

static int cfstr_eq(cf_str a, cf_str b)
{
    return a.n == b.n && cts_short_eq(a.p, b.p, a.n);
}

/* The call an event belongs to; new when needed.  NULL: a copy (dropped). */
static cf_call *call_for(cf_engine *e, cf_session *s, const cf_input *w, cf_str id, int creates)
{
    cf_call *c = call_lookup(e, s->protocol, s->server, id);
    if (c && seen_dup(c->seen, &c->seen_next, &c->seen_bits, w->hash, w->ts, w->session, e->opt.dedup_us)) {
        c->dups++;
        note_session(e, c, w->session);
        return NULL;
    }
    if (c && creates) {
        if (c->end != CF_END_NONE) {
            /* the id's call has ended: this is a new call */
            cf_emit(e, c);
            c = NULL;
        } else if (c->begin_seen) {
            /* a second begin while the first call never ended */
            const char *fb = CF_FRAME(e, w->frame);
            c->superseded = arena_str(&c->arena, fb, strlen(fb));
            cf_emit(e, c);
            c = NULL;
        }
    }
    if (!c) {
        c = call_new(e, s->protocol, s->server, id);
        seen_dup(c->seen, &c->seen_next, &c->seen_bits, w->hash, w->ts, w->session, e->opt.dedup_us);
    }
    return c;
}

void cf_call_event(cf_engine *e, cf_session *s, const cf_input *w)
{
    nbuf nb;
    nb_init(&nb, e);
    if (w->flags & CF_F_MERGE) {
        cf_str survivor = w->call_id;
        cf_str pc = parties_call(w);
        nbuf mism;
        nb_init(&mism, e);
        if (pc.n && !cfstr_eq(pc, survivor)) {
            nb_add(&mism, "the event names call %.*s, its parties are on call %.*s: that call is kept",
                   (int)survivor.n, survivor.p, (int)pc.n, pc.p);
            survivor = pc;
        }
        if (!survivor.n)
            survivor = w->ref_call_id;
        if (!survivor.n)
            return;
        cf_str consult = w->ref_call_id;
        if (cfstr_eq(consult, survivor))
            consult.n = 0;
        cf_call *c = call_for(e, s, w, survivor, 0);
        if (!c) {
            s->n_dups++;
            e->n_dups++;
            return;
        }
        /* the surviving call: every listed party is on it */
        nbuf pn;
        nb_init(&pn, e);
        int16_t lst[CF_INPUT_MAX_PARTIES];
        unsigned nl = 0;
        if (consult.n)
            nb_add(&nb, "call %.*s merged into this call", (int)consult.n, consult.p);
        else
            nb_add(&nb, "parties changed");
        for (unsigned i = 0; i < w->n_parties; i++) {
            const cf_input_party *p = &w->parties[i];
            if (p->call_id.n && !cfstr_eq(p->call_id, survivor))
                continue;
            int k = party_get(c, p->dn, p->dev, 1);
            if (k >= 0 && nl < CF_INPUT_MAX_PARTIES) {
                lst[nl++] = (int16_t)k;
                nb_add(&pn, "%s%.*s", pn.n ? ", " : "", (int)p->dn.n, p->dn.p);
            }
        }
        if (pn.n)
            nb_add(&nb, "; parties now %s", pn.b);
        if (mism.n)
            nb_add(&nb, "; %s", mism.b);
        event_set_list(c, cf_add_event(e, c, w, CF_MR_SURVIVOR, nb.b), lst, nl);
        if (consult.n)
            add_id(c, c->merged_from, &c->n_merged_from, 8, consult);
        if (w->call_id.n && !cfstr_eq(w->call_id, survivor))
            /* the event named this call by another id (chapter 11's
             * conference: PrimaryCallID 16777507 for call 16777539) */
            add_id(c, c->aliases, &c->n_aliases, CF_MAX_IDS, w->call_id);
        if (!consult.n)
            return;
        /* the consult call ends, merged into the survivor */
        cf_call *k = call_lookup(e, s->protocol, s->server, consult);
        if (!k) {
            k = call_new(e, s->protocol, s->server, consult);
            seen_dup(k->seen, &k->seen_next, &k->seen_bits, w->hash, w->ts, w->session, e->opt.dedup_us);
        }
        nbuf kn;
        nb_init(&kn, e);
        nb_add(&kn, "merged into call %.*s", (int)survivor.n, survivor.p);
        nl = 0;
        pn.n = 0;
        pn.b[0] = '\0';
        for (unsigned i = 0; i < w->n_parties; i++) {
            int q = party_get(k, w->parties[i].dn, w->parties[i].dev, 0);
            if (q >= 0 && nl < CF_INPUT_MAX_PARTIES) {
                lst[nl++] = (int16_t)q;
                nb_add(&pn, "%s%.*s", pn.n ? ", " : "", (int)w->parties[i].dn.n, w->parties[i].dn.p);
            }
        }
        if (pn.n)
            nb_add(&kn, "; %s moved there", pn.b);
        if (mism.n)
            nb_add(&kn, "; %s", mism.b);
        if (!k->merged_into) {
            k->merged_into = arena_str(&k->arena, survivor.p, survivor.n);
            k->merged_frame = w->frame;
        }
        call_end(e, k, CF_END_MERGED, w);
        event_set_list(k, cf_add_event(e, k, w, CF_MR_MERGED, kn.b), lst, nl);
        return;
    }

    cf_call *c = call_for(e, s, w, w->call_id, (w->flags & CF_F_CREATE) != 0);
    if (!c) {
        s->n_dups++;
        e->n_dups++;
        return;
    }
    if (w->wire_call_id.n && !cfstr_eq(w->wire_call_id, w->call_id))
        add_id(c, c->aliases, &c->n_aliases, CF_MAX_IDS, w->wire_call_id);
    if (w->flags & CF_F_CREATE)
        c->begin_seen = 1;
    if (w->flags & CF_F_DATA)
        apply_data(c, w, w->frame, &nb);
    else if (w->call_type != CF_NO_VALUE && w->call_type != c->call_type)
        apply_data(c, w, w->frame, &nb);
    if (w->queue.n) {
        if (!c->queue || !str_eq(c->queue, w->queue))
            c->queue = arena_str(&c->arena, w->queue.p, w->queue.n);
        if (w->type == CF_EV_QUEUED) {
            nb_sep(&nb);
            nb_str(&nb, "queue ");
            nb_put(&nb, w->queue.p, w->queue.n);
        }
    }
    if (w->ref_call_id.n && !cfstr_eq(w->ref_call_id, w->call_id)) {
        if (w->flags & CF_F_RENAME) {
            add_id(c, c->ids, &c->n_ids, CF_MAX_IDS, w->ref_call_id);
            call_map(e, c, w->ref_call_id);
            nb_sep(&nb);
            nb_add(&nb, "new call id %.*s", (int)w->ref_call_id.n, w->ref_call_id.p);
        } else if (w->flags & CF_F_SECONDARY) {
            add_id(c, c->secondary, &c->n_secondary, 4, w->ref_call_id);
            nb_sep(&nb);
            nb_str(&nb, "secondary call ");
            nb_put(&nb, w->ref_call_id.p, w->ref_call_id.n);
        }
    }
    if (w->cause2 != CF_NO_VALUE) {
        nb_sep(&nb);
        nb_add(&nb, "%s=%lld%s%s%s", w->cause2_field ? w->cause2_field : "code",
               (long long)w->cause2, w->cause2_name ? " (" : "",
               w->cause2_name ? w->cause2_name : "", w->cause2_name ? ")" : "");
    }
    if (w->flags & CF_F_DELETE)
        call_end(e, c, CF_END_DELETED, w);
    else if (w->flags & CF_F_ASSOC_END)
        call_end(e, c, CF_END_ASSOC, w);
    cf_add_event(e, c, w, CF_MR_NONE, nb.b);
}

/* ---- queries ---- */

const cf_kv_ent *cf_call_kv(const cf_call *c, int kind, const char *key)
{
    for (uint32_t i = 0; i < c->n_kv; i++)
        if (c->kv[i].kind == kind && strcmp(c->kv[i].key, key) == 0)
            return &c->kv[i];
    return NULL;
}

int cf_call_party(const cf_call *c, const char *dn)
{
    for (uint32_t i = 0; i < c->n_party; i++)
        if (strcmp(c->party[i].dn, dn) == 0)
            return (int)i;
    return -1;
}

/* The lists of ids a call was known by. */
#define KNOWN_LISTS(c) { { (c)->ids, (c)->n_ids }, { (c)->secondary, (c)->n_secondary }, \
                         { (c)->aliases, (c)->n_aliases } }

typedef struct id_list {
    const char *const *v;
    unsigned n;
} id_list;

int cf_call_has_id(const cf_call *c, const char *id)
{
    const id_list l[3] = KNOWN_LISTS(c);
    for (int k = 0; k < 3; k++)
        for (unsigned i = 0; i < l[k].n; i++)
            if (strcmp(l[k].v[i], id) == 0)
                return 1;
    return 0;
}

void cf_call_known_as(const cf_call *c, void (*fn)(void *ctx, const char *id), void *ctx)
{
    const id_list l[3] = KNOWN_LISTS(c);
    for (int k = 0; k < 3; k++)
        for (unsigned i = 0; i < l[k].n; i++) {
            int seen = 0;   /* each once: an earlier list may have it */
            for (int j = 0; j <= k && !seen; j++)
                for (unsigned m = 0; m < (j < k ? l[j].n : i) && !seen; m++)
                    seen = strcmp(l[j].v[m], l[k].v[i]) == 0;
            if (!seen)
                fn(ctx, l[k].v[i]);
        }
}
