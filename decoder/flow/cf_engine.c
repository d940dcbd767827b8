/* cf_engine.c - the call-flow engine (see cf_engine.h): its life (options,
 * new, free), the notes it keeps, and the entry points that feed it.
 *
 * Live phase (cf_engine_feed): find the call, drop copies of an event seen
 * on another session, insert the event in time order, register its
 * parties, apply attached data, record merges and renames, notice the end.
 * Emission (cf_emit): replay the call's events in time order to get each
 * party's connection state, the durations, the outcome, the queue wait and
 * the agents; aggregate queues and the summary; hand the call to the
 * output; recycle its buffers.
 *
 * The engine's files, one concern each (what they share is in
 * cf_internal.h, which is internal to decoder/flow):
 *   cf_engine.c     this file: life, notes, feeding, the grace period
 *   cf_vocab.c      names: event types, agent states, devices, outcomes...
 *   cf_input.c       what adapters use to fill a cf_input; the content hash
 *   cf_calls.c      calls in the live phase: lookup, parties, events,
 *                   attached data, merges, renames, ends; a call's arena
 *   cf_agents.c     agent states and timelines
 *   cf_sessions.c   servers and sessions: requests, heartbeats, ends
 *   cf_replay.c     a call's timeline replayed at emission
 *   cf_filter.c     the --call/--dn/--agent/--from/--to filter, times
 *   cf_aggregate.c  emission, queue/agent/outcome totals, finish, results
 * The outputs are in decoder/flow_out (listed in cf_output.c).
 */
#include "cf_internal.h"

#include <stdarg.h>
#include <string.h>
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
    g_free(s->pending);
    g_free(s->gaps);
    g_free(s->server_ep);
    g_free(s->client_ep);
    g_free(s->client_name);
    g_free(s);
}

/* The facts' strings a note keeps (its own copies). */
#define NOTE_STRINGS(X) X(call_id) X(message) X(event) X(dn) X(request) X(code_field) \
    X(code_name) X(code2_field) X(code2_name) X(reason) X(queue) X(from) X(how)

static void note_free(cf_note *n)
{
#define FREE_STR(m) g_free((gpointer)n->f.m);
    NOTE_STRINGS(FREE_STR)
#undef FREE_STR
    g_free(n->text);
    g_free(n->client_ep);
    g_free(n->server_ep);
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
    e->sessions = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, session_free);
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

const struct cts_files *cf_engine_files(const cf_engine *e)
{
    return e->opt.files;
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
    g_hash_table_destroy(e->sessions);
    for (int k = 0; k < CF_NOTE_COUNT; k++) {
        for (guint i = 0; i < e->notes[k]->len; i++)
            note_free(&g_array_index(e->notes[k], cf_note, i));
        g_array_free(e->notes[k], TRUE);
    }
    if (e->agent_list)
        g_ptr_array_free(e->agent_list, TRUE);
    if (e->queue_list)
        g_ptr_array_free(e->queue_list, TRUE);
    g_free(e);
}

/* ---- notes (the triage summary) ---- */

void G_GNUC_PRINTF(7, 8) cf_note_add(cf_engine *e, cf_note_kind k, uint64_t frame, int64_t ts,
                                     uint32_t session, const cf_note_facts *f, const char *fmt, ...)
{
    e->note_total[k]++;
    if (e->notes[k]->len >= e->opt.max_notes)
        return;
    va_list ap;
    va_start(ap, fmt);
    cf_note n = { frame, ts, session, NULL, NULL, NULL, g_strdup_vprintf(fmt, ap), { 0 }, 0 };
    va_end(ap);
    const cf_session *s = session ? sess(e, session) : NULL;
    if (s) {
        n.client_ep = g_strdup(s->client_ep);
        n.server_ep = g_strdup(s->server_ep);
        n.protocol = s->protocol;
    }
    if (f)
        n.f = *f;
    else
        cf_note_facts_init(&n.f);
#define DUP_STR(m) n.f.m = g_strdup(n.f.m);
    NOTE_STRINGS(DUP_STR)
#undef DUP_STR
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
     * messages before the replay reads them, so that the replay does not
     * wait for each line in turn. */
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

void cf_engine_feed(cf_engine *e, const cf_input *w)
{
    cf_session *s = sess(e, w->session);
    if (!s)
        return;
    see_time(e, w->ts);
    e->n_events++;
    s->n_events++;
    if (!w->same_message) {
        e->n_msgs++;
        s->n_msgs++;
    }
    s->f_last = w->frame;
    s->t_last = w->ts;
    /* The event holds its session: a call it ends or supersedes may be the
     * last to name an ended session, and emitting that call would free the
     * session under the handlers below. */
    s->refs++;
    cf_session_event(e, s, w);
    if (cf_evtype_is_call(w->type) && (w->call_id.n || (w->flags & CF_F_MERGE)))
        cf_call_event(e, s, w);
    if (w->flags & CF_F_AGENT)
        cf_agent_event(e, s, w);
    cf_session_unref(e, w->session);
    check_emit(e);
}

void cf_engine_problem(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, int error,
                       int from_client, const char *text)
{
    see_time(e, ts);
    if (!error)
        return;
    char sb[96];
    cf_note_facts f;
    cf_note_facts_init(&f);
    f.from = from_client ? "client" : "server";   /* whose stream offsets the text gives */
    cf_note_add(e, CF_NOTE_MALFORMED, frame, ts, session, &f, "%s: %s from the %s: %s",
                cf_sess_name(e, session, sb, sizeof sb), CF_FRAME(e, frame), f.from, text);
}

void cf_engine_gap(cf_engine *e, uint32_t session, uint64_t frame, int64_t ts, uint64_t missing,
                   int from_client)
{
    see_time(e, ts);
    cf_session *s = sess(e, session);
    if (s) {   /* for the calls it may have taken events of */
        if (s->n_gaps == CF_SESSION_GAPS) {
            memmove(s->gaps, s->gaps + 1, (s->n_gaps - 1) * sizeof *s->gaps);
            s->n_gaps--;
        }
        if (s->n_gaps == s->cap_gaps) {
            s->cap_gaps = s->cap_gaps ? s->cap_gaps * 2 : 4;
            s->gaps = g_renew(cf_gap, s->gaps, s->cap_gaps);
        }
        s->gaps[s->n_gaps++] = (cf_gap){ frame, ts, missing, session, from_client };
    }
    char sb[96];
    cf_note_facts f;
    cf_note_facts_init(&f);
    f.missing_bytes = (int64_t)missing;
    f.from = from_client ? "client" : "server";
    cf_note_add(e, CF_NOTE_GAP, frame, ts, session, &f, "%s: %llu bytes from the %s missing (known at %s)",
                cf_sess_name(e, session, sb, sizeof sb), (unsigned long long)missing,
                from_client ? "client" : "server", CF_FRAME(e, frame));
}
