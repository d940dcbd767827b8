/* cf_replay.c - a call's timeline replayed, once, when the call is
 * emitted: its events in time order give each party's connection state
 * and roles, the ring, talk and hold times, who called, who answered and
 * who hung up first, the queue wait, the agents that took part (in the
 * order they got connected) and the outcome.
 *
 * The live phase (cf_engine_feed) files each event in time order; what
 * depends on that order is computed here, after the grace period, so an
 * event that arrived late (on a slower connection) still counts in its
 * place.
 */
#include "cf_internal.h"

#include <string.h>

static int dev_infra(uint8_t d)
{
    return d == CF_DEV_IVR || d == CF_DEV_ROUTE_POINT || d == CF_DEV_QUEUE;
}

static int pstate_gone(uint8_t s)
{
    return s == CF_PS_RELEASED || s == CF_PS_FAILED || s == CF_PS_MOVED ||
           s == CF_PS_TRANSFERRED || s == CF_PS_DIVERTED;
}

static void pmark(cf_call *c, int p, uint32_t i)
{
    if (p < 0)
        return;
    cf_party *q = &c->party[p];
    if (q->first_ev < 0)
        q->first_ev = (int32_t)i;
    q->last_ev = (int32_t)i;
}

static void connect_party(cf_call *c, int p, int64_t ts)
{
    if (p < 0)
        return;
    cf_party *q = &c->party[p];
    if (q->state == CF_PS_RELEASED || q->state == CF_PS_FAILED || q->state == CF_PS_MOVED ||
        q->state == CF_PS_TRANSFERRED)
        return;
    q->state = CF_PS_CONNECTED;
    if (!q->t_connected)
        q->t_connected = ts;
}

static void release_party(cf_call *c, int p, int64_t ts, const cf_event *v)
{
    if (p < 0)
        return;
    cf_party *q = &c->party[p];
    if (!q->t_released)
        q->t_released = ts;
    if (q->release_cause == CF_NO_VALUE && v) {
        q->release_cause = v->cause;
        q->release_cause_name = v->cause_name;
    }
    if (q->state != CF_PS_MOVED && q->state != CF_PS_TRANSFERRED)
        q->state = CF_PS_RELEASED;
}

/* The capture gaps on the call's sessions that may have taken events of
 * it: from its first event to its end (open: any later one), and the last
 * one before it when its begin is missing. */
static void call_gaps(cf_engine *e, cf_call *c)
{
    c->n_gaps = 0;
    if (!c->n_ev)
        return;
    int64_t from = c->ev[0].ts;
    int64_t to = c->end != CF_END_NONE ? c->t_end : INT64_MAX;
    for (unsigned k = 0; k < c->n_sessions; k++) {
        const cf_session *s = cf_engine_session_get(e, c->sessions[k]);
        if (!s)
            continue;
        const cf_gap *before = NULL;
        for (unsigned i = 0; i < s->n_gaps; i++) {
            const cf_gap *g = &s->gaps[i];
            if (g->ts < from) {
                before = g;
                continue;
            }
            if (g->ts > to)
                break;
            if (c->n_gaps < CF_CALL_GAPS)
                c->gaps[c->n_gaps] = *g;
            c->n_gaps++;
        }
        if (before && !c->begin_seen) {
            if (c->n_gaps < CF_CALL_GAPS) {   /* in frame order: it goes first */
                memmove(c->gaps + 1, c->gaps, c->n_gaps * sizeof *c->gaps);
                c->gaps[0] = *before;
            }
            c->n_gaps++;
        }
    }
}

void cf_replay(cf_engine *e, cf_call *c)
{
    call_gaps(e, c);
    for (uint32_t i = 0; i < c->n_party; i++) {
        cf_party *p = &c->party[i];
        p->state = CF_PS_UNKNOWN;
        p->roles = 0;
        p->first_ev = p->last_ev = -1;
        p->dialed = -1;
        p->t_ringing = p->t_connected = p->t_released = 0;
        p->ring_us = p->held_us = 0;
        p->release_cause = CF_NO_VALUE;
        p->release_cause_name = NULL;
        p->moved_to = NULL;
        p->agent = NULL;
    }
    c->caller = c->answerer = c->released_by = -1;
    c->t_answered = 0;
    c->ring_us = c->talk_us = c->held_us = 0;
    c->t_queued = c->t_queue_left = 0;
    c->queued_before = 0;
    c->release_cause = CF_NO_VALUE;
    c->release_cause_name = NULL;
    c->release_cause_field = NULL;
    int queue_p = -1, in_queue = 0, failed = 0, abandoned = 0, rang = 0;
    int64_t prev = c->n_ev ? c->ev[0].ts : 0;
    for (uint32_t i = 0; i < c->n_ev; i++) {
        cf_event *v = &c->ev[i];
        int64_t dt = v->ts - prev;
        if (dt > 0) {
            int talking = 0, held = 0;
            for (uint32_t k = 0; k < c->n_party; k++) {
                cf_party *p = &c->party[k];
                if (p->state == CF_PS_CONNECTED && !dev_infra(p->dev))
                    talking++;
                else if (p->state == CF_PS_HELD) {
                    held = 1;
                    p->held_us += dt;
                } else if (p->state == CF_PS_RINGING)
                    p->ring_us += dt;
            }
            if (talking >= 2)
                c->talk_us += dt;
            if (held)
                c->held_us += dt;
            prev = v->ts;
        }
        pmark(c, v->this_p, i);
        pmark(c, v->other_p, i);
        for (unsigned k = 0; k < v->n_list; k++)
            pmark(c, v->list[k], i);
        int tp = v->this_p, op = v->other_p;
        cf_party *T = tp >= 0 ? &c->party[tp] : NULL;
        switch (v->type) {
        case CF_EV_OFF_HOOK:
        case CF_EV_DIALING:
            if (T) {
                if (!pstate_gone(T->state) && T->state != CF_PS_CONNECTED)
                    T->state = CF_PS_DIALING;
                if (c->caller < 0)
                    c->caller = tp;
                if (v->type == CF_EV_DIALING && op >= 0) {
                    T->dialed = op;
                    c->party[op].roles |= CF_ROLE_CALLED;
                }
            }
            break;
        case CF_EV_RINGING:
            if (T && !pstate_gone(T->state) && T->state != CF_PS_CONNECTED) {
                T->state = CF_PS_RINGING;
                if (!T->t_ringing)
                    T->t_ringing = v->ts;
                rang = 1;
            }
            if (op >= 0 && c->caller < 0)
                c->caller = op;
            break;
        case CF_EV_ESTABLISHED: {
            int other = op;
            if (other < 0 && T && T->dialed >= 0)
                other = T->dialed;   /* the dialed party answered */
            connect_party(c, tp, v->ts);
            connect_party(c, other, v->ts);
            if (c->caller < 0 && other >= 0)
                c->caller = other;
            int ans = tp >= 0 && tp != c->caller ? tp : other != c->caller ? other : -1;
            if (ans >= 0 && !dev_infra(c->party[ans].dev)) {
                c->party[ans].roles |= CF_ROLE_ANSWERER;
                if (!c->t_answered) {
                    c->t_answered = v->ts;
                    c->answerer = ans;
                }
                if (in_queue) {
                    in_queue = 0;
                    if (!c->t_queue_left)
                        c->t_queue_left = v->ts;
                }
            }
            break;
        }
        case CF_EV_HELD:
            if (T && !pstate_gone(T->state))
                T->state = CF_PS_HELD;
            break;
        case CF_EV_RETRIEVED:
            if (T && !pstate_gone(T->state))
                T->state = CF_PS_CONNECTED;
            break;
        case CF_EV_QUEUED:
            if (T) {
                T->state = CF_PS_QUEUED;
                T->roles |= CF_ROLE_QUEUE;
                queue_p = tp;
            }
            if (!c->t_queued) {
                c->t_queued = v->ts;
                c->queued_before = (v->flags & CF_F_QUEUED_BEFORE) != 0;
            }
            in_queue = 1;
            if (op >= 0 && c->caller < 0)
                c->caller = op;
            break;
        case CF_EV_DIVERTED:
            if (v->flags & CF_F_QUEUE_LEAVE) {
                /* the call leaves its queue (the event may not name it) */
                int q = tp >= 0 ? tp : queue_p;
                if (q >= 0 && !pstate_gone(c->party[q].state))
                    c->party[q].state = CF_PS_DIVERTED;
                if (tp < 0 && queue_p >= 0) {
                    /* the event names no queue: it is the call's queue's */
                    v->this_p = (int16_t)queue_p;
                    pmark(c, queue_p, i);
                }
                if (in_queue && !c->t_queue_left)
                    c->t_queue_left = v->ts;
                in_queue = 0;
                if ((v->flags & CF_F_ANSWERED) && !c->t_answered)
                    c->t_answered = v->ts;   /* answered, by whom the queue does not say */
            } else if (T && !pstate_gone(T->state)) {
                T->state = CF_PS_DIVERTED;
            }
            break;
        case CF_EV_PARTY_CHANGED:
        case CF_EV_PARTY_ADDED: {
            int conf = v->type == CF_EV_PARTY_ADDED;
            if (v->merge_role == CF_MR_MERGED) {
                for (unsigned k = 0; k < v->n_list; k++) {
                    cf_party *p = &c->party[v->list[k]];
                    p->state = CF_PS_MOVED;
                    p->moved_to = c->merged_into;
                }
                if (!conf && T && T->state != CF_PS_MOVED) {
                    T->state = CF_PS_TRANSFERRED;
                    T->roles |= CF_ROLE_TRANSFERRER;
                    if (!T->t_released)
                        T->t_released = v->ts;
                }
            } else {
                for (unsigned k = 0; k < v->n_list; k++) {
                    cf_party *p = &c->party[v->list[k]];
                    if (p->state != CF_PS_CONNECTED) {
                        p->state = CF_PS_CONNECTED;
                        if (!p->t_connected)
                            p->t_connected = v->ts;
                    }
                }
                if (T) {
                    int listed = 0;
                    for (unsigned k = 0; k < v->n_list; k++)
                        listed |= v->list[k] == tp;
                    if (conf) {
                        T->roles |= CF_ROLE_CONTROLLER;
                    } else {
                        T->roles |= CF_ROLE_TRANSFERRER;
                        if (!listed) {
                            T->state = CF_PS_TRANSFERRED;
                            if (!T->t_released)
                                T->t_released = v->ts;
                        }
                    }
                }
                if (op >= 0)
                    c->party[op].roles |= conf ? CF_ROLE_ADDED : CF_ROLE_TRANSFER_TO;
            }
            break;
        }
        case CF_EV_RELEASED:
        case CF_EV_ABANDONED:
        case CF_EV_PARTY_DELETED: {
            if (!T)
                break;
            int was_waiting = in_queue;
            for (uint32_t k = 0; k < c->n_party; k++)
                if ((int)k != tp && c->party[k].state == CF_PS_RINGING)
                    was_waiting = 1;
            release_party(c, tp, v->ts, v);
            int left = 0;
            for (uint32_t k = 0; k < c->n_party; k++)
                left += c->party[k].state == CF_PS_CONNECTED || c->party[k].state == CF_PS_HELD;
            if (!c->t_answered && tp == c->caller && was_waiting) {
                v->type = CF_EV_ABANDONED;
                abandoned = 1;
                if (in_queue && !c->t_queue_left)
                    c->t_queue_left = v->ts;
                in_queue = 0;
            } else if (left >= 2 && !dev_infra(T->dev)) {
                v->type = CF_EV_PARTY_DELETED;
            } else {
                v->type = CF_EV_RELEASED;
            }
            if (c->released_by < 0 && !dev_infra(T->dev)) {
                c->released_by = tp;
                c->release_cause = v->cause;
                c->release_cause_name = v->cause_name;
                c->release_cause_field = v->cause_field;
            }
            break;
        }
        case CF_EV_DESTINATION_BUSY:
            if (T) {
                T->state = CF_PS_FAILED;
                if (!T->t_released)
                    T->t_released = v->ts;
                T->release_cause = v->cause;
                T->release_cause_name = v->cause_name;
            }
            failed = 1;
            break;
        case CF_EV_CALL_DELETED:
            if (in_queue && !c->t_answered) {
                abandoned = 1;
                if (!c->t_queue_left)
                    c->t_queue_left = v->ts;
                in_queue = 0;
            }
            /* the call is cleared: whoever is still on it is released.
             * Only the server's reporting ending (CCX END_CALL_EVENT, CAP
             * detached: the user left a call that goes on) says nothing of
             * the others: they keep the last state the capture gave. */
            if (v->flags & CF_F_DELETE)
                for (uint32_t k = 0; k < c->n_party; k++) {
                    cf_party *p = &c->party[k];
                    if (!pstate_gone(p->state) && p->state != CF_PS_UNKNOWN)
                        release_party(c, (int)k, v->ts, NULL);
                }
            break;
        default:
            break;
        }
    }
    if (c->caller >= 0)
        c->party[c->caller].roles |= CF_ROLE_CALLER;
    for (uint32_t k = 0; k < c->n_party; k++)
        c->ring_us += c->party[k].ring_us;
    /* times */
    if (c->n_ev) {
        c->t_first = c->ev[0].ts;
        c->f_first = c->ev[0].frame;
        c->t_last = c->ev[c->n_ev - 1].ts;
        c->f_last = c->ev[c->n_ev - 1].frame;
        for (uint32_t i = 0; i < c->n_ev; i++) {
            if (c->ev[i].frame < c->f_first)
                c->f_first = c->ev[i].frame;
            if (c->ev[i].frame > c->f_last)
                c->f_last = c->ev[i].frame;
        }
    }
    /* agents: those logged on at a DN that got connected, in connection order */
    c->n_agents = 0;
    int order[64];
    unsigned no = 0;
    for (uint32_t k = 0; k < c->n_party && no < 64; k++) {
        cf_party *p = &c->party[k];
        cf_key probe;
        key_probe(&probe, c->protocol, c->server, p->dn, p->dn_len);
        cf_key *f = g_hash_table_lookup(e->agent_ext, &probe);
        if (f && f->val) {
            cf_agent *a = f->val;
            p->agent = a->id;
        }
        if (p->agent && p->t_connected) {
            unsigned j = no++;
            while (j > 0 && c->party[order[j - 1]].t_connected > p->t_connected) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = (int)k;
        }
    }
    for (unsigned j = 0; j < no && c->n_agents < 8; j++) {
        const char *a = c->party[order[j]].agent;
        int dup = 0;
        for (unsigned i = 0; i < c->n_agents; i++)
            dup |= strcmp(c->agents[i], a) == 0;
        if (!dup)
            c->agents[c->n_agents++] = a;
    }
    /* outcome */
    if (c->end == CF_END_NONE)
        c->outcome = CF_OUT_OPEN;
    else if (c->merged_into)
        c->outcome = CF_OUT_MERGED;
    else if (c->t_answered)
        c->outcome = CF_OUT_ANSWERED;
    else if (failed)
        c->outcome = CF_OUT_FAILED;
    else if (abandoned)
        c->outcome = CF_OUT_ABANDONED;
    else if (rang)
        c->outcome = CF_OUT_NOT_ANSWERED;
    else
        c->outcome = CF_OUT_ENDED;
    if (c->t_queued && !c->t_queue_left && c->end != CF_END_NONE && !c->t_answered)
        c->t_queue_left = c->t_end;
}
