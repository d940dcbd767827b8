/* cf_out_json.c - a call as one JSON object (--calls --json, JSON Lines):
 * ids, times, durations, outcome, causes, queue, parties with their roles
 * and states, attached data and variables, and every event of the call.
 * The agent, queue and summary objects are written by their own printers.
 */
#include "cf_out_internal.h"

static void json_party_ref(GString *s, const cf_call *c, int p)
{
    json_str(s, p >= 0 ? c->party[p].dn : NULL);
}

/* {"key":"value",...} of the call's data of one kind (attached data or
 * named variables). */
static void json_kv_object(GString *s, const cf_call *c, int kind)
{
    int first = 1;
    fa_c(s, '{');
    for (uint32_t i = 0; i < c->n_kv; i++)
        if (c->kv[i].kind == kind) {
            if (!first)
                fa_c(s, ',');
            first = 0;
            json_str(s, c->kv[i].key);
            fa_c(s, ':');
            json_str(s, c->kv[i].value);
        }
    fa_c(s, '}');
}

typedef struct known_as_ctx {
    GString *s;
    int n;
} known_as_ctx;

static void known_as_one(void *ctx, const char *id)
{
    known_as_ctx *k = ctx;
    if (k->n++)
        fa_c(k->s, ',');
    json_str(k->s, id);
}

void cf_json_known_as(GString *s, const cf_call *c)
{
    fa_c(s, '[');
    known_as_ctx k = { s, 0 };
    cf_call_known_as(c, known_as_one, &k);
    fa_c(s, ']');
}

void cf_call_json(GString *s, const cf_engine *e, const cf_call *c)
{
    fa_s(s, "{\"type\":\"call\",\"id\":");
    json_str(s, c->ids[0]);
    fa_s(s, ",\"protocol\":");
    json_str(s, c->protocol);
    fa_s(s, ",\"server\":");
    json_str(s, cf_engine_server_name(e, c->server));
    fa_s(s, ",\"call_ids\":[");
    for (unsigned i = 0; i < c->n_ids; i++) {
        if (i)
            fa_c(s, ',');
        json_str(s, c->ids[i]);
    }
    fa_s(s, "],\"secondary_call_ids\":[");
    for (unsigned i = 0; i < c->n_secondary; i++) {
        if (i)
            fa_c(s, ',');
        json_str(s, c->secondary[i]);
    }
    fa_s(s, "],\"known_as\":");
    cf_json_known_as(s, c);
    fa_s(s, ",\"merged_into\":");
    json_str(s, c->merged_into);
    fa_s(s, ",\"merged_from\":[");
    for (unsigned i = 0; i < c->n_merged_from; i++) {
        if (i)
            fa_c(s, ',');
        json_str(s, c->merged_from[i]);
    }
    g_string_append_printf(s, "],\"state\":\"%s\",\"outcome\":\"%s\",\"begin_seen\":%s",
                           c->end != CF_END_NONE ? "ended" : "open", cf_outcome_name(c->outcome),
                           c->begin_seen ? "true" : "false");
    fa_s(s, ",\"start\":");
    if (c->n_ev)
        json_time(s, c->t_first);
    else
        fa_s(s, "null");
    fa_s(s, ",\"end\":");
    if (c->end != CF_END_NONE)
        json_time(s, c->t_end);
    else
        fa_s(s, "null");
    fa_s(s, ",\"last_event\":");
    if (c->n_ev)
        json_time(s, c->t_last);
    else
        fa_s(s, "null");
    fa_s(s, ",\"duration\":");
    if (c->end != CF_END_NONE)
        json_secs(s, c->t_end - c->t_first);
    else
        fa_s(s, "null");
    fa_s(s, ",\"ringing\":");
    json_secs(s, c->ring_us);
    fa_s(s, ",\"talking\":");
    json_secs(s, c->talk_us);
    fa_s(s, ",\"held\":");
    json_secs(s, c->held_us);
    fa_s(s, ",\"end_message\":");
    json_str(s, c->end != CF_END_NONE ? c->end_msg : NULL);
    g_string_append_printf(s, ",\"end_frame\":");
    if (c->end != CF_END_NONE)
        out_frame_json(s, e, c->f_end, "end_file");
    else
        fa_s(s, "null");
    fa_s(s, ",\"end_cause\":");
    cf_json_cause(s, c->end_cause_field, c->end != CF_END_NONE ? c->end_cause : CF_NO_VALUE,
                  c->end_cause_name);
    fa_s(s, ",\"call_type\":");
    if (c->call_type != CF_NO_VALUE) {
        g_string_append_printf(s, "{\"value\":%lld,\"name\":", (long long)c->call_type);
        json_str(s, c->call_type_name);
        fa_c(s, '}');
    } else {
        fa_s(s, "null");
    }
    fa_s(s, ",\"ani\":");
    json_str(s, kv(c, "ANI"));
    fa_s(s, ",\"dnis\":");
    json_str(s, kv(c, "DNIS"));
    fa_s(s, ",\"dialed_number\":");
    json_str(s, kv(c, "DialedNumber"));
    fa_s(s, ",\"caller\":");
    json_party_ref(s, c, c->caller);
    fa_s(s, ",\"answered_by\":");
    json_party_ref(s, c, c->answerer);
    fa_s(s, ",\"answered\":");
    if (c->t_answered)
        json_time(s, c->t_answered);
    else
        fa_s(s, "null");
    fa_s(s, ",\"released_by\":");
    json_party_ref(s, c, c->released_by);
    fa_s(s, ",\"release_cause\":");
    cf_json_cause(s, c->release_cause_field, c->release_cause, c->release_cause_name);
    fa_s(s, ",\"agents\":");
    json_str_list(s, c->agents, c->n_agents);
    fa_s(s, ",\"queue\":");
    if (c->queue) {
        fa_s(s, "{\"id\":");
        json_str(s, c->queue);
        fa_s(s, ",\"queued\":");
        if (c->t_queued)
            json_time(s, c->t_queued);
        else
            fa_s(s, "null");
        fa_s(s, ",\"left\":");
        int64_t left = call_queue_left(c);
        if (left)
            json_time(s, left);
        else
            fa_s(s, "null");
        fa_s(s, ",\"wait\":");
        if (left)
            json_secs(s, left - c->t_queued);
        else
            fa_s(s, "null");
        g_string_append_printf(s, ",\"wait_at_least\":%s", c->queued_before ? "true" : "false");
        fa_s(s, ",\"result\":");
        json_str(s, !c->t_queued ? NULL
                    : c->t_answered >= c->t_queued && c->t_answered ? "answered"
                    : c->end == CF_END_NONE ? "open"
                    : c->outcome == CF_OUT_ABANDONED ? "abandoned" : "other");
        fa_c(s, '}');
    } else {
        fa_s(s, "null");
    }
    fa_s(s, ",\"parties\":[");
    for (uint32_t i = 0; i < c->n_party; i++) {
        const cf_party *p = &c->party[i];
        if (i)
            fa_c(s, ',');
        fa_s(s, "{\"dn\":");
        json_str(s, p->dn);
        g_string_append_printf(s, ",\"device\":\"%s\",\"roles\":[", cf_dev_name(p->dev));
        int any = 0;
        for (unsigned b = 0; b < CF_ROLE_COUNT_; b++)
            if (p->roles & (1u << b)) {
                g_string_append_printf(s, "%s\"%s\"", any ? "," : "", cf_role_name(b));
                any = 1;
            }
        g_string_append_printf(s, "],\"state\":\"%s\",\"agent\":", cf_pstate_name(p->state));
        json_str(s, p->agent);
        fa_s(s, ",\"ringing\":");
        if (p->t_ringing)
            json_time(s, p->t_ringing);
        else
            fa_s(s, "null");
        fa_s(s, ",\"connected\":");
        if (p->t_connected)
            json_time(s, p->t_connected);
        else
            fa_s(s, "null");
        fa_s(s, ",\"released\":");
        if (p->t_released)
            json_time(s, p->t_released);
        else
            fa_s(s, "null");
        fa_s(s, ",\"ring\":");
        json_secs(s, p->ring_us);
        fa_s(s, ",\"held\":");
        json_secs(s, p->held_us);
        fa_s(s, ",\"moved_to\":");
        json_str(s, p->moved_to);
        fa_c(s, '}');
    }
    fa_s(s, "],\"attached\":");
    json_kv_object(s, c, CF_KV_FIELD);
    fa_s(s, ",\"variables\":");
    json_kv_object(s, c, CF_KV_VAR);
    fa_s(s, ",\"arrays\":[");
    int first = 1;
    for (uint32_t i = 0; i < c->n_kv; i++)
        if (c->kv[i].kind == CF_KV_ARRAY) {
            if (!first)
                fa_c(s, ',');
            first = 0;
            fa_s(s, "{\"name\":");
            json_str(s, c->kv[i].key);
            g_string_append_printf(s, ",\"index\":%d,\"value\":", (int)c->kv[i].index);
            json_str(s, c->kv[i].value);
            fa_c(s, '}');
        }
    fa_s(s, "],\"sessions\":[");
    for (unsigned i = 0; i < c->n_sessions; i++) {
        if (i)
            fa_c(s, ',');
        json_str(s, session_client(e, c->sessions[i]));
    }
    g_string_append_printf(s, "],\"copies_merged\":%u,\"first_frame\":", c->dups);
    out_frame_json(s, e, c->f_first, "first_file");
    fa_s(s, ",\"last_frame\":");
    out_frame_json(s, e, c->f_last, "last_file");
    fa_s(s, ",\"gaps\":[");
    for (unsigned i = 0; i < c->n_gaps && i < CF_CALL_GAPS; i++) {
        const cf_gap *g = &c->gaps[i];
        if (i)
            fa_c(s, ',');
        fa_s(s, "{\"frame\":");
        out_frame_json(s, e, g->frame, "file");
        fa_s(s, ",\"time\":");
        json_time(s, g->ts);
        g_string_append_printf(s, ",\"missing_bytes\":%llu,\"from\":\"%s\",\"session\":",
                               (unsigned long long)g->missing, g->from_client ? "client" : "server");
        json_str(s, session_client(e, g->session));
        fa_c(s, '}');
    }
    g_string_append_printf(s, "],\"gaps_total\":%u", c->n_gaps);
    fa_s(s, ",\"events\":[");
    for (uint32_t i = 0; i < c->n_ev; i++) {
        const cf_event *v = &c->ev[i];
        if (i)
            fa_c(s, ',');
        fa_s(s, "{\"time\":");
        json_time(s, v->ts);
        fa_s(s, ",\"frame\":");
        out_frame_json(s, e, v->frame, "file");
        g_string_append_printf(s, ",\"event\":\"%s\",\"message\":", cf_evtype_name(v->type));
        json_str(s, v->msg);
        fa_s(s, ",\"this_dn\":");
        json_party_ref(s, c, v->this_p);
        fa_s(s, ",\"other_dn\":");
        json_party_ref(s, c, v->other_p);
        fa_s(s, ",\"cause\":");
        cf_json_cause(s, v->cause_field, v->cause, v->cause_name);
        if (v->merge_role) {
            g_string_append_printf(s, ",\"merge\":\"%s\",\"parties\":[",
                                   v->merge_role == CF_MR_SURVIVOR ? "survivor" : "merged");
            for (unsigned k = 0; k < v->n_list; k++) {
                if (k)
                    fa_c(s, ',');
                json_party_ref(s, c, v->list[k]);
            }
            fa_c(s, ']');
        }
        fa_s(s, ",\"note\":");
        json_str(s, v->note);
        fa_s(s, ",\"session\":");
        json_str(s, session_client(e, v->session));
        fa_c(s, '}');
    }
    fa_s(s, "]}");
}
