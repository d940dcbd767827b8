/* test_flow_rules.c - the call-flow engine's rules, each on real CCX
 * messages (encoded from the tables, decoded, normalized by the adapter):
 * copies on several sessions, call id reuse, abandon and failure, renames,
 * out-of-order events, failed requests, heartbeat gaps, streaming, filters,
 * the CSV and time formats. */
#include "flow_test_util.h"
#include "fast_append.h"
#include "small_mem.h"

#define MS 1000


static void full_call(ft *t, uint32_t s, unsigned id)
{
    ft_msgf(t, s, 0, FT_BEGIN, id);
    ft_msgf(t, s, 0, FT_DELIVERED, id);
    ft_msgf(t, s, 0, FT_ESTABLISHED, id);
    ft_msgf(t, s, 0, FT_RELEASED, id, "2005", "2005");
    ft_msgf(t, s, 0, FT_RELEASED, id, "2006", "2006");
    ft_msgf(t, s, 0, FT_CLEARED, id);
    ft_msgf(t, s, 0, FT_ENDCALL, id);
}

/* A bridge-mode and an agent-mode client see the same call: one call, the
 * same reconstruction as with one client, every copy counted. */
static void test_dedup_sessions(void)
{
    ft *one = ft_new(NULL, NULL), *two = ft_new(NULL, NULL);
    uint32_t s1 = ft_session(one, "10.0.0.2:50000");
    ft_play(one, "../captures/flows/ccx-queued-answered.flow", &s1, 1, 0);
    cf_engine_finish(one->e);
    uint32_t s2[2] = { ft_session(two, "10.0.0.2:50000"), ft_session(two, "10.0.0.3:50001") };
    ft_play(two, "../captures/flows/ccx-queued-answered.flow", s2, 2, 3 * MS);
    cf_engine_finish(two->e);
    g_assert_cmpuint(ft_n_calls(two), ==, 1);
    const cf_call *a = ft_call(one, "16777507", 0), *b = ft_call(two, "16777507", 0);
    char *ta = ft_timeline(a), *pa = ft_parties(a);
    ft_assert_str(ft_timeline(b), ta);
    ft_assert_str(ft_parties(b), pa);
    g_free(ta);
    g_free(pa);
    g_assert_cmpuint(a->dups, ==, 0);
    g_assert_cmpuint(b->dups, ==, 15);          /* every call event came twice */
    g_assert_cmpuint(b->n_sessions, ==, 2);
    g_assert_cmpint(b->outcome, ==, a->outcome);
    g_assert_cmpint(b->talk_us, ==, a->talk_us);
    unsigned na;
    const cf_agent *const *ag = cf_engine_agents(two->e, &na);
    g_assert_cmpuint(ag[0]->n_steps, ==, 4);    /* not 8 */
    g_assert_cmpuint(ag[0]->dups, ==, 4);
    g_assert_cmpuint(cf_engine_n_dups(two->e), ==, 19);
    ft_free(one);
    ft_free(two);
}

/* The same message twice on ONE session is two events (a real repeat). */
static void test_repeat_same_session(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 100u);
    ft_msgf(t, s, 0, "CALL_HELD_EVENT CallID=%u HoldingDeviceType=76 LocalConnectionState=LCS_HOLD "
                  "EventCause=CEC_NONE ConnectionDeviceID=2005 HoldingDeviceID=2005", 100u);
    ft_msgf(t, s, 0, "CALL_HELD_EVENT CallID=%u HoldingDeviceType=76 LocalConnectionState=LCS_HOLD "
                  "EventCause=CEC_NONE ConnectionDeviceID=2005 HoldingDeviceID=2005", 100u);
    cf_engine_finish(t->e);
    ft_assert_str(ft_timeline(ft_call(t, "100", 0)), "EventCallCreated@2005 | EventHeld@2005 | EventHeld@2005");
    ft_free(t);
}

/* CallIDs repeat: a BEGIN_CALL_EVENT for an id whose call ended starts a
 * new call; a second begin while the first never ended emits the first as
 * open (superseded). */
static void test_callid_reuse(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    full_call(t, s, 200);
    ft_msgf(t, s, 0, FT_BEGIN, 200u);
    ft_msgf(t, s, 0, FT_DELIVERED, 200u);
    ft_msgf(t, s, 0, FT_BEGIN, 200u);
    cf_engine_finish(t->e);
    g_assert_cmpuint(ft_n_calls(t), ==, 3);
    const cf_call *a = ft_call(t, "200", 0), *b = ft_call(t, "200", 1), *c = ft_call(t, "200", 2);
    g_assert_cmpint(a->outcome, ==, CF_OUT_ANSWERED);
    g_assert_cmpuint(a->n_ev, ==, 7);
    ft_assert_str(ft_timeline(b), "EventCallCreated@2005 | EventRinging@2006>2005(CEC_NEW_CALL)");
    g_assert_cmpint(b->outcome, ==, CF_OUT_OPEN);
    g_assert_cmpstr(b->superseded, ==, "#10");
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005");
    ft_free(t);
}

/* The caller leaves while queued: EventAbandoned, outcome abandoned, the
 * queue counts it, the summary lists it. */
static void test_abandoned(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 300u);
    ft_msgf(t, s, 0, FT_QUEUED, 300u);
    t->ts += 5000 * MS;
    ft_msgf(t, s, 0, FT_RELEASED, 300u, "2005", "2005");
    ft_msgf(t, s, 0, FT_CLEARED, 300u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "300", 0);
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005 | EventQueued@5>2005 | EventAbandoned@2005 | "
                                  "EventCallDeleted(CECX_DROP_HANDLED_OTHER)");
    g_assert_cmpint(c->outcome, ==, CF_OUT_ABANDONED);
    g_assert_cmpint(c->t_queue_left - c->t_queued, ==, 5001 * MS);
    unsigned n;
    const cf_queue *const *q = cf_engine_queues(t->e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(q[0]->abandoned, ==, 1);
    g_assert_cmpuint(q[0]->answered, ==, 0);
    g_assert_cmpint(q[0]->ab_max, ==, 5001 * MS);
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(t->e, CF_NOTE_ABANDONED_CALL, &n, &tot);
    g_assert_cmpuint(tot, ==, 1);
    g_assert_nonnull(strstr(nt[0].text, "call 300: EventAbandoned at 2005 #3"));
    g_assert_nonnull(strstr(nt[0].text, "after 5.001 s in queue 5"));
    ft_free(t);
}

/* A busy destination: EventDestinationBusy, outcome failed. */
static void test_failed(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 400u);
    ft_msgf(t, s, 0, "CALL_ORIGINATED_EVENT CallID=%u CallingDeviceType=76 CalledDeviceType=0 "
                  "LocalConnectionState=LCS_INITIATE EventCause=CEC_NONE ConnectionDeviceID=2005 "
                  "CallingDeviceID=2005 CalledDeviceID=5551234", 400u);
    ft_msgf(t, s, 0, "CALL_FAILED_EVENT CallID=%u FailingDeviceType=0 CalledDeviceType=0 "
                  "LocalConnectionState=LCS_FAIL EventCause=CEC_BUSY ConnectionDeviceID=5551234 "
                  "FailingDeviceID=5551234 CalledDeviceID=5551234", 400u);
    ft_msgf(t, s, 0, FT_CLEARED, 400u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "400", 0);
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005 | EventDialing@2005>5551234 | "
                                  "EventDestinationBusy@5551234(CEC_BUSY) | "
                                  "EventCallDeleted(CECX_DROP_HANDLED_OTHER)");
    ft_assert_str(ft_parties(c), "2005/agent-device/caller/released | 5551234/extension/called/failed");
    g_assert_cmpint(c->outcome, ==, CF_OUT_FAILED);
    unsigned n;
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(t->e, CF_NOTE_FAILED_CALL, &n, &tot);
    g_assert_cmpuint(tot, ==, 1);
    g_assert_nonnull(strstr(nt[0].text, "EventDestinationBusy at 5551234 #3 (CALL_FAILED_EVENT, CEC_BUSY)"));
    ft_free(t);
}

/* CALL_DATA_UPDATE_EVENT's NewCallID renames the call. */
static void test_rename(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 500u);
    ft_msgf(t, s, 0, "CALL_DATA_UPDATE_EVENT CallType=CALLTYPE_OUT CallID=500 NewCallID=501 "
                  "ConnectionDeviceID=2005 NewConnectionDeviceID=2005 CallVariable1=x%s", "");
    ft_msgf(t, s, 0, FT_DELIVERED, 501u);
    ft_msgf(t, s, 0, FT_CLEARED, 501u);
    cf_engine_finish(t->e);
    g_assert_cmpuint(ft_n_calls(t), ==, 1);
    const cf_call *c = ft_call(t, "501", 0);
    g_assert_true(c == ft_call(t, "500", 0));
    g_assert_cmpuint(c->n_ids, ==, 2);
    g_assert_cmpstr(ft_field(c, "CallVariable1"), ==, "x");
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005 | EventCallDataChanged@2005 | "
                                  "EventRinging@2006>2005(CEC_NEW_CALL) | "
                                  "EventCallDeleted(CECX_DROP_HANDLED_OTHER)");
    ft_free(t);
}

/* Events arriving out of time order (another session, a delayed segment)
 * are put in time order. */
static void test_time_order(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    int64_t t0 = t->ts;
    t->ts = t0 + 10 * MS;
    ft_msgf(t, s, 0, FT_ESTABLISHED, 600u);
    t->ts = t0 - 5 * MS;
    ft_msgf(t, s, 0, FT_BEGIN, 600u);
    t->ts = t0;
    ft_msgf(t, s, 0, FT_DELIVERED, 600u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "600", 0);
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005 | EventRinging@2006>2005(CEC_NEW_CALL) | "
                                  "EventEstablished@2006>2005(CEC_NEW_CALL)");
    g_assert_cmpint(c->t_answered, ==, t0 + 11 * MS);
    g_assert_cmpint(c->party[cf_call_party(c, "2006")].ring_us, ==, 10 * MS);
    ft_free(t);
}

/* A failed request: the failure names what it answers, with its decoded
 * codes, and goes on the call the request was about. */
static void test_failed_request(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 700u);
    ft_msgf(t, s, 1, "HOLD_CALL_REQ InvokeID=5 CallID=700 ConnectionDeviceID=2005%s", "");
    ft_msgf(t, s, 0, "CONTROL_FAILURE_CONF InvokeID=5 FailureCode=CF_INVALID_CSTA_CALL_ID "
                  "UnifiedCCXErrorCode=0 Text=no%s", "");
    ft_msgf(t, s, 1, "SET_AGENT_STATE_REQ InvokeID=6 AgentState=AGENT_STATE_READY AgentInstrument=2005%s", "");
    ft_msgf(t, s, 0, "FAILURE_CONF InvokeID=6 Status=E_CTI_INVALID_CALLID%s", "");
    cf_engine_finish(t->e);
    unsigned n;
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(t->e, CF_NOTE_ERROR, &n, &tot);
    g_assert_cmpuint(tot, ==, 2);
    g_assert_nonnull(strstr(nt[0].text, "CONTROL_FAILURE_CONF #3 answers HOLD_CALL_REQ #2 (InvokeID 5, call 700): "
                                        "FailureCode=11 (CF_INVALID_CSTA_CALL_ID)"));
    g_assert_nonnull(strstr(nt[1].text, "FAILURE_CONF #5 answers SET_AGENT_STATE_REQ #4 (InvokeID 6): "
                                        "Status=13 (E_CTI_INVALID_CALLID)"));
    const cf_call *c = ft_call(t, "700", 0);
    ft_assert_str(ft_timeline(c), "EventCallCreated@2005 | EventError(CF_INVALID_CSTA_CALL_ID)");
    g_assert_nonnull(strstr(c->ev[1].note, "HOLD_CALL_REQ #2 failed"));
    ft_free(t);
}

/* Silence from the client longer than IdleTimeout. */
static void test_heartbeat_gap(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 1, "OPEN_REQ InvokeID=1 VersionNumber=13 IdleTimeout=20 "
                  "ServicesRequested=CTI_SERVICE_ALL_EVENTS ClientID=x ClientPassword=hex:%s", "");
    ft_msgf(t, s, 0, "OPEN_CONF InvokeID=1 ServicesGranted=CTI_SERVICE_ALL_EVENTS%s", "");
    t->ts += 5000 * MS;
    ft_msgf(t, s, 1, "HEARTBEAT_REQ InvokeID=2%s", "");
    ft_msgf(t, s, 0, "HEARTBEAT_CONF InvokeID=2%s", "");
    t->ts += 30000 * MS;
    ft_msgf(t, s, 1, "HEARTBEAT_REQ InvokeID=3%s", "");
    cf_engine_session_end(t->e, s, "RST", 9, t->ts + 1000);
    cf_engine_finish(t->e);
    unsigned n;
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(t->e, CF_NOTE_HEARTBEAT, &n, &tot);
    g_assert_cmpuint(tot, ==, 1);
    g_assert_nonnull(strstr(nt[0].text, "no client message for 30.002 s (IdleTimeout 20 s): from #3 to #5"));
    nt = cf_engine_notes(t->e, CF_NOTE_SESSION, &n, &tot);
    g_assert_cmpuint(tot, ==, 1);
    g_assert_nonnull(strstr(nt[0].text, "reset (RST)"));
    const cf_session *ss = cf_engine_session_get(t->e, s);
    g_assert_cmpuint(ss->idle_timeout, ==, 20);
    g_assert_cmpstr(ss->mode, ==, "bridge");
    ft_free(t);
}

/* Streaming: calls that end are emitted while the input goes on, so what
 * is in memory is the calls in progress, not the input. */
static unsigned max_live;
static void count_cb(void *ctx, const cf_engine *e, const cf_call *c)
{
    (void)c;
    unsigned *n = ctx;
    (*n)++;
    if (cf_engine_live_calls(e) > max_live)
        max_live = (unsigned)cf_engine_live_calls(e);
}

static void test_streaming(void)
{
    unsigned emitted = 0;
    ft *t = ft_new_emitting(count_cb, &emitted);
    cf_engine *e = t->e;
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    size_t peak = 0;
    for (unsigned i = 0; i < 3000; i++) {
        full_call(t, s, 1000 + i);
        t->ts += 100 * MS;   /* 10 calls a second */
        if (cf_engine_live_calls(e) > peak)
            peak = cf_engine_live_calls(e);
    }
    g_assert_cmpuint(emitted, >, 2900);   /* all but the last ~2 s */
    g_assert_cmpuint(peak, <=, 30);       /* 2 s of grace at 10 calls/s, not 3000 */
    cf_engine_finish(e);
    g_assert_cmpuint(emitted, ==, 3000);
    g_assert_cmpuint(cf_engine_live_calls(e), ==, 0);
    ft_free(t);
}

/* Connections come and go (every client reconnect is one): a session that
 * has ended leaves memory once no live call names it, so the session table
 * holds the open connections and those of the calls in progress, never
 * every connection seen.  A call still names its session's client when it
 * is printed, after the connection ended. */
static unsigned max_sessions, named_ok;
static void session_cb(void *ctx, const cf_engine *e, const cf_call *c)
{
    (void)ctx;
    const cf_session *s = cf_engine_session_get(e, c->sessions[0]);
    if (s && c->n_sessions == 1 && g_str_has_prefix(s->client_ep, "10.0."))
        named_ok++;
    if (cf_engine_live_sessions(e) > max_sessions)
        max_sessions = cf_engine_live_sessions(e);
}

static void test_sessions_leave(void)
{
    ft *t = ft_new_emitting(session_cb, NULL);
    cf_engine *e = t->e;
    max_sessions = named_ok = 0;
    enum { CONNECTIONS = 5000 };
    for (unsigned i = 0; i < CONNECTIONS; i++) {
        char client[32];
        snprintf(client, sizeof client, "10.0.%u.%u:%u", i / 250 % 250, i % 250 + 2, 40000 + i % 20000);
        uint32_t s = ft_session(t, client);
        ft_msgf(t, s, 1, "OPEN_REQ InvokeID=1 VersionNumber=13 IdleTimeout=20 "
                         "ServicesRequested=CTI_SERVICE_ALL_EVENTS ClientID=x ClientPassword=hex:%s", "");
        ft_msgf(t, s, 0, "OPEN_CONF InvokeID=1 ServicesGranted=CTI_SERVICE_ALL_EVENTS%s", "");
        full_call(t, s, 1000 + i);
        cf_engine_session_end(t->e, s, i % 2 ? "FIN" : "RST", t->frame, t->ts);
        t->ts += 100 * MS;   /* 10 connections a second */
        if (cf_engine_live_sessions(e) > max_sessions)
            max_sessions = cf_engine_live_sessions(e);
    }
    g_assert_cmpuint(cf_engine_n_sessions(e), ==, CONNECTIONS);
    /* the calls of the last 2 s (the grace before a call is printed) keep
     * their sessions: about 20, not 5000 */
    g_assert_cmpuint(max_sessions, <=, 30);
    cf_engine_finish(e);
    g_assert_cmpuint(named_ok, ==, CONNECTIONS);
    g_assert_cmpuint(cf_engine_live_sessions(e), ==, 0);
    unsigned n;
    uint64_t tot;
    cf_engine_notes(e, CF_NOTE_SESSION, &n, &tot);
    g_assert_cmpuint(tot, ==, CONNECTIONS);   /* each said how it ended */
    ft_free(t);
}

/* An event on a session that has ended (a late segment, or a dissector
 * fed out of order) whose call begins again: emitting the superseded call
 * drops the session's last reference.  The event holds its session until
 * it is done, so the new call still names the session (before, the
 * session was freed under the event and the new call named none). */
static unsigned late_calls, late_named, late_superseded;
static void late_cb(void *ctx, const cf_engine *e, const cf_call *c)
{
    (void)ctx;
    late_calls++;
    const cf_session *s = c->n_sessions ? cf_engine_session_get(e, c->sessions[0]) : NULL;
    if (s && !strcmp(s->client_ep, "10.0.0.2:50000"))
        late_named++;
    if (c->superseded)
        late_superseded++;
}

static void test_event_after_session_end(void)
{
    ft *t = ft_new_emitting(late_cb, NULL);
    cf_engine *e = t->e;
    late_calls = late_named = late_superseded = 0;
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    const char *begin = "BEGIN_CALL_EVENT NumCTIClients=0 NumNamedVariables=0 NumNamedArrays=0 "
                        "CallType=9 ConnectionDeviceType=0 CallID=777 CalledPartyDisposition=0 "
                        "ConnectionDeviceID=2005 ANI=2005 DNIS=7000 DialedNumber=7000";
    ft_msg(t, s, 0, begin, 0);
    cf_engine_session_end(t->e, s, "FIN", t->frame + 1, t->ts + 1000);
    g_assert_cmpuint(cf_engine_live_sessions(e), ==, 1);   /* call 777 names it */
    ft_msg(t, s, 0, begin, 0);                             /* after the end */
    g_assert_cmpuint(late_calls, ==, 1);                   /* the first, superseded */
    g_assert_cmpuint(cf_engine_live_sessions(e), ==, 1);   /* the second call names it */
    cf_engine_finish(e);
    g_assert_cmpuint(late_calls, ==, 2);
    g_assert_cmpuint(late_superseded, ==, 1);
    g_assert_cmpuint(late_named, ==, 2);
    g_assert_cmpuint(cf_engine_live_sessions(e), ==, 0);
    ft_free(t);
}

/* Filters select calls before anything is counted. */
static void test_filters(void)
{
    cf_filter f;
    cf_filter_init(&f);
    f.dn = "2007";
    ft *t = ft_new(NULL, &f);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_play(t, "../captures/flows/ccx-transferred.flow", &s, 1, 0);
    cf_engine_finish(t->e);
    g_assert_cmpuint(ft_n_calls(t), ==, 3);   /* kept for the test, but only 2 selected: */
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_OPEN), ==, 0);
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_MERGED), ==, 1);
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_ANSWERED), ==, 1);
    ft_free(t);

    cf_filter_init(&f);
    f.call_id = "16777507";
    t = ft_new(NULL, &f);
    s = ft_session(t, "10.0.0.2:50000");
    ft_play(t, "../captures/flows/ccx-transferred.flow", &s, 1, 0);
    cf_engine_finish(t->e);
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_OPEN), ==, 1);
    g_assert_cmpuint(cf_engine_outcome_count(t->e, CF_OUT_ANSWERED), ==, 0);
    ft_free(t);

    cf_filter_init(&f);
    f.agent = "agt2007";
    int64_t tod;
    g_assert_cmpint(cf_parse_time("23:59:59", &f.from, &tod), ==, 0);   /* tod: nothing that late */
    f.from_tod = tod;
    t = ft_new(NULL, &f);
    s = ft_session(t, "10.0.0.2:50000");
    ft_play(t, "../captures/flows/ccx-transferred.flow", &s, 1, 0);
    cf_engine_finish(t->e);
    uint64_t total = 0;
    for (int k = 0; k < CF_OUT_COUNT; k++)
        total += cf_engine_outcome_count(t->e, k);
    g_assert_cmpuint(total, ==, 0);
    ft_free(t);
}

/* RFC 4180 rows: quoted fields, doubled quotes, one column per header. */
static void test_csv(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, "BEGIN_CALL_EVENT CallType=CALLTYPE_OUT CallID=800 ConnectionDeviceID=2005 "
                  "ANI=2005 CallVariable1=\"a, \\\"b\\\"\"%s", "");
    cf_engine_finish(t->e);
    GString *row = g_string_new(NULL);
    cf_call_csv(row, t->e, ft_call(t, "800", 0));
    g_assert_true(g_str_has_suffix(row->str, "\r\n"));
    g_assert_nonnull(strstr(row->str, ",\"CallVariable1=a, \"\"b\"\"\",\r\n"));   /* then gaps: none */
    /* count the columns of the row with an RFC 4180 reader */
    unsigned cols = 1;
    int q = 0;
    for (const char *p = row->str; *p && *p != '\r'; p++) {
        if (*p == '"')
            q = !q;
        else if (*p == ',' && !q)
            cols++;
    }
    unsigned want = 0;   /* one file: not the columns of several */
    for (size_t i = 0; i < cf_csv_n_columns; i++)
        want += !cf_csv_column_several_files(i);
    g_assert_cmpuint(want, ==, cf_csv_n_columns - 2);
    g_assert_cmpuint(cols, ==, want);
    g_string_free(row, TRUE);
    ft_free(t);
}

static void test_parse_time(void)
{
    int64_t a, d;
    g_assert_cmpint(cf_parse_time("2026-11-22T02:08:16Z", &a, &d), ==, 0);
    g_assert_cmpint(a, ==, 1795313296ll * 1000000);
    g_assert_cmpint(d, ==, CF_NO_VALUE);
    g_assert_cmpint(cf_parse_time("2026-11-22T03:08:16.5+01:00", &a, &d), ==, 0);
    g_assert_cmpint(a, ==, 1795313296ll * 1000000 + 500000);
    g_assert_cmpint(cf_parse_time("02:08:16", &a, &d), ==, 0);
    g_assert_cmpint(a, ==, CF_NO_VALUE);
    g_assert_cmpint(d, ==, (2 * 3600 + 8 * 60 + 16) * 1000000ll);
    g_assert_cmpint(cf_parse_time("2:8", &a, &d), ==, -1);
    g_assert_cmpint(cf_parse_time("2026-13-01T00:00:00Z", &a, &d), ==, -1);
    g_assert_cmpint(cf_parse_time("yesterday", &a, &d), ==, -1);
}

/* A transfer whose consult call was never seen: both calls are made, the
 * consult one ends merged. */
static void test_merge_unknown(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, "CALL_TRANSFERRED_EVENT PrimaryCallID=900 NumParties=2 SecondaryCallID=901 "
                  "TransferringDeviceType=76 TransferredDeviceType=76 LocalConnectionState=LCS_CONNECT "
                  "EventCause=CEC_TRANSFER PrimaryDeviceID=2006 SecondaryDeviceID=2007 "
                  "TransferringDeviceID=2006 TransferredDeviceID=2007 ConnectedPartyCallID=900 "
                  "ConnectedPartyDeviceType=0 ConnectedPartyDeviceID=2005 ConnectedPartyCallID=900 "
                  "ConnectedPartyDeviceType=0 ConnectedPartyDeviceID=2007%s", "");
    cf_engine_finish(t->e);
    g_assert_cmpuint(ft_n_calls(t), ==, 2);
    const cf_call *c = ft_call(t, "900", 0), *k = ft_call(t, "901", 0);
    g_assert_cmpstr(k->merged_into, ==, "900");
    g_assert_cmpint(k->outcome, ==, CF_OUT_MERGED);
    g_assert_cmpint(c->outcome, ==, CF_OUT_OPEN);
    ft_assert_str(ft_parties(c), "2005/unknown//connected | 2007/agent-device/transfer-target/connected | "
                                 "2006/agent-device/transferrer/transferred");
    ft_free(t);
}

/* An open call with no event for the stale limit is emitted, still open. */
static void test_stale(void)
{
    cf_options o;
    cf_options_default(&o);
    o.stale_us = 60 * 1000000ll;
    ft *t = ft_new(&o, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 1u);
    t->ts += 61 * 1000000ll;
    ft_msgf(t, s, 0, FT_BEGIN, 2u);
    g_assert_cmpuint(ft_n_calls(t), ==, 1);
    g_assert_true(ft_call(t, "1", 0)->stale);
    g_assert_cmpint(ft_call(t, "1", 0)->outcome, ==, CF_OUT_OPEN);
    cf_engine_finish(t->e);
    ft_free(t);
}

/* Attached data with a quote, a control character, a byte that is not
 * UTF-8 and a valid UTF-8 letter, in each call output: JSON escapes
 * them (U+FFFD for the bad byte), CSV quotes the field, text shows '?'. */
static void test_output_escaping(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    GByteArray *b = cts_encode("BEGIN_CALL_EVENT CallType=CALLTYPE_OUT CallID=301 "
                               "ConnectionDeviceID=2005 ANI=XXXXXXXX DNIS=7000");
    static const guint8 odd[8] = { 'a', '"', 'b', 0x01, 0xff, 0xc3, 0xa9, 'c' };
    guint8 *x = NULL;
    for (guint i = 0; i + 8 <= b->len && !x; i++)
        if (memcmp(b->data + i, "XXXXXXXX", 8) == 0)
            x = b->data + i;
    g_assert_nonnull(x);
    memcpy(x, odd, sizeof odd);
    ft_bytes(t, s, 0, b->data, b->len, 0);
    g_byte_array_unref(b);
    ft_msgf(t, s, 0, FT_CLEARED, 301u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "301", 0);
    GString *o = g_string_new(NULL);
    cf_call_json(o, t->e, c);
    g_assert_nonnull(strstr(o->str, "\"ANI\":\"a\\\"b\\u0001\\ufffd\xc3\xa9" "c\""));
    g_string_truncate(o, 0);
    cf_call_csv(o, t->e, c);
    g_assert_nonnull(strstr(o->str, ",\"a\"\"b\x01\xef\xbf\xbd\xc3\xa9" "c\","));
    g_string_truncate(o, 0);
    cf_call_text(o, t->e, c, 1);
    g_assert_nonnull(strstr(o->str, "ANI=a\"b??\xc3\xa9" "c"));
    g_string_free(o, TRUE);
    ft_free(t);
}

/* The ladder of a call with eleven parties in 16-column lanes: the
 * delivery from the first to party k is an arrow of k * 16 - 2 lines (up
 * to 158, more than the 64 the writer copies at once), a name wider than
 * its column goes on over a second line, and a name that is not ASCII is
 * centered by its characters.  --ascii and UTF-8. */
static void test_ladder_wide(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 401u);
    for (int k = 1; k <= 10; k++) {
        char dn[32];
        g_snprintf(dn, sizeof dn, "%s", k == 10 ? "Jos\xc3\xa9-10" : k == 3 ? "a-very-long-name-3" : "");
        if (!dn[0])
            g_snprintf(dn, sizeof dn, "device-%d", k);
        ft_msgf(t, s, 0,
                "CALL_DELIVERED_EVENT CallID=401 AlertingDeviceType=76 CallingDeviceType=76 "
                "LocalConnectionState=LCS_ALERTING EventCause=CEC_NEW_CALL ConnectionDeviceID=%s "
                "AlertingDeviceID=%s CallingDeviceID=2005 CalledDeviceID=7000",
                dn, dn);
    }
    ft_msgf(t, s, 0, FT_CLEARED, 401u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "401", 0);
    g_assert_nonnull(c);
    for (int ascii = 0; ascii < 2; ascii++) {
        GString *o = g_string_new(NULL);
        cf_call_text(o, t->e, c, ascii);
        char **lines = g_strsplit(o->str, "\n", -1);
        const char *h = ascii ? "-" : "\u2500", *lane = ascii ? "|" : "\u2502";
        int arrows = 0, rows = 0, names = 0;
        for (char **l = lines; *l; l++) {
            if (g_str_has_prefix(*l, "  party ")) {
                /* the long name cut after 15 characters, its end below */
                g_assert_nonnull(strstr(*l, "a-very-long-nam"));
                g_assert_true(g_str_has_suffix(l[1], "e-3") && strstr(l[1], "   e-3"));
                g_assert_nonnull(strstr(*l, "    Jos\xc3\xa9-10"));   /* 8 wide: 4 blanks before */
                names++;
            }
            if (!g_regex_match_simple("^  \\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d #", *l, 0, 0))
                continue;
            rows++;
            unsigned n_lane = 0, n_h = 0, run = 0, best = 0;
            for (const char *p = *l; *p;) {
                if (g_str_has_prefix(p, h)) {
                    n_h++;
                    if (++run > best)
                        best = run;
                    p += strlen(h);
                    continue;
                }
                run = 0;
                if (g_str_has_prefix(p, lane))
                    n_lane++;
                p = g_utf8_next_char(p);
            }
            /* the delivery to party k (frame k + 1): (k - 0) * 16 - 2 lines,
             * then the head; no other row has lines */
            unsigned frame = (unsigned)strtoul(strchr(*l, '#') + 1, NULL, 10);
            if (frame >= 2 && frame <= 11) {
                g_assert_cmpuint(best, ==, (frame - 1) * 16 - 2);
                g_assert_cmpuint(n_h, ==, best);
                g_assert_nonnull(strstr(*l, ascii ? "->|" : "\u2500\u25b6\u2502"));
                g_assert_cmpuint(n_lane, ==, 2);   /* 2005's, and the ringing party's */
                arrows++;
            } else {
                g_assert_cmpuint(n_h, ==, 0);
                g_assert_cmpuint(n_lane, ==, 0);
            }
        }
        g_assert_cmpint(arrows, ==, 10);
        g_assert_cmpint(names, ==, 1);
        g_assert_cmpint(rows, ==, (int)c->n_ev);
        g_strfreev(lines);
        g_string_free(o, TRUE);
    }
    ft_free(t);
}

/* The hash the call-flow pipeline takes of a message in its batch (the
 * bytes zero-padded to a multiple of 8) is the hash of the bytes: copies
 * of one message hashed either way must merge. */
static void test_hash_padded(void)
{
    GRand *r = g_rand_new_with_seed(3);
    uint8_t bytes[80], padded[88];
    for (size_t n = 0; n <= sizeof bytes; n++) {
        for (int iter = 0; iter < 20; iter++) {
            for (size_t i = 0; i < n; i++)
                bytes[i] = (uint8_t)g_rand_int(r);
            memset(padded, 0, sizeof padded);
            memcpy(padded, bytes, n);
            g_assert_cmphex(cf_hash_padded(padded, n), ==, cf_hash_bytes(bytes, n));
        }
    }
    /* and it tells messages apart: one byte changed, or one zero byte more */
    uint8_t a[24] = { 1, 2, 3 }, b[24] = { 1, 2, 4 };
    g_assert_cmphex(cf_hash_padded(a, 3), !=, cf_hash_padded(b, 3));
    g_assert_cmphex(cf_hash_padded(a, 3), !=, cf_hash_padded(a, 4));
    g_rand_free(r);
}

/* The outputs' number formatter, across its 32-bit fast path's edges. */
static void test_number_format(void)
{
    const uint64_t v[] = { 0, 7, 10, 99, 100, 12345, 16777539, 4294967295u, 4294967296ull,
                           1700000000123456ull, 18446744073709551615ull };
    for (size_t i = 0; i < G_N_ELEMENTS(v); i++) {
        /* in a full buffer (the slow path) and with room, padded or not */
        GString *s = g_string_new(NULL), *r = g_string_sized_new(256);
        fa_uint(s, v[i], 6);
        fa_uint(r, v[i], 6);
        char *want = g_strdup_printf("%06" G_GUINT64_FORMAT, v[i]);
        g_assert_cmpstr(s->str, ==, want);
        g_assert_cmpstr(r->str, ==, want);
        g_free(want);
        g_string_truncate(r, 0);
        fa_uint(r, v[i], 1);
        want = g_strdup_printf("%" G_GUINT64_FORMAT, v[i]);
        g_assert_cmpstr(r->str, ==, want);
        g_free(want);
        g_string_free(s, TRUE);
        g_string_free(r, TRUE);
    }
    /* the digit count at every power of ten */
    for (uint64_t p = 1, k = 1; k <= 19; p *= 10, k++) {
        g_assert_cmpuint(fa_ndigits(p), ==, k);
        g_assert_cmpuint(fa_ndigits(p - 1), ==, p == 1 ? 1 : k - 1);
    }
}

/* The engine's id compare and NUL scan, word-wise: every length up to 40
 * and a difference (or a NUL) at every position. */
static void test_short_mem(void)
{
    char a[48], b[48];
    for (size_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < n; i++)
            a[i] = b[i] = (char)('0' + i % 10);
        g_assert_true(cts_short_eq(a, b, n));
        g_assert_false(cts_has_nul(a, n));
        for (size_t d = 0; d < n; d++) {
            b[d] ^= 0x40;
            g_assert_false(cts_short_eq(a, b, n));
            b[d] ^= 0x40;
            a[d] = '\0';
            g_assert_true(cts_has_nul(a, n));
            a[d] = b[d];
        }
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/rules/dedup-two-sessions", test_dedup_sessions);
    g_test_add_func("/flow/rules/repeat-same-session", test_repeat_same_session);
    g_test_add_func("/flow/rules/callid-reuse", test_callid_reuse);
    g_test_add_func("/flow/rules/abandoned", test_abandoned);
    g_test_add_func("/flow/rules/output-escaping", test_output_escaping);
    g_test_add_func("/flow/rules/hash-padded", test_hash_padded);
    g_test_add_func("/flow/rules/number-format", test_number_format);
    g_test_add_func("/flow/rules/short-mem", test_short_mem);
    g_test_add_func("/flow/rules/failed", test_failed);
    g_test_add_func("/flow/rules/rename", test_rename);
    g_test_add_func("/flow/rules/time-order", test_time_order);
    g_test_add_func("/flow/rules/failed-request", test_failed_request);
    g_test_add_func("/flow/rules/heartbeat-gap", test_heartbeat_gap);
    g_test_add_func("/flow/rules/streaming", test_streaming);
    g_test_add_func("/flow/rules/filters", test_filters);
    g_test_add_func("/flow/rules/sessions-leave", test_sessions_leave);
    g_test_add_func("/flow/rules/event-after-session-end", test_event_after_session_end);
    g_test_add_func("/flow/rules/csv", test_csv);
    g_test_add_func("/flow/rules/parse-time", test_parse_time);
    g_test_add_func("/flow/rules/merge-unknown-consult", test_merge_unknown);
    g_test_add_func("/flow/rules/stale", test_stale);
    g_test_add_func("/flow/rules/ladder-wide", test_ladder_wide);
    return g_test_run();
}
