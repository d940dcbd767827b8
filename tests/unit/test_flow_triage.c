/* test_flow_triage.c - the facts a support engineer reads first (issue 13):
 * the --summary, --queues, --calls and --agents outputs on real messages
 * (CCX encoded from the tables, CAP documents of the spec's interactions),
 * each fact checked in the printed text or JSON, not only in the model. */
#include "flow_test_util.h"
#include "cap_decode.h"
#include "cf_map_cap.h"

#define MS 1000


/* What a printer writes, as a string. */
typedef void (*printer_fn)(cf_out *o, const cf_engine *e);

static char *render(const cf_engine *e, printer_fn fn, cf_fmt fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    g_assert_nonnull(f);
    cf_out *o = cf_out_new(f, fmt, 0);
    fn(o, e);
    cf_out_free(o);
    fclose(f);
    return buf;
}

static char *call_text(const cf_engine *e, const cf_call *c)
{
    GString *s = g_string_new(NULL);
    cf_call_text(s, e, c, 0);
    return g_string_free(s, FALSE);
}

#define assert_has(hay, needle)                                                                   \
    do {                                                                                          \
        if (!strstr((hay), (needle)))                                                             \
            g_error("%s:%d: no \"%s\" in:\n%s", __FILE__, __LINE__, (needle), (hay));            \
    } while (0)
#define assert_lacks(hay, needle)                                                                 \
    do {                                                                                          \
        if (strstr((hay), (needle)))                                                              \
            g_error("%s:%d: \"%s\" in:\n%s", __FILE__, __LINE__, (needle), (hay));               \
    } while (0)

/* ---- BroadWorks CAP: the spec's interactions, document by document ---- */

typedef struct capfeed {
    cf_engine *e;
    cf_cap_ctx *x;
    cap_msg m;
    cf_input *w;
    uint32_t sid;
    uint64_t frame;
    int64_t ts;
    unsigned docs;
} capfeed;

static void cap_emit(void *ud, cf_input *w)
{
    cf_engine_feed(ud, w);
}

static void capfeed_init(capfeed *f)
{
    memset(f, 0, sizeof *f);
    cf_options o;
    cf_options_default(&o);
    o.keep_emitted = 1;
    o.keep_agent_steps = 1;
    f->e = cf_engine_new(&o, NULL, NULL, NULL);
    f->x = cf_cap_ctx_new();
    cap_msg_init(&f->m);
    f->w = g_new(cf_input, 1);
    f->ts = 1795000000ll * 1000000;
    f->sid = cf_engine_session(f->e, "cap", "10.0.0.1:2208", "10.0.0.2:40000", 1, f->ts);
}

static void capfeed_free(capfeed *f)
{
    cf_engine_free(f->e);
    cf_cap_ctx_free(f->x);
    cap_msg_free(&f->m);
    g_free(f->w);
}

/* One document, a frame and a second after the one before; the client
 * sends what chapter 6 has the client send (unRegister here too). */
static void capfeed_doc(capfeed *f, const char *text, size_t len)
{
    cap_decode((const uint8_t *)text, len, &f->m);
    f->frame++;
    f->ts += 1000000;
    cf_input_reset(f->w);
    f->w->session = f->sid;
    f->w->frame = f->frame;
    f->w->ts = f->ts;
    f->w->from_client = f->m.command && f->m.command->dir != CAP_DIR_S2C;
    g_assert_cmpuint(cf_cap_fill(f->x, &f->m, f->w, cap_emit, f->e), >=, 1);
    f->docs++;
}

/* The documents of captures/flows/cap/<flow>/ in order, but those whose
 * name has skip; then the connection's end (FIN) and the end of input. */
static void capfeed_flow(capfeed *f, const char *flow, const char *skip)
{
    GPtrArray *paths = cts_cap_flow_docs(flow, skip);
    for (guint i = 0; i < paths->len; i++) {
        char *text = NULL;
        gsize len = 0;
        g_assert_true(g_file_get_contents(paths->pdata[i], &text, &len, NULL));
        capfeed_doc(f, text, len);
        g_free(text);
    }
    f->ts += 1000;
    cf_engine_session_end(f->e, f->sid, "FIN", f->frame + 1, f->ts);
    cf_engine_finish(f->e);
    g_ptr_array_free(paths, TRUE);
}

/* The notes of a kind, their texts joined by newlines. */
static char *notes_text(const cf_engine *e, cf_note_kind k)
{
    unsigned n;
    uint64_t tot;
    const cf_note *nt = cf_engine_notes(e, k, &n, &tot);
    GString *s = g_string_new(NULL);
    for (unsigned i = 0; i < n; i++)
        g_string_append_printf(s, "%s\n", nt[i].text);
    return g_string_free(s, FALSE);
}

static unsigned notes_count(const cf_engine *e, cf_note_kind k)
{
    unsigned n;
    uint64_t tot;
    cf_engine_notes(e, k, &n, &tot);
    return (unsigned)tot;
}

/* Item 5: a duration is rounded to the millisecond, the same in every
 * output: a wait of 4.040651 s is 4.041 in --calls and in --queues. */
static void test_duration_rounding(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 500u);
    ft_msgf(t, s, 0, FT_QUEUED, 500u);
    int64_t queued = t->ts;
    ft_msgf(t, s, 0, FT_DELIVERED, 500u);
    t->ts = queued + 4040651 - MS;   /* the next message is 1 ms later */
    ft_msgf(t, s, 0, FT_ESTABLISHED, 500u);
    ft_msgf(t, s, 0, FT_RELEASED, 500u, "2005", "2005");
    ft_msgf(t, s, 0, FT_CLEARED, 500u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "500", 0);
    g_assert_cmpint(c->t_answered - c->t_queued, ==, 4040651);
    char *text = call_text(t->e, c);
    assert_has(text, "answered after 4.041 s");
    char *q = render(t->e, cf_out_queues, CF_FMT_TEXT);
    assert_has(q, " 4.041 ");
    assert_lacks(q, "4.040");
    char tb[CF_SECS_TEXT];
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 4040651), ==, "4.041");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 4040499), ==, "4.040");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, 999500), ==, "1.000");
    g_assert_cmpstr(cf_secs_text(tb, sizeof tb, -5), ==, "0.000");
    g_free(text);
    free(q);
    ft_free(t);
}

/* Item 1: a session closed by a request that has no confirmation (CAP
 * unRegister) says so, and names no frame #0; a CCX CLOSE_REQ names its
 * CLOSE_CONF, or says there was none. */
static void test_close_confirmation(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "registration", NULL);
    char *t = notes_text(f.e, CF_NOTE_SESSION);
    assert_has(t, "closed: unRegister #10, which has no confirmation; connection end #11 (FIN)");
    assert_lacks(t, "#0");
    g_free(t);
    char *j = render(f.e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"request\":{\"message\":\"unRegister\",\"frame\":10,\"invoke_id\":null}");
    assert_has(j, "\"response_frame\":null");
    free(j);
    capfeed_free(&f);

    for (int conf = 0; conf < 2; conf++) {
        ft *c = ft_new(NULL, NULL);
        uint32_t s = ft_session(c, "10.0.0.2:50000");
        ft_msg(c, s, 1, "OPEN_REQ InvokeID=1 VersionNumber=13 IdleTimeout=60 "
                        "ServicesRequested=CTI_SERVICE_ALL_EVENTS ClientID=bridge ClientPassword=hex:", 0);
        ft_msg(c, s, 0, "OPEN_CONF InvokeID=1 ServicesGranted=CTI_SERVICE_ALL_EVENTS UnifiedCCXOnline=1", 0);
        ft_msg(c, s, 1, "CLOSE_REQ InvokeID=2 Status=E_CTI_NO_ERROR", 0);
        if (conf)
            ft_msg(c, s, 0, "CLOSE_CONF InvokeID=2", 0);
        cf_engine_session_end(c->e, s, "FIN", c->frame + 1, c->ts + 1000);
        cf_engine_finish(c->e);
        t = notes_text(c->e, CF_NOTE_SESSION);
        assert_has(t, conf ? "closed: CLOSE_REQ #3, CLOSE_CONF #4; connection end #5 (FIN)"
                           : "closed: CLOSE_REQ #3, no confirmation in the capture; connection end #4 (FIN)");
        assert_lacks(t, "#0");
        g_free(t);
        g_assert_cmpuint(notes_count(c->e, CF_NOTE_UNANSWERED), ==, conf ? 0 : 1);
        ft_free(c);
    }
}

/* Item 2: a CAP failure names the request it answers (by the plugin's
 * rule: user, action id, action type), the call that request was about,
 * and the reason the response gives. */
static void test_cap_failed_request(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "callcenter", NULL);
    g_assert_cmpuint(notes_count(f.e, CF_NOTE_ERROR), ==, 1);
    char *t = notes_text(f.e, CF_NOTE_ERROR);
    assert_has(t, "callActionResponse #23 answers callAction TagCallWithDispositionCode #22 "
                  "(call agentid@broadsoft.com/localHost220338:0): success=False: Invalid disposition code");
    g_free(t);
    char *j = render(f.e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"kind\":\"failed_request\"");
    assert_has(j, "\"call_id\":\"agentid@broadsoft.com/localHost220338:0\",\"message\":\"callActionResponse\"");
    assert_has(j, "\"request\":{\"message\":\"callAction TagCallWithDispositionCode\",\"frame\":22,"
                  "\"invoke_id\":null},\"code\":{\"field\":\"success\",\"value\":null,\"name\":\"False\"}");
    assert_has(j, "\"reason\":\"Invalid disposition code\"");
    free(j);
    /* and on the call's ladder */
    const cf_call *c = NULL;
    unsigned n;
    const cf_call *const *all = cf_engine_emitted(f.e, &n);
    for (unsigned i = 0; i < n; i++)
        if (cf_call_has_id(all[i], "agentid@broadsoft.com/localHost220338:0"))
            c = all[i];
    g_assert_nonnull(c);
    char *ct = call_text(f.e, c);
    assert_has(ct, "EventError (callActionResponse, success=False): callAction TagCallWithDispositionCode #22 "
                   "failed: success=False: Invalid disposition code");
    g_free(ct);
    capfeed_free(&f);
}

/* Item 3: --summary counts messages (a CAP document is one, however many
 * calls it updates), as --stats does; the events are counted apart. */
static void test_message_count(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "callcenter", NULL);
    g_assert_cmpuint(f.docs, ==, 45);
    g_assert_cmpuint(cf_engine_n_messages(f.e), ==, 45);
    g_assert_cmpuint(cf_engine_n_events(f.e), >, 45);
    char *t = render(f.e, cf_out_summary, CF_FMT_TEXT);
    assert_has(t, " · 45 messages · ");
    assert_has(t, "; 45 messages, last #45");
    free(t);
    char *j = render(f.e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"messages\":45,\"events\":");
    free(j);
    capfeed_free(&f);
}

/* Item 14: a request never answered is listed: a CCX request whose
 * InvokeID no response carries, a CAP callAction (responseRequested) with
 * no callActionResponse.  Answered ones are not. */
static void test_unanswered_requests(void)
{
    ft *c = ft_new(NULL, NULL);
    uint32_t s = ft_session(c, "10.0.0.2:50000");
    ft_msg(c, s, 1, "HEARTBEAT_REQ InvokeID=7", 0);
    ft_msg(c, s, 0, "HEARTBEAT_CONF InvokeID=7", 0);
    ft_msg(c, s, 1, "HEARTBEAT_REQ InvokeID=8", 0);
    c->ts += 5000 * MS;
    cf_engine_session_end(c->e, s, "RST", c->frame + 1, c->ts);
    cf_engine_finish(c->e);
    g_assert_cmpuint(notes_count(c->e, CF_NOTE_UNANSWERED), ==, 1);
    char *t = render(c->e, cf_out_summary, CF_FMT_TEXT);
    assert_has(t, "Requests never answered (no response in the capture): 1\n"
                  "  #3      10.0.0.2:50000 -> 10.0.0.1:42027: HEARTBEAT_REQ #3 (InvokeID 8): "
                  "no response in the capture (connection end #4, 5.000 s later)\n");
    free(t);
    char *j = render(c->e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"kind\":\"unanswered_request\",\"frame\":3,");
    assert_has(j, "\"request\":{\"message\":\"HEARTBEAT_REQ\",\"frame\":3,\"invoke_id\":8}");
    free(j);
    ft_free(c);

    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "callcenter", NULL);
    g_assert_cmpuint(notes_count(f.e, CF_NOTE_UNANSWERED), ==, 0);   /* every request answered */
    capfeed_free(&f);
    capfeed_init(&f);
    capfeed_flow(&f, "callcenter", "25-callActionResponse");
    g_assert_cmpuint(notes_count(f.e, CF_NOTE_UNANSWERED), ==, 1);
    t = notes_text(f.e, CF_NOTE_UNANSWERED);
    assert_has(t, ": callAction TagCallWithDispositionCode #24: no response in the capture; "
                  "call agentid@broadsoft.com/localHost220338:0 (connection end #45, ");
    g_free(t);
    capfeed_free(&f);
}

/* Item 15: every --summary --json item has its kind and its facts as keys
 * (the same keys in every item, null when not known). */
static void test_summary_json_facts(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 300u);          /* abandoned in the queue */
    ft_msgf(t, s, 0, FT_QUEUED, 300u);
    t->ts += 5000 * MS;
    ft_msgf(t, s, 0, FT_RELEASED, 300u, "2005", "2005");
    ft_msgf(t, s, 0, FT_CLEARED, 300u);
    ft_msgf(t, s, 0, FT_BEGIN, 301u);          /* never ends */
    cf_engine_gap(t->e, s, t->frame + 1, t->ts, 37, 0);
    cf_engine_finish(t->e);
    char *j = render(t->e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"abandoned_calls\":{\"count\":1,\"items\":[{\"kind\":\"abandoned_call\",\"frame\":3,"
                  "\"time\":\"");
    assert_has(j, "\"session\":{\"client\":\"10.0.0.2:50000\",\"server\":\"10.0.0.1:42027\","
                  "\"protocol\":\"ccx\"},\"call_id\":\"300\",\"message\":\"CALL_CONNECTION_CLEARED_EVENT\","
                  "\"event\":\"EventAbandoned\",\"dn\":\"2005\",\"request\":null,\"code\":null,\"code2\":null,"
                  "\"reason\":null,\"duration\":5.003000,\"queue\":\"5\",\"queue_wait\":5.001000,"
                  "\"first_frame\":1,\"last_frame\":4,");
    assert_has(j, "{\"kind\":\"open_call\",\"frame\":5,");
    assert_has(j, "\"call_id\":\"301\",\"message\":\"BEGIN_CALL_EVENT\",\"event\":\"EventCallCreated\"");
    assert_has(j, "{\"kind\":\"capture_gap\",\"frame\":6,");
    assert_has(j, "\"missing_bytes\":37,\"from\":\"server\"");
    assert_has(j, "\"session_ends\":{\"count\":1,");
    /* every item has every key */
    static const char *const keys[] = { "kind", "frame", "time", "session", "call_id", "message",
                                        "event", "dn", "request", "code", "code2", "reason",
                                        "duration", "queue", "queue_wait", "first_frame",
                                        "last_frame", "response_frame", "missing_bytes", "from",
                                        "how", "messages", "text" };
    for (const char *p = strstr(j, "{\"kind\":"); p; p = strstr(p + 1, "{\"kind\":"))
        for (size_t i = 0; i < G_N_ELEMENTS(keys); i++) {
            char *k = g_strdup_printf("\"%s\":", keys[i]);
            const char *next = strstr(p + 1, "{\"kind\":");
            const char *at = strstr(p, k);
            if (!at || (next && at > next))
                g_error("an item lacks %s: %.200s", k, p);
            g_free(k);
        }
    free(j);
    ft_free(t);
}

/* Item 16: calls that rang and ended without an answer (not by the
 * caller) are listed with their frames, like failed calls. */
static void test_not_answered_listed(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    ft_msgf(t, s, 0, FT_BEGIN, 600u);
    ft_msgf(t, s, 0, FT_DELIVERED, 600u);
    ft_msgf(t, s, 0, FT_RELEASED, 600u, "2006", "2006");
    ft_msgf(t, s, 0, FT_CLEARED, 600u);
    cf_engine_finish(t->e);
    g_assert_cmpint(ft_call(t, "600", 0)->outcome, ==, CF_OUT_NOT_ANSWERED);
    char *x = render(t->e, cf_out_summary, CF_FMT_TEXT);
    assert_has(x, "Calls not answered (rang, ended otherwise): 1\n"
                  "  #2      call 600: EventRinging at 2006 #2 (CALL_DELIVERED_EVENT, CEC_NEW_CALL); "
                  "ended by CALL_CLEARED_EVENT #4 (CECX_DROP_HANDLED_OTHER); frames #1-#4\n");
    free(x);
    char *j = render(t->e, cf_out_summary, CF_FMT_JSON);
    assert_has(j, "\"not_answered_calls\":{\"count\":1,\"items\":[{\"kind\":\"not_answered_call\",\"frame\":2,");
    free(j);
    ft_free(t);
}

/* The right edge (byte offset after) of each whitespace-separated word. */
static unsigned word_ends(const char *line, size_t *ends, unsigned max)
{
    unsigned n = 0;
    for (size_t i = 0; line[i] && line[i] != '\n'; i++)
        if (line[i] != ' ' && (line[i + 1] == ' ' || line[i + 1] == '\n' || !line[i + 1]) && n < max)
            ends[n++] = i + 1;
    return n;
}

/* Item 4: a CAP call that left the queue by CallAnswered is answered; a
 * wait with no sample is no value in text and JSON alike (its maximum
 * too); a long queue name widens its column instead of shifting the
 * others. */
static void test_queues(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "callcenter", NULL);
    unsigned n;
    const cf_queue *const *q = cf_engine_queues(f.e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpstr(q[0]->id, ==, "sales@broadsoft.com");
    g_assert_cmpuint(q[0]->queued, ==, 3);
    g_assert_cmpuint(q[0]->answered, ==, 1);     /* CallAnswered */
    g_assert_cmpuint(q[0]->abandoned, ==, 1);    /* CallAbandoned */
    g_assert_cmpuint(q[0]->other, ==, 1);        /* CallTransferred */
    char *t = render(f.e, cf_out_queues, CF_FMT_TEXT);
    char **lines = g_strsplit(t, "\n", -1);
    g_assert_cmpuint(g_strv_length(lines), >=, 3);
    size_t he[16], re[16];
    unsigned nh = word_ends(lines[1], he, 16), nr = word_ends(lines[2], re, 16);
    g_assert_cmpuint(nh, ==, 13);
    g_assert_cmpuint(nr, ==, 13);
    for (unsigned i = 2; i < nh; i++)   /* numbers right-aligned under their headers */
        g_assert_cmpuint(he[i], ==, re[i]);
    assert_has(lines[2], " sales@broadsoft.com ");
    assert_has(lines[3], "sales@broadsoft.com: 2 of its 3 calls were already in it when first seen");
    g_strfreev(lines);
    free(t);
    const cf_call *c = NULL;
    const cf_call *const *all = cf_engine_emitted(f.e, &n);
    for (unsigned i = 0; i < n; i++)
        if (cf_call_has_id(all[i], "sales@broadsoft.com/localHost220335:0"))
            c = all[i];
    g_assert_nonnull(c);
    g_assert_cmpint(c->outcome, ==, CF_OUT_ANSWERED);
    char *ct = call_text(f.e, c);
    assert_has(ct, " · answered\n");
    /* it was in the queue before the Initial update named it */
    assert_has(ct, "queue sales@broadsoft.com since before 11:06:47.000, answered after at least 14.000 s");
    g_free(ct);
    capfeed_free(&f);

    /* one answered CCX call: no abandon wait, null and "-" both */
    ft *x = ft_new(NULL, NULL);
    uint32_t s = ft_session(x, "10.0.0.2:50000");
    ft_msgf(x, s, 0, FT_BEGIN, 500u);
    ft_msgf(x, s, 0, FT_QUEUED, 500u);
    ft_msgf(x, s, 0, FT_DELIVERED, 500u);
    ft_msgf(x, s, 0, FT_ESTABLISHED, 500u);
    ft_msgf(x, s, 0, FT_RELEASED, 500u, "2005", "2005");
    ft_msgf(x, s, 0, FT_CLEARED, 500u);
    cf_engine_finish(x->e);
    char *j = render(x->e, cf_out_queues, CF_FMT_JSON);
    assert_has(j, "\"abandon_wait_avg\":null,\"abandon_wait_max\":null");
    assert_has(j, "\"answer_wait_avg\":0.002000,\"answer_wait_max\":0.002000");
    free(j);
    t = render(x->e, cf_out_queues, CF_FMT_TEXT);
    assert_has(t, "    0.002    0.002      0.002      0.002           -           -\n");
    free(t);
    ft_free(x);
}

/* Item 7: a call with a capture gap on its connection while it lasted
 * says so in text, JSON ("gaps") and CSV; a gap outside it does not touch
 * it; a party whose kind no message gave is shown "unknown". */
static void test_gaps(void)
{
    ft *t = ft_new(NULL, NULL);
    uint32_t s = ft_session(t, "10.0.0.2:50000");
    cf_engine_gap(t->e, s, 1, t->ts, 10, 0);            /* before both calls */
    t->frame = 1;
    ft_msgf(t, s, 0, FT_BEGIN, 800u);                          /* #2 */
    ft_msgf(t, s, 0, FT_DELIVERED, 800u);                      /* #3 */
    t->frame++;                                          /* #4: the gap */
    cf_engine_gap(t->e, s, t->frame, t->ts + 500, 37, 0);
    ft_msgf(t, s, 0, FT_ESTABLISHED, 800u);                    /* #5 */
    ft_msgf(t, s, 0, FT_RELEASED, 800u, "2005", "2005");
    ft_msgf(t, s, 0, FT_CLEARED, 800u);                        /* #7 */
    t->ts += 10000 * MS;                                 /* emitted, quiet */
    ft_msgf(t, s, 0, "CALL_DELIVERED_EVENT CallID=%u AlertingDeviceType=DEVID_NONE LocalConnectionState=LCS_ALERTING "
                  "EventCause=CEC_NEW_CALL ConnectionDeviceID=5550000 AlertingDeviceID=5550000", 801u);
    cf_engine_finish(t->e);
    const cf_call *c = ft_call(t, "800", 0);
    g_assert_cmpuint(c->n_gaps, ==, 1);
    g_assert_cmpuint(c->gaps[0].frame, ==, 4);
    char *x = call_text(t->e, c);
    assert_has(x, " · answered, capture gap: events may be missing\n");
    assert_has(x, "  capture gap on its connection: #4 37 bytes from the server missing; "
                  "what this call says may lack events\n");
    g_free(x);
    GString *j = g_string_new(NULL);
    cf_call_json(j, t->e, c);
    assert_has(j->str, ",\"gaps\":[{\"frame\":4,\"time\":\"");
    assert_has(j->str, "\"missing_bytes\":37,\"from\":\"server\",\"session\":\"10.0.0.2:50000\"}],"
                       "\"gaps_total\":1,");
    g_string_truncate(j, 0);
    cf_call_csv(j, t->e, c);
    g_assert_true(g_str_has_suffix(j->str, ",4\r\n"));
    g_string_free(j, TRUE);
    /* the other call: no begin in the capture, after the gaps: the last
     * gap before it may have taken its begin */
    const cf_call *o = ft_call(t, "801", 0);
    g_assert_false(o->begin_seen);
    g_assert_cmpuint(o->n_gaps, ==, 1);
    g_assert_cmpuint(o->gaps[0].frame, ==, 4);
    x = call_text(t->e, o);
    assert_has(x, "  is               unknown\n");   /* its DeviceType: DEVID_NONE */
    g_free(x);
    char *sm = notes_text(t->e, CF_NOTE_GAP);
    assert_has(sm, "37 bytes from the server missing (known at #4); calls it may have taken events of: 800, 801\n");
    assert_lacks(sm, "10 bytes from the server missing (known at #1); calls");
    g_free(sm);
    ft_free(t);
}

/* Found as a new user (cap-attendant): an attendant console's callUpdate
 * of a user it monitors is that user's call, as --brief says
 * ("monitored=joe@abc.com"), not the console's. */
static void test_attendant_monitored(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "attendant", NULL);
    unsigned n;
    const cf_call *const *all = cf_engine_emitted(f.e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpstr(all[0]->ids[0], ==, "joe@abc.com/localHost221957:0");
    g_assert_cmpint(cf_call_party(all[0], "joe@abc.com"), >=, 0);
    g_assert_cmpint(cf_call_party(all[0], "ac@abc.com"), <, 0);
    capfeed_free(&f);
}

/* Found as a new user (cap-interaction2): after an XferConsult the user's
 * calls are detached, the call goes on between the two remote parties:
 * they are not "released", they keep the state the capture last gave. */
static void test_detached_parties(void)
{
    capfeed f;
    capfeed_init(&f);
    capfeed_flow(&f, "interaction2", NULL);
    unsigned n;
    const cf_call *const *all = cf_engine_emitted(f.e, &n);
    const cf_call *c = NULL;
    for (unsigned i = 0; i < n; i++)
        if (!strcmp(all[i]->ids[0], "joe@abc.com/localHost220391:0"))
            c = all[i];
    g_assert_nonnull(c);
    g_assert_cmpint(c->end, ==, CF_END_ASSOC);
    g_assert_cmpint(c->party[cf_call_party(c, "2403645132")].state, ==, CF_PS_CONNECTED);
    g_assert_cmpint(c->party[cf_call_party(c, "3015554000")].state, ==, CF_PS_CONNECTED);
    g_assert_cmpint(c->party[cf_call_party(c, "joe@abc.com")].state, ==, CF_PS_TRANSFERRED);
    capfeed_free(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flow/triage/close-confirmation", test_close_confirmation);
    g_test_add_func("/flow/triage/cap-failed-request", test_cap_failed_request);
    g_test_add_func("/flow/triage/message-count", test_message_count);
    g_test_add_func("/flow/triage/duration-rounding", test_duration_rounding);
    g_test_add_func("/flow/triage/queues", test_queues);
    g_test_add_func("/flow/triage/gaps", test_gaps);
    g_test_add_func("/flow/triage/unanswered-requests", test_unanswered_requests);
    g_test_add_func("/flow/triage/summary-json-facts", test_summary_json_facts);
    g_test_add_func("/flow/triage/not-answered-listed", test_not_answered_listed);
    g_test_add_func("/flow/triage/attendant-monitored", test_attendant_monitored);
    g_test_add_func("/flow/triage/detached-parties", test_detached_parties);
    return g_test_run();
}
