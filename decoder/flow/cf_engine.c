/* cf_engine.c - the call-flow engine (see cf_engine.h).
 *
 * Live phase (cf_engine_feed): find the call, drop copies of an event seen
 * on another session, insert the event in time order, register its
 * parties, apply attached data, record merges and renames, notice the end.
 * Emission (cf_emit): replay the call's events in time order to get each
 * party's connection state, the durations, the outcome, the queue wait and
 * the agents; aggregate queues and the summary; hand the call to the
 * output; recycle its buffers.
 */
#include "cf_internal.h"

#include "small_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <glib.h>

/* ------------------------------------------------------------------ */
/* The engine                                                          */
/* ------------------------------------------------------------------ */

void cf_options_default(cf_options *o)
{
    memset(o, 0, sizeof *o);
    o->grace_us = 2000000;
    o->dedup_us = 2000000;
    o->stale_us = 3600ll * 1000000;
    o->max_notes = 200;
}

static void agent_free(cf_agent *a)
{
    g_free(a->id);
    g_free(a->ext);
    g_free(a->steps);
    g_free(a);
}

static void queue_free(cf_queue *q)
{
    g_free(q->id);
    g_free(q);
}

/* The tables hold keys (g_hash_table_add); each key owns its object. */
static void agent_key_free(gpointer p)
{
    cf_key *k = p;
    agent_free(k->val);
    g_free(k);
}

static void queue_key_free(gpointer p)
{
    cf_key *k = p;
    queue_free(k->val);
    g_free(k);
}

static void session_free(gpointer p)
{
    cf_session *s = p;
    g_free(s->server_ep);
    g_free(s->client_ep);
    g_free(s->client_name);
    g_free(s);
}

cf_engine *cf_engine_new(const cf_options *o, const cf_filter *filter, cf_call_cb on_call, void *ctx)
{
    cf_engine *e = g_new0(cf_engine, 1);
    if (o)
        e->opt = *o;
    else
        cf_options_default(&e->opt);
    if (filter)
        e->filter = *filter;
    else
        cf_filter_init(&e->filter);
    e->on_call = on_call;
    e->ctx = ctx;
    e->servers = g_ptr_array_new_with_free_func(g_free);
    e->sessions = g_ptr_array_new_with_free_func(session_free);
    e->calls = g_hash_table_new(key_hash, key_eq);
    e->agents = g_hash_table_new_full(key_hash, key_eq, agent_key_free, NULL);
    e->agent_ext = g_hash_table_new_full(key_hash, key_eq, g_free, NULL);
    e->queues = g_hash_table_new_full(key_hash, key_eq, queue_key_free, NULL);
    for (int k = 0; k < CF_NOTE_COUNT; k++)
        e->notes[k] = g_array_new(FALSE, FALSE, sizeof(cf_note));
    if (e->opt.keep_emitted)
        e->emitted = g_ptr_array_new();
    e->from = e->to = CF_NO_VALUE;
    return e;
}

void cf_engine_free(cf_engine *e)
{
    if (!e)
        return;
    /* calls still live (cf_engine_finish not called): drop them */
    for (clist *l = &e->open; l; l = l == &e->open ? &e->ended : NULL) {
        cf_call *c = l->head;
        while (c) {
            cf_call *n = c->next;
            cf_call_destroy(c);
            c = n;
        }
    }
    while (e->spare) {
        cf_call *n = e->spare->next;
        cf_call_destroy(e->spare);
        e->spare = n;
    }
    if (e->emitted) {
        for (guint i = 0; i < e->emitted->len; i++)
            cf_call_destroy(g_ptr_array_index(e->emitted, i));
        g_ptr_array_free(e->emitted, TRUE);
    }
    g_hash_table_destroy(e->calls);
    g_hash_table_destroy(e->agents);
    g_hash_table_destroy(e->agent_ext);
    g_hash_table_destroy(e->queues);
    g_ptr_array_free(e->servers, TRUE);
    g_ptr_array_free(e->sessions, TRUE);
    for (int k = 0; k < CF_NOTE_COUNT; k++) {
        for (guint i = 0; i < e->notes[k]->len; i++)
            g_free(g_array_index(e->notes[k], cf_note, i).text);
        g_array_free(e->notes[k], TRUE);
    }
    if (e->agent_list)
        g_ptr_array_free(e->agent_list, TRUE);
    if (e->queue_list)
        g_ptr_array_free(e->queue_list, TRUE);
    g_free(e);
}

/* ---- notes (the triage summary) ---- */

void G_GNUC_PRINTF(6, 7) cf_note_add(cf_engine *e, cf_note_kind k, uint64_t frame, int64_t ts,
                                     uint32_t session, const char *fmt, ...)
{
    e->note_total[k]++;
    if (e->notes[k]->len >= e->opt.max_notes)
        return;
    va_list ap;
    va_start(ap, fmt);
    cf_note n = { frame, ts, session, g_strdup_vprintf(fmt, ap) };
    va_end(ap);
    g_array_append_val(e->notes[k], n);
    e->notes_sorted = 0;
}

/* ---- feeding ---- */

/* Ask for the memory of [p, p + n) ahead of its use. */
static void prefetch_range(const void *p, size_t n)
{
    const char *q = p;
    for (size_t o = 0; q && o < n; o += 64)
        __builtin_prefetch(q + o);
}

static void check_emit(cf_engine *e)
{
    while (e->ended.head && e->now - e->ended.head->t_touch > e->opt.grace_us)
        cf_emit(e, e->ended.head);
    /* The next call to go was last touched the grace period ago: its
     * events and parties have left the caches.  Ask for them now, some
     * messages before the replay reads them (measured: about 3% of
     * --calls --csv on the benchmark). */
    cf_call *nx = e->ended.head;
    if (nx && !nx->prefetched) {
        nx->prefetched = 1;
        prefetch_range(nx, sizeof *nx);
        prefetch_range(nx->ev, nx->n_ev * sizeof *nx->ev);
        prefetch_range(nx->party, nx->n_party * sizeof *nx->party);
        prefetch_range(nx->kv, nx->n_kv * sizeof *nx->kv);
    }
    while (e->open.head && e->now - e->open.head->t_touch > e->opt.stale_us) {
        e->open.head->stale = 1;
        cf_emit(e, e->open.head);
    }
}

void cf_engine_feed(cf_engine *e, const cf_wire *w)
{
    cf_session *s = sess(e, w->session);
    if (!s)
        return;
    see_time(e, w->ts);
    e->n_events++;
    s->n_msgs++;
    s->f_last = w->frame;
    s->t_last = w->ts;
    cf_session_event(e, s, w);
    if (cf_evtype_is_call(w->type) && (w->call_id.n || (w->flags & CF_F_MERGE)))
        cf_call_event(e, s, w);
    if (w->flags & CF_F_AGENT)
        cf_agent_event(e, s, w);
    check_emit(e);
}

void cf_engine_problem(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, int error,
                       const char *text)
{
    see_time(e, ts);
    if (!error)
        return;
    char sb[96];
    cf_note_add(e, CF_NOTE_MALFORMED, frame, ts, session, "%s: #%llu: %s",
                cf_sess_name(e, session, sb, sizeof sb), (unsigned long long)frame, text);
}

void cf_engine_gap(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, uint64_t missing,
                   int from_client)
{
    see_time(e, ts);
    char sb[96];
    cf_note_add(e, CF_NOTE_GAP, frame, ts, session, "%s: %llu bytes from the %s missing (known at #%llu)",
                cf_sess_name(e, session, sb, sizeof sb), (unsigned long long)missing,
                from_client ? "client" : "server", (unsigned long long)frame);
}

/* ------------------------------------------------------------------ */
/* Emission: replay, aggregate, output                                 */
/* ------------------------------------------------------------------ */

/* ---- aggregation ---- */

static cf_queue *queue_get(cf_engine *e, const char *proto, uint32_t server, const char *id)
{
    cf_key k;
    key_probe(&k, proto, server, id, strlen(id));
    cf_key *f = g_hash_table_lookup(e->queues, &k);
    if (f)
        return f->val;
    cf_queue *q = g_new0(cf_queue, 1);
    q->protocol = proto;
    q->server = server;
    q->id = g_strdup(id);
    g_hash_table_add(e->queues, key_new(proto, server, id, strlen(id), q));
    if (e->queue_list) {
        g_ptr_array_free(e->queue_list, TRUE);
        e->queue_list = NULL;
    }
    return q;
}

static void aggregate(cf_engine *e, const cf_call *c)
{
    e->outcomes[c->outcome]++;
    for (unsigned i = 0; i < c->n_agents; i++) {
        cf_key probe;
        key_probe(&probe, c->protocol, c->server, c->agents[i], strlen(c->agents[i]));
        cf_key *f = g_hash_table_lookup(e->agents, &probe);
        if (f)
            ((cf_agent *)f->val)->n_calls++;
    }
    if (c->queue && c->t_queued) {
        cf_queue *q = queue_get(e, c->protocol, c->server, c->queue);
        q->queued++;
        if (!q->f_first || c->f_first < q->f_first)
            q->f_first = c->f_first;
        if (c->f_last > q->f_last)
            q->f_last = c->f_last;
        int64_t left = c->t_answered && c->t_answered >= c->t_queued ? c->t_answered : c->t_queue_left;
        if (c->t_answered && c->t_answered >= c->t_queued) {
            q->answered++;
            int64_t w = c->t_answered - c->t_queued;
            q->ans_sum += w;
            if (w > q->ans_max)
                q->ans_max = w;
        } else if (c->end == CF_END_NONE) {
            q->open++;
            left = 0;
        } else if (c->outcome == CF_OUT_ABANDONED) {
            q->abandoned++;
            int64_t w = c->t_queue_left ? c->t_queue_left - c->t_queued : 0;
            q->ab_sum += w;
            if (w > q->ab_max)
                q->ab_max = w;
        } else {
            q->other++;
        }
        if (left) {
            int64_t w = left - c->t_queued;
            q->wait_sum += w;
            q->n_wait++;
            if (w > q->wait_max)
                q->wait_max = w;
        }
    }
    char tb[32];
    const char *id = c->ids[0];
    if (c->outcome == CF_OUT_OPEN) {
        const cf_event *l = c->n_ev ? &c->ev[c->n_ev - 1] : NULL;
        const char *dn = l && l->this_p >= 0 ? c->party[l->this_p].dn : NULL;
        fmt_secs(tb, sizeof tb, c->t_last - c->t_first);
        cf_note_add(e, CF_NOTE_OPEN_CALL, c->f_first, c->t_first, c->sessions[0],
                    "call %s: no end in the capture: first #%llu, last #%llu (%s%s%s, %s), %s seen%s%s%s",
                    id, (unsigned long long)c->f_first, (unsigned long long)c->f_last,
                    l ? cf_evtype_name(l->type) : "-", dn ? " at " : "", dn ? dn : "",
                    l && l->msg ? l->msg : "-", tb, c->begin_seen ? "" : "; its begin is not in the capture either",
                    c->superseded ? "; a new call with this id began at " : "",
                    c->superseded ? c->superseded : "");
    } else if (c->outcome == CF_OUT_FAILED || c->outcome == CF_OUT_ABANDONED) {
        const cf_event *x = NULL;
        for (uint32_t i = 0; i < c->n_ev && !x; i++)
            if (c->ev[i].type == (c->outcome == CF_OUT_FAILED ? CF_EV_DESTINATION_BUSY : CF_EV_ABANDONED))
                x = &c->ev[i];
        const char *dn = x && x->this_p >= 0 ? c->party[x->this_p].dn : "?";
        char extra[96] = "";
        if (c->t_queued && c->t_queue_left) {
            fmt_secs(tb, sizeof tb, c->t_queue_left - c->t_queued);
            snprintf(extra, sizeof extra, ", after %s in queue %s", tb, c->queue ? c->queue : "?");
        }
        cf_note_add(e, c->outcome == CF_OUT_FAILED ? CF_NOTE_FAILED_CALL : CF_NOTE_ABANDONED_CALL,
                    x ? x->frame : c->f_first, x ? x->ts : c->t_first, c->sessions[0],
                    "call %s: %s at %s #%llu (%s%s%s)%s; frames #%llu-#%llu", id,
                    x ? cf_evtype_name(x->type) : cf_outcome_name(c->outcome), dn,
                    (unsigned long long)(x ? x->frame : c->f_end), x && x->msg ? x->msg : "-",
                    x && x->cause_name ? ", " : "", x && x->cause_name ? x->cause_name : "", extra,
                    (unsigned long long)c->f_first, (unsigned long long)c->f_last);
    }
}

void cf_emit(cf_engine *e, cf_call *c)
{
    cf_list_unlink(e, c);
    cf_call_unmap(e, c);
    cf_replay(e, c);
    if (cf_call_selected(e, c)) {
        aggregate(e, c);
        if (e->on_call)
            e->on_call(e->ctx, e, c);
    }
    cf_call_recycle(e, c);
}

static int call_start_cmp(const void *a, const void *b)
{
    const cf_call *x = *(const cf_call *const *)a, *y = *(const cf_call *const *)b;
    int64_t tx = x->n_ev ? x->ev[0].ts : 0, ty = y->n_ev ? y->ev[0].ts : 0;
    if (tx != ty)
        return tx < ty ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int note_cmp(const void *a, const void *b)
{
    const cf_note *x = a, *y = b;
    if (x->frame != y->frame)
        return x->frame < y->frame ? -1 : 1;
    return 0;
}

void cf_engine_finish(cf_engine *e)
{
    /* sessions still open */
    for (guint i = 0; i < e->sessions->len; i++) {
        cf_session *s = g_ptr_array_index(e->sessions, i);
        if (!s->end_how)
            cf_engine_session_end(e, s->id, "end of capture", s->f_last, e->last_ts);
    }
    size_t n = e->open.n + e->ended.n;
    cf_call **all = g_new(cf_call *, n ? n : 1);
    size_t k = 0;
    for (cf_call *c = e->open.head; c; c = c->next)
        all[k++] = c;
    for (cf_call *c = e->ended.head; c; c = c->next)
        all[k++] = c;
    qsort(all, k, sizeof *all, call_start_cmp);
    for (size_t i = 0; i < k; i++)
        cf_emit(e, all[i]);
    g_free(all);
    for (int j = 0; j < CF_NOTE_COUNT; j++)
        g_array_sort(e->notes[j], note_cmp);
    e->notes_sorted = 1;
}

/* ---- results ---- */

static int agent_cmp(const void *a, const void *b)
{
    const cf_agent *x = *(const cf_agent *const *)a, *y = *(const cf_agent *const *)b;
    if (x->server != y->server)
        return x->server < y->server ? -1 : 1;
    return strcmp(x->id, y->id);
}

static int queue_cmp(const void *a, const void *b)
{
    const cf_queue *x = *(const cf_queue *const *)a, *y = *(const cf_queue *const *)b;
    if (x->server != y->server)
        return x->server < y->server ? -1 : 1;
    /* numeric ids in numeric order */
    size_t lx = strlen(x->id), ly = strlen(y->id);
    if (lx != ly && strspn(x->id, "0123456789") == lx && strspn(y->id, "0123456789") == ly)
        return lx < ly ? -1 : 1;
    return strcmp(x->id, y->id);
}

static GPtrArray *table_list(GHashTable *h, int (*cmp)(const void *, const void *))
{
    GPtrArray *a = g_ptr_array_new();
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, h);
    while (g_hash_table_iter_next(&it, &k, NULL))
        g_ptr_array_add(a, ((cf_key *)k)->val);
    if (a->len)
        qsort(a->pdata, a->len, sizeof(gpointer), cmp);
    return a;
}

const cf_agent *const *cf_engine_agents(const cf_engine *ce, unsigned *n)
{
    cf_engine *e = (cf_engine *)ce;
    if (!e->agent_list)
        e->agent_list = table_list(e->agents, agent_cmp);
    *n = e->agent_list->len;
    return (const cf_agent *const *)e->agent_list->pdata;
}

const cf_queue *const *cf_engine_queues(const cf_engine *ce, unsigned *n)
{
    cf_engine *e = (cf_engine *)ce;
    if (!e->queue_list)
        e->queue_list = table_list(e->queues, queue_cmp);
    *n = e->queue_list->len;
    return (const cf_queue *const *)e->queue_list->pdata;
}

const cf_note *cf_engine_notes(const cf_engine *ce, cf_note_kind k, unsigned *n, uint64_t *total)
{
    cf_engine *e = (cf_engine *)ce;
    if (!e->notes_sorted) {
        for (int j = 0; j < CF_NOTE_COUNT; j++)
            g_array_sort(e->notes[j], note_cmp);
        e->notes_sorted = 1;
    }
    *n = e->notes[k]->len;
    if (total)
        *total = e->note_total[k];
    return (const cf_note *)e->notes[k]->data;
}

uint64_t cf_engine_outcome_count(const cf_engine *e, cf_outcome o)
{
    return (unsigned)o < CF_OUT_COUNT ? e->outcomes[o] : 0;
}

int64_t cf_engine_first_ts(const cf_engine *e) { return e->first_ts; }
int64_t cf_engine_last_ts(const cf_engine *e) { return e->last_ts; }
uint64_t cf_engine_n_events(const cf_engine *e) { return e->n_events; }
uint64_t cf_engine_n_dups(const cf_engine *e) { return e->n_dups; }
const cf_filter *cf_engine_filter(const cf_engine *e) { return &e->filter; }

const cf_call *const *cf_engine_emitted(const cf_engine *e, unsigned *n)
{
    if (!e->emitted) {
        *n = 0;
        return NULL;
    }
    *n = e->emitted->len;
    return (const cf_call *const *)e->emitted->pdata;
}
