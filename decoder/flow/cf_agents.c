/* cf_agents.c - agents: one cf_agent per (protocol, server, agent id),
 * its current state and the time spent in each state, the extension it is
 * logged on at (the replay uses it to name a call's agents), and with
 * keep_agent_steps its whole timeline (--agents).
 *
 * An agent state event seen on several client connections counts once
 * (the same copy test as a call's events).
 */
#include "cf_internal.h"

#include <stdio.h>

static cf_agent *agent_get(cf_engine *e, const char *proto, uint32_t server, cf_str id)
{
    cf_key k;
    key_probe(&k, proto, server, id.p, id.n);
    cf_key *f = g_hash_table_lookup(e->agents, &k);
    if (f)
        return f->val;
    cf_agent *a = g_new0(cf_agent, 1);
    a->protocol = proto;
    a->server = server;
    a->id = g_strndup(id.p, id.n);
    a->state = CF_AS_UNKNOWN;
    g_hash_table_add(e->agents, key_new(proto, server, id.p, id.n, a));
    if (e->agent_list) {
        g_ptr_array_free(e->agent_list, TRUE);
        e->agent_list = NULL;
    }
    return a;
}

void cf_agent_event(cf_engine *e, cf_session *s, const cf_input *w)
{
    char idb[80];
    cf_str id = w->agent_id;
    if (!id.n) {
        if (!w->this_dn.n)
            return;
        int n = snprintf(idb, sizeof idb, "@%.*s", (int)w->this_dn.n, w->this_dn.p);
        id.p = idb;
        id.n = (uint32_t)(n < (int)sizeof idb ? n : (int)sizeof idb - 1);
    }
    cf_agent *a = agent_get(e, s->protocol, s->server, id);
    if (seen_dup(a->seen, &a->seen_next, &a->seen_bits, w->hash, w->ts, w->session, e->opt.dedup_us)) {
        a->dups++;
        s->n_dups++;
        e->n_dups++;
        return;
    }
    if (w->this_dn.n && !str_eq(a->ext, w->this_dn)) {
        g_free(a->ext);
        a->ext = g_strndup(w->this_dn.p, w->this_dn.n);
    }
    if (w->this_dn.n && w->agent_id.n) {
        cf_key probe;
        key_probe(&probe, s->protocol, s->server, w->this_dn.p, w->this_dn.n);
        cf_key *f = g_hash_table_lookup(e->agent_ext, &probe);
        if (f)
            f->val = a;
        else
            g_hash_table_add(e->agent_ext,
                             key_new(s->protocol, s->server, w->this_dn.p, w->this_dn.n, a));
    }
    if (a->n_changes && w->ts > a->since)
        a->state_us[a->state] += w->ts - a->since;
    if (!a->n_changes || w->ts < a->t_first) {
        a->t_first = w->ts;
        a->f_first = w->frame;
    }
    if (!a->n_changes || w->ts >= a->t_last) {
        a->t_last = w->ts;
        a->f_last = w->frame;
    }
    a->n_changes++;
    a->state = w->agent_state;
    a->since = w->ts;
    a->since_frame = w->frame;
    if (e->opt.keep_agent_steps) {
        if (a->n_steps == a->cap_steps) {
            a->cap_steps = a->cap_steps ? a->cap_steps * 2 : 16;
            a->steps = g_renew(cf_agent_step, a->steps, a->cap_steps);
        }
        cf_agent_step *st = &a->steps[a->n_steps++];
        st->ts = w->ts;
        st->frame = w->frame;
        st->state = w->agent_state;
        st->wire_state = w->agent_state_wire;
        st->reason = w->cause;
        st->reason_name = w->cause_name;
        st->session = w->session;
    }
}
