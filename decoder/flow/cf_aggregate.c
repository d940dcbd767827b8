/* cf_aggregate.c - a call's exit and what it leaves behind.
 *
 * cf_emit: the call leaves the live lists and the id table, is replayed
 * (cf_replay.c), and, when the filter keeps it, counted (outcomes, the
 * queue's waits, the agents' calls, a note when it is open, failed or
 * abandoned) and handed to the output's callback; then its buffers are
 * recycled.  cf_engine_finish emits every call still live, in start order.
 * The results the printers read afterwards (agents and queues in order,
 * notes, counters) are here too.
 */
#include "cf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void call_note(cf_engine *e, const cf_call *c);

/* The capture gaps' notes name the calls they may have taken events of
 * (the first 8 of each). */
static void gap_notes_name(cf_engine *e, const cf_call *c)
{
    GArray *a = e->notes[CF_NOTE_GAP];
    for (unsigned k = 0; k < c->n_gaps && k < CF_CALL_GAPS; k++)
        for (guint i = 0; i < a->len; i++) {
            cf_note *n = &g_array_index(a, cf_note, i);
            if (n->frame != c->gaps[k].frame || n->session != c->gaps[k].session)
                continue;
            unsigned named = n->calls_named;
            char *t = named < 8 ? g_strdup_printf("%s%s%s", n->text, named ? ", " : "; calls it may have "
                                                  "taken events of: ", c->ids[0])
                                : named == 8 ? g_strdup_printf("%s, ...", n->text) : NULL;
            if (t) {
                g_free(n->text);
                n->text = t;
            }
            n->calls_named++;
            break;
        }
}

static void aggregate(cf_engine *e, const cf_call *c)
{
    if (c->n_gaps)
        gap_notes_name(e, c);
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
        q->queued_before += c->queued_before != 0;
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
    call_note(e, c);
}

/* The first event of a type on the call's timeline, or NULL. */
static const cf_event *first_event(const cf_call *c, cf_evtype t)
{
    for (uint32_t i = 0; i < c->n_ev; i++)
        if (c->ev[i].type == t)
            return &c->ev[i];
    return NULL;
}

static const cf_event *last_event(const cf_call *c, cf_evtype t)
{
    for (uint32_t i = c->n_ev; i-- > 0;)
        if (c->ev[i].type == t)
            return &c->ev[i];
    return NULL;
}

/* A call that needs a look: open, failed, abandoned, rang unanswered. */
static void call_note(cf_engine *e, const cf_call *c)
{
    static const struct { cf_outcome o; cf_note_kind k; cf_evtype ev; } kinds[] = {
        { CF_OUT_OPEN, CF_NOTE_OPEN_CALL, CF_EV_NONE },
        { CF_OUT_FAILED, CF_NOTE_FAILED_CALL, CF_EV_DESTINATION_BUSY },
        { CF_OUT_ABANDONED, CF_NOTE_ABANDONED_CALL, CF_EV_ABANDONED },
        { CF_OUT_NOT_ANSWERED, CF_NOTE_NOT_ANSWERED_CALL, CF_EV_RINGING },
    };
    size_t ki = 0;
    while (ki < G_N_ELEMENTS(kinds) && kinds[ki].o != c->outcome)
        ki++;
    if (ki == G_N_ELEMENTS(kinds))
        return;
    char tb[32];
    const char *id = c->ids[0];
    cf_note_facts f;
    cf_note_facts_init(&f);
    f.call_id = id;
    f.first_frame = c->f_first;
    f.last_frame = c->f_last;
    f.duration = (c->end != CF_END_NONE ? c->t_end : c->t_last) - c->t_first;
    if (c->queue && c->t_queued) {
        f.queue = c->queue;
        if (c->t_queue_left)
            f.queue_wait = c->t_queue_left - c->t_queued;
    }
    uint32_t sid = c->n_sessions ? c->sessions[0] : 0;
    char gaps[CTS_FRAME_LABEL_MAX + 64] = "";
    if (c->n_gaps)
        snprintf(gaps, sizeof gaps, "; capture gap at %s%s", CF_FRAME(e, c->gaps[0].frame),
                 c->n_gaps > 1 ? " and more" : "");
    if (c->outcome == CF_OUT_OPEN) {
        const cf_event *l = c->n_ev ? &c->ev[c->n_ev - 1] : NULL;
        const char *dn = l && l->this_p >= 0 ? c->party[l->this_p].dn : NULL;
        f.message = l ? l->msg : NULL;
        f.event = l ? cf_evtype_name(l->type) : NULL;
        f.dn = dn;
        cf_note_add(e, CF_NOTE_OPEN_CALL, c->f_first, c->t_first, sid, &f,
                    "call %s: no end in the capture: first %s, last %s (%s%s%s, %s), %s seen%s%s%s%s",
                    id, CF_FRAME(e, c->f_first), CF_FRAME(e, c->f_last),
                    l ? cf_evtype_name(l->type) : "-", dn ? " at " : "", dn ? dn : "",
                    l && l->msg ? l->msg : "-", fmt_secs(tb, sizeof tb, c->t_last - c->t_first),
                    c->begin_seen ? "" : "; its begin is not in the capture either",
                    c->superseded ? "; a new call with this id began at " : "",
                    c->superseded ? c->superseded : "", gaps);
        return;
    }
    /* the event that says it: the busy, the abandon, the last ringing */
    const cf_event *x = kinds[ki].ev == CF_EV_RINGING ? last_event(c, CF_EV_RINGING)
                                                      : first_event(c, kinds[ki].ev);
    const char *dn = x && x->this_p >= 0 ? c->party[x->this_p].dn : NULL;
    f.message = x ? x->msg : NULL;
    f.event = x ? cf_evtype_name(x->type) : cf_outcome_name(c->outcome);
    f.dn = dn;
    if (x) {
        f.code_field = x->cause_field;
        f.code = x->cause;
        f.code_name = x->cause_name;
    }
    char extra[CTS_FRAME_LABEL_MAX + 200] = "";
    if (c->t_queued && c->t_queue_left)
        snprintf(extra, sizeof extra, ", after %s%s in queue %s", c->queued_before ? "at least " : "",
                 fmt_secs(tb, sizeof tb, c->t_queue_left - c->t_queued), c->queue ? c->queue : "?");
    if (c->outcome == CF_OUT_NOT_ANSWERED) {
        size_t k = strlen(extra);
        snprintf(extra + k, sizeof extra - k, "; ended by %s %s%s%s%s", c->end_msg ? c->end_msg : "?",
                 CF_FRAME(e, c->f_end), c->end_cause_name ? " (" : "",
                 c->end_cause_name ? c->end_cause_name : "", c->end_cause_name ? ")" : "");
    }
    GString *frames = g_string_sized_new(64);
    cts_frame_range_append(frames, e->opt.files, c->f_first, c->f_last, "-");
    cf_note_add(e, kinds[ki].k, x ? x->frame : c->f_first, x ? x->ts : c->t_first, sid, &f,
                "call %s: %s at %s %s (%s%s%s)%s; frames %s%s", id,
                x ? cf_evtype_name(x->type) : cf_outcome_name(c->outcome), dn ? dn : "?",
                CF_FRAME(e, x ? x->frame : c->f_end), x && x->msg ? x->msg : "-",
                x && x->cause_name ? ", " : "", x && x->cause_name ? x->cause_name : "", extra,
                frames->str, gaps);
    g_string_free(frames, TRUE);
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

static int session_id_cmp(const void *a, const void *b)
{
    const cf_session *x = *(const cf_session *const *)a, *y = *(const cf_session *const *)b;
    return x->id < y->id ? -1 : x->id > y->id;
}

void cf_engine_finish(cf_engine *e)
{
    /* sessions still open, in the order they opened */
    guint ns = g_hash_table_size(e->sessions), i = 0;
    cf_session **ss = g_new(cf_session *, ns ? ns : 1);
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, e->sessions);
    while (g_hash_table_iter_next(&it, NULL, &v))
        ss[i++] = v;
    qsort(ss, ns, sizeof *ss, session_id_cmp);
    for (i = 0; i < ns; i++)
        if (!ss[i]->end_how)
            cf_engine_session_end(e, ss[i]->id, "end of capture", ss[i]->f_last, e->last_ts);
    g_free(ss);
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
uint64_t cf_engine_n_messages(const cf_engine *e) { return e->n_msgs; }
uint64_t cf_engine_n_events(const cf_engine *e) { return e->n_events; }
uint64_t cf_engine_n_dups(const cf_engine *e) { return e->n_dups; }
uint64_t cf_engine_n_call_events(const cf_engine *e) { return e->n_call_events; }
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
