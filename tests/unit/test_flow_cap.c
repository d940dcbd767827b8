/* test_flow_cap.c - the BroadWorks CAP adapter (cf_map_cap.c) rebuilds the
 * spec's interactions: each document of captures/flows/cap/<flow>/ (the very
 * files the sample captures were recorded from) is decoded by cap_decode,
 * normalized by cf_cap_fill and fed to the engine, one second apart. */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cap_decode.h"
#include "cf_engine.h"
#include "cf_map_cap.h"
#include "test_util.h"

typedef struct run {
    cf_engine *e;
    unsigned n_calls;
    const cf_call *const *calls;
} run;

static void emit(void *ud, cf_input *w)
{
    cf_engine_feed(ud, w);
}

static void run_flow(run *r, const char *flow)
{
    cf_options o;
    cf_options_default(&o);
    o.keep_emitted = 1;
    o.keep_agent_steps = 1;
    r->e = cf_engine_new(&o, NULL, NULL, NULL);
    GPtrArray *names = cts_cap_flow_docs(flow, NULL);
    int64_t ts = 1795000000ll * 1000000;
    uint32_t sid = cf_engine_session(r->e, "cap", "10.0.0.1:2208", "10.0.0.2:40000", 1, ts);
    cf_cap_ctx *x = cf_cap_ctx_new();
    cap_msg m;
    cap_msg_init(&m);
    cf_input *w = g_new(cf_input, 1);
    for (guint i = 0; i < names->len; i++) {
        const char *path = names->pdata[i];
        char *text = NULL;
        gsize len = 0;
        g_assert_true(g_file_get_contents(path, &text, &len, NULL));
        cap_decode((const uint8_t *)text, len, &m);
        cf_input_reset(w);
        w->session = sid;
        w->frame = i + 1;
        w->ts = ts + (int64_t)i * 1000000;
        /* the client sends the commands chapter 6 sends from the client
         * (unRegister and serverStatusRequest, either way: the client here) */
        w->from_client = m.command && m.command->dir != CAP_DIR_S2C;
        g_assert_cmpuint(cf_cap_fill(x, &m, w, emit, r->e), >=, 1);
        g_free(text);
    }
    cf_engine_finish(r->e);
    r->calls = cf_engine_emitted(r->e, &r->n_calls);
    g_free(w);
    cap_msg_free(&m);
    cf_cap_ctx_free(x);
    g_ptr_array_free(names, TRUE);
}

/* One connection after another, each carrying the registration and the
 * calls of interaction1, each closed: what the adapter keeps per user and
 * call of a connection, and its documents waiting for a response, leave
 * with the connection, and so do the engine's sessions.  (Before, each
 * connection left its users behind, and then its queue of waiting
 * requests.) */
static void test_connections_leave(void)
{
    cf_options o;
    cf_options_default(&o);
    cf_engine *e = cf_engine_new(&o, NULL, NULL, NULL);
    cf_cap_ctx *x = cf_cap_ctx_new();
    GPtrArray *docs = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *names = cts_cap_flow_docs("interaction1", NULL);
    for (guint i = 0; i < names->len; i++) {
        char *text = NULL;
        g_assert_true(g_file_get_contents(names->pdata[i], &text, NULL, NULL));
        g_ptr_array_add(docs, text);
    }
    cap_msg m;
    cap_msg_init(&m);
    cf_input *w = g_new(cf_input, 1);
    int64_t ts = 1795000000ll * 1000000;
    uint64_t frame = 0;
    unsigned peak = 0;
    for (unsigned c = 0; c < 300; c++) {
        char client[32];
        snprintf(client, sizeof client, "10.0.%u.%u:40000", c / 200, c % 200 + 2);
        uint32_t sid = cf_engine_session(e, "cap", "10.0.0.1:2208", client, frame + 1, ts);
        for (guint i = 0; i < docs->len; i++) {
            const char *text = docs->pdata[i];
            cap_decode((const uint8_t *)text, strlen(text), &m);
            cf_input_reset(w);
            w->session = sid;
            w->frame = ++frame;
            w->ts = ts += 100000;
            w->from_client = m.command && m.command->dir != CAP_DIR_S2C;
            cf_cap_fill(x, &m, w, emit, e);
        }
        if (cf_cap_ctx_entries(x) > peak)
            peak = cf_cap_ctx_entries(x);
        cf_engine_session_end(e, sid, "FIN", ++frame, ts += 100000);
        cf_cap_session_end(x, sid);
        g_assert_cmpuint(cf_cap_ctx_entries(x), ==, 0);
    }
    g_assert_cmpuint(peak, >, 0);                        /* it did keep something while open */
    g_assert_cmpuint(cf_engine_live_sessions(e), <=, 2); /* calls of the last 2 s */
    cf_engine_finish(e);
    g_assert_cmpuint(cf_engine_live_sessions(e), ==, 0);
    g_assert_cmpuint(cf_engine_n_sessions(e), ==, 300);
    g_free(w);
    cap_msg_free(&m);
    cf_cap_ctx_free(x);
    cf_engine_free(e);
    g_ptr_array_free(docs, TRUE);
    g_ptr_array_free(names, TRUE);
}

static const cf_call *call_of(run *r, const char *id)
{
    for (unsigned i = 0; i < r->n_calls; i++)
        if (cf_call_has_id(r->calls[i], id))
            return r->calls[i];
    g_error("no call %s", id);
    return NULL;
}

static void check_types(const cf_call *c, const cf_evtype *want, unsigned n)
{
    for (unsigned i = 0; i < c->n_ev && i < n; i++)
        if (c->ev[i].type != want[i])
            g_error("%s event %u: %s, want %s (%s)", c->ids[0], i, cf_evtype_name(c->ev[i].type),
                    cf_evtype_name(want[i]), c->ev[i].msg);
    g_assert_cmpuint(c->n_ev, ==, n);
}

static const cf_party *party(const cf_call *c, const char *dn)
{
    int p = cf_call_party(c, dn);
    if (p < 0)
        g_error("%s: no party %s", c->ids[0], dn);
    return &c->party[p];
}

static const char *pdn(const cf_call *c, int p)
{
    g_assert_cmpint(p, >=, 0);
    return c->party[p].dn;
}

/* Interaction 1: click-to-dial, alerting, active, held, retrieved, released. */
static void test_interaction1(void)
{
    run r;
    run_flow(&r, "interaction1");
    g_assert_cmpuint(r.n_calls, ==, 1);
    const cf_call *c = call_of(&r, "joe@abc.com/localHost220335:0");
    g_assert_cmpstr(c->protocol, ==, "cap");
    static const cf_evtype want[] = {
        CF_EV_CALL_CREATED, CF_EV_DIALING, CF_EV_RINGING, CF_EV_OFF_HOOK, CF_EV_RINGING,
        CF_EV_ESTABLISHED, CF_EV_HELD, CF_EV_RETRIEVED, CF_EV_RELEASED, CF_EV_CALL_DELETED,
    };
    check_types(c, want, G_N_ELEMENTS(want));
    g_assert_true(c->begin_seen);
    g_assert_cmpint(c->end, ==, CF_END_DELETED);
    g_assert_cmpint(c->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpstr(pdn(c, c->caller), ==, "joe@abc.com");
    g_assert_cmpstr(pdn(c, c->answerer), ==, "3015554000");
    g_assert_cmpstr(pdn(c, c->released_by), ==, "joe@abc.com");
    g_assert_cmpint(c->release_cause, ==, 0);
    g_assert_cmpstr(c->release_cause_name, ==, "Normal");
    g_assert_cmpstr(c->release_cause_field, ==, "releaseCause");
    g_assert_cmpuint(c->n_secondary, ==, 1);
    g_assert_cmpstr(c->secondary[0], ==, "102:1");
    g_assert_cmpstr(c->call_type_name, ==, "network");
    /* the click-to-dial leg rings at joe, then the remote rings */
    g_assert_cmpstr(pdn(c, c->ev[2].this_p), ==, "joe@abc.com");
    g_assert_cmpstr(pdn(c, c->ev[4].this_p), ==, "3015554000");
    g_assert_cmpstr(pdn(c, c->ev[6].this_p), ==, "joe@abc.com");   /* held by joe */
    g_assert_cmpstr(c->ev[7].msg, ==, "callUpdate 2 active");
    g_assert_cmpint(c->held_us, ==, 3 * 1000000);   /* held (file 14) to retrieved (file 17) */
    g_assert_cmpint(party(c, "joe@abc.com")->state, ==, CF_PS_RELEASED);
    g_assert_cmpuint(party(c, "3015554000")->roles & CF_ROLE_CALLED, !=, 0);
    /* the remote party as attached data; the name comes with the second
     * callUpdate (#20), and the data event says so */
    const cf_kv_ent *k = cf_call_kv(c, CF_KV_FIELD, "remoteNumber");
    g_assert_nonnull(k);
    g_assert_cmpstr(k->value, ==, "3015554000");
    k = cf_call_kv(c, CF_KV_FIELD, "remoteTelUri");
    g_assert_nonnull(k);
    g_assert_cmpstr(k->value, ==, "tel:+13015554000");
    k = cf_call_kv(c, CF_KV_FIELD, "remoteName");
    g_assert_nonnull(k);
    g_assert_cmpstr(k->value, ==, "Jane Doe");
    g_assert_cmpuint(k->frame, ==, c->ev[4].frame);
    g_assert_nonnull(strstr(c->ev[4].note, "remoteName=Jane Doe"));
    cf_engine_free(r.e);
}

/* Interaction 2: consult transfer (XferConsult), then a blind transfer (Xfer). */
static void test_interaction2(void)
{
    run r;
    run_flow(&r, "interaction2");
    g_assert_cmpuint(r.n_calls, ==, 3);
    const cf_call *a = call_of(&r, "joe@abc.com/localHost220391:0");
    const cf_call *b = call_of(&r, "joe@abc.com/localHost220562:0");
    const cf_call *c = call_of(&r, "joe@abc.com/localHost220741:0");
    /* the consult call merges into the held call */
    g_assert_cmpstr(b->merged_into, ==, "joe@abc.com/localHost220391:0");
    g_assert_cmpint(b->outcome, ==, CF_OUT_MERGED);
    g_assert_cmpuint(a->n_merged_from, ==, 1);
    g_assert_cmpstr(a->merged_from[0], ==, "joe@abc.com/localHost220562:0");
    static const cf_evtype wa[] = { CF_EV_CALL_CREATED, CF_EV_ESTABLISHED, CF_EV_HELD, CF_EV_PARTY_CHANGED,
                                    CF_EV_CALL_DELETED };
    check_types(a, wa, G_N_ELEMENTS(wa));
    g_assert_cmpint(a->ev[3].merge_role, ==, CF_MR_SURVIVOR);
    g_assert_cmpint(a->end, ==, CF_END_ASSOC);
    g_assert_cmpint(party(a, "joe@abc.com")->state, ==, CF_PS_TRANSFERRED);
    g_assert_cmpuint(party(a, "joe@abc.com")->roles & CF_ROLE_TRANSFERRER, !=, 0);
    g_assert_cmpint(cf_call_party(a, "3015554000"), >=, 0);
    g_assert_cmpstr(pdn(a, a->caller), ==, "2403645132");
    static const cf_evtype wb[] = { CF_EV_CALL_CREATED, CF_EV_DIALING, CF_EV_RINGING, CF_EV_ESTABLISHED,
                                    CF_EV_PARTY_CHANGED };
    check_types(b, wb, G_N_ELEMENTS(wb));
    g_assert_cmpint(b->ev[4].merge_role, ==, CF_MR_MERGED);
    g_assert_cmpint(party(b, "3015554000")->state, ==, CF_PS_MOVED);
    g_assert_cmpstr(party(b, "3015554000")->moved_to, ==, "joe@abc.com/localHost220391:0");
    g_assert_cmpint(party(b, "joe@abc.com")->state, ==, CF_PS_TRANSFERRED);
    /* the blind transfer names the number */
    static const cf_evtype wc[] = { CF_EV_CALL_CREATED, CF_EV_RINGING, CF_EV_OFF_HOOK, CF_EV_ESTABLISHED,
                                    CF_EV_PARTY_CHANGED, CF_EV_CALL_DELETED };
    check_types(c, wc, G_N_ELEMENTS(wc));
    g_assert_cmpstr(pdn(c, c->ev[4].other_p), ==, "3015552000");
    g_assert_cmpuint(party(c, "3015552000")->roles & CF_ROLE_TRANSFER_TO, !=, 0);
    g_assert_cmpint(party(c, "joe@abc.com")->state, ==, CF_PS_TRANSFERRED);
    g_assert_cmpstr(pdn(c, c->caller), ==, "3015557000");
    g_assert_cmpstr(pdn(c, c->answerer), ==, "joe@abc.com");
    cf_engine_free(r.e);
}

/* Interaction 3: a three-way conference, held and resumed, released. */
static void test_interaction3(void)
{
    run r;
    run_flow(&r, "interaction3");
    g_assert_cmpuint(r.n_calls, ==, 2);
    const cf_call *a = call_of(&r, "joe@abc.com/localHost220391:0");
    const cf_call *b = call_of(&r, "joe@abc.com/localHost220431:0");
    g_assert_cmpstr(b->merged_into, ==, "joe@abc.com/localHost220391:0");
    static const cf_evtype wa[] = {
        CF_EV_CALL_CREATED, CF_EV_RINGING, CF_EV_OFF_HOOK, CF_EV_ESTABLISHED, CF_EV_HELD, CF_EV_RETRIEVED,
        CF_EV_PARTY_ADDED, CF_EV_HELD, CF_EV_RETRIEVED, CF_EV_PARTY_DELETED, CF_EV_CALL_DELETED,
    };
    check_types(a, wa, G_N_ELEMENTS(wa));
    g_assert_cmpstr(a->ev[6].msg, ==, "sessionUpdate conference Active");
    g_assert_cmpstr(a->ev[7].msg, ==, "sessionUpdate conference Held");
    g_assert_cmpuint(a->n_party, ==, 3);
    g_assert_cmpuint(party(a, "joe@abc.com")->roles & CF_ROLE_CONTROLLER, !=, 0);
    g_assert_cmpuint(party(a, "3015554000")->roles & CF_ROLE_ADDED, !=, 0);
    g_assert_cmpint(a->end, ==, CF_END_DELETED);
    g_assert_cmpint(a->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpstr(pdn(a, a->released_by), ==, "joe@abc.com");
    g_assert_cmpstr(a->release_cause_name, ==, "Normal");
    static const cf_evtype wb[] = { CF_EV_CALL_CREATED, CF_EV_DIALING, CF_EV_RINGING, CF_EV_ESTABLISHED,
                                    CF_EV_PARTY_ADDED };
    check_types(b, wb, G_N_ELEMENTS(wb));
    g_assert_cmpint(party(b, "3015554000")->state, ==, CF_PS_MOVED);
    cf_engine_free(r.e);
}

/* The call center: queue events and the agent's acdState. */
static void test_callcenter(void)
{
    run r;
    run_flow(&r, "callcenter");
    const cf_call *q = call_of(&r, "sales@broadsoft.com/localHost3234:0");
    g_assert_cmpstr(q->queue, ==, "sales@broadsoft.com");
    g_assert_cmpint(q->ev[1].type, ==, CF_EV_QUEUED);
    const cf_call *ab = call_of(&r, "sales@broadsoft.com/localHost3435:0");
    g_assert_cmpint(ab->outcome, ==, CF_OUT_ABANDONED);
    unsigned n;
    const cf_agent *const *ag = cf_engine_agents(r.e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpstr(ag[0]->id, ==, "agentid@broadsoft.com");
    g_assert_cmpuint(ag[0]->n_steps, ==, 3);
    g_assert_cmpint(ag[0]->steps[0].state, ==, CF_AS_READY);
    g_assert_cmpint(ag[0]->steps[1].state, ==, CF_AS_WORK);
    g_assert_cmpint(ag[0]->steps[2].state, ==, CF_AS_READY);
    cf_engine_free(r.e);
}

/* Failures name the request they answer and their cause: the
 * registration's failureCause, the attendant console's failedUser
 * failureReason. */
static void test_failures(void)
{
    static const struct { const char *flow, *text; } want[] = {
        { "registration-failed",
          "registerResponse #4 answers registerRequest #3: failureCause=UnauthorizedAttendantConsole" },
        { "attendant", "monitoringUsersResponse #13 answers monitoringUsersRequest #12: "
                       "failureReason=UnauthorizedUser" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
        run r;
        run_flow(&r, want[i].flow);
        unsigned n;
        uint64_t total;
        const cf_note *notes = cf_engine_notes(r.e, CF_NOTE_ERROR, &n, &total);
        g_assert_cmpuint(n, ==, 1);
        if (!strstr(notes[0].text, want[i].text))
            g_error("%s: \"%s\" lacks \"%s\"", want[i].flow, notes[0].text, want[i].text);
        cf_engine_free(r.e);
    }
}

/* Every row names a known command and a role the tables have. */
static void test_rows(void)
{
    for (size_t i = 0; i < cf_cap_map_len; i++) {
        const cf_cap_row *r = &cf_cap_map[i];
        if (r->command)
            g_assert_nonnull(cap_command_by_name(r->command));
        if (r->flags & CF_F_MERGE)
            g_assert_true(r->ev == CF_EV_PARTY_CHANGED || r->ev == CF_EV_PARTY_ADDED);
        if (r->flags & (CF_F_DELETE | CF_F_ASSOC_END))
            g_assert_cmpint(r->ev, ==, CF_EV_CALL_DELETED);
        if (r->flags & CF_F_CREATE)
            g_assert_cmpint(r->ev, ==, CF_EV_CALL_CREATED);
        g_assert_true(r->label || r->ev == CF_EV_ERROR);   /* NULL: the commandType */
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/cap/rows", test_rows);
    g_test_add_func("/flow/cap/interaction1", test_interaction1);
    g_test_add_func("/flow/cap/connections-leave", test_connections_leave);
    g_test_add_func("/flow/cap/interaction2", test_interaction2);
    g_test_add_func("/flow/cap/interaction3", test_interaction3);
    g_test_add_func("/flow/cap/callcenter", test_callcenter);
    g_test_add_func("/flow/cap/failures", test_failures);
    return g_test_run();
}
